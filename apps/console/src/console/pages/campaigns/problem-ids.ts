// The server numbers a dossier's new problems (p1, p2 …, never reused); the form sends a new problem
// without an id and, once the save lands, takes the id the server gave it.
import type { DossierProblem, DossierSection, DossierSections } from './campaign-api';

/** What goes on the wire: a problem not yet numbered is sent without an id (the server gives one). */
export function toWire<S extends DossierSection>(section: S, content: DossierSections[S]): unknown {
  if (section !== 'problems') return content;
  return (content as DossierProblem[]).map(({ problemId, ...rest }) => (problemId ? { problemId, ...rest } : rest));
}

/** Local problems without an id take the id of the saved problem with the same content; null when none does. */
export function adoptProblemIds(local: DossierProblem[], server: DossierProblem[]): DossierProblem[] | null {
  const used = new Set(local.map((p) => p.problemId).filter(Boolean));
  let changed = false;
  const out = local.map((p) => {
    if (p.problemId) return p;
    const same = server.find((s) => !used.has(s.problemId) && s.category === p.category && s.description.trim() === p.description.trim() && s.severity === p.severity);
    if (!same) return p;
    used.add(same.problemId);
    changed = true;
    return { ...p, problemId: same.problemId };
  });
  return changed ? out : null;
}
