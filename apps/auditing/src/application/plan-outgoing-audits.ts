import { parseLocalDate, shanghaiDateOf, type ElectionOpenedV1, type LocalDate } from '@lw/domain';
import { outgoingEngagementId, type AuditPolicy, type EngagementScope } from '../domain/engagement';

type OpenedVillage = ElectionOpenedV1['villages'][number];

/**
 * The outgoing audit (离任经济责任审计) of one village of an opened election: its outgoing heads, over
 * the time they held office (from the earliest start vetting knows, else the policy's term back)
 * up to the day the election opened.
 */
export function outgoingAuditScope(election: Pick<ElectionOpenedV1, 'electionId' | 'openedAt'>, village: OpenedVillage, policy: AuditPolicy): EngagementScope {
  const periodTo = shanghaiDateOf(new Date(election.openedAt));
  const starts = village.outgoingHeads.map((h) => h.since).filter((d): d is LocalDate => d !== null).sort();
  let periodFrom: LocalDate = starts.length ? starts[0] : parseLocalDate(`${Number(periodTo.slice(0, 4)) - policy.defaultTermYears}${periodTo.slice(4)}`);
  if (periodFrom > periodTo) periodFrom = periodTo;
  return {
    engagementId: outgoingEngagementId(election.electionId, village.villageCode),
    kind: 'outgoing',
    villageCode: village.villageCode,
    electionId: election.electionId,
    persons: village.outgoingHeads.map((h) => ({ personId: h.personId, name: h.name, post: h.post })),
    periodFrom,
    periodTo,
    auditors: [],
  };
}
