import type { LookBack, NegativeListItem } from '../policy/policy-pack';
import type { LocalDate } from '@lw/domain';
import type { EvaluationFact, PersonFacts, RecordFact } from './facts';
import { addYears } from './full-years';
import { isAppraisalInLookBack, isInLookBack } from './look-back';
import type { PersonRule, Verdict } from './verdict';

/** The record kind a 不称职 yearly appraisal counts as. */
export const APPRAISAL_INCOMPETENT = 'appraisal_incompetent';
/** The record kind a negative 民主测评 grade (PersonFacts.evaluations) counts as: apart from yearly appraisals. */
export const EVALUATION_INCOMPETENT = 'evaluation_incompetent';
/** The record kind an open case (PersonFacts.underInvestigation) counts as. */
export const INVESTIGATION = 'investigation';

function recordsOf(f: PersonFacts): RecordFact[] {
  const open = f.underInvestigation ? [{ kind: INVESTIGATION, date: f.underInvestigation.since, endsOn: null, source: f.underInvestigation.source }] : [];
  return [...f.records, ...open];
}

/** A 民主测评 grade is dated (the dossier's approval) and has no end: windowed like a record without one. */
function evaluationsOf(item: NegativeListItem, f: PersonFacts, cutOff: LocalDate): EvaluationFact[] {
  if (!item.recordKinds.includes(EVALUATION_INCOMPETENT)) return [];
  // Facts recorded before 民主测评 grades were kept have none.
  return (f.evaluations ?? []).filter((e) => isInLookBack({ kind: EVALUATION_INCOMPETENT, date: e.date, endsOn: null }, item.lookBack, cutOff, f.asOf));
}

function windowText(lookBack: LookBack): string {
  return lookBack === 'ever' ? '终身' : lookBack === 'current' ? '当前仍存在' : `${lookBack.years} 年`;
}

function evaluateItem(item: NegativeListItem, f: PersonFacts, cutOff: LocalDate): Verdict {
  const records = recordsOf(f)
    .filter((r) => item.recordKinds.includes(r.kind) && isInLookBack(r, item.lookBack, cutOff, f.asOf))
    // The last day the record still counts, so a clerk can see how close to the edge it was.
    .map((r) => (typeof item.lookBack === 'object' ? { ...r, countsUntil: addYears(r.date, item.lookBack.years) } : r));
  const appraisals = item.recordKinds.includes(APPRAISAL_INCOMPETENT)
    ? f.appraisals.filter((a) => a.grade === '不称职' && isAppraisalInLookBack(a.year, item.lookBack, cutOff))
    : [];
  const evaluations = evaluationsOf(item, f, cutOff);
  const base = { ruleId: `negative.${item.id}`, personId: f.personId };
  // Only items that match 民主测评 grades carry them, so other items' evidence keeps its shape.
  const evidence = { item: item.id, lookBack: item.lookBack, cutOffDate: cutOff, asOf: f.asOf, records, appraisals, ...(item.recordKinds.includes(EVALUATION_INCOMPETENT) ? { evaluations } : {}) };
  if (records.length === 0 && appraisals.length === 0 && evaluations.length === 0) return { ...base, kind: 'pass', message: `负面清单“${item.label}”：未发现`, evidence };
  const found = [
    ...records.map((r) => `${r.date}${r.source ? ` ${r.source}` : ''}`),
    ...appraisals.map((a) => `${a.year} 年度考核${a.grade}`),
    ...evaluations.map((e) => `民主测评${e.grade}（${e.date} ${e.campaignName}）`),
  ];
  return { ...base, kind: 'block', message: `${f.name}：${item.label}（${found.join('，')}；追溯期${windowText(item.lookBack)}）`, evidence };
}

/** 负面清单: one verdict per item of the pack, a block when a record falls in the item's window. */
export const negativeListRule: PersonRule = {
  id: 'negative',
  title: '负面清单（“十不选”）',
  evaluate: (pack, facts) => pack.negativeList.map((item) => evaluateItem(item, facts, pack.cutOffDate)),
};
