import { newEnvelope, type Actor, type ContractRegistry, type IntegrationEvent } from '@lw/domain';
import type { TipEvent, TipPolicy, TipReceivedData, TipState, TipSubject } from '../domain';

/** Subjects as other services see them: no citizen id (they match by name, post and village). */
function subjectRefs(subjects: readonly TipSubject[]) {
  return subjects.map((s) =>
    s.kind === 'village' ? { kind: 'village' as const, villageCode: s.villageCode } : { kind: 'person' as const, name: s.name, post: s.post, villageCode: s.villageCode },
  );
}

export function tipReceivedEvent(d: TipReceivedData, actor: Actor | null): IntegrationEvent {
  return newEnvelope({
    type: 'tipline.TipReceived',
    version: 1,
    producer: 'tipline',
    villageCode: d.villageCode,
    actor,
    payload: {
      tipId: d.tipId,
      receivedAt: d.receivedAt,
      channel: d.channel,
      category: d.category,
      categoryGroup: d.group,
      villageCode: d.villageCode,
      subjects: subjectRefs(d.subjects),
      electionRelated: d.electionRelated,
      objection: d.objection,
      repeatOf: d.repeatOf,
      anonymous: d.anonymous,
    },
  });
}

/**
 * The integration events a batch of new tip events implies, validated against the contracts (which
 * forbid reporter identity at any depth). Only these leave the service, through the outbox.
 */
export function integrationEventsFor(
  before: TipState,
  events: readonly TipEvent[],
  actor: Actor | null,
  contracts: ContractRegistry,
  policy: Pick<TipPolicy, 'categories'>,
): IntegrationEvent[] {
  const d = before.received;
  const out: IntegrationEvent[] = [];
  for (const e of events) {
    if (e.type === 'TipAccepted') {
      // Vetting holds a candidate's confirmation for an accepted objection until it is concluded.
      out.push(
        newEnvelope({
          type: 'tipline.TipAccepted',
          version: 1,
          producer: 'tipline',
          villageCode: d.villageCode,
          actor,
          // A repeat is never concluded itself (the earlier tip is): as an objection it would hold the confirmation for ever.
          payload: { tipId: d.tipId, acceptedAt: e.data.at, villageCode: d.villageCode, objection: d.repeatOf ? null : d.objection },
        }),
      );
    } else if (e.type === 'TipNotAccepted' || e.type === 'TipTransferred') {
      // The office's decision not to take it up: an objection received stops blocking confirmation.
      out.push(
        newEnvelope({
          type: 'tipline.TipNotAccepted',
          version: 1,
          producer: 'tipline',
          villageCode: d.villageCode,
          actor,
          payload: { tipId: d.tipId, decidedAt: e.data.at, decision: e.type === 'TipNotAccepted' ? 'not_accepted' : 'transferred', villageCode: d.villageCode, objection: d.objection },
        }),
      );
    } else if (e.type === 'TipConcluded') {
      out.push(
        newEnvelope({
          type: 'tipline.TipConcluded',
          version: 1,
          producer: 'tipline',
          villageCode: d.villageCode,
          actor,
          payload: {
            tipId: d.tipId,
            concludedAt: e.data.at,
            finding: e.data.finding,
            falseAccusation: e.data.falseAccusation,
            category: d.category,
            categoryName: policy.categories.find((c) => c.code === d.category)?.name,
            villageCode: d.villageCode,
            subjects: subjectRefs(d.subjects),
            needsRectification: e.data.needsRectification,
          },
        }),
      );
    } else if (e.type === 'TipClosed') {
      const outcome = before.status === 'not_accepted' ? 'not_accepted' : before.status === 'transferred' ? 'transferred' : d.repeatOf ? 'merged' : 'concluded';
      out.push(
        newEnvelope({
          type: 'tipline.TipClosed',
          version: 1,
          producer: 'tipline',
          villageCode: d.villageCode,
          actor,
          payload: { tipId: d.tipId, closedAt: e.data.at, outcome, villageCode: d.villageCode },
        }),
      );
    }
  }
  return out.map((ev) => contracts.validateForPublish(ev));
}
