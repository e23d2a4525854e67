import { newEnvelope, type Actor, type ContractRegistry, type IntegrationEvent } from '@lw/domain';
import type { VillageElectionEvent, VillageElectionState } from '../domain/election';

/**
 * What other services hear of a village election: the notice (the tip-line labels objections with
 * it), disqualifications, confirmations, results and the gate. Names and posts only; no id numbers.
 */
export function electionIntegrationEvents(before: VillageElectionState, events: readonly VillageElectionEvent[], actor: Actor | null, contracts: ContractRegistry): IntegrationEvent[] {
  const base = { producer: 'vetting', villageCode: before.villageCode, actor, version: 1 };
  const out: IntegrationEvent[] = [];
  // Nominees listed in this same batch are not in `before` yet.
  const listed = new Map(events.flatMap((e) => (e.type === 'NomineeListed' ? [[e.data.nomineeId, e.data] as const] : [])));
  const name = (id: string) => before.nominees.get(id) ?? listed.get(id)!;
  for (const e of events) {
    switch (e.type) {
      case 'NomineeListed':
        out.push(
          newEnvelope({
            ...base,
            type: 'vetting.NomineeListed',
            payload: { electionId: before.electionId, villageCode: before.villageCode, nomineeId: e.data.nomineeId, name: e.data.name, post: e.data.post, listedAt: e.data.at },
          }),
        );
        break;
      case 'NoticeStarted':
        out.push(
          newEnvelope({
            ...base,
            type: 'vetting.PublicNoticeStarted',
            payload: {
              noticeId: e.data.noticeId,
              electionId: before.electionId,
              villageCode: before.villageCode,
              startsOn: e.data.startsOn,
              endsOn: e.data.endsOn,
              candidates: e.data.nomineeIds.map((id) => ({ candidateId: id, name: name(id).name, post: name(id).post })),
            },
          }),
        );
        break;
      case 'NoticeEnded':
        out.push(newEnvelope({ ...base, type: 'vetting.PublicNoticeEnded', payload: { noticeId: e.data.noticeId, villageCode: before.villageCode, endedOn: e.data.at.slice(0, 10) } }));
        break;
      case 'NomineeDisqualified':
        out.push(
          newEnvelope({
            ...base,
            type: 'vetting.NomineeDisqualified',
            payload: {
              electionId: before.electionId,
              villageCode: before.villageCode,
              nomineeId: e.data.nomineeId,
              name: name(e.data.nomineeId).name,
              post: name(e.data.nomineeId).post,
              reason: e.data.reason,
              tipId: e.data.evidence.tipId ?? null,
              disqualifiedAt: e.data.at,
            },
          }),
        );
        break;
      case 'CandidatesConfirmed':
        out.push(
          newEnvelope({
            ...base,
            type: 'vetting.CandidatesConfirmed',
            payload: {
              electionId: before.electionId,
              villageCode: before.villageCode,
              candidates: e.data.nomineeIds.map((id) => ({ nomineeId: id, name: name(id).name, post: name(id).post })),
              confirmedAt: e.data.at,
            },
          }),
        );
        break;
      case 'ResultRecorded':
        out.push(
          newEnvelope({
            ...base,
            type: 'vetting.ResultRecorded',
            payload: {
              electionId: before.electionId,
              villageCode: before.villageCode,
              elected: e.data.elected.map((x) => ({ nomineeId: x.nomineeId, name: name(x.nomineeId).name, post: x.post })),
              recordedAt: e.data.at,
            },
          }),
        );
        break;
      case 'GateChanged':
        out.push(
          newEnvelope({ ...base, type: 'vetting.VillageGateChanged', payload: { electionId: before.electionId, villageCode: before.villageCode, open: e.data.open, reasons: e.data.reasons, changedAt: e.data.at } }),
        );
        break;
      default:
        break;
    }
  }
  return out.map((ev) => contracts.validateForPublish(ev));
}
