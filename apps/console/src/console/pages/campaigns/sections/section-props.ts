import type { DossierProblem, DossierSection, DossierSections, SubjectRules } from '../campaign-api';

/** What every section editor gets: its value, the setter that saves it, and the pack's rules. */
export interface SectionProps<S extends DossierSection> {
  value: DossierSections[S];
  set(v: DossierSections[S]): void;
  rules: SubjectRules;
  problemCategories: string[];
  /** The dossier's problems as saved (opinions point at them). */
  problems: DossierProblem[];
  disabled: boolean;
}

/** A count field left empty is 0, never null: the server checks non-negative integers. */
export const count = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** The next free id with a prefix (p1, p2 … / o1, o2 …), so an id once shown is never given again here. */
export function nextId(prefix: string, ids: string[]): string {
  const n = ids.map((id) => Number(id.slice(prefix.length))).filter((x) => Number.isInteger(x));
  return `${prefix}${Math.max(0, ...n) + 1}`;
}
