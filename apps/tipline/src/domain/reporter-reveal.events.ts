/**
 * Requests to see a tip's reporter (one stream per tip: reveal-<tipId>). An official asks with a
 * reason; a second official approves or refuses; the requester may then reveal, within the
 * approval's window. The identity itself never enters these events: only who asked, why and who said yes.
 */
export type RevealEvent =
  | { type: 'RevealRequested'; data: { requestId: string; tipId: string; at: string; requestedBy: string; reason: string } }
  | { type: 'RevealApproved'; data: { requestId: string; at: string; approvedBy: string; validUntil: string } }
  | { type: 'RevealRefused'; data: { requestId: string; at: string; refusedBy: string; reason: string | null } }
  | { type: 'RevealUsed'; data: { requestId: string; at: string } };

export type RevealEventType = RevealEvent['type'];
