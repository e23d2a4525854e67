import type { TipDeadline, DeadlineKind } from './deadline';
import type { Finding } from './finding';
import type { CategoryGroup } from './tip-category';
import type { TipChannel } from './tip-channel';
import type { RegimeName } from './tip-policy';
import type { TipSubject } from './tip-subject';

/** Ciphertext of the reporter's identity and contact (see IdentityVault); opaque to the domain. */
export interface SealedReporter {
  v: 1;
  iv: string;
  ciphertext: string;
  tag: string;
}

export interface EvidenceRef {
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
}

/** Where a tip came from besides its channel: a higher level's transfer or an auditing finding. */
export interface TipOrigin {
  transferredFrom?: string;
  auditTransferId?: string;
  auditFindingId?: string;
}

export interface TipReceivedData {
  tipId: string;
  receivedAt: string;
  channel: TipChannel;
  category: string;
  group: CategoryGroup;
  subjects: TipSubject[];
  villageCode: string | null;
  /** Free text, stored verbatim (escaped on output, never interpreted). */
  text: string;
  evidence: EvidenceRef[];
  anonymous: boolean;
  /** Null for anonymous tips and for tips with no reporter (audit transfers). */
  sealedReporter: SealedReporter | null;
  /** Public half of the receipt code; the secret half is only kept as a slow hash, outside the events. */
  receiptLocator: string | null;
  electionRelated: boolean;
  /** Set when the subject is a candidate under public notice: the tip is an objection (异议). */
  objection: { noticeId: string; endsOn: string; candidateId?: string } | null;
  repeatOf: string | null;
  regime: RegimeName;
  deadlines: TipDeadline[];
  origin: TipOrigin | null;
}

export type TipEvent =
  | { type: 'TipReceived'; data: TipReceivedData }
  | { type: 'RepeatLinked'; data: { repeatTipId: string; receivedAt: string } }
  | { type: 'TipAcknowledged'; data: { at: string } }
  | { type: 'TipAccepted'; data: { at: string; deadlines: TipDeadline[] } }
  | { type: 'TipNotAccepted'; data: { at: string; reason: string } }
  | { type: 'TipTransferred'; data: { at: string; to: string; reason: string } }
  | { type: 'TipAssigned'; data: { at: string; unitCode: string; unitName: string; unitLevel: 'county' | 'township' } }
  | { type: 'CheckNoteAdded'; data: { at: string; noteId: string; text: string } }
  | { type: 'CheckTaskAdded'; data: { at: string; taskId: string; title: string; dueOn: string | null } }
  | { type: 'CheckTaskCompleted'; data: { at: string; taskId: string } }
  | { type: 'DeadlineExtended'; data: { at: string; reason: string; deadline: TipDeadline } }
  | {
      type: 'TipConcluded';
      data: { at: string; finding: Finding; falseAccusation: boolean; summary: string; needsRectification: boolean; deadlines: TipDeadline[] };
    }
  | { type: 'RectificationClosed'; data: { at: string; caseId: string; deadlines: TipDeadline[] } }
  | { type: 'MessageToReporter'; data: { at: string; messageId: string; kind: 'question' | 'feedback'; text: string } }
  | { type: 'ReporterReplied'; data: { at: string; messageId: string; inReplyTo: string | null; text: string } }
  | { type: 'TipClosed'; data: { at: string } }
  | { type: 'DeadlineReminded'; data: { at: string; kind: DeadlineKind; endsAt: string } }
  | { type: 'DeadlineOverdue'; data: { at: string; kind: DeadlineKind; endsAt: string } }
  /** With the approved request it was read under (absent in events from before approvals). */
  | { type: 'ReporterIdentityRead'; data: { at: string; reason: string; requestId?: string; approvedBy?: string } }
  | { type: 'ReporterIdentityErased'; data: { at: string; reason: string } };

export type TipEventType = TipEvent['type'];
export type TipEventOf<T extends TipEventType> = Extract<TipEvent, { type: T }>;
