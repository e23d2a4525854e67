import type { CampaignPack } from '../campaign/campaign-pack';
import { representativeShareMeets } from '../campaign/dossier.decisions';

/**
 * The questionnaire of an assessment: handed out (`invited`, 发放), returned (收回), and how many of
 * the returned ones 群众代表 answered. (`invited` keeps its first name: stored events and the
 * integration contract carry it.)
 */
export interface Turnout {
  invited: number;
  returned: number;
  representatives: number;
}

/**
 * A turnout as stored: assessments recorded before the seed's rule carry no `representatives` (they
 * were judged on returned ÷ issued, and their stored `valid` stands).
 */
export type RecordedTurnout = Omit<Turnout, 'representatives'> & { representatives?: number };

/**
 * Met when 群众代表 are at least `minPercent` of the respondents (seed 004 report 1: "参与问卷调查的
 * 群众代表比例不少于60%"): representatives ÷ returned, NOT returned ÷ issued. Compared in integers, so
 * exactly the minimum passes (30 of 50 at 60 %) and one fewer fails. Nobody answered → not met: there is
 * nothing to judge the grades on, the assessment is to be re-run.
 */
export function representativesMeet(t: Turnout, minPercent: number): boolean {
  // The campaign's rule, not a second copy: it reads only the pack's thresholds.
  const threshold: Pick<CampaignPack, 'thresholds'> = { thresholds: { representativeShareMin: minPercent / 100 } };
  const form = { kind: 'questionnaire' as const, issued: t.invited, returned: t.returned, representatives: t.representatives };
  return representativeShareMeets([form], threshold) === true;
}
