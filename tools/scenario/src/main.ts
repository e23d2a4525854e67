// `npm run scenario`: issue 7's cross-service scenario against a running deployment, printing each
// step and the end state, and whether it is the expected one (the state the tests require of both modes).
//
//   SCENARIO_URL=http://127.0.0.1:3000 SCENARIO_PASSWORD=… npm run scenario          (embedded: `npm start`)
//   SCENARIO_VETTING_URL=… SCENARIO_TIPLINE_URL=… SCENARIO_AUDITING_URL=… SCENARIO_GRIEVANCE_URL=…
//     SCENARIO_AUTH_SECRET=<AUTH_SECRET> npm run scenario                           (distributed)
//
// Optional: SCENARIO_ELECTION_ID (default scn<time>: 3–32 lowercase letters or digits, never reused), SCENARIO_COUNTY (320724),
// AUTH_ISSUER / AUTH_AUDIENCE when the services are configured with them, SCENARIO_VILLAGE (with
// SCENARIO_AUTH_SECRET: another village, for a second run on the same deployment; a second tip on the
// same nominee within 180 日 would be a repeat, not a new case). With demo logins the village is the
// demo liaison's, so run it once per fresh `npm start` data (rm -rf .data).
import { isDeepStrictEqual } from 'util';
import { ScenarioClient, type ServiceUrls } from './client';
import { EXPECTED_END_STATE } from './expected-end-state';
import { runScenario } from './scenario';
import { loginDemoUsers, mintUsers, type Users } from './users';

function urlsFromEnv(env: NodeJS.ProcessEnv): ServiceUrls {
  const one = env.SCENARIO_URL;
  const pick = (name: string) => env[`SCENARIO_${name.toUpperCase()}_URL`] ?? one;
  const urls = { vetting: pick('vetting'), tipline: pick('tipline'), auditing: pick('auditing'), grievance: pick('grievance') };
  const missing = Object.entries(urls).filter(([, v]) => !v).map(([k]) => `SCENARIO_${k.toUpperCase()}_URL`);
  if (missing.length) throw new Error(`set SCENARIO_URL (embedded) or ${missing.join(', ')} (distributed)`);
  return urls as ServiceUrls;
}

async function users(client: ScenarioClient, env: NodeJS.ProcessEnv): Promise<Users> {
  if (env.SCENARIO_AUTH_SECRET) return mintUsers(client, env.SCENARIO_AUTH_SECRET, env.SCENARIO_COUNTY ?? '320724', { issuer: env.AUTH_ISSUER, audience: env.AUTH_AUDIENCE, village: env.SCENARIO_VILLAGE });
  if (env.SCENARIO_PASSWORD) return loginDemoUsers(client, env.SCENARIO_PASSWORD);
  throw new Error('set SCENARIO_PASSWORD (the demo accounts\' password, .data/demo-password) or SCENARIO_AUTH_SECRET (the services\' AUTH_SECRET)');
}

async function main(): Promise<void> {
  const env = process.env;
  const client = new ScenarioClient(urlsFromEnv(env));
  const electionId = env.SCENARIO_ELECTION_ID ?? `scn${Date.now().toString(36)}`;
    const { ids, end } = await runScenario(client, await users(client, env), { electionId });
    console.log(`ids: ${JSON.stringify(ids, null, 2)}`);
    console.log(`end state: ${JSON.stringify(end, null, 2)}`);
    // The counts of villages are the demo township's; another county or a reused village differs there.
    const same = isDeepStrictEqual(end, EXPECTED_END_STATE);
    console.log(same ? 'end state: as expected (the same in both modes)' : 'end state: DIFFERS from the expected one (see tools/scenario/src/expected-end-state.ts)');
    if (!same) process.exitCode = 1;
}

main().catch((err) => {
  console.error(`scenario failed: ${(err as Error).message}`);
  process.exitCode = 1;
});
