import type { TipView } from './tip-view';
import { validateTipAccessPolicy } from './validate-tip-access-policy';

/**
 * Who sees what of a tip, as data (M5/M7 of issue 14): per role, the most it sees of a tip inside its
 * node's subtree, and of one assigned to its own unit; and the rules of revealing a reporter. A
 * deployment replaces the pack (new id or version), never the code; a released version never changes.
 */

export { TIP_VIEWS, type TipView } from './tip-view';

export interface RoleTipAccess {
  /** What the role sees of any tip inside its node's subtree. */
  inScope: TipView;
  /** What it sees of a tip (in its subtree) assigned to its own unit: the unit whose code is its node. */
  assignedToOwnUnit: TipView;
}

export interface RevealRules {
  /** Roles that may ask for, approve, refuse and (once approved) perform a reveal. */
  roles: readonly string[];
  /** Shortest reason accepted, in characters: "核实需要" alone says nothing. */
  minReasonLength: number;
  /** An approval is usable this long after it was given. */
  approvalValidMinutes: number;
  /** Reveals one approval allows. */
  revealsPerApproval: number;
}

export interface TipAccessPolicy {
  id: string;
  version: number;
  name: string;
  /** Roles not named here see nothing. */
  roles: Readonly<Record<string, RoleTipAccess>>;
  reveal: RevealRules;
}

/**
 * Default (检举控告工作规则: 严格控制知情范围): the discipline commission sees the content of the tips
 * in its subtree; a tip assigned to a unit is handled by that unit's discipline staff (a township
 * unit's code is the township's, "XX镇纪委"), which the discipline grant already covers. The township
 * party committee (role `township`) supervises the cadres reported, so it sees figures only, even of
 * tips assigned to its township's unit; the organisation department sees figures only. A reveal needs
 * a second discipline official's approval, used once within 30 minutes. Version 1 let `township` read
 * the content of tips assigned to its unit: withdrawn (issue 14, M5).
 */
export const DEFAULT_TIP_ACCESS_POLICY: TipAccessPolicy = validateTipAccessPolicy({
  id: 'default',
  version: 2,
  name: '默认举报知悉范围（2026，第 2 版）',
  roles: {
    discipline: { inScope: 'content', assignedToOwnUnit: 'content' },
    township: { inScope: 'statistics', assignedToOwnUnit: 'statistics' },
    org_dept: { inScope: 'statistics', assignedToOwnUnit: 'statistics' },
  },
  reveal: { roles: ['discipline'], minReasonLength: 8, approvalValidMinutes: 30, revealsPerApproval: 1 },
});
