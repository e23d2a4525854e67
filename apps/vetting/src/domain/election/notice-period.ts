import type { Period } from '@lw/domain';
import type { PolicyPack } from '../policy/policy-pack';
import { isPartySecretary } from '../roster/post';
import type { NomineeRef } from './village-election.events';

/** 公示 period of a nominee's post under the pack: the party secretary's is longer (≥5 working days vs ≥3). */
export function noticePeriodFor(pack: Pick<PolicyPack, 'notice'>): (n: Pick<NomineeRef, 'body' | 'post'>) => Period {
  return (n) => (isPartySecretary(n) ? pack.notice.secretary : pack.notice.member);
}
