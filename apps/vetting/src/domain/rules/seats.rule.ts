import { BODY_LABELS } from '../roster/post';
import type { SlateRule, Verdict } from './verdict';

/** 职数 of each body within the pack's bounds ("一般 3 至 5 人，最多不超过 7 人"). */
export const seatsRule: SlateRule = {
  id: 'slate.seats',
  title: '职数',
  evaluate: (pack, s) =>
    (['party', 'committee', 'supervision'] as const).flatMap((body): Verdict[] => {
      const seats = s.seats[body];
      if (seats === undefined) return [];
      const { min, max } = pack.seats[body];
      const evidence = { body, seats, min, max };
      const base = { ruleId: `slate.seats.${body}`, evidence, villageCode: s.villageCode };
      return [
        seats >= min && seats <= max
          ? { ...base, kind: 'pass', message: `${BODY_LABELS[body]}职数 ${seats} 名` }
          : { ...base, kind: 'block', message: `${BODY_LABELS[body]}职数 ${seats} 名，应在 ${min} 至 ${max} 名之间` },
      ];
    }),
};
