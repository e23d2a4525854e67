import { BadRequestException, Body, Controller, Get, HttpCode, Param, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { randomUUID } from 'crypto';
import { CurrentActor, Roles } from '@lw/auth';
import { DomainNotFoundError, shanghaiDateOf, type Actor, type LocalDate } from '@lw/domain';
import { parseInput } from '@lw/runtime';
import { importRoster } from '../application/roster/roster-import';
import * as pd from '../domain/roster/person-decisions';
import { basicSituation, type Body as RosterBody } from '../domain/roster';
import { MAX_SHEET_BYTES, readSheet } from '../infrastructure/import';
import { looksLikeRosterHeader } from '../domain/roster';
import { basicSituationWorkbook } from '../infrastructure/roster/basic-situation-workbook';
import { Roster } from '../infrastructure/roster/roster-runtime';
import { personView, villageRosterView } from '../infrastructure/roster/roster-views';
import * as s from './roster.schemas';

const READERS = ['org_dept', 'township', 'discipline'] as const;
const WRITERS = ['org_dept', 'township'] as const;

interface UploadedSheet {
  originalname: string;
  buffer: Buffer;
}

type Reply = { status(code: number): unknown; setHeader(k: string, v: string): void; end(b: Buffer): void };

/** The roster (两委花名册, /vetting/roster/…): import, persons and their facts, holdings, the basic situation. */
@Controller('roster')
export class RosterController {
  constructor(private readonly roster: Roster) {}

  private get hierarchy() {
    return this.roster.kernel.platform.hierarchy;
  }

  private inside(actor: Actor, code: string, what = '该村（社区）'): void {
    if (!this.hierarchy.isInside(code, actor.node)) {
      throw new DomainNotFoundError('roster.not_found', `${what}不存在或不在您的管辖范围内`, `${code} outside ${actor.node}`);
    }
  }

  /** Multipart: `file` (xlsx or csv), `mode`, `dryRun`, `date`. 422 with every bad row when all_or_nothing refuses. */
  @Post('import')
  @Roles(...WRITERS)
  @HttpCode(200)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_SHEET_BYTES, fields: 10, files: 1 }, defParamCharset: 'utf8' }))
  async import(@CurrentActor() actor: Actor, @Body() body: unknown, @UploadedFile() file: UploadedSheet | undefined, @Res({ passthrough: true }) res: Reply) {
    const fields = parseInput(s.importFieldsSchema, body ?? {}, s.ROSTER_FIELD_LABELS);
    if (!file) throw new BadRequestException({ statusCode: 400, code: 'validation', message: '请上传花名册文件（表单字段 file，Excel .xlsx 或 CSV）' });
    const sheet = await readSheet(file.buffer, file.originalname || '花名册', { isHeader: looksLikeRosterHeader });
    const villages = new Map(this.hierarchy.descendants(actor.node, { level: 'village' }).map((v) => [v.code, [v.shortName, v.name]] as const));
    const node = this.hierarchy.get(actor.node);
    if (node?.level === 'village') villages.set(node.code, [node.shortName, node.name]);
    const result = await importRoster(this.roster.commands, {
      sheet,
      mode: fields.mode,
      dryRun: fields.dryRun,
      date: fields.date ?? shanghaiDateOf(new Date()),
      villages,
      actor,
    });
    if (!result.written && fields.mode === 'all_or_nothing' && result.refused.length) {
      res.status(422);
      return { statusCode: 422, code: 'roster.import_refused', ...result };
    }
    return result;
  }

  @Get('persons/:id')
  @Roles(...READERS)
  async person(@CurrentActor() actor: Actor, @Param('id') id: string) {
    const view = await personView(this.roster.queries, id);
    if (!view || !view.villages.some((v) => this.hierarchy.isInside(v, actor.node))) {
      throw new DomainNotFoundError('roster.person_not_found', '该人员不存在或不在您的管辖范围内', `person ${id} unknown or outside ${actor.node}`);
    }
    return view;
  }

  @Get('villages/:code')
  @Roles(...READERS)
  async village(@CurrentActor() actor: Actor, @Param('code') code: string, @Query() query: unknown) {
    const q = parseInput(s.rosterDateSchema, query, s.ROSTER_FIELD_LABELS);
    this.inside(actor, code);
    return villageRosterView(this.roster.queries, code, q.date ?? shanghaiDateOf(new Date()));
  }

  @Post('persons/:id/records')
  @Roles(...WRITERS)
  @HttpCode(201)
  async addRecord(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: unknown) {
    const r = parseInput(s.recordSchema, body, s.ROSTER_FIELD_LABELS);
    const recordId = r.recordId ?? randomUUID();
    const today = this.roster.commands.today();
    await this.roster.commands.onPerson(id, actor, (st) => pd.addRecord(st, { recordId, text: r.kind, date: r.date, endsOn: r.endsOn ?? null, source: r.source ?? null }, today));
    const view = await personView(this.roster.queries, id);
    return { personId: id, record: view?.records.find((x) => x.recordId === recordId) ?? { recordId } };
  }

  @Post('persons/:id/records/:rid/end')
  @Roles(...WRITERS)
  @HttpCode(200)
  async endRecord(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('rid') rid: string, @Body() body: unknown) {
    const r = parseInput(s.endRecordSchema, body, s.ROSTER_FIELD_LABELS);
    await this.roster.commands.onPerson(id, actor, (st) => pd.endRecord(st, rid, r.endsOn, r.reason ?? null));
    return { personId: id, recordId: rid, endsOn: r.endsOn };
  }

  @Post('persons/:id/appraisals')
  @Roles(...WRITERS)
  @HttpCode(201)
  async appraisal(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: unknown) {
    const a = parseInput(s.appraisalSchema, body, s.ROSTER_FIELD_LABELS);
    const today = this.roster.commands.today();
    await this.roster.commands.onPerson(id, actor, (st) => pd.recordAppraisal(st, a.year, a.grade, today));
    return { personId: id, ...a };
  }

  @Post('persons/:id/relatives')
  @Roles(...WRITERS)
  @HttpCode(201)
  async relative(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: unknown) {
    const r = parseInput(s.relativeSchema, body, s.ROSTER_FIELD_LABELS);
    await this.roster.commands.onPerson(id, actor, (st, others) => pd.linkRelative(st, others.get(r.relativeId)!, r.kind), [r.relativeId]);
    return { personId: id, ...r };
  }

  @Post('persons/:id/roles')
  @Roles(...WRITERS)
  @HttpCode(201)
  async role(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: unknown) {
    const r = parseInput(s.roleSchema, body, s.ROSTER_FIELD_LABELS);
    this.inside(actor, r.villageCode);
    const today = this.roster.commands.today();
    await this.roster.commands.onPerson(id, actor, (st) => pd.assignRole(st, { role: r.role, villageCode: r.villageCode, since: r.since, until: r.until ?? null }, today));
    return { personId: id, ...r };
  }

  @Post('persons/:id/investigations')
  @Roles(...WRITERS)
  @HttpCode(201)
  async openInvestigation(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: unknown) {
    const i = parseInput(s.investigationSchema, body, s.ROSTER_FIELD_LABELS);
    const investigationId = i.investigationId ?? randomUUID();
    const today = this.roster.commands.today();
    await this.roster.commands.onPerson(id, actor, (st) => pd.openInvestigation(st, { investigationId, since: i.since, source: i.source ?? null }, today));
    return { personId: id, investigationId, since: i.since };
  }

  @Post('persons/:id/investigations/:iid/close')
  @Roles(...WRITERS)
  @HttpCode(200)
  async closeInvestigation(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('iid') iid: string, @Body() body: unknown) {
    const c = parseInput(s.closeInvestigationSchema, body, s.ROSTER_FIELD_LABELS);
    const today = this.roster.commands.today();
    await this.roster.commands.onPerson(id, actor, (st) => pd.closeInvestigation(st, iid, c.closedOn, c.conclusion ?? null, today));
    return { personId: id, investigationId: iid, closedOn: c.closedOn };
  }

  /** 离任: ends one post of one person in a village from `on`. */
  @Post('villages/:code/holdings/end')
  @Roles(...WRITERS)
  @HttpCode(200)
  async endHolding(@CurrentActor() actor: Actor, @Param('code') code: string, @Body() body: unknown) {
    const h = parseInput(s.endHoldingSchema, body, s.ROSTER_FIELD_LABELS);
    this.inside(actor, code);
    await this.roster.commands.endHolding({ villageCode: code, personId: h.personId, body: h.body as RosterBody, post: h.post, on: h.on }, actor);
    return { villageCode: code, ...h };
  }

  private async situation(actor: Actor, query: unknown) {
    const q = parseInput(s.basicSituationSchema, query, s.ROSTER_FIELD_LABELS);
    this.inside(actor, q.scope, '统计范围');
    const { persons, holdings } = await this.roster.port.snapshot(q.scope, q.date);
    const figures = basicSituation(holdings, persons, { date: q.date, lastElectionDate: q.lastElectionDate, scopePrefix: this.hierarchy.get(q.scope)!.code });
    return { q, figures };
  }

  @Get('basic-situation')
  @Roles(...READERS)
  async basicSituation(@CurrentActor() actor: Actor, @Query() query: unknown) {
    const { q, figures } = await this.situation(actor, query);
    return { ...figures, scopeName: this.hierarchy.get(q.scope)!.name, lastElectionDate: q.lastElectionDate };
  }

  @Get('basic-situation.xlsx')
  @Roles(...READERS)
  async basicSituationXlsx(@CurrentActor() actor: Actor, @Query() query: unknown, @Res() res: Reply) {
    const { q, figures } = await this.situation(actor, query);
    const name = this.hierarchy.get(q.scope)!.name;
    const book = await basicSituationWorkbook(figures, name, q.lastElectionDate as LocalDate);
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${name}两委基本情况-${q.date}.xlsx`)}`);
    res.end(book);
  }
}
