import type { Holding } from './holding';
import type { VillageEvent } from './village.events';

/** A village's holdings as its stream tells them. */
export function evolveVillage(holdings: readonly Holding[], e: VillageEvent): Holding[] {
  if (e.type === 'HoldingStarted') return [...holdings, { personId: e.data.personId, villageCode: e.data.villageCode, body: e.data.body, post: e.data.post, from: e.data.from }];
  return holdings.map((h) =>
    h.personId === e.data.personId && h.body === e.data.body && h.post === e.data.post && h.from === e.data.from && h.to === undefined ? { ...h, to: e.data.to } : h,
  );
}

/**
 * How a village's stream folds (the decider loop starts from null: no holdings yet). The stream
 * only grows (every term, import and hand-over adds holdings, none is ever removed), so its plain
 * JSON state is snapshotted every 50 events: a few terms' worth, one extra write per 50 appends,
 * and a load never replays more than 49 events.
 */
export const villageDecider = {
  evolve: (holdings: Holding[] | null, e: VillageEvent): Holding[] => evolveVillage(holdings ?? [], e),
  snapshot: { schemaVersion: 1, every: 50 },
};
