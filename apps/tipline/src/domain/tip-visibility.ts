import { TIP_VIEWS, type TipAccessPolicy, type TipView } from './tip-access-policy';

/**
 * The one answer to "what may this viewer see of this tip": every staff read path (inbox, export,
 * detail, evidence, reveal requests, statistics) asks it, so none can forget the policy.
 */

export interface TipViewer {
  roles: readonly string[];
  /** The viewer's node, in the form units are coded in (the hierarchy's significant code). */
  unitCode: string;
}

/** Where a tip stands relative to the viewer. */
export interface TipPlacement {
  /** The tip's village (or, with none, the deployment root) lies in the viewer's subtree. */
  inScope: boolean;
  /** The unit the tip is assigned to, if any. */
  unitCode: string | null;
}

const rank = (v: TipView) => TIP_VIEWS.indexOf(v);
const most = (a: TipView, b: TipView): TipView => (rank(a) >= rank(b) ? a : b);

export function atLeast(view: TipView, needed: TipView): boolean {
  return rank(view) >= rank(needed);
}

/** The most each of the viewer's roles grants, for tips in scope and for tips assigned to its unit. */
export function accessGrant(policy: TipAccessPolicy, roles: readonly string[]): { inScope: TipView; assignedToOwnUnit: TipView } {
  let inScope: TipView = 'none';
  let assigned: TipView = 'none';
  for (const role of roles) {
    const r = Object.prototype.hasOwnProperty.call(policy.roles, role) ? policy.roles[role] : undefined;
    if (!r) continue;
    inScope = most(inScope, r.inScope);
    assigned = most(assigned, most(r.inScope, r.assignedToOwnUnit));
  }
  return { inScope, assignedToOwnUnit: assigned };
}

/** What the viewer sees of one tip. Outside the viewer's subtree: nothing, whatever the unit. */
export function tipViewFor(policy: TipAccessPolicy, viewer: TipViewer, tip: TipPlacement): TipView {
  if (!tip.inScope) return 'none';
  const grant = accessGrant(policy, viewer.roles);
  return tip.unitCode !== null && tip.unitCode === viewer.unitCode ? grant.assignedToOwnUnit : grant.inScope;
}

/**
 * Which rows of the subtree a list (inbox, export) may hold for this viewer: all of them, only those
 * assigned to its unit, or none (figures only). Derived from the same grant as tipViewFor, which
 * still judges every row that comes back.
 */
export function listReach(policy: TipAccessPolicy, roles: readonly string[]): 'all' | 'own_unit' | 'none' {
  const grant = accessGrant(policy, roles);
  if (atLeast(grant.inScope, 'list')) return 'all';
  if (atLeast(grant.assignedToOwnUnit, 'list')) return 'own_unit';
  return 'none';
}

/** Figures by scope: statistics are seen by every role that sees anything of the subtree's tips. */
export function seesStatistics(policy: TipAccessPolicy, roles: readonly string[]): boolean {
  const grant = accessGrant(policy, roles);
  return atLeast(grant.inScope, 'statistics') || atLeast(grant.assignedToOwnUnit, 'statistics');
}

/** The parts of a tip a view shows. */
export function visibleParts(view: TipView): { row: boolean; subjects: boolean; content: boolean } {
  return { row: atLeast(view, 'list'), subjects: atLeast(view, 'content'), content: atLeast(view, 'content') };
}

export function mayReveal(policy: TipAccessPolicy, roles: readonly string[]): boolean {
  return roles.some((r) => policy.reveal.roles.includes(r));
}
