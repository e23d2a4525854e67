import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UploadedFiles, UseFilters, UseInterceptors } from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import { CurrentActor, Roles } from '@lw/auth';
import { DomainNotFoundError, DomainValidationError, type Actor, type Period } from '@lw/domain';
import { CLERK_CHANNELS, remainingOf, type DeadlineKind, type RegimeName, type TipChannel, type TipDeadline, type TipPolicy, type TipSubject } from '../domain';
import { EVIDENCE_POLICY } from '../domain/evidence-policy';
import { loadTip } from '../application/tip-stream';
import { Tipline } from '../infrastructure/tipline-runtime';
import { inboxWorkbook } from '../infrastructure/read-model/tip-export';
import { reportSentence } from '../infrastructure/read-model/tip-queries';
import { tipDetailView } from './tip-detail.view';
import { tipFromRequest, type UploadedFile } from './tip-request';
import { UploadErrorFilter } from './upload-error.filter';
import { parseInput } from '@lw/runtime';
import * as s from './tip.schemas';

/** How far back a clerk may date a registration (a letter entered after it arrived). */
const MAX_BACKDATE_DAYS = 30;

/** Roles that may follow tips without handling them: they never see content or reporter fields. */
const READERS = ['discipline', 'org_dept', 'township'] as const;

/**
 * Staff endpoints (/tipline/tips…). Handling is for the discipline role; org_dept and township read
 * the inbox, figures and exports of their subtree. The reporter's identity has its own endpoint,
 * discipline only, with a reason, recorded before anything is decrypted.
 */
@Controller('tips')
export class StaffTipsController {
  constructor(private readonly tipline: Tipline) {}

  private scoped(actor: Actor) {
    const node = this.tipline.scope.normalize(actor.node) ?? actor.node;
    return { scope: node, scopeIsDeploymentRoot: this.tipline.scope.covers(actor, null) };
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
    if (!this.tipline.scope.covers(actor, state.received.villageCode)) {
      throw new DomainNotFoundError('tip.not_found', '举报不存在或已无权查看', `tip ${id} outside ${actor.node}`);
    }
    return tipDetailView(state, version, events, this.tipline.settings.policy, actor.roles.includes('discipline'), this.remaining());
  }

  @Get(':id/evidence/:sha256')
  @Roles('discipline')
  async evidence(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('sha256') sha: string, @Res() res: { setHeader(k: string, v: string): void; end(b: Buffer): void }) {
    const { state } = await loadTip(this.tipline.store, id);
    const file = state.received.evidence.find((e) => e.sha256 === sha);
    if (!file || !this.tipline.scope.covers(actor, state.received.villageCode)) throw new DomainNotFoundError('evidence.not_found', '证据文件不存在', `no evidence ${sha} on ${id}`);
    const bytes = await this.tipline.evidence.get(sha);
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

  /** The reporter's identity: discipline only, with a reason, recorded (who, when, why) before it is decrypted. */
  @Post(':id/reporter')
  @Roles('discipline')
  @HttpCode(200)
  async reporter(@CurrentActor() a: Actor, @Param('id') id: string, @Body() body: unknown) {
    const { reason } = parseInput(s.reasonSchema, body, { reason: '查看事由' });
    return this.tipline.commands.revealReporter(id, a, reason);
  }

  /** Crypto-shredding of the reporter's identity: irreversible. */
  @Post(':id/reporter/erase')
  @Roles('discipline')
  @HttpCode(200)
  async erase(@CurrentActor() a: Actor, @Param('id') id: string, @Body() body: unknown) {
    const { reason } = parseInput(s.reasonSchema, body, { reason: '销毁事由' });
    await this.tipline.commands.eraseReporter(id, a, reason);
    return { erased: true };
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
