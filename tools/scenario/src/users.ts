import { randomUUID } from 'crypto';
import { demoAccounts, TokenIssuer, type Role } from '@lw/auth';
import type { ScenarioClient } from './client';

/** The people of the scenario, one bearer token each. */
export interface Users {
  org: string;
  township: string;
  auditor: string;
  liaison: string;
  discipline: string;
  police: string;
  /** The village the liaison looks after: the scenario's village. */
  village: string;
  townshipNode: string;
}

const USERNAMES: Record<Exclude<keyof Users, 'village' | 'townshipNode'>, Role> = {
  org: 'org_dept',
  township: 'township',
  auditor: 'auditor',
  liaison: 'liaison',
  discipline: 'discipline',
  police: 'review_dept',
};

/**
 * Embedded mode: the demo accounts log in with their password (POST /auth/login); their nodes come
 * from /auth/me, so the scenario's village is the demo liaison's.
 */
export async function loginDemoUsers(client: ScenarioClient, password: string): Promise<Users> {
  const tokens = {} as Record<keyof typeof USERNAMES, string>;
  for (const [key, username] of Object.entries(USERNAMES) as [keyof typeof USERNAMES, Role][]) {
    tokens[key] = (await client.ok('POST', '/auth/login', { json: { username, password } })).token;
  }
  const me = async (token: string) => (await client.ok('GET', '/auth/me', { token })).node as string;
  return { ...tokens, village: await me(tokens.liaison), townshipNode: await me(tokens.township) };
}

/**
 * Distributed mode: users come from the IdP. With a shared HS256 secret (AUTH_SECRET) the scenario
 * is its own IdP and signs the same claims the embedded login would (libs/auth validates both alike),
 * for the demo accounts' roles and nodes: the county, its first township and that township's first village.
 */
export async function mintUsers(
  client: ScenarioClient,
  secret: string,
  county: string,
  options: { issuer?: string; audience?: string; village?: string } = {},
): Promise<Users> {
  const issuer = new TokenIssuer({ secret, ttlSeconds: 3600, issuer: options.issuer, audience: options.audience });
  const sign = async (role: Role, node: string, dept?: string) =>
    (await issuer.issue({ sub: `scenario-${role}-${randomUUID()}`, name: `${role}（演示）`, roles: [role], node, dept })).token;
  const org = await sign('org_dept', county);
  // Another village (a 12-digit code) lets an operator run the scenario again on a used deployment.
  const townshipNode = options.village?.slice(0, 9) ?? ((await client.ok('GET', `/hierarchy/nodes/${county}/children`, { token: org }))[0].code as string);
  const village = options.village ?? ((await client.ok('GET', `/hierarchy/nodes/${townshipNode}/children`, { token: org }))[0].code as string);
  const accounts = demoAccounts({ countyCode: county, townshipCode: townshipNode, villageCode: village });
  const node = (role: Role) => accounts.find((a) => a.role === role)!;
  return {
    org,
    township: await sign('township', node('township').node),
    auditor: await sign('auditor', node('auditor').node),
    liaison: await sign('liaison', node('liaison').node),
    discipline: await sign('discipline', node('discipline').node),
    police: await sign('review_dept', node('review_dept').node, node('review_dept').dept),
    village,
    townshipNode,
  };
}
