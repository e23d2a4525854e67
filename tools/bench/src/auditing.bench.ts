// Issue 5: outgoing audits (离任经济责任审计) for a province-sized election. The product is started the
// way `npm start` does (the standalone host, province 32 江苏 as its deployment scope). Timed end to
// end: vetting's ElectionOpened (one per county) delivered on the bus until the engagements read
// model holds one planned audit per village; then every audit taken through fieldwork, one finding,
// draft and conclusion by the auditors' commands (a few villages at a time) until the read model
// shows them concluded. Baseline: the very same event rows appended with raw batched INSERTs.
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Pool } from 'pg';
import { ConcludeAudit, RecordFinding, StartFieldwork, SubmitDraft } from '@lw/auditing';
import type { Actor } from '@lw/domain';
import { createLogger, loadConfig } from '@lw/runtime';
import { startStandalone } from '@lw/standalone';
import { createTestDatabase, electionOpened, waitFor } from '@lw/testing';
import * as d from '@lw/auditing/src/domain/engagement';
import type { BenchContext, BenchFigure, BenchSuite } from './bench.types';

const PROVINCE = '32';
const ELECTION = 'bench2026';
/** Villages worked on at once: a few audit teams pressing buttons together. */
const CONCURRENCY = 4;
const ACTOR: Actor = { userId: 'bench-auditor', roles: ['auditor'], node: PROVINCE };

const RAW_TABLE = `
  CREATE TABLE raw_events (
    position bigserial PRIMARY KEY, stream_id text NOT NULL, stream_version integer NOT NULL,
    type text NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at timestamptz NOT NULL DEFAULT now(), UNIQUE (stream_id, stream_version))`;

const seconds = (ms: number) => (ms / 1000).toFixed(1);
const perSecond = (value: number) => ({ value, unit: 'villages/s', higherIsBetter: true });

const until = (what: string, check: () => Promise<boolean>) => waitFor(check, 3_600_000, what, 100);

/** The same rows our append wrote (types, versions, data), inserted raw, 500 per statement. */
async function rawCopy(pool: Pool, types: string[]): Promise<number> {
  const { rows } = await pool.query<{ stream_id: string; stream_version: number; type: string; data: unknown }>(
    `SELECT stream_id, stream_version, type, data FROM events WHERE stream_id LIKE 'engagement-%' AND type = ANY($1) ORDER BY position`,
    [types],
  );
  const t0 = performance.now();
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const params: unknown[] = [];
    const values = chunk.map((r) => {
      params.push(r.stream_id, r.stream_version, r.type, JSON.stringify(r.data));
      const p = params.length;
      return `($${p - 3}, $${p - 2}, $${p - 1}, $${p})`;
    });
    await pool.query(`INSERT INTO raw_events (stream_id, stream_version, type, data) VALUES ${values.join(',')}`, params);
  }
  return performance.now() - t0;
}

export const auditingBench: BenchSuite = async (ctx: BenchContext): Promise<BenchFigure[]> => {
  const db = await createTestDatabase('benchaud');
  const dataDir = mkdtempSync(join(tmpdir(), 'lw-bench-auditing-'));
  let s: Awaited<ReturnType<typeof startStandalone>> | undefined;
  try {
    let t = performance.now();
    const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: db.url, PORT: '0', LOG_LEVEL: 'silent' }, 'embedded');
    s = await startStandalone({ config, county: PROVINCE, logger: createLogger({ service: 'bench', level: 'silent' }) });
    const kernel = s.kernels.find((k) => k.name === 'auditing')!;
    const pool = kernel.pool;
    const all = kernel.platform.hierarchy.descendants(PROVINCE, { level: 'village' }).filter((v) => v.validTo == null);
    const villages = all.slice(0, Math.max(200, Math.round(all.length * Math.min(1, ctx.scale))));
    ctx.log(`setup: host started, province ${PROVINCE} imported (${all.length} villages; ${villages.length} in this run) in ${seconds(performance.now() - t)} s`);
    await pool.query(RAW_TABLE);

    // 1. Planning: one ElectionOpened per county, as each county's organisation department opens it.
    const byCounty = new Map<string, typeof villages>();
    for (const v of villages) {
      const county = v.code.slice(0, 6);
      if (!byCounty.has(county)) byCounty.set(county, []);
      byCounty.get(county)!.push(v);
    }
    const opened = [...byCounty].map(([county, vs]) =>
      electionOpened({
        electionId: ELECTION,
        scope: county,
        villages: vs.map((v) => ({ villageCode: v.code12, outgoingHeads: [{ personId: `p-${v.code}`, name: '王书记', post: '党组织书记', since: '2021-01-15' }] })),
      }),
    );
    const count = async (where: string) => Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM engagements WHERE ${where}`)).rows[0].n);
    t = performance.now();
    await kernel.bus.publish(opened);
    await until('planned audits', async () => (await count(`election_id = '${ELECTION}'`)) === villages.length);
    const planMs = performance.now() - t;
    const planRawMs = await rawCopy(pool, ['EngagementPlanned']);
    ctx.log(`plan ${villages.length}: ${seconds(planMs)} s vs raw ${seconds(planRawMs)} s`);

    // 2. Concluding: fieldwork, one finding (every tenth serious), draft, conclusion, per village.
    t = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let i = next++; i < villages.length; i = next++) {
          const id = d.outgoingEngagementId(ELECTION, villages[i].code12);
          const finding: d.FindingContent = {
            category: 'unreceipted_voucher',
            severity: i % 10 === 0 ? 'serious' : 'general',
            amount: `${1000 + i}.${String(i % 100).padStart(2, '0')}`,
            description: '以白条列支村集体支出',
            responsiblePersons: [{ name: '王书记', post: '党组织书记' }],
            evidence: [],
            rectificationRequired: true,
            violationSuspected: false,
          };
          await kernel.commandBus.execute(new StartFieldwork(id, ACTOR, ['审计组']));
          await kernel.commandBus.execute(new RecordFinding(id, ACTOR, finding));
          await kernel.commandBus.execute(new SubmitDraft(id, ACTOR));
          await kernel.commandBus.execute(new ConcludeAudit(id, ACTOR, null));
        }
      }),
    );
    await until('concluded audits', async () => (await count(`election_id = '${ELECTION}' AND status = 'concluded'`)) === villages.length);
    const concludeMs = performance.now() - t;
    const concludeRawMs = await rawCopy(pool, ['FieldworkStarted', 'FindingRecorded', 'DraftSubmitted', 'AuditConcluded']);
    ctx.log(`conclude ${villages.length}: ${seconds(concludeMs)} s vs raw ${seconds(concludeRawMs)} s`);

    const n = villages.length.toLocaleString('en-US');
    return [
      {
        name: `plan outgoing audits, ${n} villages (ElectionOpened per county → engagements read model)`,
        ours: perSecond(villages.length / (planMs / 1000)),
        baseline: { ...perSecond(villages.length / (planRawMs / 1000)), label: 'raw INSERT of the same EngagementPlanned rows, 500 per statement' },
        note: 'ours: bus delivery, inbox, an existence check and an append with its outbox row per village in the inbox transaction, then the projection rebuilds each engagement row',
      },
      {
        name: `conclude audits, ${n} villages (fieldwork, 1 finding, draft, conclusion → read model)`,
        ours: perSecond(villages.length / (concludeMs / 1000)),
        baseline: { ...perSecond(villages.length / (concludeRawMs / 1000)), label: 'raw INSERT of the same 4 events per village, 500 rows per statement' },
        note: `ours: 4 commands per village (load, decide, append with outbox rows), ${CONCURRENCY} at a time, then the projection; the baseline skips version checks, outbox and read model`,
      },
    ];
  } finally {
    await s?.stop();
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
};
