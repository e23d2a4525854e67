import type { DeadlineKind, TipStatus, TipViewer } from '../../domain';

export interface InboxFilter {
  /** The user's node: only tips about villages in this subtree (tips without a village: county users only). */
  scope: string;
  scopeIsDeploymentRoot: boolean;
  /** Who reads: the access policy decides which rows come back and what of each (tip-visibility.ts). */
  viewer: TipViewer;
  status?: TipStatus[];
  category?: string;
  /** A township or village code inside the scope. */
  village?: string;
  overdue?: boolean;
  electionRelated?: boolean;
  /** Default true: a repeat has its own reporter and limits; false lists first tips only. */
  includeRepeats?: boolean;
  limit: number;
  offset: number;
}

export interface InboxRow {
  tipId: string;
  status: TipStatus;
  statusLabel: string;
  channel: string;
  channelLabel: string;
  category: string;
  categoryLabel: string;
  villageCode: string | null;
  townshipCode: string | null;
  /** Null when the viewer's view of the row does not include the subjects. */
  subjects: string | null;
  anonymous: boolean;
  electionRelated: boolean;
  objection: boolean;
  repeatOf: string | null;
  repeatCount: number;
  unitCode: string | null;
  unitName: string | null;
  finding: string | null;
  receivedAt: string;
  /** Asia/Shanghai, for display. */
  receivedAtLocal: string;
  nextDeadline: { kind: DeadlineKind; label: string; due: string; endsAt: string } | null;
  overdue: boolean;
  /** The rule set the tip's limits follow (discipline | petition). */
  regime: string;
}

export interface StatsRow {
  key: string;
  label: string;
  received: number;
  repeats: number;
  accepted: number;
  concluded: number;
  concludedWithinLimit: number;
  /** Of concluded, in percent with one decimal; null when nothing concluded. */
  concludedWithinLimitPct: number | null;
  substantiated: number;
  substantiatedPct: number | null;
  electionRelated: number;
  falseAccusations: number;
}

/** Inbox, statistics and exports, read from the tip list. None of it holds a reporter's identity. */
export abstract class TipReadModel {
  /**
   * The rows of the viewer's subtree the access policy lets it list (all, or only those assigned to
   * its unit), each cut down to what tipViewFor says it sees. A role that sees figures only: 403.
   */
  abstract inbox(f: InboxFilter): Promise<{ total: number; rows: InboxRow[] }>;
  /** Figures per township, month or category (403 for a role that sees none). */
  abstract statistics(q: StatsQuery & { by: 'township' | 'month' | 'category' }): Promise<StatsRow[]>;
  abstract totals(q: StatsQuery): Promise<StatsRow>;
}

export interface StatsQuery {
  scope: string;
  scopeIsDeploymentRoot: boolean;
  viewer: TipViewer;
  from: string;
  to: string;
}
