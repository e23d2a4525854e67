import { Controller, Get, Header, HttpCode, Param, Post, Req, Res, UploadedFiles, UseFilters, UseInterceptors } from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { CurrentActor, Roles } from '@lw/auth';
import { DomainValidationError, type Actor } from '@lw/domain';
import { Returns, ReturnsFile, ValidBody, ValidQuery } from '@lw/runtime';
import type { TipChannel } from '../domain';
import { EVIDENCE_POLICY } from '../domain/evidence-policy';
import { DecideReveal, RequestReveal, RevealReporter } from '../application/reporter-reveal.commands';
import { SubmitTip } from '../application/tip-submission.commands';
import {
  AcceptTip,
  AcknowledgeTip,
  AddCheckNote,
  AddCheckTask,
  AssignTip,
  CloseTip,
  CompleteCheckTask,
  ConcludeTip,
  EraseReporter,
  ExtendTip,
  MessageReporter,
  NotAcceptTip,
  TransferTip,
} from '../application/tip.commands';
import { RevealRequests, TipAccessOf, TipDetail, TipEvidenceFile, TipInbox, TipLedgerWorkbook, TipStatistics } from '../application/tip.queries';
import { submissionOf, tipFromRequest, type UploadedFile } from './tip-request';
import { Refusals } from './refusals';
import { UploadErrorFilter } from './upload-error.filter';
import { REVEAL_LABELS, revealRefusalSchema, revealRequestSchema, revealSchema } from './reveal.schemas';
import * as s from './tip.schemas';
import * as v from './tip-views.schemas';

/** How far back a clerk may date a registration (a letter entered after it arrived). */
const MAX_BACKDATE_DAYS = 30;

/** Roles that may read something of the tips; how much of each tip is the access policy's answer (tip-visibility.ts). */
const READERS = ['discipline', 'org_dept', 'township'] as const;

/** Where the audit row of a request on one tip names it. */
interface AuditedRequest {
  auditTarget?: string;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The slice of the HTTP response a download writes. */
type Download = { setHeader(k: string, v: string): void; end(b: Buffer): void };

/** Bodies that may be left out altogether (a step with nothing to say but, perhaps, the version). */
const orEmpty = (body: unknown) => body ?? {};

/**
 * Staff endpoints (/tipline/tips…). Handling is for the discipline role. Every read goes through the
 * access policy: by default discipline sees content in its subtree (a township unit's discipline
 * staff included); the township committee, which supervises the accused, and org_dept see figures
 * only. The reporter's identity takes a reasoned request, a second
 * official's approval, and then a reveal by the requester, each recorded before anything is decrypted.
 */
@Controller('tips')
@ApiTags('举报办理')
@Refusals({ 404: '该举报不存在或不在您的管辖范围内', 409: '举报已被他人办理（版本已变化），请刷新后重试', 422: '不符合办理规则（中文说明）' })
export class StaffTipsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** What the actor may see and do on the tip-line, from the access policy (the console shapes its pages by it). */
  @Get('access')
  @Roles(...READERS)
  @ApiOperation({ summary: '本人的举报知悉范围（列表范围、统计、能否参与查看举报人审批）' })
  @Returns(v.tipAccessView)
  access(@CurrentActor() actor: Actor) {
    return this.queries.execute(new TipAccessOf(actor));
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: '举报收件箱（按知悉范围：纪委见本辖区，乡镇只见交本单位承办的，组织部只看统计）' })
  @Returns(v.inboxView)
  inbox(@CurrentActor() actor: Actor, @ValidQuery(s.inboxQuerySchema) q: z.infer<typeof s.inboxQuerySchema>) {
    return this.queries.execute(new TipInbox(actor, q));
  }

  @Get('export.xlsx')
  @Roles(...READERS)
  @ApiOperation({ summary: '导出举报台账（不含举报人信息）' })
  @ReturnsFile(XLSX, '信访举报台账（Excel）')
  async export(@CurrentActor() actor: Actor, @ValidQuery(s.inboxQuerySchema) q: z.infer<typeof s.inboxQuerySchema>, @Res() res: Download) {
    const { limit: _l, offset: _o, ...criteria } = q;
    const book = await this.queries.execute(new TipLedgerWorkbook(actor, criteria));
    res.setHeader('Content-Type', XLSX);
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent('信访举报台账.xlsx')}`);
    res.end(book);
  }

  @Get('statistics')
  @Roles(...READERS)
  @ApiOperation({ summary: '按乡镇/月份/类别统计' })
  @Returns(v.statisticsView)
  statistics(@CurrentActor() actor: Actor, @ValidQuery(s.statsQuerySchema, { from: '起始日期', to: '截止日期' }) q: z.infer<typeof s.statsQuerySchema>) {
    return this.queries.execute(new TipStatistics(actor, q));
  }

  /** Clerk registration of a phone call, letter, visit, informant report or transfer from above. */
  @Post()
  @Roles('discipline', 'township')
  @HttpCode(201)
  @ApiOperation({ summary: '登记电话、来信、来访、民情直报员、上级转办的举报（JSON，或 multipart：tip 字段为 JSON，evidence 为文件）' })
  @ApiConsumes('application/json', 'multipart/form-data')
  @Returns(v.submittedTipView)
  @UseFilters(UploadErrorFilter)
  @UseInterceptors(FilesInterceptor('evidence', EVIDENCE_POLICY.maxFiles, { limits: { fileSize: EVIDENCE_POLICY.maxFileBytes, fields: 20 }, defParamCharset: 'utf8' }))
  async register(
    @CurrentActor() actor: Actor,
    @ValidBody(s.clerkTipSchema, s.TIP_FIELD_LABELS, { from: tipFromRequest }) input: z.infer<typeof s.clerkTipSchema>,
    @UploadedFiles() files: UploadedFile[] = [],
  ) {
    const receivedAt = input.receivedAt ? new Date(input.receivedAt) : undefined;
    if (receivedAt && (receivedAt.getTime() > Date.now() || receivedAt.getTime() < Date.now() - MAX_BACKDATE_DAYS * 86_400_000)) {
      throw new DomainValidationError('tip.received_at', `收到时间不能晚于现在，也不能早于 ${MAX_BACKDATE_DAYS} 天前`, 'receivedAt out of range');
    }
    const submission = {
      ...submissionOf(input, files),
      channel: input.channel as TipChannel,
      origin: input.transferredFrom ? { transferredFrom: input.transferredFrom } : null,
      issueReceipt: true,
      receivedAt,
    };
    return this.commands.execute(new SubmitTip(submission, actor));
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({ summary: '举报详情（内容仅纪委及承办单位可见）' })
  @Returns(v.tipDetailView)
  detail(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.queries.execute(new TipDetail(id, actor));
  }

  @Get(':id/evidence/:sha256')
  @Roles(...READERS)
  @ApiOperation({ summary: '下载证据文件（可见内容者）' })
  @ReturnsFile('application/octet-stream', '证据文件（按上传时的文件类型）')
  async evidence(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('sha256') sha: string, @Res() res: Download) {
    const { file, bytes } = await this.queries.execute(new TipEvidenceFile(id, sha, actor));
    res.setHeader('Content-Type', file.mediaType);
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.end(bytes);
  }

  @Post(':id/acknowledge')
  @Roles('discipline')
  @HttpCode(200)
  @ApiOperation({ summary: '确认收悉（选举期间第一时间）' })
  @Returns(v.tipSummaryView)
  acknowledge(@CurrentActor() a: Actor, @Param('id') id: string) {
    return this.commands.execute(new AcknowledgeTip(id, a));
  }

  @Post(':id/accept')
  @Roles('discipline')
  @HttpCode(200)
  @ApiOperation({ summary: '受理' })
  @Returns(v.tipSummaryView)
  accept(@CurrentActor() a: Actor, @Param('id') id: string, @ValidBody(s.versionSchema, {}, { from: orEmpty }) { expectedVersion }: z.infer<typeof s.versionSchema>) {
    return this.commands.execute(new AcceptTip(id, a, expectedVersion));
  }

  @Post(':id/not-accept')
  @Roles('discipline')
  @HttpCode(200)
  @ApiOperation({ summary: '不予受理（须写明理由）' })
  @Returns(v.tipSummaryView)
  notAccept(@CurrentActor() a: Actor, @Param('id') id: string, @ValidBody(s.reasonSchema, { reason: '不予受理理由' }) b: z.infer<typeof s.reasonSchema>) {
    return this.commands.execute(new NotAcceptTip(id, a, b.reason, b.expectedVersion));
  }

  @Post(':id/transfer')
  @Roles('discipline')
  @HttpCode(200)
  @ApiOperation({ summary: '转办' })
  @Returns(v.tipSummaryView)
  transfer(@CurrentActor() a: Actor, @Param('id') id: string, @ValidBody(s.transferSchema, { to: '转办单位', reason: '转办理由' }) b: z.infer<typeof s.transferSchema>) {
    return this.commands.execute(new TransferTip(id, a, b.to, b.reason, b.expectedVersion));
  }

  @Post(':id/assign')
  @Roles('discipline')
  @HttpCode(200)
  @ApiOperation({ summary: '交办承办单位（不填则按被举报人层级与属地自动确定）' })
  @Returns(v.tipSummaryView)
  assign(@CurrentActor() a: Actor, @Param('id') id: string, @ValidBody(s.assignSchema, { unitCode: '承办单位' }, { from: orEmpty }) b: z.infer<typeof s.assignSchema>) {
    return this.commands.execute(new AssignTip(id, a, b.unitCode ?? null, b.expectedVersion));
  }

  @Post(':id/notes')
  @Roles('discipline')
  @HttpCode(201)
  @ApiOperation({ summary: '添加初步核实记录' })
  @Returns(v.tipSummaryView)
  note(@CurrentActor() a: Actor, @Param('id') id: string, @ValidBody(s.noteSchema, { text: '核实记录' }) { text }: z.infer<typeof s.noteSchema>) {
    return this.commands.execute(new AddCheckNote(id, a, text));
  }

  @Post(':id/tasks')
  @Roles('discipline')
  @HttpCode(201)
  @ApiOperation({ summary: '添加核实任务' })
  @Returns(v.tipSummaryView)
  task(@CurrentActor() a: Actor, @Param('id') id: string, @ValidBody(s.taskSchema, { title: '任务内容', dueOn: '完成期限' }) b: z.infer<typeof s.taskSchema>) {
    return this.commands.execute(new AddCheckTask(id, a, b.title, b.dueOn ?? null));
  }

  @Post(':id/tasks/:taskId/complete')
  @Roles('discipline')
  @HttpCode(200)
  @ApiOperation({ summary: '完成核实任务' })
  @Returns(v.tipSummaryView)
  completeTask(@CurrentActor() a: Actor, @Param('id') id: string, @Param('taskId') taskId: string) {
    return this.commands.execute(new CompleteCheckTask(id, a, taskId));
  }

  @Post(':id/extend')
  @Roles('discipline')
  @HttpCode(200)
  @ApiOperation({ summary: '延长办结期限（仅一次）' })
  @Returns(v.tipSummaryView)
  extend(@CurrentActor() a: Actor, @Param('id') id: string, @ValidBody(s.reasonSchema, { reason: '延期理由' }) b: z.infer<typeof s.reasonSchema>) {
    return this.commands.execute(new ExtendTip(id, a, b.reason, b.expectedVersion));
  }

  @Post(':id/conclude')
  @Roles('discipline')
  @HttpCode(200)
  @ApiOperation({ summary: '办结（属实/部分属实/不属实/无法查实，可认定诬告）' })
  @Returns(v.tipSummaryView)
  conclude(@CurrentActor() a: Actor, @Param('id') id: string, @ValidBody(s.concludeSchema, { finding: '核实结论', summary: '办理结果' }) b: z.infer<typeof s.concludeSchema>) {
    return this.commands.execute(new ConcludeTip(id, a, b, b.expectedVersion));
  }

  @Post(':id/messages')
  @Roles('discipline')
  @HttpCode(201)
  @ApiOperation({ summary: '向举报人留言或反馈结果（举报人凭查询码查看）' })
  @Returns(v.tipSummaryView)
  message(@CurrentActor() a: Actor, @Param('id') id: string, @ValidBody(s.messageSchema, { kind: '留言类型', text: '留言内容' }) b: z.infer<typeof s.messageSchema>) {
    return this.commands.execute(new MessageReporter(id, a, b.kind, b.text));
  }

  @Post(':id/close')
  @Roles('discipline')
  @HttpCode(200)
  @ApiOperation({ summary: '结案' })
  @Returns(v.tipSummaryView)
  close(@CurrentActor() a: Actor, @Param('id') id: string, @ValidBody(s.versionSchema, {}, { from: orEmpty }) { expectedVersion }: z.infer<typeof s.versionSchema>) {
    return this.commands.execute(new CloseTip(id, a, expectedVersion));
  }

  /** The reveal requests of a tip, with what the actor may do to each (officials who take part in reveals). */
  @Get(':id/reporter/requests')
  @Roles('discipline')
  @ApiOperation({ summary: '查看举报人身份的申请及审批情况' })
  @Returns(v.revealRequestsView)
  async revealRequests(@CurrentActor() a: Actor, @Param('id') id: string) {
    return { requests: await this.queries.execute(new RevealRequests(id, a)) };
  }

  /** Asks to see the reporter, with a reason: a second official must approve before anything is shown. */
  @Post(':id/reporter/requests')
  @Roles('discipline')
  @HttpCode(201)
  @ApiOperation({ summary: '申请查看举报人身份（须写明事由，经另一名纪检人员审批）' })
  @Returns(v.revealRequestView)
  requestReveal(
    @CurrentActor() a: Actor,
    @Param('id') id: string,
    @ValidBody(revealRequestSchema, REVEAL_LABELS) { reason }: z.infer<typeof revealRequestSchema>,
    @Req() req: AuditedRequest,
  ) {
    req.auditTarget = id;
    return this.commands.execute(new RequestReveal(id, a, reason));
  }

  @Post(':id/reporter/requests/:requestId/approve')
  @Roles('discipline')
  @HttpCode(200)
  @ApiOperation({ summary: '批准查看申请（不能审批本人的申请）' })
  @Returns(v.revealRequestView)
  approveReveal(@CurrentActor() a: Actor, @Param('id') id: string, @Param('requestId') requestId: string, @Req() req: AuditedRequest) {
    req.auditTarget = id;
    return this.commands.execute(new DecideReveal(id, requestId, a, { approve: true }));
  }

  @Post(':id/reporter/requests/:requestId/refuse')
  @Roles('discipline')
  @HttpCode(200)
  @ApiOperation({ summary: '拒绝查看申请' })
  @Returns(v.revealRequestView)
  refuseReveal(
    @CurrentActor() a: Actor,
    @Param('id') id: string,
    @Param('requestId') requestId: string,
    @ValidBody(revealRefusalSchema, { reason: '拒绝理由' }, { from: orEmpty }) { reason }: z.infer<typeof revealRefusalSchema>,
    @Req() req: AuditedRequest,
  ) {
    req.auditTarget = id;
    return this.commands.execute(new DecideReveal(id, requestId, a, { approve: false, reason: reason ?? null }));
  }

  /**
   * The reporter's identity: only the requester of an approved request, within its window, once;
   * the read is recorded (who, when, why, approved by whom) before it is decrypted. Never cached.
   */
  @Post(':id/reporter')
  @Roles('discipline')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: '凭已批准的申请查看举报人身份（仅申请人、限时一次，全程留痕）' })
  @Returns(v.reporterIdentityView)
  reporter(
    @CurrentActor() a: Actor,
    @Param('id') id: string,
    @ValidBody(revealSchema, REVEAL_LABELS, { from: orEmpty }) { requestId }: z.infer<typeof revealSchema>,
    @Req() req: AuditedRequest,
  ) {
    req.auditTarget = id;
    return this.commands.execute(new RevealReporter(id, a, requestId ?? null));
  }

  /**
   * Crypto-shredding of the reporter's identity. `irreversible` is false while a step after the commit
   * (key-ring rotation, deleting plaintext evidence of older versions) has yet to succeed; it is retried.
   */
  @Post(':id/reporter/erase')
  @Roles('discipline')
  @HttpCode(200)
  @ApiOperation({ summary: '销毁举报人身份信息（不可恢复）' })
  @Returns(v.erasureView)
  erase(@CurrentActor() a: Actor, @Param('id') id: string, @ValidBody(s.reasonSchema, { reason: '销毁事由' }) { reason }: z.infer<typeof s.reasonSchema>, @Req() req: AuditedRequest) {
    req.auditTarget = id;
    return this.commands.execute(new EraseReporter(id, a, reason));
  }
}
