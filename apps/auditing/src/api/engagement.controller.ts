import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CurrentActor, Roles } from '@lw/auth';
import { DomainValidationError, parseLocalDate, type Actor } from '@lw/domain';
import { parseInput } from '@lw/runtime';
import type { FindingContent } from '../domain/engagement';
import { AmendFinding, ConcludeAudit, OpenEngagement, PublishAudit, RecordFinding, StartFieldwork, SubmitDraft } from '../application/engagement.commands';
import { AuditReport, EngagementDetail, ListEngagements } from '../application/engagement.queries';
import { download, type Download } from './download';
import * as s from './auditing.schemas';

/** Roles that follow audits in their subtree without writing. */
export const READERS = ['auditor', 'org_dept', 'discipline', 'township'] as const;

function dateOf(value: string, label: string) {
  try {
    return parseLocalDate(value);
  } catch {
    throw new DomainValidationError('audit.date', `${label}不是有效日期`, `invalid date ${value}`);
  }
}

/** A finding as the form sends it, in the domain's shape. */
function findingOf(f: s.FindingInput): FindingContent {
  return { ...f, amount: f.amount ?? null, responsiblePersons: f.responsiblePersons.map((p) => ({ name: p.name, post: p.post ?? null })) };
}

/** Engagements (/auditing/engagements…): auditors write, the readers see their subtree. */
@Controller('engagements')
export class EngagementController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** A 三资 audit opened by hand (outgoing audits are planned by the election). */
  @Post()
  @Roles('auditor')
  @HttpCode(201)
  open(@CurrentActor() actor: Actor, @Body() body: unknown) {
    const input = parseInput(s.openEngagementSchema, body, s.FIELD_LABELS);
    return this.commands.execute(
      new OpenEngagement(actor, {
        villageCode: input.villageCode,
        persons: input.persons.map((p) => ({ personId: null, name: p.name, post: p.post ?? null })),
        periodFrom: dateOf(input.periodFrom, '审计期间起'),
        periodTo: dateOf(input.periodTo, '审计期间止'),
        auditors: input.auditors,
      }),
    );
  }

  @Get()
  @Roles(...READERS)
  list(@CurrentActor() actor: Actor, @Query() query: unknown) {
    return this.queries.execute(new ListEngagements(actor, parseInput(s.listQuerySchema, query)));
  }

  @Get(':id')
  @Roles(...READERS)
  detail(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.queries.execute(new EngagementDetail(id, actor));
  }

  @Get(':id/report.docx')
  @Roles(...READERS)
  async report(@CurrentActor() actor: Actor, @Param('id') id: string, @Res() res: Download) {
    download(res, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', await this.queries.execute(new AuditReport(id, actor)));
  }

  @Post(':id/fieldwork')
  @Roles('auditor')
  @HttpCode(200)
  fieldwork(@CurrentActor() a: Actor, @Param('id') id: string, @Body() body: unknown) {
    const r = parseInput(s.fieldworkSchema, body ?? {});
    return this.commands.execute(new StartFieldwork(id, a, r.auditors ?? null));
  }

  @Post(':id/draft')
  @Roles('auditor')
  @HttpCode(200)
  draft(@CurrentActor() a: Actor, @Param('id') id: string) {
    return this.commands.execute(new SubmitDraft(id, a));
  }

  @Post(':id/conclude')
  @Roles('auditor')
  @HttpCode(200)
  conclude(@CurrentActor() a: Actor, @Param('id') id: string, @Body() body: unknown) {
    const r = parseInput(s.concludeSchema, body ?? {});
    return this.commands.execute(new ConcludeAudit(id, a, r.summary ?? null));
  }

  @Post(':id/publish')
  @Roles('auditor')
  @HttpCode(200)
  publish(@CurrentActor() a: Actor, @Param('id') id: string) {
    return this.commands.execute(new PublishAudit(id, a));
  }

  @Post(':id/findings')
  @Roles('auditor')
  @HttpCode(201)
  record(@CurrentActor() a: Actor, @Param('id') id: string, @Body() body: unknown) {
    const f = parseInput(s.findingSchema, body, s.FIELD_LABELS);
    return this.commands.execute(new RecordFinding(id, a, findingOf(f)));
  }

  /** The only way a finding of a published audit changes: an amendment with a reason, by the user making it. */
  @Post(':id/findings/:fid/amendments')
  @Roles('auditor')
  @HttpCode(201)
  amend(@CurrentActor() a: Actor, @Param('id') id: string, @Param('fid') fid: string, @Body() body: unknown) {
    const { reason, ...f } = parseInput(s.amendmentSchema, body, s.FIELD_LABELS);
    return this.commands.execute(new AmendFinding(id, fid, a, findingOf(f), reason));
  }
}
