import type { PolicyPack } from '../policy/policy-pack';

/** What the auditing service has told us of a village's outgoing audit for this election. */
export interface OutgoingAuditStatus {
  concluded: boolean;
  published: boolean;
  /** Serious findings that need rectification and are not rectified yet. */
  seriousOpen: number;
}

/**
 * Whether a village may move to voting (DOMAIN.md §1): its outgoing audit concluded and published,
 * and, when the pack's switch is on, no serious finding unrectified. Every reason is named.
 */
export function villageGate(rules: PolicyPack['gate'], audit: OutgoingAuditStatus | null): { open: boolean; reasons: string[] } {
  const reasons: string[] = [];
  if (rules.requireAuditPublished) {
    if (!audit?.concluded) reasons.push('离任经济责任审计尚未办结');
    else if (!audit.published) reasons.push('离任经济责任审计结果尚未公示');
  }
  if (rules.requireSeriousRectified && audit && audit.seriousOpen > 0) reasons.push(`审计发现的 ${audit.seriousOpen} 个严重问题尚未整改到位`);
  return { open: reasons.length === 0, reasons };
}
