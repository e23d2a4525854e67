import type { ScenarioClient } from './client';
import { createCtx, type ScenarioIds, type ScenarioOptions } from './context';
import { openElection, rectifyFinding, seriousFinding } from './steps-audit';
import { concludeTip, feedbackToReporter, nominateToNotice, publicTipObjects } from './steps-election';
import { endState, type EndState } from './summary';
import type { Users } from './users';

export type { ScenarioOptions, ScenarioIds, EndState };

/**
 * Issue 7's cross-service scenario over HTTP, the same calls in either mode: each step waits for
 * the effects other services produce from its events before the next one acts on them.
 */
export async function runScenario(client: ScenarioClient, users: Users, opts: ScenarioOptions): Promise<{ ids: ScenarioIds; end: EndState }> {
  const c = createCtx(client, users, opts);
  await openElection(c);
  await seriousFinding(c);
  await rectifyFinding(c);
  await nominateToNotice(c);
  await publicTipObjects(c);
  await concludeTip(c);
  const seen = await feedbackToReporter(c);
  return { ids: c.ids, end: await endState(c, seen) };
}
