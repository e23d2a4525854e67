import type { PoolClient } from 'pg';

/** A candidate under public notice, as the vetting service announced it. */
export interface NoticeCandidate {
  noticeId: string;
  villageCode: string;
  endsOn: string;
  name: string;
  citizenId: string | null;
  candidateId: string | null;
}

/**
 * The small lookup tables commands need beside the event streams, each written in the command's
 * transaction: receipt codes (locator → tip, slow hash), matters for repeat detection, and the
 * public notices of candidates (from vetting's events).
 */
export abstract class TipIndexes {
  abstract saveReceipt(tx: PoolClient, locator: string, tipId: string, hash: string): Promise<void>;
  abstract findReceipt(locator: string): Promise<{ tipId: string; hash: string } | null>;
  /**
   * Registers `tipId` under the matter key unless a first tip of the matter is still inside its
   * window; returns that first tip's id (the new tip is a repeat) or null (the new tip is first).
   * Serialised per key, so two tips at once cannot both be first.
   */
  abstract registerMatter(tx: PoolClient, key: string, tipId: string, at: Date, windowEndsAt: Date): Promise<string | null>;
  /** Candidates under a notice running on `today` in these villages. */
  abstract candidatesUnderNotice(villageCodes: string[], today: string, db?: PoolClient): Promise<NoticeCandidate[]>;
  abstract saveNotice(tx: PoolClient, notice: { noticeId: string; villageCode: string; startsOn: string; endsOn: string; candidates: { candidateId: string; name: string; citizenId: string | null; post: string | null }[] }): Promise<void>;
  abstract endNotice(tx: PoolClient, noticeId: string, endedOn: string): Promise<void>;
}
