/**
 * How a tip came in. `web` is the public form; the others are registered by a clerk, except
 * `audit` (an auditing transfer of a suspected violation) which arrives as an integration event.
 */
export const TIP_CHANNELS = ['web', 'phone', 'letter', 'visit', 'informant', 'transfer', 'audit'] as const;
export type TipChannel = (typeof TIP_CHANNELS)[number];

/** The channels a clerk registers by hand. */
export const CLERK_CHANNELS: readonly TipChannel[] = ['phone', 'letter', 'visit', 'informant', 'transfer'];

export const TIP_CHANNEL_LABELS: Readonly<Record<TipChannel, string>> = {
  web: '网上举报',
  phone: '电话举报',
  letter: '来信',
  visit: '来访',
  informant: '民情直报员',
  transfer: '上级转办',
  audit: '审计移交',
};
