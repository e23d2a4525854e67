import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Req, Res, UploadedFiles, UseFilters, UseInterceptors } from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import { CurrentActor, Roles } from '@lw/auth';
import { DomainForbiddenError, DomainNotFoundError, DomainValidationError, type Actor, type Period } from '@lw/domain';
import {
  atLeast,
  CLERK_CHANNELS,
  isOpenRequest,
  listReach,
  mayReveal,
  remainingOf,
  seesStatistics,
  tipViewFor,
  type DeadlineKind,
  type RegimeName,
  type RevealRequest,
  type TipChannel,
  type TipDeadline,
  type TipPolicy,
  type TipState,
  type TipSubject,
  type TipView,
  type TipViewer,
} from '../domain';
import { EVIDENCE_POLICY } from '../domain/evidence-policy';
import { loadTip } from '../application/tip-stream';
import { Tipline } from '../infrastructure/tipline-runtime';
import { inboxWorkbook } from '../infrastructure/read-model/tip-export';
import { reportSentence } from '../infrastructure/read-model/tip-queries';
import { tipDetailView } from './tip-detail.view';
import { tipFromRequest, type UploadedFile } from './tip-request';
import { UploadErrorFilter } from './upload-error.filter';
import { REVEAL_LABELS, revealRefusalSchema, revealRequestSchema, revealSchema } from './reveal.schemas';
import { parseInput } from '@lw/runtime';
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
  constructor(private readonly tipline: Tipline) {}

  private scoped(actor: Actor) {
    const node = this.tipline.scope.normalize(actor.node) ?? actor.node;
    return { scope: node, scopeIsDeploymentRoot: this.tipline.scope.covers(actor, null), viewer: this.viewer(actor) };
  }

  private viewer(actor: Actor): TipViewer {
    return { roles: actor.roles, unitCode: this.tipline.scope.normalize(actor.node) ?? actor.node };
  }

  /**
   * What the actor sees of this tip, at least `needed`, or: 403 for a role that never opens tips
   * (figures only), 404 otherwise (outside the subtree, or not assigned to the actor's unit).
   */
  private viewOf(actor: Actor, state: TipState, needed: TipView): TipView {
    const access = this.tipline.settings.policy.access;
    const view = tipViewFor(access, this.viewer(actor), { inScope: this.tipline.scope.covers(actor, state.received.villageCode), unitCode: state.unit?.code ?? null });
    if (atLeast(view, needed)) return view;
    if (listReach(access, actor.roles) === 'none') {
      throw new DomainForbiddenError('tip.open_forbidden', '您的角色只能查看举报统计数据，不能查看举报内容', `roles ${actor.roles.join(',')} see figures only`);
    }
    throw new DomainNotFoundError('tip.not_found', '举报不存在或已无权查看', `tip ${state.received.tipId}: ${actor.userId} sees ${view}, needs ${needed}`);
  }

  /** What the actor may see and do on the tip-line, from the access policy (the console shapes its pages by it). */
  @Get('access')
  @Roles(...READERS)
  access(@CurrentActor() actor: Actor) {
    const access = this.tipline.settings.policy.access;
    return {
      policy: { id: access.id, version: access.version, name: access.name },
      list: listReach(access, actor.roles),
      statistics: seesStatistics(access, actor.roles),
      reveal: mayReveal(access, actor.roles) ? { minReasonLength: access.reveal.minReasonLength, approvalValidMinutes: access.reveal.approvalValidMinutes } : null,
    };
  }

  @Get()
  @Roles(...READERS)
  async inbox(@CurrentActor() actor: Actor, @Query() query: unknown) {
    const q = parseInput(s.inboxQuerySchema, query);
    const village = q.village ? (this.tipline.scope.normalize(q.village) ?? q.village) : undefined;
    const page = await this.tipline.queries.inbox({ ...this.scoped(actor), ...q, village });
    const now = new Date();
    const calendar = this.tipline.calendar();
    return {
      ...page,
      rows: page.rows.map((r) => {
        if (!r.nextDeadline) return r;
        const period = periodOf(this.tipline.settings.policy, r.regime, r.nextDeadline.kind);
        return { ...r, nextDeadline: { ...r.nextDeadline, remaining: remainingOf({ period, due: r.nextDeadline.due, endsAt: r.nextDeadline.endsAt }, now, calendar) } };
      }),
    };
  }

  private remaining() {
    const now = new Date();
    const calendar = this.tipline.calendar();
    return (d: TipDeadline) => remainingOf(d, now, calendar);
  }

  @Get('export.xlsx')
  @Roles(...READERS)
  async export(@CurrentActor() actor: Actor, @Query() query: unknown, @Res() res: { setHeader(k: string, v: string): void; end(b: Buffer): void }) {
    const q = parseInput(s.inboxQuerySchema, query);
    const { rows } = await this.tipline.queries.inbox({ ...this.scoped(actor), ...q, limit: 10_000, offset: 0 });
    const book = await inboxWorkbook(rows, '信访举报台账');
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent('信访举报台账.xlsx')}`);
    res.end(book);
  }

  @Get('statistics')
  @Roles(...READERS)
  async statistics(@CurrentActor() actor: Actor, @Query() query: unknown) {
    const q = parseInput(s.statsQuerySchema, query, { from: '起始日期', to: '截止日期' });
    const scope = this.scoped(actor);
    // Figures by scope for every role that sees any (the queries check the policy too).
    const rows = await this.tipline.queries.statistics({ ...scope, from: q.from, to: q.to, by: q.by });
    const total = await this.tipline.queries.totals({ ...scope, from: q.from, to: q.to });
    const previous = q.compareFrom && q.compareTo ? await this.tipline.queries.totals({ ...scope, from: q.compareFrom, to: q.compareTo }) : null;
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
    const subjects = input.subjects as TipSubject[];
    const receivedAt = input.receivedAt ? new Date(input.receivedAt) : undefined;
    if (receivedAt && (receivedAt.getTime() > Date.now() || receivedAt.getTime() < Date.now() - MAX_BACKDATE_DAYS * 86_400_000)) {
      throw new DomainValidationError('tip.received_at', `收到时间不能晚于现在，也不能早于 ${MAX_BACKDATE_DAYS} 天前`, 'receivedAt out of range');
    }
    for (const sub of subjects) {
      if (sub.villageCode && this.tipline.scope.isKnownVillage(sub.villageCode) && !this.tipline.scope.covers(actor, sub.villageCode)) {
        throw new DomainNotFoundError('tip.village_outside', '被举报的村/社区不在您的管辖范围内', `village ${sub.villageCode} outside ${actor.node}`);
      }
    }
    const result = await this.tipline.submit.execute(
      {
        channel: input.channel as TipChannel,
        category: input.category,
        subjects,
        text: input.text,
        anonymous: input.anonymous,
        reporter: input.anonymous ? null : input.reporter!,
        files: files.map((f) => ({ fileName: f.originalname, bytes: f.buffer, declaredType: f.mimetype })),
        origin: input.transferredFrom ? { transferredFrom: input.transferredFrom } : null,
        issueReceipt: true,
        receivedAt,
      },
      actor,
    );
    return result;
  }

  @Get(':id')
  @Roles(...READERS)
  async detail(@CurrentActor() actor: Actor, @Param('id') id: string) {
    const { state, version, events } = await loadTip(this.tipline.store, id);
    const view = this.viewOf(actor, state, 'list');
    return tipDetailView(state, version, events, this.tipline.settings.policy, view === 'content' ? 'content' : 'list', this.remaining());
  }

  @Get(':id/evidence/:sha256')
  @Roles(...READERS)
  async evidence(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('sha256') sha: string, @Res() res: { setHeader(k: string, v: string): void; end(b: Buffer): void }) {
    const { state } = await loadTip(this.tipline.store, id);
    this.viewOf(actor, state, 'content');
    const file = state.received.evidence.find((e) => e.sha256 === sha);
    if (!file) throw new DomainNotFoundError('evidence.not_found', '证据文件不存在', `no evidence ${sha} on ${id}`);
    if (state.identityErased) throw new DomainNotFoundError('evidence.erased', '该证据文件已随举报人信息依规销毁，无法下载', `evidence of ${id} erased`);
    const bytes = await this.tipline.evidence.get(id, sha);
    if (!bytes) throw new DomainNotFoundError('evidence.missing', '证据文件已不在存储中，请联系管理员', `evidence ${sha} missing from storage`);
    res.setHeader('Content-Type', file.mediaType);
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.end(bytes);
  }

  @Post(':id/acknowledge')
  @Roles('discipline')
  @HttpCode(200)
  async acknowledge(@CurrentActor() a: Actor, @Param('id') id: string) {
    return summary(await this.tipline.commands.acknowledge(id, a));
  }

  @Post(':id/accept')
  @Roles('discipline')
  @HttpCode(200)
  async accept(@CurrentActor() a: Actor, @Param('id') id: string, @Body() body: unknown) {
    const { expectedVersion } = parseInput(s.versionSchema, body ?? {});
    return summary(await this.tipline.commands.accept(id, a, expectedVersion));
  }

  @Post(':id/not-accept')
  @Roles('discipline')
  @HttpCode(200)
  async notAccept(@CurrentActor() a: Actor, @Param('id') id: string, @Body() body: unknown) {
    const b = parseInput(s.reasonSchema, body, { reason: '不予受理理由' });
    return summary(await this.tipline.commands.notAccept(id, a, b.reason, b.expectedVersion));
  }

  @Post(':id/transfer')
  @Roles('discipline')
  @HttpCode(200)
  async transfer(@CurrentActor() a: Actor, @Param('id') id: string, @Body() body: unknown) {
    const b = parseInput(s.transferSchema, body, { to: '转办单位', reason: '转办理由' });
    return summary(await this.tipline.commands.transfer(id, a, b.to, b.reason, b.expectedVersion));
  }

  @Post(':id/assign')
  @Roles('discipline')
  @HttpCode(200)
  async assign(@CurrentActor() a: Actor, @Param('id') id: string, @Body() body: unknown) {
    const b = parseInput(s.assignSchema, body ?? {}, { unitCode: '承办单位' });
    return summary(await this.tipline.commands.assign(id, a, b.unitCode ?? null, b.expectedVersion));
  }

  @Post(':id/notes')
  @Roles('discipline')
  @HttpCode(201)
  async note(@CurrentActor() a: Actor, @Param('id') id: string, @Body() body: unknown) {
    return summary(await this.tipline.commands.addNote(id, a, parseInput(s.noteSchema, body, { text: '核实记录' }).text));
  }

  @Post(':id/tasks')
  @Roles('discipline')
  @HttpCode(201)
  async task(@CurrentActor() a: Actor, @Param('id') id: string, @Body() body: unknown) {
    const b = parseInput(s.taskSchema, body, { title: '任务内容', dueOn: '完成期限' });
    return summary(await this.tipline.commands.addTask(id, a, b.title, b.dueOn ?? null));
  }

  @Post(':id/tasks/:taskId/complete')
  @Roles('discipline')
  @HttpCode(200)
  async completeTask(@CurrentActor() a: Actor, @Param('id') id: string, @Param('taskId') taskId: string) {
    return summary(await this.tipline.commands.completeTask(id, a, taskId));
  }

  @Post(':id/extend')
  @Roles('discipline')
  @HttpCode(200)
  async extend(@CurrentActor() a: Actor, @Param('id') id: string, @Body() body: unknown) {
    const b = parseInput(s.reasonSchema, body, { reason: '延期理由' });
    return summary(await this.tipline.commands.extend(id, a, b.reason, b.expectedVersion));
  }

  @Post(':id/conclude')
  @Roles('discipline')
  @HttpCode(200)
  async conclude(@CurrentActor() a: Actor, @Param('id') id: string, @Body() body: unknown) {
    const b = parseInput(s.concludeSchema, body, { finding: '核实结论', summary: '办理结果' });
    return summary(await this.tipline.commands.conclude(id, a, b, b.expectedVersion));
  }

  @Post(':id/messages')
  @Roles('discipline')
  @HttpCode(201)
  async message(@CurrentActor() a: Actor, @Param('id') id: string, @Body() body: unknown) {
    const b = parseInput(s.messageSchema, body, { kind: '留言类型', text: '留言内容' });
    return summary(await this.tipline.commands.message(id, a, b.kind, b.text));
  }

  @Post(':id/close')
  @Roles('discipline')
  @HttpCode(200)
  async close(@CurrentActor() a: Actor, @Param('id') id: string, @Body() body: unknown) {
    const { expectedVersion } = parseInput(s.versionSchema, body ?? {});
    return summary(await this.tipline.commands.close(id, a, expectedVersion));
  }

  /** The reveal requests of a tip, with what the actor may do to each (officials who take part in reveals). */
  @Get(':id/reporter/requests')
  @Roles('discipline')
  async revealRequests(@CurrentActor() a: Actor, @Param('id') id: string) {
    const requests = await this.tipline.commands.revealRequests(id, a);
    return { requests: requests.map((r) => this.requestView(r, a)) };
  }

  /** Asks to see the reporter, with a reason: a second official must approve before anything is shown. */
  @Post(':id/reporter/requests')
  @Roles('discipline')
  @HttpCode(201)
  async requestReveal(@CurrentActor() a: Actor, @Param('id') id: string, @Body() body: unknown, @Req() req: AuditedRequest) {
    req.auditTarget = id;
    const { reason } = parseInput(revealRequestSchema, body, REVEAL_LABELS);
    return this.requestView(await this.tipline.commands.requestReveal(id, a, reason), a);
  }

  @Post(':id/reporter/requests/:requestId/approve')
  @Roles('discipline')
  @HttpCode(200)
  async approveReveal(@CurrentActor() a: Actor, @Param('id') id: string, @Param('requestId') requestId: string, @Req() req: AuditedRequest) {
    req.auditTarget = id;
    return this.requestView(await this.tipline.commands.decideReveal(id, requestId, a, { approve: true }), a);
  }

  @Post(':id/reporter/requests/:requestId/refuse')
  @Roles('discipline')
  @HttpCode(200)
  async refuseReveal(@CurrentActor() a: Actor, @Param('id') id: string, @Param('requestId') requestId: string, @Body() body: unknown, @Req() req: AuditedRequest) {
    req.auditTarget = id;
    const { reason } = parseInput(revealRefusalSchema, body ?? {}, { reason: '拒绝理由' });
    return this.requestView(await this.tipline.commands.decideReveal(id, requestId, a, { approve: false, reason: reason ?? null }), a);
  }

  /**
   * The reporter's identity: only the requester of an approved request, within its window, once;
   * the read is recorded (who, when, why, approved by whom) before it is decrypted. Never cached.
   */
  @Post(':id/reporter')
  @Roles('discipline')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  async reporter(@CurrentActor() a: Actor, @Param('id') id: string, @Body() body: unknown, @Req() req: AuditedRequest) {
    req.auditTarget = id;
    const { requestId } = parseInput(revealSchema, body ?? {}, REVEAL_LABELS);
    return this.tipline.commands.revealReporter(id, a, requestId ?? null);
  }

  private requestView(r: RevealRequest, a: Actor) {
    const rules = this.tipline.settings.policy.access.reveal;
    const now = new Date();
    const mine = r.requestedBy === a.userId;
    return {
      ...r,
      mine,
      canDecide: !mine && r.status === 'pending',
      canReveal: mine && r.status === 'approved' && isOpenRequest(r, rules, now),
    };
  }

  /**
   * Crypto-shredding of the reporter's identity. `irreversible` is false while a step after the commit
   * (key-ring rotation, deleting plaintext evidence of older versions) has yet to succeed; it is retried.
   */
  @Post(':id/reporter/erase')
  @Roles('discipline')
  @HttpCode(200)
  async erase(@CurrentActor() a: Actor, @Param('id') id: string, @Body() body: unknown, @Req() req: AuditedRequest) {
    req.auditTarget = id;
    const { reason } = parseInput(s.reasonSchema, body, { reason: '销毁事由' });
    const { irreversible } = await this.tipline.erasure.erase(id, a, reason);
    return { erased: true, irreversible };
  }
}

/** The unit a limit of this kind runs in under the tip's regime (the read model keeps the kind, not the period). */
function periodOf(policy: TipPolicy, regime: string, kind: DeadlineKind): Period | null {
  if (kind === 'objection') return null;
  if (kind === 'acknowledgement') return policy.electionAcknowledgement;
  return policy.regimes[regime as RegimeName]?.[kind] ?? null;
}

function summary(state: { received: { tipId: string }; status: string; version: number }) {
  return { tipId: state.received.tipId, status: state.status, version: state.version };
}

export { CLERK_CHANNELS };
