import type { RevealEvent } from './reporter-reveal.events';

export type RevealRequestStatus = 'pending' | 'approved' | 'refused';

export interface RevealRequest {
  requestId: string;
  requestedBy: string;
  requestedAt: string;
  reason: string;
  status: RevealRequestStatus;
  decidedBy: string | null;
  decidedAt: string | null;
  /** Set on approval: after this instant the approval no longer opens the identity. */
  validUntil: string | null;
  refusalReason: string | null;
  /** Reveals made under this approval. */
  uses: number;
}

/** The reveal requests of one tip, oldest first. */
export interface RevealState {
  requests: RevealRequest[];
}

export const EMPTY_REVEAL_STATE: RevealState = { requests: [] };

function update(state: RevealState, requestId: string, change: (r: RevealRequest) => RevealRequest): RevealState {
  return { requests: state.requests.map((r) => (r.requestId === requestId ? change(r) : r)) };
}

/** Folds one event in. Pure; events are facts, so nothing here rejects. */
export function evolveReveal(state: RevealState, e: RevealEvent): RevealState {
  switch (e.type) {
    case 'RevealRequested':
      return {
        requests: [
          ...state.requests,
          {
            requestId: e.data.requestId,
            requestedBy: e.data.requestedBy,
            requestedAt: e.data.at,
            reason: e.data.reason,
            status: 'pending',
            decidedBy: null,
            decidedAt: null,
            validUntil: null,
            refusalReason: null,
            uses: 0,
          },
        ],
      };
    case 'RevealApproved':
      return update(state, e.data.requestId, (r) => ({ ...r, status: 'approved', decidedBy: e.data.approvedBy, decidedAt: e.data.at, validUntil: e.data.validUntil }));
    case 'RevealRefused':
      return update(state, e.data.requestId, (r) => ({ ...r, status: 'refused', decidedBy: e.data.refusedBy, decidedAt: e.data.at, refusalReason: e.data.reason }));
    case 'RevealUsed':
      return update(state, e.data.requestId, (r) => ({ ...r, uses: r.uses + 1 }));
  }
}

export function foldReveal(events: readonly RevealEvent[]): RevealState {
  return events.reduce(evolveReveal, EMPTY_REVEAL_STATE);
}
