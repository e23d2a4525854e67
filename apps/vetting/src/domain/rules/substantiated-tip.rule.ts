import type { PersonRule } from './verdict';

/** A tip concluded as substantiated against the nominee disqualifies, with the tips as evidence (DOMAIN.md §1, 6). */
export const substantiatedTipRule: PersonRule = {
  id: 'tip.substantiated',
  title: '举报经查属实',
  evaluate: (_pack, f) => {
    const evidence = { tips: f.substantiatedTips };
    return [
      f.substantiatedTips.length === 0
        ? { ruleId: 'tip.substantiated', kind: 'pass', message: '无经查属实的举报', evidence, personId: f.personId }
        : {
            ruleId: 'tip.substantiated',
            kind: 'block',
            message: `${f.name}：被举报问题经查属实（${f.substantiatedTips.map((t) => `${t.concludedOn} ${t.summary}`).join('；')}）`,
            evidence,
            personId: f.personId,
          },
    ];
  },
};
