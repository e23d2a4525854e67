import { v7 as uuidv7 } from 'uuid';
import type { PoolClient } from 'pg';
import { DomainConflictError, DomainForbiddenError, DomainNotFoundError, type Actor, type ContractRegistry, type WorkingCalendar } from '@lw/domain';
import { WrongExpectedVersionError, type EventStore, type NewEvent } from '@lw/eventstore';
import * as tip from '../domain';
import type { DeadlineKind, Finding, HandleContext, RevealEvent, TipEvent, TipPolicy, TipState } from '../domain';
import type { IdentityVault } from './ports/identity-vault.port';
import { integrationEventsFor } from './tip-integration-events';
import { loadTip, tipStreamId, toNewEvents } from './tip-stream';
import { loadReveal, revealStreamId } from './reveal-stream';
import type { ReporterIdentity } from './submit-tip';

export interface TipCommandsDeps {
  store: EventStore;
  vault: IdentityVault;
  contracts: ContractRegistry;
  policy: TipPolicy;
  calendar: () => WorkingCalendar;
  /** True when the tip's village (or, with none, the county) lies inside the actor's node. */
  inScope: (actor: Actor, villageCode: string | null) => boolean;
  /** The actor's node as units are coded (for "assigned to the viewer's own unit"). */
  unitCodeOf?: (actor: Actor) => string;
  /** The handling units a tip can go to. */
  unitFor: (code: string) => tip.HandlingUnit | null;
  suggestUnit: (state: TipState) => tip.HandlingUnit;
  withTransaction: <T>(fn: (tx: PoolClient) => Promise<T>) => Promise<T>;
  clock?: () => Date;
  onAppended?: () => void;
}

type Decide = (state: TipState, ctx: HandleContext) => TipEvent[];

const MAX_ATTEMPTS = 5;

/**
 * The handling steps of a tip (discipline role). Each loads the tip, checks the actor's scope, lets
 * the domain decide and appends at the version it read, with the integration events in the outbox.
 * When another handler appended in between, the step is decided again on the new history: two
 * handlers concluding at once end with one conclusion and one 409 (the second finds it concluded).
 * With `expectedVersion` (the version the handler's screen showed) a change in between is a 409 at once.
 */
export class TipCommands {
  constructor(private readonly deps: TipCommandsDeps) {}

  private ctx(): HandleContext {
    return { policy: this.deps.policy, calendar: this.deps.calendar(), now: (this.deps.clock ?? (() => new Date()))() };
  }

  async run(tipId: string, actor: Actor | null, decide: Decide, opts: { expectedVersion?: number; tx?: PoolClient } = {}): Promise<TipState> {
    for (let attempt = 1; ; attempt++) {
      const { state, version } = await loadTip(this.deps.store, tipId);
      if (actor && !this.deps.inScope(actor, state.received.villageCode)) {
        throw new DomainNotFoundError('tip.not_found', '举报不存在或已无权查看', `tip ${tipId} outside ${actor.node}`);
      }
      if (opts.expectedVersion !== undefined && opts.expectedVersion !== version) {
        throw new DomainConflictError('tip.changed', '该举报已被他人更新，请刷新后再操作', `expected version ${opts.expectedVersion}, found ${version}`);
      }
      const events = decide(state, this.ctx());
      if (events.length === 0) return state;
      try {
        await this.deps.store.append(tipStreamId(tipId), version, toNewEvents(events, actor), {
          integrationEvents: integrationEventsFor(state, events, actor, this.deps.contracts, this.deps.policy),
          client: opts.tx,
        });
        this.deps.onAppended?.();
        return events.reduce((s, e) => tip.evolveTip(s, e), state);
      } catch (err) {
        if (!(err instanceof WrongExpectedVersionError) || opts.tx || opts.expectedVersion !== undefined || attempt >= MAX_ATTEMPTS) throw err;
      }
    }
  }

  acknowledge(id: string, actor: Actor) {
    return this.run(id, actor, (s, c) => tip.acknowledge(s, c));
  }
  accept(id: string, actor: Actor, v?: number) {
    return this.run(id, actor, (s, c) => tip.accept(s, c), { expectedVersion: v });
  }
  notAccept(id: string, actor: Actor, reason: string, v?: number) {
    return this.run(id, actor, (s, c) => tip.notAccept(s, reason, c), { expectedVersion: v });
  }
  transfer(id: string, actor: Actor, to: string, reason: string, v?: number) {
    return this.run(id, actor, (s, c) => tip.transfer(s, to, reason, c), { expectedVersion: v });
  }
  /** Assigns to the given unit, or to the one the subject's level and place suggest. */
  assign(id: string, actor: Actor, unitCode: string | null, v?: number) {
    return this.run(
      id,
      actor,
      (s, c) => {
        const unit = unitCode ? this.deps.unitFor(unitCode) : this.deps.suggestUnit(s);
        if (!unit) throw new DomainNotFoundError('tip.unknown_unit', '承办单位不存在，请选择本县或乡镇纪委', `unknown unit ${unitCode}`);
        return tip.assign(s, unit, c);
      },
      { expectedVersion: v },
    );
  }
  addNote(id: string, actor: Actor, text: string) {
    const noteId = uuidv7();
    return this.run(id, actor, (s, c) => tip.addNote(s, noteId, text, c));
  }
  addTask(id: string, actor: Actor, title: string, dueOn: string | null) {
    const taskId = uuidv7();
    return this.run(id, actor, (s, c) => tip.addTask(s, taskId, title, dueOn, c));
  }
  completeTask(id: string, actor: Actor, taskId: string) {
    return this.run(id, actor, (s, c) => tip.completeTask(s, taskId, c));
  }
  extend(id: string, actor: Actor, reason: string, v?: number) {
    return this.run(id, actor, (s, c) => tip.extend(s, reason, c), { expectedVersion: v });
  }
  conclude(id: string, actor: Actor, input: { finding: Finding; falseAccusation: boolean; summary: string; needsRectification?: boolean }, v?: number) {
    return this.run(id, actor, (s, c) => tip.conclude(s, input, c), { expectedVersion: v });
  }
  message(id: string, actor: Actor, kind: 'question' | 'feedback', text: string) {
    const messageId = uuidv7();
    return this.run(id, actor, (s, c) => tip.messageReporter(s, messageId, kind, text, c));
  }
  close(id: string, actor: Actor, v?: number) {
    return this.run(id, actor, (s, c) => tip.close(s, c), { expectedVersion: v });
  }

  /**
   * What the actor sees of the tip under the access policy (tip-visibility.ts), or 404 when nothing:
   * the same answer for a tip outside the subtree and one the role may not open.
   */
  private async visibleTip(id: string, actor: Actor, needed: tip.TipView = 'content') {
    const loaded = await loadTip(this.deps.store, id);
    const view = tip.tipViewFor(
      this.deps.policy.access,
      { roles: actor.roles, unitCode: this.deps.unitCodeOf?.(actor) ?? actor.node },
      { inScope: this.deps.inScope(actor, loaded.state.received.villageCode), unitCode: loaded.state.unit?.code ?? null },
    );
    if (!tip.atLeast(view, needed)) throw new DomainNotFoundError('tip.not_found', '举报不存在或已无权查看', `tip ${id}: ${actor.userId} sees ${view}, needs ${needed}`);
    return loaded;
  }

  private revealContext(): tip.RevealContext {
    return { rules: this.deps.policy.access.reveal, now: (this.deps.clock ?? (() => new Date()))() };
  }

  private requireRevealRole(actor: Actor): void {
    if (!tip.mayReveal(this.deps.policy.access, actor.roles)) {
      throw new DomainForbiddenError('reveal.role', '您的角色不能申请或审批查看举报人身份', `roles ${actor.roles.join(',')} may not reveal`);
    }
  }

  /** The reveal requests of a tip, for officials who may take part in reveals. */
  async revealRequests(id: string, actor: Actor): Promise<tip.RevealRequest[]> {
    this.requireRevealRole(actor);
    await this.visibleTip(id, actor);
    return (await loadReveal(this.deps.store, id)).state.requests;
  }

  /** An official asks to see the reporter, with a reason; a second official must approve. */
  async requestReveal(id: string, actor: Actor, reason: string): Promise<tip.RevealRequest> {
    this.requireRevealRole(actor);
    const requestId = uuidv7();
    for (let attempt = 1; ; attempt++) {
      const { state: t } = await this.visibleTip(id, actor);
      const { state, version } = await loadReveal(this.deps.store, id);
      const events = tip.requestReveal(state, revealable(t), { requestId, by: actor.userId, reason }, this.revealContext());
      try {
        await this.deps.store.append(revealStreamId(id), version, revealEvents(events, actor));
        return events.reduce(tip.evolveReveal, state).requests.find((r) => r.requestId === requestId)!;
      } catch (err) {
        if (!(err instanceof WrongExpectedVersionError) || attempt >= MAX_ATTEMPTS) throw err;
      }
    }
  }

  /** A second official (never the requester) approves or refuses a pending request. */
  async decideReveal(id: string, requestId: string, actor: Actor, decision: { approve: true } | { approve: false; reason: string | null }): Promise<tip.RevealRequest> {
    this.requireRevealRole(actor);
    const { state: t } = await this.visibleTip(id, actor);
    const { state, version } = await loadReveal(this.deps.store, id);
    const ctx = this.revealContext();
    const events = decision.approve
      ? tip.approveReveal(state, revealable(t), requestId, actor.userId, ctx)
      : tip.refuseReveal(state, requestId, actor.userId, decision.reason, ctx);
    // No retry: a concurrent decision on the same request must lose with a 409, not be decided twice.
    await this.deps.store.append(revealStreamId(id), version, revealEvents(events, actor));
    return events.reduce(tip.evolveReveal, state).requests.find((r) => r.requestId === requestId)!;
  }

  /**
   * The reporter's identity, for the requester of an approved, unexpired, unused request only. The
   * use of the approval and the read (with the request's reason and approver) are recorded in one
   * transaction before anything is decrypted: no record, no identity; two reveals at once, one wins.
   */
  async revealReporter(id: string, actor: Actor, requestId: string | null): Promise<ReporterIdentity> {
    this.requireRevealRole(actor);
    await this.visibleTip(id, actor);
    const state = await this.deps.withTransaction(async (tx) => {
      const { state: t } = await loadTip(this.deps.store, id);
      const reveal = await loadReveal(this.deps.store, id, tx);
      const used = tip.useReveal(reveal.state, revealable(t), requestId, actor.userId, this.revealContext());
      await this.deps.store.append(revealStreamId(id), reveal.version, revealEvents(used.events, actor), { client: tx });
      const approval = { requestId: used.request.requestId, approvedBy: used.request.decidedBy! };
      return this.run(id, actor, (s, c) => tip.recordIdentityRead(s, used.request.reason, c, approval), { tx });
    });
    const plain = await this.deps.vault.open(id, state.received.sealedReporter!);
    if (plain === null) throw new DomainConflictError('tip.identity_erased', '举报人信息已依规销毁，无法查看', 'data key shredded');
    return JSON.parse(plain) as ReporterIdentity;
  }

  /** Crypto-shredding: the data key goes, in the same transaction as the event saying so. */
  async eraseReporter(id: string, actor: Actor, reason: string): Promise<void> {
    await this.deps.withTransaction(async (tx) => {
      await this.run(id, actor, (s, c) => tip.eraseIdentity(s, reason, c), { tx });
      await this.deps.vault.shred(id, tx);
    });
  }

  /** From a job: a reminder or overdue flag, if the limit it was set for is still the current one. */
  flag(id: string, kind: 'DeadlineReminded' | 'DeadlineOverdue', deadline: DeadlineKind, endsAt: string) {
    return this.run(id, null, (s, c) => (tip.currentDeadline(s, deadline)?.endsAt === endsAt ? tip.flagDeadline(s, kind, deadline, c) : []));
  }
}

function revealable(t: TipState): tip.RevealableTip {
  return { tipId: t.received.tipId, hasIdentity: !!t.received.sealedReporter, identityErased: t.identityErased };
}

function revealEvents(events: readonly RevealEvent[], actor: Actor): NewEvent[] {
  return events.map((e) => ({ type: e.type, data: e.data, metadata: { actor } }));
}
