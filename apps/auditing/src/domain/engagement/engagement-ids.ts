/**
 * Ids that carry their meaning, so a redelivered event or a case closed in grievance finds its way
 * back without a lookup table: one outgoing audit per election and village, findings numbered inside
 * their engagement, one transfer per finding.
 */
export function outgoingEngagementId(electionId: string, villageCode: string): string {
  return `outgoing-${electionId}-${villageCode}`;
}

export function findingIdFor(engagementId: string, n: number): string {
  return `${engagementId}-F${String(n).padStart(3, '0')}`;
}

/** The engagement a finding id belongs to, or null when the id is not one of ours. */
export function engagementOfFinding(findingId: string): string | null {
  const m = /^(.+)-F\d{3,}$/.exec(findingId);
  return m ? m[1] : null;
}

export function transferIdFor(findingId: string): string {
  return `${findingId}-T`;
}
