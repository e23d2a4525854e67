import { Injectable } from '@nestjs/common';
import { Pool, type PoolClient } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { CitizenId, DomainConflictError, DomainValidationError, dueDate, integrationContracts, shanghaiDateOf, type Actor } from '@lw/domain';
import { decideAndAppend, EventStore, inRetriedTransaction } from '@lw/eventstore';
import { Jurisdiction } from '@lw/hierarchy';
import { CalendarStore } from '@lw/runtime';
import { matterKey, receiveTip, type EvidenceRef, type TipChannel, type TipEvent, type TipOrigin, type TipReceivedData, type TipSubject } from '../domain';
import { inspectEvidence } from '../domain/evidence-policy';
import { newReceiptCode } from '../domain/receipt-code';
import { EvidenceStorage } from './ports/evidence-storage.port';
import { IdentityVault } from './ports/identity-vault.port';
import { ReceiptHasher } from './ports/receipt-hasher.port';
import { TipIndexes } from './tip-indexes.port';
import { TipListFreshness } from './tip-list-freshness';
import { tipReceivedEvent } from './tip-integration-events';
import { tipDecider, tipStreamId } from './tip-stream';
import { TiplineSettings } from './tipline-settings';

/** Who reported: sealed with the tip's data key at once, never stored or logged in the clear. */
export interface ReporterIdentity {
  name: string;
  phone?: string | null;
  idNumber?: string | null;
  address?: string | null;
  /** How they want to be told the result (phone, post, e-mail…). */
  contact?: string | null;
}

export interface TipSubmission {
  channel: TipChannel;
  category: string;
  subjects: TipSubject[];
  text: string;
  anonymous: boolean;
  reporter: ReporterIdentity | null;
  files: { fileName: string; bytes: Uint8Array; declaredType?: string }[];
  origin?: TipOrigin | null;
  /** Fixed id (audit transfers derive it from the transfer, so a redelivery finds the tip). */
  tipId?: string;
  /** Issue a receipt code (public and clerk channels); audit transfers have no reporter to give it to. */
  issueReceipt: boolean;
  /**
   * When it reached us, if earlier than now: a letter registered days after it arrived. Its time limits
   * run from then. The clerk endpoint bounds it; public tips always use now.
   */
  receivedAt?: Date;
}

export interface SubmitTipResult {
  tipId: string;
  /** Shown once; only its slow hash is kept. */
  receiptCode: string | null;
  repeatOf: string | null;
  electionRelated: boolean;
  objection: boolean;
  acceptanceDue: string | null;
}

/**
 * Receives a tip from any channel. Everything is checked before anything is written; then, in ONE
 * transaction: the data key and sealed identity, the receipt hash, the matter (repeat detection),
 * the TipReceived event (and RepeatLinked on the first tip) and the outbox row of the integration
 * event. Evidence bytes go to storage first (content-addressed, so a failed submit leaves at most an
 * unreferenced object, never a tip pointing at nothing).
 */
@Injectable()
export class TipIntake {
  private readonly contracts = integrationContracts();

  constructor(
    private readonly pool: Pool,
    private readonly store: EventStore,
    private readonly vault: IdentityVault,
    private readonly hasher: ReceiptHasher,
    private readonly indexes: TipIndexes,
    private readonly evidence: EvidenceStorage,
    private readonly settings: TiplineSettings,
    private readonly calendar: CalendarStore,
    private readonly jurisdiction: Jurisdiction,
    private readonly freshness: TipListFreshness,
  ) {}

  /** With `tx` the tip is written in the caller's transaction (a consumer's inbox transaction). */
  async receive(cmd: TipSubmission, actor: Actor | null, cause: { tx?: PoolClient; causationId?: string | null } = {}): Promise<SubmitTipResult> {
    const { policy } = this.settings;
    const now = cmd.receivedAt ?? new Date();
    const calendar = this.calendar.calendar();
    const tipId = cmd.tipId ?? uuidv7();
    const evidence: EvidenceRef[] = inspectEvidence(cmd.files);
    const reporter = cmd.anonymous ? null : cmd.reporter;
    const ctx = { policy, calendar, now, isKnownVillage: (code: string) => this.jurisdiction.currentVillage(code) !== null };
    const placeholder = reporter ? { v: 1 as const, iv: '', ciphertext: '', tag: '' } : null;
    // Dry run: every input rule, before a byte is stored.
    const base = {
      tipId,
      channel: cmd.channel,
      category: cmd.category,
      subjects: cmd.subjects,
      text: cmd.text,
      evidence,
      anonymous: !reporter,
      origin: cmd.origin ?? null,
    };
    const checked = receiveTip({ ...base, sealedReporter: placeholder, receiptLocator: null, repeatOf: null, objection: null }, ctx);
    if (reporter) checkReporter(reporter);

    const receipt = cmd.issueReceipt ? newReceiptCode() : null;
    const receiptHash = receipt ? await this.hasher.hash(receipt.secret) : null;
    // Encrypted under the tip's data key; the event records the sealed object's address, not the plaintext's hash.
    for (const [i, f] of evidence.entries()) evidence[i] = { ...f, sha256: await this.evidence.put(tipId, Buffer.from(cmd.files[i].bytes), f.mediaType) };

    const key = matterKey(checked.category, checked.subjects);
    const window = dueDate(now, policy.repeatWindow, calendar).endsAt;
    const meta = { actor, causationId: cause.causationId ?? null };
    let txId: string | null = null;
    const write = async (tx: PoolClient): Promise<SubmitTipResult> => {
      // First, before the other writes: tips of one matter queue here (see registerMatter).
      const repeatOf = key ? await this.indexes.registerMatter(tx, key, tipId, now, window) : null;
      const villages = checked.subjects.flatMap((s) => (s.villageCode ? [s.villageCode] : []));
      const candidates = await this.indexes.candidatesUnderNotice(villages, shanghaiDateOf(now), tx);
      const hit = candidates.find((c) =>
        checked.subjects.some((s) => s.kind === 'person' && (s.citizenId ? s.citizenId === c.citizenId : s.name === c.name && s.villageCode === c.villageCode)),
      );
      const objection = hit ? { noticeId: hit.noticeId, endsOn: hit.endsOn, ...(hit.candidateId ? { candidateId: hit.candidateId } : {}) } : null;
      const sealedReporter = reporter ? await this.vault.seal(tipId, JSON.stringify(reporter), tx) : null;
      if (receipt && receiptHash) await this.indexes.saveReceipt(tx, receipt.locator, tipId, receiptHash);
      const data = receiveTip({ ...base, sealedReporter, receiptLocator: receipt?.locator ?? null, repeatOf, objection }, ctx);
      ({ txId } = await decideAndAppend(this.store, tipDecider, tipStreamId(tipId), ({ state }) => {
        if (state) throw new DomainConflictError('tip.exists', '该举报已登记', `tip ${tipId} exists`);
        return { events: [{ type: 'TipReceived', data } as TipEvent], integrationEvents: [this.contracts.validateForPublish(tipReceivedEvent(data, actor))] };
      }, { tx, ...meta }));
      if (repeatOf) await this.link(repeatOf, data, tx, meta);
      return result(data, receipt?.display ?? null, objection !== null);
    };
    // Linking a repeat appends to the first tip's stream too: a concurrent step there retries the whole submission.
    const done = await inRetriedTransaction(this.pool, write, cause.tx);
    // A clerk's registration shows in the inbox at once; a public submission only wakes the list.
    await this.freshness.after(txId, { actor, tx: cause.tx });
    return done;
  }

  /** The first tip of the matter records its repeat. */
  private async link(firstTipId: string, repeat: TipReceivedData, tx: PoolClient, meta: { actor: Actor | null; causationId: string | null }): Promise<void> {
    const linked: TipEvent = { type: 'RepeatLinked', data: { repeatTipId: repeat.tipId, receivedAt: repeat.receivedAt } };
    await decideAndAppend(this.store, tipDecider, tipStreamId(firstTipId), () => [linked], { tx, ...meta });
  }
}

function result(data: TipReceivedData, receiptCode: string | null, objection: boolean): SubmitTipResult {
  return {
    tipId: data.tipId,
    receiptCode,
    repeatOf: data.repeatOf,
    electionRelated: data.electionRelated,
    objection,
    // A repeat has its own limits like a first tip: the public answer must not reveal that
    // someone reported the same matter before.
    acceptanceDue: data.deadlines.find((x) => x.kind === 'acceptance')?.due ?? null,
  };
}

function checkReporter(r: ReporterIdentity): void {
  const name = (r.name ?? '').trim();
  if (!name || [...name].length > 50) {
    throw new DomainValidationError('tip.reporter_name', '实名举报请填写举报人姓名（不超过 50 字）', 'reporter name missing or too long');
  }
  if (r.phone && !/^[0-9+\-\s()]{5,20}$/.test(r.phone)) {
    throw new DomainValidationError('tip.reporter_phone', '举报人联系电话格式不正确', 'reporter phone malformed');
  }
  // No echo of the value: it is the reporter's own id number.
  if (r.idNumber && !CitizenId.isValid(r.idNumber)) {
    throw new DomainValidationError('tip.reporter_id_number', '举报人身份证号码无效，请核对', 'reporter id number invalid');
  }
}
