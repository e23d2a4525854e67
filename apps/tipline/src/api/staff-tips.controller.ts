import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Req, Res, UploadedFiles, UseFilters, UseInterceptors } from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CurrentActor, Roles } from '@lw/auth';
import { DomainValidationError, type Actor } from '@lw/domain';
import { parseInput } from '@lw/runtime';
import type { TipChannel, TipSubject } from '../domain';
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
import { RevealRequests, TipAccessOf, TipDetail, TipEvidenceFile, TipInbox, TipLedger, TipStatistics } from '../application/tip.queries';
import { inboxWorkbook } from '../infrastructure/read-model/tip-export';
import { reportSentence } from '../infrastructure/read-model/tip-queries';
import { tipFromRequest, type UploadedFile } from './tip-request';
import { UploadErrorFilter } from './upload-error.filter';
import { REVEAL_LABELS, revealRefusalSchema, revealRequestSchema, revealSchema } from './reveal.schemas';
import * as s from './tip.schemas';

/** How far back a clerk may date a registration (a letter entered after it arrived). */
const MAX_BACKDATE_DAYS = 30;

/** Roles that may read something of the tips; how much of each tip is the access policy's answer (tip-visibility.ts). */
const READERS = ['discipline', 'org_dept', 'township'] as const;

/** Where the audit row of a request on one tip names it. */
interface AuditedRequest {
  auditTarget?: string;
}

/**
 * Staff endpoints (/tipline/tips…). Handling is for the discipline role. Every read goes through the
 * access policy: by default discipline sees content in its subtree (a township unit's discipline
 * staff included); the township committee, which supervises the accused, and org_dept see figures
 * only. The reporter's identity takes a reasoned request, a second
 * official's approval, and then a reveal by the requester, each recorded before anything is decrypted.
 */
@Controller('tips')
export class StaffTipsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** What the actor may see and do on the tip-line, from the access policy (the console shapes its pages by it). */
  @Get('access')
  @Roles(...READERS)
  access(@CurrentActor() actor: Actor) {
    return this.queries.execute(new TipAccessOf(actor));
  }

  @Get()
  @Roles(...READERS)
  inbox(@CurrentActor() actor: Actor, @Query() query: unknown) {
    return this.queries.execute(new TipInbox(actor, parseInput(s.inboxQuerySchema, query)));
  }

  @Get('export.xlsx')
  @Roles(...READERS)
  async export(@CurrentActor() actor: Actor, @Query() query: unknown, @Res() res: { setHeader(k: string, v: string): void; end(b: Buffer): void }) {
    const { limit: _l, offset: _o, ...criteria } = parseInput(s.inboxQuerySchema, query);
    const book = await inboxWorkbook(await this.queries.execute(new TipLedger(actor, criteria)), '信访举报台账');
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent('信访举报台账.xlsx')}`);
    res.end(book);
  }

  @Get('statistics')
  @Roles(...READERS)
  async statistics(@CurrentActor() actor: Actor, @Query() query: unknown) {
    const q = parseInput(s.statsQuerySchema, query, { from: '起始日期', to: '截止日期' });
    const { rows, total, previous } = await this.queries.execute(new TipStatistics(actor, q));
    return { from: q.from, to: q.to, by: q.by, rows, total, previous, sentence: reportSentence(total, previous) };
  }

  /** Clerk registration of a phone call, letter, visit, informant report or transfer from above. */
  @Post()
  @Roles('discipline', 'township')
  @HttpCode(201)
  @UseFilters(UploadErrorFilter)
  @UseInterceptors(FilesInterceptor('evidence', EVIDENCE_POLICY.maxFiles, { limits: { fileSize: EVIDENCE_POLICY.maxFileBytes, fields: 20 }, defParamCharset: 'utf8' }))
  async register(@CurrentActor() actor: Actor, @Body() body: unknown, @UploadedFiles() files: UploadedFile[] = []) {
    const input = parseInput(s.clerkTipSchema, tipFromRequest(body), s.TIP_FIELD_LABELS);
    const receivedAt = input.receivedAt ? new Date(input.receivedAt) : undefined;
    if (receivedAt && (receivedAt.getTime() > Date.now() || receivedAt.getTime() < Date.now() - MAX_BACKDATE_DAYS * 86_400_000)) {
      throw new DomainValidationError('tip.received_at', `收到时间不能晚于现在，也不能早于 ${MAX_BACKDATE_DAYS} 天前`, 'receivedAt out of range');
    }
    const submission = {
      channel: input.channel as TipChannel,
      category: input.category,
      subjects: input.subjects as TipSubject[],
      text: input.text,
      anonymous: input.anonymous,
      reporter: input.anonymous ? null : input.reporter!,
      files: files.map((f) => ({ fileName: f.originalname, bytes: f.buffer, declaredType: f.mimetype })),
      origin: input.transferredFrom ? { transferredFrom: input.transferredFrom } : null,
      issueReceipt: true,
      receivedAt,
    };
    return this.commands.execute(new SubmitTip(submission, actor));
  }

  @Get(':id')
  @Roles(...READERS)
  detail(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.queries.execute(new TipDetail(id, actor));
  }

  @Get(':id/evidence/:sha256')
  @Roles(...READERS)
  async evidence(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('sha256') sha: string, @Res() res: { setHeader(k: string, v: string): void; end(b: Buffer): void }) {
    const { file, bytes } = await this.queries.execute(new TipEvidenceFile(id, sha, actor));
    res.setHeader('Content-Type', file.mediaType);
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.end(bytes);
  }

  @Post(':id/acknowledge')
  @Roles('discipline')
  @HttpCode(200)
  acknowledge(@CurrentActor() a: Actor, @Param('id') id: string) {
    return this.commands.execute(new AcknowledgeTip(id, a));
  }

  @Post(':id/accept')
  @Roles('discipline')
  @HttpCode(200)
  accept(@CurrentActor() a: Actor, @Param('id') id: string, @Body() body: unknown) {
    const { expectedVersion } = parseInput(s.versionSchema, body ?? {});
    return this.commands.execute(new AcceptTip(id, a, expectedVersion));
  }

  @Post(':id/not-accept')
  @Roles('discipline')
  @HttpCode(200)
  notAccept(@CurrentActor() a: Actor, @Param('id') id: string, @Body() body: unknown) {
    const b = parseInput(s.reasonSchema, body, { reason: '不予受理理由' });
    return this.commands.execute(new NotAcceptTip(id, a, b.reason, b.expectedVersion));
  }

  @Post(':id/transfer')
  @Roles('discipline')
  @HttpCode(200)
  transfer(@CurrentActor() a: Actor, @Param('id') id: string, @Body() body: unknown) {
    const b = parseInput(s.transferSchema, body, { to: '转办单位', reason: '转办理由' });
    return this.commands.execute(new TransferTip(id, a, b.to, b.reason, b.expectedVersion));
  }

  @Post(':id/assign')
  @Roles('discipline')
  @HttpCode(200)
  assign(@CurrentActor() a: Actor, @Param('id') id: string, @Body() body: unknown) {
    const b = parseInput(s.assignSchema, body ?? {}, { unitCode: '承办单位' });
    return this.commands.execute(new AssignTip(id, a, b.unitCode ?? null, b.expectedVersion));
  }

  @Post(':id/notes')
  @Roles('discipline')
  @HttpCode(201)
  note(@CurrentActor() a: Actor, @Param('id') id: string, @Body() body: unknown) {
    return this.commands.execute(new AddCheckNote(id, a, parseInput(s.noteSchema, body, { text: '核实记录' }).text));
  }

  @Post(':id/tasks')
  @Roles('discipline')
  @HttpCode(201)
  task(@CurrentActor() a: Actor, @Param('id') id: string, @Body() body: unknown) {
    const b = parseInput(s.taskSchema, body, { title: '任务内容', dueOn: '完成期限' });
    return this.commands.execute(new AddCheckTask(id, a, b.title, b.dueOn ?? null));
  }

  @Post(':id/tasks/:taskId/complete')
  @Roles('discipline')
  @HttpCode(200)
  completeTask(@CurrentActor() a: Actor, @Param('id') id: string, @Param('taskId') taskId: string) {
    return this.commands.execute(new CompleteCheckTask(id, a, taskId));
  }

  @Post(':id/extend')
  @Roles('discipline')
  @HttpCode(200)
  extend(@CurrentActor() a: Actor, @Param('id') id: string, @Body() body: unknown) {
    const b = parseInput(s.reasonSchema, body, { reason: '延期理由' });
    return this.commands.execute(new ExtendTip(id, a, b.reason, b.expectedVersion));
  }

  @Post(':id/conclude')
  @Roles('discipline')
  @HttpCode(200)
  conclude(@CurrentActor() a: Actor, @Param('id') id: string, @Body() body: unknown) {
    const b = parseInput(s.concludeSchema, body, { finding: '核实结论', summary: '办理结果' });
    return this.commands.execute(new ConcludeTip(id, a, b, b.expectedVersion));
  }

  @Post(':id/messages')
  @Roles('discipline')
  @HttpCode(201)
  message(@CurrentActor() a: Actor, @Param('id') id: string, @Body() body: unknown) {
    const b = parseInput(s.messageSchema, body, { kind: '留言类型', text: '留言内容' });
    return this.commands.execute(new MessageReporter(id, a, b.kind, b.text));
  }

  @Post(':id/close')
  @Roles('discipline')
  @HttpCode(200)
  close(@CurrentActor() a: Actor, @Param('id') id: string, @Body() body: unknown) {
    const { expectedVersion } = parseInput(s.versionSchema, body ?? {});
    return this.commands.execute(new CloseTip(id, a, expectedVersion));
  }

  /** The reveal requests of a tip, with what the actor may do to each (officials who take part in reveals). */
  @Get(':id/reporter/requests')
  @Roles('discipline')
  async revealRequests(@CurrentActor() a: Actor, @Param('id') id: string) {
    return { requests: await this.queries.execute(new RevealRequests(id, a)) };
  }

  /** Asks to see the reporter, with a reason: a second official must approve before anything is shown. */
  @Post(':id/reporter/requests')
  @Roles('discipline')
  @HttpCode(201)
  requestReveal(@CurrentActor() a: Actor, @Param('id') id: string, @Body() body: unknown, @Req() req: AuditedRequest) {
    req.auditTarget = id;
    const { reason } = parseInput(revealRequestSchema, body, REVEAL_LABELS);
    return this.commands.execute(new RequestReveal(id, a, reason));
  }

  @Post(':id/reporter/requests/:requestId/approve')
  @Roles('discipline')
  @HttpCode(200)
  approveReveal(@CurrentActor() a: Actor, @Param('id') id: string, @Param('requestId') requestId: string, @Req() req: AuditedRequest) {
    req.auditTarget = id;
    return this.commands.execute(new DecideReveal(id, requestId, a, { approve: true }));
  }

  @Post(':id/reporter/requests/:requestId/refuse')
  @Roles('discipline')
  @HttpCode(200)
  refuseReveal(@CurrentActor() a: Actor, @Param('id') id: string, @Param('requestId') requestId: string, @Body() body: unknown, @Req() req: AuditedRequest) {
    req.auditTarget = id;
    const { reason } = parseInput(revealRefusalSchema, body ?? {}, { reason: '拒绝理由' });
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
  reporter(@CurrentActor() a: Actor, @Param('id') id: string, @Body() body: unknown, @Req() req: AuditedRequest) {
    req.auditTarget = id;
    const { requestId } = parseInput(revealSchema, body ?? {}, REVEAL_LABELS);
    return this.commands.execute(new RevealReporter(id, a, requestId ?? null));
  }

  /**
   * Crypto-shredding of the reporter's identity. `irreversible` is false while a step after the commit
   * (key-ring rotation, deleting plaintext evidence of older versions) has yet to succeed; it is retried.
   */
  @Post(':id/reporter/erase')
  @Roles('discipline')
  @HttpCode(200)
  erase(@CurrentActor() a: Actor, @Param('id') id: string, @Body() body: unknown, @Req() req: AuditedRequest) {
    req.auditTarget = id;
    const { reason } = parseInput(s.reasonSchema, body, { reason: '销毁事由' });
    return this.commands.execute(new EraseReporter(id, a, reason));
  }
}
