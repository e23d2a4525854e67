import { DomainValidationError, type LocalDate } from '@lw/domain';
import { createHolding, isInForce, type Holding } from './holding';
import { BODY_LABELS, isSingleSeat, type Body } from './post';

/**
 * A new term (届) of some bodies of one village, starting on `on`. The party organisation and the
 * villagers' committee are elected at different dates, so each change names the bodies it renews.
 */
export interface TermChange {
  villageCode: string;
  on: LocalDate;
  bodies: readonly Body[];
  members: readonly { personId: string; body: Body; post: string }[];
}

/**
 * Hand-over: every holding of the renewed bodies still in force on `on` ends that day, and the new
 * members hold from it. Returns the whole new list; the input is not changed.
 */
export function startTerm(holdings: readonly Holding[], change: TermChange): Holding[] {
  const bad = (zh: string, en: string) => new DomainValidationError('roster.term_invalid', zh, `term of ${change.villageCode} on ${change.on}: ${en}`);
  const renewed = (h: { villageCode: string; body: Body }) => h.villageCode === change.villageCode && change.bodies.includes(h.body);
  const outside = change.members.find((m) => !change.bodies.includes(m.body));
  if (outside) throw bad(`${BODY_LABELS[outside.body]}不在本次换届范围内`, `member in body ${outside.body} not renewed`);
  // A holding that starts on the hand-over day itself would end the day it starts (a term of no day).
  if (holdings.some((h) => renewed(h) && h.from >= change.on)) throw bad('该村已有不早于换届日期的任职记录（换届交接须晚于现任职务的起始日期）', 'a holding starts on or after the change');
  const seats = new Map<string, string>();
  for (const m of change.members) {
    const key = `${m.body}|${m.post}`;
    if (isSingleSeat(m) && seats.has(key)) throw bad(`${BODY_LABELS[m.body]}只能有一名${m.post}`, `two holders of ${key}`);
    seats.set(key, m.personId);
  }
  const next = change.members.map((m) => createHolding({ ...m, villageCode: change.villageCode, from: change.on }));
  const ended = holdings.map((h) => (renewed(h) && isInForce(h, change.on) ? { ...h, to: change.on } : h));
  return [...ended, ...next];
}
