import type { AuditPolicy } from './audit-policy';
import type { EngagementStatus } from './engagement.state';

/**
 * Why an engagement keeps its village's election gated (DOMAIN.md §1: not concluded and published,
 * or a serious finding unrectified, the latter a policy switch). Empty when it does not.
 */
export function gateReasons(e: { status: EngagementStatus; seriousOpen: number }, policy: Pick<AuditPolicy, 'seriousUnrectifiedBlocksElection'>): string[] {
  const reasons: string[] = [];
  if (e.status !== 'published') reasons.push(e.status === 'concluded' ? '离任经济责任审计结果尚未公示' : '离任经济责任审计尚未完成');
  if (policy.seriousUnrectifiedBlocksElection && e.seriousOpen > 0) reasons.push(`审计发现 ${e.seriousOpen} 个严重问题尚未整改销号`);
  return reasons;
}
