import { Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import type { z } from 'zod';
import { CurrentActor, Roles } from '@lw/auth';
import { DomainValidationError, parseLocalDate, type Actor } from '@lw/domain';
import { Returns, ReturnsFile, ValidBody, ValidQuery } from '@lw/runtime';
import type { FindingContent } from '../domain/engagement';
import { AmendFinding, ConcludeAudit, OpenEngagement, PublishAudit, RecordFinding, StartFieldwork, SubmitDraft } from '../application/engagement.commands';
import { AuditReport, EngagementDetail, ListEngagements } from '../application/engagement.queries';
import { download, type Download } from './download';
import * as s from './auditing.schemas';
import * as v from './auditing-views.schemas';

/** Roles that follow audits in their subtree without writing. */
export const READERS = ['auditor', 'org_dept', 'discipline', 'township'] as const;

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const optional = (b: unknown) => b ?? {};

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
  @Returns(v.engagementOpenedView)
  @ApiOperation({ summary: '新建三资审计项目' })
  open(@CurrentActor() actor: Actor, @ValidBody(s.openEngagementSchema, s.FIELD_LABELS) input: z.infer<typeof s.openEngagementSchema>) {
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
  @Returns(v.engagementListView)
  @ApiOperation({ summary: '审计项目列表（本辖区）' })
  list(@CurrentActor() actor: Actor, @ValidQuery(s.listQuerySchema) filter: z.infer<typeof s.listQuerySchema>) {
    return this.queries.execute(new ListEngagements(actor, filter));
  }

  @Get(':id')
  @Roles(...READERS)
  @Returns(v.engagementDetailView)
  @ApiOperation({ summary: '审计项目详情' })
  detail(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.queries.execute(new EngagementDetail(id, actor));
  }

  @Get(':id/report.docx')
  @Roles(...READERS)
  @ReturnsFile(DOCX, '审计报告（Word）')
  @ApiOperation({ summary: '下载审计报告（Word）' })
  async report(@CurrentActor() actor: Actor, @Param('id') id: string, @Res() res: Download) {
    download(res, DOCX, await this.queries.execute(new AuditReport(id, actor)));
  }

  @Post(':id/fieldwork')
  @Roles('auditor')
  @HttpCode(200)
  @Returns(v.stepResultView)
  @ApiOperation({ summary: '进场开展现场审计' })
  fieldwork(@CurrentActor() a: Actor, @Param('id') id: string, @ValidBody(s.fieldworkSchema, {}, { from: optional }) r: z.infer<typeof s.fieldworkSchema>) {
    return this.commands.execute(new StartFieldwork(id, a, r.auditors ?? null));
  }

  @Post(':id/draft')
  @Roles('auditor')
  @HttpCode(200)
  @Returns(v.stepResultView)
  @ApiOperation({ summary: '提交审计报告征求意见稿' })
  draft(@CurrentActor() a: Actor, @Param('id') id: string) {
    return this.commands.execute(new SubmitDraft(id, a));
  }

  @Post(':id/conclude')
  @Roles('auditor')
  @HttpCode(200)
  @Returns(v.stepResultView)
  @ApiOperation({ summary: '出具审计结论' })
  conclude(@CurrentActor() a: Actor, @Param('id') id: string, @ValidBody(s.concludeSchema, {}, { from: optional }) r: z.infer<typeof s.concludeSchema>) {
    return this.commands.execute(new ConcludeAudit(id, a, r.summary ?? null));
  }

  @Post(':id/publish')
  @Roles('auditor')
  @HttpCode(200)
  @Returns(v.stepResultView)
  @ApiOperation({ summary: '公示审计结果' })
  publish(@CurrentActor() a: Actor, @Param('id') id: string) {
    return this.commands.execute(new PublishAudit(id, a));
  }

  @Post(':id/findings')
  @Roles('auditor')
  @HttpCode(201)
  @Returns(v.findingRecordedView)
  @ApiOperation({ summary: '记录审计发现问题' })
  record(@CurrentActor() a: Actor, @Param('id') id: string, @ValidBody(s.findingSchema, s.FIELD_LABELS) f: s.FindingInput) {
    return this.commands.execute(new RecordFinding(id, a, findingOf(f)));
  }

  /** The only way a finding of a published audit changes: an amendment with a reason, by the user making it. */
  @Post(':id/findings/:fid/amendments')
  @Roles('auditor')
  @HttpCode(201)
  @Returns(v.findingAmendedView)
  @ApiOperation({ summary: '更正已公示的审计发现（须写明理由）' })
  amend(@CurrentActor() a: Actor, @Param('id') id: string, @Param('fid') fid: string, @ValidBody(s.amendmentSchema, s.FIELD_LABELS) body: z.infer<typeof s.amendmentSchema>) {
    const { reason, ...f } = body;
    return this.commands.execute(new AmendFinding(id, fid, a, findingOf(f), reason));
  }
}
