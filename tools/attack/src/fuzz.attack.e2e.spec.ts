import fc from 'fast-check';
import type { Role } from '@lw/auth';
import { buildFixtures, fillPath, paramValue, seedFor, type Fixtures, type Seed } from './fixtures';
import type { Answer, CallOptions } from './http';
import { nastyRawBody, nastyString, nastyValue, nearValid, sampleOf } from './nasty';
import { startProductInWorker, type ProductHandle } from './product-host';
import { changed, rowCounts, settledCounts } from './row-counts';
import type { RouteInfo } from './routes';
import { spoiledFiles, type SpoiledFile } from './spoiled-files';

/** `ATTACK_SEED=<n>` replays a run; the seed is printed either way. */
const SEED = Number(process.env.ATTACK_SEED ?? Date.now() % 2 ** 31);
/** Per route: kept small so the whole suite stays within a few minutes on two cores. */
const RUNS = Number(process.env.ATTACK_RUNS ?? 8);
/** A request not answered within this bound is a hang. */
const BOUND_MS = 10_000;
/** Longer than the bus's and the projectors' poll (500 ms): see the settles below. */
const SETTLE_AFTER_WRITE_MS = 600;

interface Attempt {
  label: string;
  path: string;
  opts: CallOptions;
}

/**
 * Issue 14, "What must hold" 2: for every route the router holds, as an allowed user inside the
 * objects' node, fast-check generates bodies and query strings (NUL and control characters, huge,
 * negative and fractional numbers, far and impossible dates, repeated parameters, wrong types, deep
 * nesting, 100 k strings, prototype keys), near-valid (a valid request with one field spoiled) and
 * random. Zero 5xx, every answer within the bound, and a refusal (4xx) writes nothing.
 */
describe('attack: property-based fuzzing of every request schema', () => {
  let p: ProductHandle;
  let f: Fixtures;
  let routes: RouteInfo[];
  let openapi: any;
  /** Per multipart seed (by method and path): its file field and every spoiled content for it. */
  const spoiled = new Map<Seed, { field: string; files: SpoiledFile[] }>();

  beforeAll(async () => {
    console.log(`fuzz seed ${SEED} (replay: ATTACK_SEED=${SEED}), ${RUNS} runs per route`);
    // In a worker thread: a request that never yields blocks the product, not this test's timers.
    p = await startProductInWorker();
    f = await buildFixtures(p);
    routes = p.routes;
    openapi = (await p.call('GET', '/tipline/openapi.json')).body;
    for (const seed of f.seeds) {
      const file = seed.opts.form && [...seed.opts.form.entries()].find(([, v]) => typeof v !== 'string');
      if (file) spoiled.set(seed, { field: file[0], files: await spoiledFiles((file[1] as File).name, await (file[1] as File).text()) });
    }
  }, 240_000);

  afterAll(async () => {
    await p?.stop();
  });

  it('answers every generated request below 500, within the bound, and writes nothing when it refuses', async () => {
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    const tokens = new Map<Role, string>();
    const tokenFor = async (role: Role, fresh = false) => {
      if (fresh || !tokens.has(role)) tokens.set(role, await p.login(`attack_${role}_a`));
      return tokens.get(role)!;
    };
    for (const r of routes) {
      const role = roleFor(r);
      const token = role ? await tokenFor(role) : undefined;
      const arb = attempts(r, token);
      // Counts settle only after an accepted request (its reactions run on the bus); a refusal leaves them as they were.
      let quiet = false;
      let counts = await settledCounts(p.pool, undefined, 5_000);
      const details = await fc.check(
        fc.asyncProperty(arb, async (a) => {
          // An accepted write starts reactions that run in stages on the bus and projectors (each
          // polls every 500 ms): quiet must outlast one poll, or a later stage looks like the next
          // refusal's write. A read starts nothing.
          if (!quiet) counts = await settledCounts(p.pool, undefined, 5_000, r.method === 'GET' ? 150 : SETTLE_AFTER_WRITE_MS);
          const ans = await p.call(r.method, a.path, { ...a.opts, timeoutMs: BOUND_MS });
          quiet = false;
          statuses.set(ans.status, (statuses.get(ans.status) ?? 0) + 1);
          const verdict = judge(ans);
          if (verdict) throw new Error(verdict);
          if (ans.status >= 400) {
            const after = await rowCounts(p.pool);
            const diff = changed(counts, after);
            if (diff.length) throw new Error(`refused with ${ans.status} but wrote ${diff.join('; ')}`);
            quiet = true;
          }
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
      if (details.failed) {
        const [a] = details.counterexample as [Attempt];
        failures.push(`${r.key}: ${(details.errorInstance as Error | undefined)?.message ?? "failed"} — ${a.label} ${show(a)}`);
      }
      // The route may have ended the session (logout, password change): the next one gets a fresh token.
      if (role && (await p.call('GET', '/auth/me', { token })).status === 401) await tokenFor(role, true);
      // The whole product must still answer.
      const health = await p.call('GET', '/tipline/health', { timeoutMs: BOUND_MS });
      if (health.timedOut) {
        failures.push(`${r.key}: the product stopped answering after the route's requests`);
        break;
      }
    }
    console.log(`fuzz seed ${SEED}: ${routes.length} routes, answers by status ${JSON.stringify(Object.fromEntries(statuses))}`);
    // Most attempts must pass the guard: a run refused wholesale (401/403) would prove nothing.
    expect((statuses.get(401) ?? 0) + (statuses.get(403) ?? 0)).toBeLessThan([...statuses.values()].reduce((a, b) => a + b, 0) / 4);
    expect(failures).toEqual([]);
  }, 900_000);

  it('answers every spoiled file on every multipart route below 500, within the bound, and writes nothing when it refuses', async () => {
    const failures: string[] = [];
    const answers: string[] = [];
    const routesWithFiles = routes.filter((r) => {
      const seed = seedFor(f, r.method, r.path);
      return seed && spoiled.has(seed);
    });
    // The roster import and the public tip (with evidence) at least: the fixtures seed both with a file.
    expect(routesWithFiles.map((r) => r.key)).toEqual(expect.arrayContaining(['POST /vetting/roster/import', 'POST /tipline/public/tips']));
    for (const r of routesWithFiles) {
      const seed = seedFor(f, r.method, r.path)!;
      const { field, files } = spoiled.get(seed)!;
      const role = roleFor(r);
      for (const file of files) {
        const token = role ? await p.login(`attack_${role}_a`) : undefined;
        const before = await settledCounts(p.pool, undefined, 10_000, SETTLE_AFTER_WRITE_MS);
        const ans = await p.call(r.method, seed.path, { token, form: formWithFile(seed, field, file), timeoutMs: BOUND_MS });
        const at = `${r.key} with ${field} = ${file.label} (${file.name}, ${file.bytes.length} bytes)`;
        answers.push(`${at} → ${ans.timedOut ? 'hang' : ans.status}`);
        const verdict = judge(ans);
        if (verdict) failures.push(`${at}: ${verdict}`);
        else if (ans.status >= 400) {
          const diff = changed(before, await rowCounts(p.pool));
          if (diff.length) failures.push(`${at}: refused with ${ans.status} but wrote ${diff.join('; ')}`);
        }
      }
    }
    console.log(`spoiled files:\n${answers.join('\n')}`);
    expect(failures).toEqual([]);
  }, 600_000);

  /** The seed's form with its file replaced by a spoiled one (same field name). */
  function formWithFile(seed: Seed, field: string, file: SpoiledFile): FormData {
    const form = new FormData();
    for (const [name, entry] of seed.opts.form!.entries()) if (name !== field) form.append(name, entry);
    form.append(field, new Blob([file.bytes], { type: file.type }), file.name);
    return form;
  }

  /** The role of the seed's user if there is a seed, else the first role the route allows. */
  function roleFor(r: RouteInfo): Role | undefined {
    if (r.public) return undefined;
    const seed = seedFor(f, r.method, r.path);
    const seedRole = seed?.opts.token ? (Object.entries(p.users.inScope).find(([, t]) => t === seed.opts.token)?.[0] as Role | undefined) : undefined;
    return seedRole ?? r.roles?.[0] ?? 'org_dept';
  }

  /** What a request may carry for this route: near-valid and random bodies, nasty queries and path values. */
  function attempts(r: RouteInfo, token: string | undefined): fc.Arbitrary<Attempt> {
    const { path } = fillPath(f, r.path);
    const seed = seedFor(f, r.method, r.path);
    const base = seed ? seed.path.split('?')[0] : path;
    const seedQuery = seed?.path.split('?')[1];
    const queryKeys = [...new Set([...new URLSearchParams(seedQuery ?? '').keys(), ...openapiQueryKeys(r), 'q', 'village', 'scope', 'from', 'to', 'asOf', 'date', 'limit', 'offset', 'page'])];
    const query = fc
      .array(fc.tuple(fc.constantFrom(...queryKeys), nastyString.map((s) => s.slice(0, 3000))), { minLength: 1, maxLength: 4 })
      .map((pairs) => {
        const q = new URLSearchParams(seedQuery ?? '');
        for (const [k, v] of pairs) q.append(k, v); // appended, so a seed key is repeated
        return q.toString();
      });
    const spoiledPath = r.params.length
      ? fc.tuple(fc.constantFrom(...r.params), nastyString).map(([param, v]) =>
          r.path.replace(/:(\w+)/g, (_m, name: string) => (name === param ? percentEncoded(v.slice(0, 2000)) || '%20' : encodeURIComponent(paramValue(f, r.path, name) ?? 'x'))),
        )
      : fc.constant(base);
    const options: fc.Arbitrary<Attempt>[] = [
      query.map((q) => ({ label: 'query', path: `${base}?${q}`, opts: { token } })),
      spoiledPath.map((sp) => ({ label: 'path value', path: sp, opts: { token, ...validBody(r, seed) } })),
    ];
    if (r.method !== 'GET' && r.method !== 'DELETE') {
      const valid = seedJson(r, seed);
      options.push(
        nearValid(valid).map((body) => ({ label: 'near-valid body', path: base, opts: { token, json: body } })),
        nastyValue.map((body) => ({ label: 'random body', path: base, opts: { token, json: body } })),
        nastyRawBody.map((raw) => ({ label: 'raw body', path: base, opts: { token, raw } })),
      );
      if (seed?.opts.form) options.push(spoiledForm(seed, token, base));
      const files = seed && spoiled.get(seed);
      if (files) options.push(fc.constantFrom(...files.files).map((file) => ({ label: `multipart file ${files.field}: ${file.label}`, path: base, opts: { token, form: formWithFile(seed, files.field, file) } })));
    }
    return fc.oneof(...options);
  }

  function validBody(r: RouteInfo, seed: Seed | undefined): CallOptions {
    if (r.method === 'GET' || r.method === 'DELETE') return {};
    if (seed?.opts.form) return { form: seed.opts.form };
    return { json: seedJson(r, seed) };
  }

  /** The seed's JSON body, else a body sampled from the OpenAPI schema, else {}. */
  function seedJson(r: RouteInfo, seed: Seed | undefined): unknown {
    if (seed?.opts.json !== undefined) return seed.opts.json;
    const op = openapiOp(r);
    const schema = op?.requestBody?.content?.['application/json']?.schema;
    return schema ? sampleOf(schema, f.village) : {};
  }

  function openapiOp(r: RouteInfo): any {
    const key = r.path.replace(/:(\w+)/g, '{$1}');
    return openapi?.paths?.[key]?.[r.method.toLowerCase()];
  }

  function openapiQueryKeys(r: RouteInfo): string[] {
    return ((openapiOp(r)?.parameters ?? []) as { name: string; in: string }[]).filter((x) => x.in === 'query').map((x) => x.name);
  }

  /** The seed's multipart form with one text field spoiled (the tip's JSON, the import's date …). */
  function spoiledForm(seed: Seed, token: string | undefined, path: string): fc.Arbitrary<Attempt> {
    const fields = [...seed.opts.form!.entries()].filter(([, v]) => typeof v === 'string').map(([k]) => k);
    const json = (k: string) => {
      try {
        return JSON.parse(String(seed.opts.form!.get(k)));
      } catch {
        return undefined;
      }
    };
    return fc.tuple(fc.constantFrom(...(fields.length ? fields : ['x'])), nastyString, fc.boolean()).chain(([k, v, structured]) => {
      const parsed = json(k);
      const value = structured && parsed !== undefined ? nearValid(parsed).map((b) => JSON.stringify(b)) : fc.constant(v);
      return value.map((val) => {
        const form = new FormData();
        for (const [name, entry] of seed.opts.form!.entries()) if (name !== k) form.append(name, entry);
        form.append(k, val);
        return { label: `multipart field ${k}`, path, opts: { token, form } };
      });
    });
  }
});

/** Every byte percent-encoded (lone surrogates included, which encodeURIComponent refuses). */
function percentEncoded(v: string): string {
  return [...Buffer.from(v, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
}

function judge(a: Answer): string | null {
  if (a.timedOut) return `no answer within ${BOUND_MS} ms (hang)`;
  if (a.status >= 500) return `answered ${a.status}: ${a.raw.slice(0, 200)}`;
  return null;
}

/** The attempt, short enough to read (long strings abbreviated). */
function show(a: Attempt): string {
  const abbreviate = (s: string) => s.replace(/(.)\1{40,}/g, (m, c: string) => `${c}×${m.length}`).slice(0, 400);
  const body = a.opts.json !== undefined ? JSON.stringify(a.opts.json) : a.opts.raw ? JSON.stringify(a.opts.raw.body) : a.opts.form ? '(multipart)' : '';
  return abbreviate(`${a.path}${body ? ` body ${body}` : ''}`);
}
