import type { Pool, PoolClient } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { withTransaction } from '@lw/db';
import { CitizenId, DomainValidationError, dueDate, shanghaiDateOf, type Actor, type ContractRegistry, type WorkingCalendar } from '@lw/domain';
import { WrongExpectedVersionError, type EventStore } from '@lw/eventstore';
import {
  matterKey,
  receiveTip,
  type EvidenceRef,
  type TipChannel,
  type TipEvent,
  type TipOrigin,
  type TipPolicy,
  type TipSubject,
} from '../domain';
import { inspectEvidence } from '../domain/evidence-policy';
import { newReceiptCode } from '../domain/receipt-code';
import type { EvidenceStorage } from './ports/evidence-storage.port';
import type { IdentityVault } from './ports/identity-vault.port';
import type { ReceiptHasher } from './ports/receipt-hasher.port';
import type { TipIndexes } from './tip-indexes.port';
import { tipReceivedEvent } from './tip-integration-events';
import { tipStreamId, toNewEvents } from './tip-stream';

/** Who reported: sealed with the tip's data key at once, never stored or logged in the clear. */
export interface ReporterIdentity {
  name: string;
  phone?: string | null;
  idNumber?: string | null;
  address?: string | null;
  /** How they want to be told the result (phone, post, e-mail…). */
  contact?: string | null;
}

export interface SubmitTipCommand {
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

export interface SubmitTipDeps {
  pool: Pool;
  store: EventStore;
  vault: IdentityVault;
  hasher: ReceiptHasher;
  indexes: TipIndexes;
  evidence: EvidenceStorage;
  contracts: ContractRegistry;
  policy: TipPolicy;
  calendar: () => WorkingCalendar;
  isKnownVillage: (code: string) => boolean;
  clock?: () => Date;
  onAppended?: () => void;
}

const MAX_ATTEMPTS = 5;

/**
 * Receives a tip from any channel. Everything is checked before anything is written; then, in ONE
 * transaction: the data key and sealed identity, the receipt hash, the matter (repeat detection),
 * the TipReceived event (and RepeatLinked on the first tip) and the outbox row of the integration
 * event. Evidence bytes go to storage first (content-addressed, so a failed submit leaves at most an
 * unreferenced object, never a tip pointing at nothing).
 */
export class SubmitTip {
  constructor(private readonly deps: SubmitTipDeps) {}

  /** With `opts.tx` the tip is written in the caller's transaction (a consumer's inbox transaction). */
  async execute(cmd: SubmitTipCommand, actor: Actor | null, opts: { tx?: PoolClient } = {}): Promise<SubmitTipResult> {
    const d = this.deps;
    const now = cmd.receivedAt ?? (d.clock ?? (() => new Date()))();
    const calendar = d.calendar();
    const tipId = cmd.tipId ?? uuidv7();
    const evidence: EvidenceRef[] = inspectEvidence(cmd.files);
    const reporter = cmd.anonymous ? null : cmd.reporter;
    const ctx = { policy: d.policy, calendar, now, isKnownVillage: d.isKnownVillage };
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
    const receiptHash = receipt ? await d.hasher.hash(receipt.secret) : null;
    // Encrypted under the tip's data key; the event records the sealed object's address, not the plaintext's hash.
    for (const [i, f] of evidence.entries()) evidence[i] = { ...f, sha256: await d.evidence.put(tipId, Buffer.from(cmd.files[i].bytes), f.mediaType) };

    const key = matterKey(checked.category, checked.subjects);
    const window = dueDate(now, d.policy.repeatWindow, calendar).endsAt;
    const write = async (tx: PoolClient): Promise<SubmitTipResult> => {
          const villages = checked.subjects.flatMap((s) => (s.villageCode ? [s.villageCode] : []));
          const candidates = await d.indexes.candidatesUnderNotice(villages, shanghaiDateOf(now), tx);
          const hit = candidates.find((c) =>
            checked.subjects.some(
              (s) => s.kind === 'person' && (s.citizenId ? s.citizenId === c.citizenId : s.name === c.name && s.villageCode === c.villageCode),
            ),
          );
          const objection = hit ? { noticeId: hit.noticeId, endsOn: hit.endsOn, ...(hit.candidateId ? { candidateId: hit.candidateId } : {}) } : null;
          const repeatOf = key ? await d.indexes.registerMatter(tx, key, tipId, now, window) : null;
          const sealedReporter = reporter ? await d.vault.seal(tipId, JSON.stringify(reporter), tx) : null;
          if (receipt && receiptHash) await d.indexes.saveReceipt(tx, receipt.locator, tipId, receiptHash);
          const data = receiveTip({ ...base, sealedReporter, receiptLocator: receipt?.locator ?? null, repeatOf, objection }, ctx);
          const received: TipEvent = { type: 'TipReceived', data };
          await d.store.append(tipStreamId(tipId), 'no_stream', toNewEvents([received], actor), {
            client: tx,
            integrationEvents: [d.contracts.validateForPublish(tipReceivedEvent(data, actor))],
          });
          if (repeatOf) {
            const linked: TipEvent = { type: 'RepeatLinked', data: { repeatTipId: tipId, receivedAt: data.receivedAt } };
            await d.store.append(tipStreamId(repeatOf), 'any', toNewEvents([linked], actor), { client: tx });
          }
          return {
            tipId,
            receiptCode: receipt?.display ?? null,
            repeatOf,
            electionRelated: data.electionRelated,
            objection: objection !== null,
            // A repeat has its own limits like a first tip: the public answer must not reveal that
            // someone reported the same matter before.
            acceptanceDue: data.deadlines.find((x) => x.kind === 'acceptance')?.due ?? null,
          };
    };
    if (opts.tx) {
      const result = await write(opts.tx);
      d.onAppended?.();
      return result;
    }
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await withTransaction(d.pool, write);
        d.onAppended?.();
        return result;
      } catch (err) {
        // Only the RepeatLinked append can collide (another handler wrote the first tip meanwhile).
        if (!(err instanceof WrongExpectedVersionError) || attempt >= MAX_ATTEMPTS) throw err;
      }
    }
  }
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
