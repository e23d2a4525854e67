import { DomainNotFoundError, type LocalDate } from '@lw/domain';
import { createHolding, isInForce, type Holding } from './holding';
import { BODY_LABELS, isSingleSeat, type Body } from './post';
import type { VillageEvent } from './village.events';
import { startTerm, type TermChange } from './term';

/** Why a post cannot be started: the Chinese sentence completes "第 N 行：". */
export type HoldingRefusal = { personId: string; post: string; reason: string };

/**
 * Starts `personId` in a post from `from` unless they already hold it then (or from a later day):
 * [] when nothing changes. A one-seat post (书记, 主任, 监委会主任) held by someone else is refused:
 * the roster never ends a holding silently; 离任 is its own command.
 */
export function planHolding(holdings: readonly Holding[], p: { personId: string; villageCode: string; body: Body; post: string; from: LocalDate }): VillageEvent[] | HoldingRefusal {
  const same = (h: Holding) => h.personId === p.personId && h.body === p.body && h.post === p.post;
  if (holdings.some((h) => same(h) && (isInForce(h, p.from) || (h.from > p.from && h.to === undefined)))) return [];
  if (isSingleSeat(p)) {
    const other = holdings.find((h) => h.body === p.body && h.post === p.post && h.personId !== p.personId && (isInForce(h, p.from) || (h.from > p.from && h.to === undefined)));
    if (other) return { personId: p.personId, post: p.post, reason: `${BODY_LABELS[p.body]}${p.post}已由他人担任（自 ${other.from} 起），请先办理其离任` };
  }
  const h = createHolding(p);
  return [{ type: 'HoldingStarted', data: { personId: h.personId, villageCode: h.villageCode, body: h.body, post: h.post, from: h.from } }];
}

/** Leaving a post on `on` (the day no longer held). */
export function endHolding(holdings: readonly Holding[], p: { personId: string; body: Body; post: string; on: LocalDate }): VillageEvent[] {
  const h = holdings.find((x) => x.personId === p.personId && x.body === p.body && x.post === p.post && x.to === undefined);
  if (!h) throw new DomainNotFoundError('roster.holding_not_found', `该人员未在${BODY_LABELS[p.body] ?? '该班子'}担任“${p.post}”`, `no open holding ${p.body}/${p.post} of ${p.personId}`);
  // createHolding checks the order of the days (离任日期应晚于任职开始日期).
  createHolding({ ...h, to: p.on });
  return [{ type: 'HoldingEnded', data: { personId: h.personId, villageCode: h.villageCode, body: h.body, post: h.post, from: h.from, to: p.on } }];
}

/** Hand-over as events: the holdings startTerm ends, and the ones it starts. */
export function termEvents(holdings: readonly Holding[], change: TermChange): VillageEvent[] {
  const next = startTerm(holdings, change);
  const events: VillageEvent[] = [];
  holdings.forEach((h, i) => {
    const n = next[i];
    if (h.to === undefined && n.to !== undefined) events.push({ type: 'HoldingEnded', data: { personId: h.personId, villageCode: h.villageCode, body: h.body, post: h.post, from: h.from, to: n.to } });
  });
  for (const h of next.slice(holdings.length)) events.push({ type: 'HoldingStarted', data: { personId: h.personId, villageCode: h.villageCode, body: h.body, post: h.post, from: h.from } });
  return events;
}
