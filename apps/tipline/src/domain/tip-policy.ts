import type { Period } from '@lw/domain';
import type { CategoryGroup, TipCategory } from './tip-category';
import { DEFAULT_TIP_CATEGORIES } from './tip-category';
import type { TipChannel } from './tip-channel';
import { DEFAULT_TIP_ACCESS_POLICY, type TipAccessPolicy } from './tip-access-policy';

/** The two rule sets DOMAIN.md §2 names; a tip follows the one its channel and category put it in. */
export type RegimeName = 'discipline' | 'petition';

/** Time limits of one regime, each with its unit. */
export interface Regime {
  label: string;
  /** From receipt to the decision accept / not accept / transfer. */
  acceptance: Period;
  /** From acceptance to the conclusion. */
  conclusion: Period;
  /** Added to the conclusion limit once, with a reason. */
  extension: Period;
  /** From the conclusion to the feedback to the reporter. */
  feedback: Period;
}

export interface RegimeRule {
  channels?: readonly TipChannel[];
  groups?: readonly CategoryGroup[];
  regime: RegimeName;
}

export interface TipPolicy {
  categories: readonly TipCategory[];
  regimes: Readonly<Record<RegimeName, Regime>>;
  /** First matching rule wins; no match → defaultRegime. */
  regimeRules: readonly RegimeRule[];
  defaultRegime: RegimeName;
  /** Election-related tips are acknowledged “第一时间”: this is the target. */
  electionAcknowledgement: Period;
  /** A tip on the same subject and matter within this window of the first is a repeat. */
  repeatWindow: Period;
  /** Reminders go out this long before a day-counted limit ends… */
  remindDaysBefore: number;
  /** …and this long before an hours limit ends. */
  remindHoursBefore: number;
  /** Posts whose holders are handled by the county commission, not the township's. */
  countyLevelPosts: readonly string[];
  /** Longest free text accepted, in characters. */
  maxTextLength: number;
  /** Who sees what of a tip, and how a reporter is revealed (a versioned pack of its own). */
  access: TipAccessPolicy;
}

/**
 * Defaults: 信访工作条例 (2022) for letters and visits (15 日 to accept, 60 日 to conclude, +30 日 once),
 * 纪检监察机关处理检举控告工作规则 (2020) for everything else (15 工作日 to tell acceptance, 15 工作日
 * after the conclusion to tell the result; conclusion as in the 条例, for want of a fixed rule).
 */
export const DEFAULT_TIP_POLICY: TipPolicy = {
  categories: DEFAULT_TIP_CATEGORIES,
  regimes: {
    petition: {
      label: '信访工作条例',
      acceptance: { amount: 15, unit: 'calendar_days' },
      conclusion: { amount: 60, unit: 'calendar_days' },
      extension: { amount: 30, unit: 'calendar_days' },
      feedback: { amount: 15, unit: 'calendar_days' },
    },
    discipline: {
      label: '纪检监察机关处理检举控告工作规则',
      acceptance: { amount: 15, unit: 'working_days' },
      conclusion: { amount: 60, unit: 'calendar_days' },
      extension: { amount: 30, unit: 'calendar_days' },
      feedback: { amount: 15, unit: 'working_days' },
    },
  },
  regimeRules: [
    { channels: ['letter', 'visit'], regime: 'petition' },
    { groups: ['out_of_scope'], regime: 'petition' },
  ],
  defaultRegime: 'discipline',
  electionAcknowledgement: { amount: 24, unit: 'hours' },
  repeatWindow: { amount: 180, unit: 'calendar_days' },
  remindDaysBefore: 3,
  remindHoursBefore: 4,
  countyLevelPosts: ['党组织书记', '村党组织书记', '书记', '村委会主任', '主任', '一肩挑', '村党组织书记、村委会主任', '书记、主任', '书记兼主任'],
  maxTextLength: 5000,
  access: DEFAULT_TIP_ACCESS_POLICY,
};

export function regimeFor(policy: TipPolicy, channel: TipChannel, group: CategoryGroup): RegimeName {
  const rule = policy.regimeRules.find(
    (r) => (!r.channels || r.channels.includes(channel)) && (!r.groups || r.groups.includes(group)),
  );
  return rule?.regime ?? policy.defaultRegime;
}
