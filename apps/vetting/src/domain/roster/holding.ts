import { DivisionCode, DomainValidationError, isLocalDate, type LocalDate } from '@lw/domain';
import { BODY_LABELS, isPostOf, type Body, type Post } from './post';

/**
 * One person in one post of one village's body for a time. `from` is the first day in the post,
 * `to` the day it was left (not held on that day), so a hand-over has old.to === new.from.
 */
export interface Holding {
  personId: string;
  villageCode: string;
  body: Body;
  post: Post;
  from: LocalDate;
  to?: LocalDate;
}

/** Checks a holding typed by a user or read from an import; throws DomainValidationError in Chinese. */
export function createHolding(input: { personId: string; villageCode: string; body: Body; post: string; from: string; to?: string }): Holding {
  const bad = (zh: string, en: string) => new DomainValidationError('roster.holding_invalid', zh, `holding of ${input.personId}: ${en}`);
  const village = DivisionCode.parse(input.villageCode);
  if (village.level !== 'village') throw bad(`“${input.villageCode}”不是村（社区）级代码`, `not a village code ${input.villageCode}`);
  if (!(input.body in BODY_LABELS)) throw bad('班子类别无法识别', `unknown body ${input.body}`);
  if (!isPostOf(input.body, input.post)) throw bad(`职务“${input.post}”不属于${BODY_LABELS[input.body]}`, `post ${input.post} not in body ${input.body}`);
  if (!isLocalDate(input.from)) throw bad('任职开始日期不正确', `bad from ${input.from}`);
  if (input.to !== undefined && (!isLocalDate(input.to) || input.to <= input.from)) throw bad('离任日期应晚于任职开始日期', `bad to ${input.to}`);
  const h: Holding = { personId: input.personId, villageCode: village.code, body: input.body, post: input.post as Post, from: input.from };
  return input.to === undefined ? h : { ...h, to: input.to as LocalDate };
}

/** Held on `date`: started on or before it and not yet left. */
export function isInForce(h: Holding, date: LocalDate): boolean {
  return h.from <= date && (h.to === undefined || date < h.to);
}

/**
 * The holdings in force on `date` inside a subtree. The prefix is a division code in either form
 * (320724 or 320724000000): it is reduced to its significant digits before matching.
 */
export function holdingsInForce(holdings: readonly Holding[], date: LocalDate, scopePrefix?: string): Holding[] {
  const scope = scopePrefix === undefined ? '' : DivisionCode.parse(scopePrefix).code;
  return holdings.filter((h) => isInForce(h, date) && h.villageCode.startsWith(scope));
}
