import { addDays, type LocalDate } from '@lw/domain';
import type { PolicyPack } from '../policy/policy-pack';

/** The villagers' committee election's milestones before the vote, each a calendar day (日). */
export interface ElectionTimeline {
  votingDay: LocalDate;
  /** 选民名单 published no later than this day. */
  voterListBy: LocalDate;
  /** Objections to the voter list accepted until the end of this day. */
  voterObjectionsUntil: LocalDate;
  /** 正式候选人 published no later than this day. */
  candidatesBy: LocalDate;
}

/**
 * Counted back from the vote: "选举日前 20 日公布选民名单" means the list is out by the 20th day
 * before, so the vote day minus 20 calendar days. Backward deadlines do not roll over rest days:
 * they are the latest day allowed, and moving them later would shorten the public's time.
 */
export function electionTimeline(votingDay: LocalDate, clock: PolicyPack['committeeClock']): ElectionTimeline {
  return {
    votingDay,
    voterListBy: addDays(votingDay, -clock.voterListDaysBefore),
    voterObjectionsUntil: addDays(votingDay, -clock.voterObjectionDaysBefore),
    candidatesBy: addDays(votingDay, -clock.candidatesDaysBefore),
  };
}
