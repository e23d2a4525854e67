import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { CurrentActor, Roles } from '@lw/auth';
import { DomainNotFoundError, DomainValidationError, parseLocalDate, type Actor } from '@lw/domain';
import { parseInput } from '@lw/runtime';
import * as d from '../domain/engagement';
import { Auditing } from '../infrastructure/auditing-runtime';
import { auditReportDocx } from '../infrastructure/documents/audit-report.docx';
import { engagementView } from './engagement.view';
import * as s from './auditing.schemas';

/** Roles that follow audits in their subtree without writing. */
export const READERS = ['auditor', 'org_dept', 'discipline', 'township'] as const;

type Download = { setHeader(k: string, v: string): void; end(b: Buffer): void };

function dateOf(value: string, label: string) {
  try {
    return parseLocalDate(value);
  } catch {
    throw new DomainValidationError('audit.date', `${label}不是有效日期`, `invalid date ${value}`);
  }
}

/** Engagements (/auditing/engagements…): auditors write, the readers see their subtree. */
@Controller('engagements')
export class EngagementController {
  constructor(private readonly auditing: Auditing) {}

  /** A 三资 audit opened by hand (outgoing audits are planned by the election). */
  @Post()
  @Roles('auditor')
  @HttpCode(201)
  async open(@CurrentActor() actor: Actor, @Body() body: unknown) {
    const input = parseInput(s.openEngagementSchema, body, s.FIELD_LABELS);
    if (!this.auditing.isVillage(input.villageCode)) throw new DomainValidationError('audit.unknown_village', `村代码 ${input.villageCode} 不在本县范围内`, `unknown village ${input.villageCode}`);
    const c = this.auditing.commands.context();
    const events = d.planEngagement(
      {
        engagementId: `sz-${uuidv7()}`,
        kind: 'three_assets',
        villageCode: input.villageCode,
        electionId: null,
        persons: input.persons.map((p) => ({ personId: null, name: p.name, post: p.post ?? null })),
        periodFrom: dateOf(input.periodFrom, '审计期间起'),
        periodTo: dateOf(input.periodTo, '审计期间止'),
        auditors: input.auditors,
      },
      c,
    );
    const state = await this.auditing.commands.create(events, actor);
    return { engagementId: state.engagementId, status: state.status };
  }

  @Get()
  @Roles(...READERS)
  list(@CurrentActor() actor: Actor, @Query() query: unknown) {
    const q = parseInput(s.listQuerySchema, query);
    return this.auditing.queries.list({ ...q, scope: this.auditing.nodeOf(actor) });
  }

  @Get(':id')
  @Roles(...READERS)
  async detail(@CurrentActor() actor: Actor, @Param('id') id: string) {
    const { state, version } = await this.auditing.commands.view(id, actor);
    return engagementView(state, version, this.auditing);
  }

  @Get(':id/report.docx')
  @Roles(...READERS)
  async report(@CurrentActor() actor: Actor, @Param('id') id: string, @Res() res: Download) {
    const { state } = await this.auditing.commands.view(id, actor);
    const name = this.auditing.villageName(state.villageCode);
    const doc = await auditReportDocx(state, name, this.auditing.policy);
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${name}审计报告.docx`)}`);
    res.end(doc);
  }

  private step(actor: Actor, id: string, decide: (st: d.EngagementState, c: d.AuditContext) => d.EngagementEvent[]) {
    return this.auditing.commands.run(id, actor, decide).then((st) => ({ engagementId: st.engagementId, status: st.status, version: st.version, seriousOpen: d.seriousOpen(st), notice: st.notice }));
  }

  @Post(':id/fieldwork')
  @Roles('auditor')
  @HttpCode(200)
  fieldwork(@CurrentActor() a: Actor, @Param('id') id: string, @Body() body: unknown) {
    const r = parseInput(s.fieldworkSchema, body ?? {});
    return this.step(a, id, (st, c) => d.startFieldwork(st, r.auditors ?? null, c));
  }

  @Post(':id/draft')
  @Roles('auditor')
  @HttpCode(200)
  draft(@CurrentActor() a: Actor, @Param('id') id: string) {
    return this.step(a, id, (st, c) => d.submitDraft(st, c));
  }

  @Post(':id/conclude')
  @Roles('auditor')
  @HttpCode(200)
  conclude(@CurrentActor() a: Actor, @Param('id') id: string, @Body() body: unknown) {
    const r = parseInput(s.concludeSchema, body ?? {});
    return this.step(a, id, (st, c) => d.conclude(st, r.summary ?? null, c));
  }

  @Post(':id/publish')
  @Roles('auditor')
  @HttpCode(200)
  publish(@CurrentActor() a: Actor, @Param('id') id: string) {
    return this.step(a, id, (st, c) => d.publish(st, c));
  }

  @Post(':id/findings')
  @Roles('auditor')
  @HttpCode(201)
  async record(@CurrentActor() a: Actor, @Param('id') id: string, @Body() body: unknown) {
    const f = parseInput(s.findingSchema, body, s.FIELD_LABELS);
    const before = new Set<string>();
    const st = await this.auditing.commands.run(id, a, (cur, c) => {
      before.clear();
      for (const k of cur.findings.keys()) before.add(k);
      return d.recordFinding(cur, { ...f, amount: f.amount ?? null, responsiblePersons: f.responsiblePersons.map((p) => ({ name: p.name, post: p.post ?? null })) }, a.userId, c);
    });
    const finding = [...st.findings.values()].find((x) => !before.has(x.findingId))!;
    return { findingId: finding.findingId, amount: finding.amount, transferred: finding.transferId !== null, seriousOpen: d.seriousOpen(st) };
  }

  /** The only way a finding of a published audit changes: an amendment with a reason, by the user making it. */
  @Post(':id/findings/:fid/amendments')
  @Roles('auditor')
  @HttpCode(201)
  async amend(@CurrentActor() a: Actor, @Param('id') id: string, @Param('fid') fid: string, @Body() body: unknown) {
    const { reason, ...f } = parseInput(s.amendmentSchema, body, s.FIELD_LABELS);
    const st = await this.auditing.commands.run(id, a, (cur, c) =>
      d.amendFinding(cur, fid, { ...f, amount: f.amount ?? null, responsiblePersons: f.responsiblePersons.map((p) => ({ name: p.name, post: p.post ?? null })) }, reason, a.userId, c),
    );
    const finding = st.findings.get(fid);
    if (!finding) throw new DomainNotFoundError('audit.unknown_finding', '该问题不属于本审计项目', `no finding ${fid}`);
    return { findingId: fid, revisions: finding.revisions.length, seriousOpen: d.seriousOpen(st) };
  }
}
