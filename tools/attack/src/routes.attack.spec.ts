import { ROLES, type Role } from '@lw/auth';
import { buildFixtures, fillPath, seedFor, type Fixtures } from './fixtures';
import type { Answer, CallOptions } from './http';
import { startAttackProduct, type AttackProduct } from './product';
import { changed, rowCounts, settledCounts, type RowCounts } from './row-counts';
import { enumerateRoutes, expressRoutes, type RouteInfo } from './routes';

/**
 * Issue 14, "What must hold" 1: every route Nest registers, read from the router, is called as every
 * role its metadata does not allow and as a user of an allowed role in another township, with the
 * ids of township A's objects. Refused (401/403/404), never 2xx or 5xx, and nothing written. A route
 * that declares no access rule (@Roles or @Public) fails the suite.
 */
describe('attack: scope and roles from the router itself', () => {
  let p: AttackProduct;
  let f: Fixtures;
  let routes: RouteInfo[];

  beforeAll(async () => {
    p = await startAttackProduct();
    f = await buildFixtures(p);
    routes = enumerateRoutes(p.s.app);
  }, 240_000);

  /** Attempts per family and their answers, printed at the end (the README's security figures). */
  const tally = new Map<string, Map<string, number>>();
  const count = (family: string, a: Answer) => {
    const byStatus = tally.get(family) ?? new Map<string, number>();
    const key = a.timedOut ? 'hang' : String(a.status);
    byStatus.set(key, (byStatus.get(key) ?? 0) + 1);
    tally.set(family, byStatus);
  };

  afterAll(async () => {
    const lines = [...tally].map(([family, byStatus]) => {
      const total = [...byStatus.values()].reduce((x, y) => x + y, 0);
      return `${family}: ${total} attempts, answers ${JSON.stringify(Object.fromEntries(byStatus))}`;
    });
    if (lines.length) console.log(`routes attack over ${routes?.length ?? 0} routes\n${lines.join('\n')}`);
    await p?.stop();
  });

  const guarded = () => routes.filter((r) => !r.public);

  it('enumerates every route Express serves, and finds the services', () => {
    const known = new Set(routes.map((r) => r.key));
    expect(expressRoutes(p.s.app).filter((k) => !known.has(k))).toEqual([]);
    for (const prefix of ['/vetting/', '/tipline/', '/auditing/', '/grievance/', '/auth/', '/hierarchy/']) {
      expect(routes.some((r) => r.path.startsWith(prefix))).toBe(true);
    }
  });

  it('every route declares its access rule (@Roles or @Public)', () => {
    const missing = routes.filter((r) => !r.public && !r.roles).map((r) => `route ${r.key} (${r.handler}) has no access rule`);
    expect(missing).toEqual([]);
  });

  it('every path parameter of a guarded route is filled with an object of township A', () => {
    const unknown = guarded().flatMap((r) => fillPath(f, r.path).unknown.map((n) => `route ${r.key}: no fixture for :${n}`));
    expect(unknown).toEqual([]);
  });

  it('an allowed user inside the node reaches every guarded read with these ids (so a refusal below is the check, not a bad id)', async () => {
    const misses: string[] = [];
    for (const r of guarded().filter((x) => x.method === 'GET' && x.params.length && x.roles)) {
      const a = await send(r, p.users.inScope[r.roles![0]]);
      if (a.status === 401 || a.status === 403 || a.status === 404 || a.status >= 500 || a.timedOut) misses.push(`${r.key} as ${r.roles![0]} → ${outcome(a)}`);
    }
    expect(misses).toEqual([]);
  });

  it('without a token, every guarded route answers 401 and writes nothing', async () => {
    const failures: string[] = [];
    await attackEach(guarded(), async (r) => [await send(r, undefined)], (r, a) => (count('no token', a), a.status === 401 ? null : `${r.key} without a token → ${outcome(a)}`), failures);
    expect(failures).toEqual([]);
  }, 120_000);

  it('as every role the route does not allow (users inside the objects’ node): refused, nothing written', async () => {
    const failures: string[] = [];
    await attackEach(
      guarded().filter((r) => r.roles),
      async (r) => {
        const out: [Role, Answer][] = [];
        for (const role of ROLES.filter((x) => !r.roles!.includes(x))) out.push([role, await send(r, p.users.inScope[role])]);
        return out.map(([role, a]) => Object.assign(a, { who: role }));
      },
      (r, a) => (count('role not allowed', a), refused(a) ? null : `${r.key} as ${(a as Answer & { who: string }).who} (not in @Roles ${r.roles!.join(',')}) → ${outcome(a)}`),
      failures,
    );
    expect(failures).toEqual([]);
  }, 180_000);

  it('as an allowed role of another township: refused, or nothing of township A in the answer; nothing written', async () => {
    const failures: string[] = [];
    await attackEach(
      guarded(),
      async (r) => {
        const out: Answer[] = [];
        // A write that names nothing of township A (logout, password change) has no scope to break.
        if (r.method !== 'GET' && !refersToTownshipA(r)) return [];
        for (const role of r.roles ?? ROLES) {
          const token = p.users.otherTownship[role];
          for (const query of queryVariants(r)) out.push(Object.assign(await send(r, token, query), { who: `${role}@${p.townshipB.code}`, query }));
        }
        return out;
      },
      (r, a) => {
        const who = (a as Answer & { who: string; query: string }).who;
        const query = (a as Answer & { query: string }).query;
        const at = `${r.key}${query ? `?${query}` : ''} as ${who}`;
        count('other township', a);
        if (a.timedOut || a.status >= 500) return `${at} → ${outcome(a)}`;
        if (refused(a) || (a.status >= 400 && a.status < 500)) return null;
        // A 2xx is acceptable only for a read that shows nothing of township A.
        if (r.method !== 'GET') return `${at} → ${outcome(a)} (a write outside the user's township was accepted)`;
        const text = a.raw.toString('utf8');
        // An id the caller put in the URL may come back; anything else of township A is a leak.
        const url = decodeURIComponent(`${fillPath(f, r.path).path}?${query}`);
        const seen = f.markers.filter((m) => text.includes(m) && !url.includes(m));
        return seen.length ? `${at} → ${a.status} showing township A's ${seen.join(', ')}` : null;
      },
      failures,
    );
    expect(failures).toEqual([]);
  }, 240_000);

  function refersToTownshipA(r: RouteInfo): boolean {
    if (r.params.length) return true;
    const seed = seedFor(f, r.method, r.path);
    return Boolean(seed && (seed.opts.form || (JSON.stringify(seed.opts.json ?? '') + seed.path).includes(p.townshipA.code)));
  }

  /** Query strings that point a list at township A (one scope key at a time, plus the route's own seed query). */
  function queryVariants(r: RouteInfo): string[] {
    if (r.method !== 'GET') return [''];
    const seeded = seedFor(f, r.method, r.path)?.path.split('?')[1];
    const keys = ['village', 'villageCode', 'township', 'scope', 'node', 'within', 'parent', 'electionId'];
    const values: Record<string, string> = { township: p.townshipA.code, scope: p.townshipA.code, node: p.townshipA.code, within: p.townshipA.code, parent: p.townshipA.code, electionId: f.electionId };
    return ['', ...(seeded ? [seeded] : []), ...keys.map((k) => `${k}=${values[k] ?? f.village}`)];
  }

  /** One call of the route with the seed body (valid, so only the access check can refuse it). */
  async function send(r: RouteInfo, token: string | undefined, query = ''): Promise<Answer> {
    const { path } = fillPath(f, r.path);
    const seed = seedFor(f, r.method, r.path);
    const opts: CallOptions = { token };
    if (r.method !== 'GET' && r.method !== 'DELETE') {
      if (seed?.opts.json !== undefined) opts.json = seed.opts.json;
      else if (seed?.opts.form) opts.form = seed.opts.form;
      else opts.json = {};
    }
    return p.call(r.method, query ? `${path}?${query}` : path, opts);
  }

  /**
   * Runs the calls of each route between two row counts; a route whose calls changed a table fails,
   * naming the table. Counts are re-settled after a change so the next route starts clean.
   */
  async function attackEach(
    list: RouteInfo[],
    calls: (r: RouteInfo) => Promise<Answer[]>,
    judge: (r: RouteInfo, a: Answer) => string | null,
    failures: string[],
  ): Promise<void> {
    let before: RowCounts = await settledCounts(p.pool);
    for (const r of list) {
      for (const a of await calls(r)) {
        const verdict = judge(r, a);
        if (verdict) failures.push(verdict);
      }
      const after = await rowCounts(p.pool);
      const diff = changed(before, after);
      if (diff.length) {
        failures.push(`${r.key}: refused calls wrote ${diff.join('; ')}`);
        before = await settledCounts(p.pool);
      }
    }
  }
});

function refused(a: Answer): boolean {
  return !a.timedOut && (a.status === 401 || a.status === 403 || a.status === 404);
}

function outcome(a: Answer): string {
  if (a.timedOut) return 'no answer within the bound (hang)';
  const msg = typeof a.body === 'object' && a.body ? String((a.body as { message?: unknown }).message ?? '') : a.raw.toString('utf8').slice(0, 80);
  return `${a.status}${msg ? ` ${msg.slice(0, 80)}` : ''}`;
}
