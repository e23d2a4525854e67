// The tip-line's public endpoints under load, against a do-nothing endpoint of the same app (same
// process, HTTP stack, body parsing and auth guard), and receipt-code checks over HTTP against bare
// scrypt verifications at the product's parameters in-process.
import { mkdtempSync, rmSync } from 'fs';
import { randomBytes, scrypt } from 'crypto';
import { tmpdir } from 'os';
import { join } from 'path';
import autocannon from 'autocannon';
import { Body, Controller, Module, Post } from '@nestjs/common';
import { Public } from '@lw/auth';
import { createLogger, loadConfig } from '@lw/runtime';
import { startStandalone } from '@lw/standalone';
import { createTestDatabase } from '@lw/testing';
import { DEFAULT_SCRYPT_COST } from '@lw/tipline';
import type { BenchContext, BenchFigure, BenchSuite } from './bench.types';

/** The baseline: same app, same JSON body parsed, no work. */
@Controller('bench')
class NoopController {
  @Post('noop')
  @Public()
  noop(@Body() _body: unknown): { ok: true } {
    return { ok: true };
  }
}

@Module({ controllers: [NoopController] })
class BaselineModule {}

const CONNECTIONS = 10;
/** Lookups per batch: below the limiter's 30 per client per 10 minutes, its table is cleared between batches. */
const LOOKUP_BATCH = 25;
const JSON_HEADERS = { 'content-type': 'application/json' };

interface Load {
  rps: number;
  p99: number;
  total: number;
  /** Responses that were not 2xx, plus errors and timeouts: any of them fails the suite. */
  failed: number;
}

/** `seconds` of POSTs with CONNECTIONS connections; `body(i)` gives each request its own body. */
async function load(url: string, seconds: number, body: (i: number) => string): Promise<Load> {
  let i = 0;
  const r = await autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: seconds,
    headers: JSON_HEADERS,
    requests: [{ setupRequest: (req) => ({ ...req, body: body(i++) }) }],
  });
  return { rps: r.requests.average, p99: r.latency.p99, total: r.requests.total, failed: r.non2xx + r.errors + r.timeouts };
}

async function postJson(url: string, body: string): Promise<{ status: number; json: unknown }> {
  const res = await fetch(url, { method: 'POST', headers: JSON_HEADERS, body });
  return { status: res.status, json: await res.json() };
}

export const tiplineBench: BenchSuite = async (ctx: BenchContext): Promise<BenchFigure[]> => {
  const db = await createTestDatabase('benchtip');
  const dataDir = mkdtempSync(join(tmpdir(), 'lw-bench-'));
  const savedEnv = { ...process.env };
  // No per-client submission cap: all the load comes from 127.0.0.1. The receipt hash keeps the
  // product's cost (TIPLINE_RECEIPT_HASH_COST unset).
  process.env.TIPLINE_PUBLIC_SUBMISSIONS_PER_HOUR = '0';
  delete process.env.TIPLINE_RECEIPT_HASH_COST;
  let s: Awaited<ReturnType<typeof startStandalone>> | undefined;
  try {
    const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: db.url, PORT: '0', LOG_LEVEL: 'silent' }, 'embedded');
    s = await startStandalone({ config, logger: createLogger({ service: 'bench', level: 'silent' }), extra: [BaselineModule] });
    const base = s.url;
    // Closed by db.drop().
    const tipline = db.pool('tipline');
    const hierarchy = db.pool('hierarchy');
    const liaisonVillage = s.accounts.find((a) => a.username === 'liaison')?.node;
    if (!liaisonVillage) throw new Error('the demo county has no liaison account');
    // The subject varies over every current village of the demo county (the liaison's first), so
    // the first pass over them is first tips and later ones are repeats linked to them: a mix.
    const others = await hierarchy.query<{ code12: string }>(
      `SELECT code12 FROM divisions WHERE level = 'village' AND valid_to IS NULL AND code LIKE $1 || '%' AND code12 <> $2 ORDER BY code`,
      [s.county.code, liaisonVillage],
    );
    const villages = [liaisonVillage, ...others.rows.map((r) => r.code12)];
    const tip = (i: number) =>
      JSON.stringify({
        category: 'collective_funds',
        subjects: [{ kind: 'village', villageCode: villages[i % villages.length] }],
        text: `第 ${i} 号：村干部挪用集体资金，请予核查。`,
        anonymous: true,
      });

    // Warm-up: JIT, pools and the first-request paths of both endpoints.
    await load(`${base}/bench/noop`, 1, tip);
    const codes: string[] = [];
    const receiptTips = Math.max(20, Math.round(100 * ctx.scale));
    for (let i = 0; i < receiptTips; i++) {
      // These tips also give figure 3 its real receipt codes.
      const res = await postJson(`${base}/tipline/public/tips`, tip(i));
      if (res.status !== 201) throw new Error(`tip submission answered ${res.status}: ${JSON.stringify(res.json)}`);
      codes.push((res.json as { receiptCode: string }).receiptCode);
    }

    const seconds = Math.max(3, Math.round(10 * ctx.scale));
    ctx.log(`public submissions: ${CONNECTIONS} connections, ${seconds} s each, ${villages.length} villages as subjects`);
    const noop = await load(`${base}/bench/noop`, seconds, tip);
    const ours = await load(`${base}/tipline/public/tips`, seconds, (i) => tip(receiptTips + i));
    if (ours.failed || noop.failed) throw new Error(`failed requests: tips ${ours.failed} of ${ours.total}, noop ${noop.failed} of ${noop.total}`);
    const matters = (
      await tipline.query<{ first: string; repeats: string }>('SELECT count(*) AS first, coalesce(sum(repeats), 0) AS repeats FROM tip_matters')
    ).rows[0];
    const written = Number(matters.first) + Number(matters.repeats);
    // Every 2xx must be a tip in the database (some may finish after autocannon stops counting).
    if (written < receiptTips + ours.total) throw new Error(`${receiptTips + ours.total} tips acknowledged, ${written} written`);
    ctx.log(`tips written: ${matters.first} first tips, ${matters.repeats} repeats`);

    ctx.log(`receipt-code checks: ${codes.length} codes`);
    const checks = Math.max(50, Math.round(500 * ctx.scale));
    let done = 0;
    let spent = 0;
    while (done < checks) {
      // Outside the stopwatch: reset the limiter so 127.0.0.1 is not locked out (30 lookups / 10 min).
      await tipline.query('DELETE FROM receipt_attempts');
      const batch = Math.min(LOOKUP_BATCH, checks - done);
      const t0 = performance.now();
      const answers = await Promise.all(
        Array.from({ length: batch }, (_, j) => postJson(`${base}/tipline/public/receipts/lookup`, JSON.stringify({ code: codes[(done + j) % codes.length] }))),
      );
      spent += performance.now() - t0;
      const bad = answers.find((a) => a.status !== 200);
      if (bad) throw new Error(`receipt lookup answered ${bad.status}: ${JSON.stringify(bad.json)}`);
      done += batch;
    }
    const lookupsPerSecond = checks / (spent / 1000);

    // Baseline: what the product's ScryptReceiptHasher.verify derives, without HTTP, limiter or event store.
    const n = 2 ** DEFAULT_SCRYPT_COST;
    const params = { N: n, r: 8, p: 1, maxmem: 256 * n * 8 + 1024 * 1024 };
    const salt = randomBytes(16);
    const derive = () => new Promise<Buffer>((resolve, reject) => scrypt('ABCDEFGHJKMNPQRS', salt, 32, params, (e, k) => (e ? reject(e) : resolve(k))));
    const t1 = performance.now();
    for (let k = 0; k < checks; k += LOOKUP_BATCH) await Promise.all(Array.from({ length: Math.min(LOOKUP_BATCH, checks - k) }, derive));
    const scryptPerSecond = checks / ((performance.now() - t1) / 1000);

    const round = (x: number, digits = 0) => Math.round(x * 10 ** digits) / 10 ** digits;
    return [
      {
        name: `public tip submissions, POST /tipline/public/tips, ${CONNECTIONS} connections, ${seconds} s`,
        ours: { value: round(ours.rps), unit: 'req/s', higherIsBetter: true },
        baseline: { label: 'POST /bench/noop of the same app, same bodies', value: round(noop.rps), unit: 'req/s', higherIsBetter: true },
        note:
          `Each submission hashes its new receipt code with scrypt (N=2^${DEFAULT_SCRYPT_COST}); that alone allows about ${round(scryptPerSecond)}/s here (figure 3 baseline), ` +
          `so the hash, not the write path, bounds the rate. Subjects cycled over ${villages.length} villages: ${matters.first} first tips, ${matters.repeats} repeats linked.`,
      },
      {
        name: 'public tip submissions, p99 latency under the same load',
        ours: { value: ours.p99, unit: 'ms p99', higherIsBetter: false },
        baseline: { label: 'POST /bench/noop of the same app', value: noop.p99, unit: 'ms p99', higherIsBetter: false },
      },
      {
        name: `receipt-code checks, POST /tipline/public/receipts/lookup, ${checks} lookups ${LOOKUP_BATCH} at a time`,
        ours: { value: round(lookupsPerSecond, 1), unit: 'checks/s', higherIsBetter: true },
        baseline: { label: `bare crypto.scrypt at the same parameters (N=2^${DEFAULT_SCRYPT_COST}, r=8, p=1), in-process`, value: round(scryptPerSecond, 1), unit: 'checks/s', higherIsBetter: true },
        note:
          `The slow hash is the point: it bounds guessing even without the limiter. The limiter allows 30 lookups per client per 10 minutes, ` +
          `so its table was emptied between batches of ${LOOKUP_BATCH}, outside the stopwatch; its bookkeeping inside each lookup is measured.`,
      },
    ];
  } finally {
    await s?.stop();
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
    process.env = savedEnv;
  }
};
