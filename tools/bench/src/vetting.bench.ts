// Issue 4: the first review (初审) of a province-sized slate. The product is started the way
// `npm start` does (the standalone host, province 32 江苏 as its deployment scope), the roster is
// filled through the roster's own commands (the clerk's import per county, then records, appraisals,
// relatives, roles and investigations person by person), an election is opened for the province
// and 8 nominees listed per village. Timed: the ReviewVillage command for every village (a few at a
// time) until the election board has projected the last verdict, against the pure rules engine
// (evaluatePerson per nominee + evaluateSlate per village) on the very inputs the review loaded.
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Pool } from 'pg';
import { shanghaiDateOf, type Actor, type LocalDate } from '@lw/domain';
import { createLogger, loadConfig } from '@lw/runtime';
import { startStandalone } from '@lw/standalone';
import { citizenId, createTestDatabase, waitFor } from '@lw/testing';
import { withTransaction } from '@lw/db';
import { decideAndAppend } from '@lw/eventstore';
import { ImportRoster } from '@lw/vetting/src/application/roster/roster.commands';
import { loadPersons } from '@lw/vetting/src/application/roster/roster-streams';
import { ElectionReview } from '@lw/vetting/src/application/election/election-review';
import { PolicyPacks } from '@lw/vetting/src/application/election/policy-packs';
import { VillageElections } from '@lw/vetting/src/application/election/village-elections';
import { OpenElection } from '@lw/vetting/src/application/election.commands';
import { RosterPort } from '@lw/vetting/src/application/roster-port';
import { ReviewVillage } from '@lw/vetting/src/application/village-election.commands';
import { villageElectionStream } from '@lw/vetting/src/application/village-election-stream';
import { evolveVillageElection, listNominee, nominationOf, verdictsAllow, type Body, type NomineeRef, type VillageElectionEvent } from '@lw/vetting/src/domain/election';
import type { PolicyPack } from '@lw/vetting/src/domain/policy';
import { addRecord, assignRole, evolvePerson, linkRelative, openInvestigation, personDecider, personStream, recordAppraisal, type Holding, type PersonEvent, type PersonState } from '@lw/vetting/src/domain/roster';
import { evaluatePerson, evaluateSlate, type PersonFacts, type RelativeLink, type SlateNominee } from '@lw/vetting/src/domain/rules';
import { RosterProjector } from '@lw/vetting/src/infrastructure/roster/roster-runtime';
import type { BenchContext, BenchFigure, BenchSuite } from './bench.types';

const PROVINCE = '32';
const ELECTION = 'bench2026';
const SEATS: Record<Body, number> = { party: 3, committee: 3, supervision: 3 };
/** Villages reviewed at once: what a few township clerks pressing "初审" together would do. */
const CONCURRENCY = 4;
/** Persons whose facts are appended in one transaction (setup only). */
const FACT_BATCH = 500;
const TERM_START = '2021-01-15' as LocalDate;
const ACTOR: Actor = { userId: 'bench-org-dept', roles: ['org_dept'], node: PROVINCE };

// ---------------------------------------------------------------------------------------------
// Plausible roster data, deterministic (seeded), 8 persons per village.

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国建华玉兰志强海燕红梅春梅国庆德明学文永刚晓东晓红立新卫东文华金凤';

interface Planned {
  name: string;
  citizenId: string;
  female: boolean;
  education: string;
  status: '中共党员' | '预备党员' | '群众';
  joinDate: string;
  /** The post the roster holds (import cell). */
  holds: string;
  nominee: { body: Body; post: string };
}

interface PlannedVillage {
  code: string;
  persons: Planned[];
  /** Person indexes linked as near relatives: [person, relative, kind]. */
  relatives: [number, number, string][];
  /** Person index given the role 会计. */
  accountant: number | null;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const isoDay = (d: Date) => `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;

function pick<T>(rnd: () => number, weighted: readonly [T, number][]): T {
  let r = rnd() * weighted.reduce((s, [, w]) => s + w, 0);
  for (const [v, w] of weighted) if ((r -= w) < 0) return v;
  return weighted[weighted.length - 1][0];
}

const EDUCATION: readonly [string, number][] = [['研究生', 1], ['本科', 14], ['大专', 30], ['高中', 33], ['初中', 18], ['小学', 4]];

/**
 * One village's 8 persons: the incumbents (书记, 支部委员, 主任, 村委会委员, 监委会主任) and three
 * reserve cadres (后备干部), nominated for the two committees and the supervision committee. In
 * about one village in seven the secretary is a newcomer (new-secretary age and education rules).
 */
function planVillage(code: string, rnd: () => number, today: Date, usedIds: Set<string>): PlannedVillage {
  const newSecretary = rnd() < 0.15;
  // [holds, nominee body, nominee post, age range, P(female), party member?]
  const slots: [string, Body, string, [number, number], number, 'party' | 'maybe' | 'any'][] = [
    ['书记', 'party', newSecretary ? '委员' : '书记', [38, 62], 0.1, 'party'],
    ['支部委员', 'party', '委员', [26, 58], 0.3, 'party'],
    ['后备干部', 'party', newSecretary ? '书记' : '委员', [26, 50], 0.3, 'maybe'],
    ['后备干部', 'party', '纪检委员', [25, 55], 0.35, 'maybe'],
    ['主任', 'committee', '主任', [35, 60], 0.15, 'any'],
    ['村委会委员', 'committee', '委员', [25, 58], 0.55, 'any'],
    ['监委会主任', 'supervision', '监委会主任', [35, 62], 0.2, 'any'],
    ['后备干部', 'supervision', '成员', [23, 45], 0.4, 'any'],
  ];
  const persons = slots.map(([holds, body, post, [lo, hi], pFemale, membership]): Planned => {
    const female = rnd() < pFemale;
    const age = lo + Math.floor(rnd() * (hi - lo + 1));
    const birth = new Date(Date.UTC(today.getUTCFullYear() - age - 1, Math.floor(rnd() * 12), 1 + Math.floor(rnd() * 28)));
    const birthDay = isoDay(birth);
    let id = '';
    for (let seq = Math.floor(rnd() * 450); ; seq++) {
      id = citizenId(code.slice(0, 6), birthDay, seq % 100, female);
      if (!usedIds.has(id)) break;
    }
    usedIds.add(id);
    const status = membership === 'party' ? '中共党员' : membership === 'maybe' ? (rnd() < 0.93 ? '中共党员' : '预备党员') : rnd() < 0.55 ? '中共党员' : '群众';
    let joinDate = '';
    if (status === '预备党员') joinDate = isoDay(new Date(today.getTime() - (60 + Math.floor(rnd() * 200)) * 86_400_000));
    else if (status === '中共党员') {
      // Usually joined at 20–35; a few newcomers have less than a year of party standing.
      const recent = rnd() < 0.04 && age > 25;
      const joined = recent ? new Date(today.getTime() - 400 * 86_400_000 * rnd() - 30 * 86_400_000) : new Date(Date.UTC(birth.getUTCFullYear() + 20 + Math.floor(rnd() * Math.min(15, age - 21)), Math.floor(rnd() * 12), 1));
      joinDate = isoDay(joined.getTime() > today.getTime() - 30 * 86_400_000 ? new Date(today.getTime() - 30 * 86_400_000) : joined);
    }
    const name = SURNAMES[Math.floor(rnd() * SURNAMES.length)] + GIVEN[Math.floor(rnd() * GIVEN.length)] + (rnd() < 0.6 ? GIVEN[Math.floor(rnd() * GIVEN.length)] : '');
    return { name, citizenId: id, female, education: pick(rnd, EDUCATION), status, joinDate, holds, nominee: { body, post } };
  });
  const relatives: [number, number, string][] = [];
  if (rnd() < 0.02) relatives.push([7, 5, '配偶']); // supervision nominee married to a committee nominee
  if (rnd() < 0.01) relatives.push([1, 0, '兄弟姐妹']);
  return { code, persons, relatives, accountant: rnd() < 0.02 ? 7 : null };
}

const HEADER = ['村代码', '姓名', '身份证号', '民族', '学历', '政治面貌', '入党时间', '职务'];

function sheetRow(v: PlannedVillage, p: Planned): string[] {
  return [v.code, p.name, p.citizenId, '汉族', p.education, p.status, p.joinDate, p.holds];
}

// ---------------------------------------------------------------------------------------------

async function eachLimited<T>(items: readonly T[], n: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i], i);
      }
    }),
  );
}

const seconds = (ms: number) => Math.round(ms / 100) / 10;

/** True when every named projection has applied the last visible event (read-all order). */
async function caughtUp(pool: Pool, names: readonly string[]): Promise<boolean> {
  const { rows } = await pool.query<{ done: number }>(
    `WITH last AS (SELECT tx_id, position FROM events ORDER BY tx_id DESC, position DESC LIMIT 1)
     SELECT count(*)::int AS done FROM checkpoints c, last WHERE c.name = ANY($1) AND (c.tx_id, c.position) >= (last.tx_id, last.position)`,
    [names],
  );
  return rows[0].done === names.length;
}

interface ReviewInputs {
  code: string;
  nominees: NomineeRef[];
  facts: Map<string, PersonFacts>;
  relatives: RelativeLink[];
  holdings: Holding[];
}

/** The pure engine on in-memory inputs: as ElectionReview decides, minus loading, events and storage. */
function engine(pack: PolicyPack, inputs: readonly ReviewInputs[], today: LocalDate): { blocked: number; slatesBlocked: number } {
  let blocked = 0;
  let slatesBlocked = 0;
  for (const v of inputs) {
    const running: SlateNominee[] = [];
    for (const n of v.nominees) {
      const facts = v.facts.get(n.personId)!;
      const nomination = nominationOf(n, v.holdings, today);
      if (verdictsAllow(evaluatePerson(pack, facts, nomination, []))) running.push({ facts, nomination });
      else blocked++;
    }
    const slate = evaluateSlate(pack, { villageCode: v.code, stage: 'preliminary', seats: SEATS, nominees: running, relatives: v.relatives }, []);
    if (slate.some((x) => x.kind === 'block' || x.kind === 'needs_approval')) slatesBlocked++;
  }
  return { blocked, slatesBlocked };
}

export const vettingBench: BenchSuite = async (ctx: BenchContext): Promise<BenchFigure[]> => {
  const db = await createTestDatabase('benchvet');
  const dataDir = mkdtempSync(join(tmpdir(), 'lw-bench-vetting-'));
  const setup: string[] = [];
  let s: Awaited<ReturnType<typeof startStandalone>> | undefined;
  try {
    let t = performance.now();
    const lap = (what: string) => {
      const now = performance.now();
      setup.push(`${what} ${seconds(now - t)} s`);
      ctx.log(`setup: ${what} in ${seconds(now - t)} s`);
      t = now;
    };

    // 1. The product, with the province as its deployment: first start imports province 32.
    const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: db.url, PORT: '0', LOG_LEVEL: 'silent' }, 'embedded');
    s = await startStandalone({ config, county: PROVINCE, logger: createLogger({ service: 'bench', level: 'silent' }) });
    const kernel = s.kernels.find((k) => k.name === 'vetting')!;
    const provided = <T>(token: abstract new (...args: never[]) => T): T | undefined => (kernel.providers().find((p: any) => p.provide === token) as { useValue: T } | undefined)?.useValue;
    const elections = provided(VillageElections);
    const review = provided(ElectionReview);
    const packs = provided(PolicyPacks);
    const rosterPort = provided(RosterPort);
    const rosterProjector = (kernel.providers().find((p: any) => p.provide === RosterProjector) as { useValue: RosterProjector } | undefined)?.useValue;
    if (!elections || !review || !packs || !rosterPort || !rosterProjector) throw new Error('the vetting kernel provides no election or roster parts');
    const pool = kernel.pool;
    const hierarchy = kernel.platform.hierarchy;
    const all = hierarchy.descendants(PROVINCE, { level: 'village' });
    const villages = all.slice(0, Math.max(50, Math.round(all.length * Math.min(1, ctx.scale))));
    lap(`host started, province ${PROVINCE} imported (${all.length} villages; ${villages.length} in this run)`);

    // 2. The roster through its own commands: one import (花名册) per county, then facts per person.
    const rnd = mulberry32(20260401);
    const now = new Date();
    const used = new Set<string>();
    const planned = villages.map((v) => planVillage(v.code, rnd, now, used));
    const byCounty = new Map<string, PlannedVillage[]>();
    for (const v of planned) byCounty.set(v.code.slice(0, 6), [...(byCounty.get(v.code.slice(0, 6)) ?? []), v]);
    for (const [county, vs] of byCounty) {
      const r = await kernel.commandBus.execute(new ImportRoster({ header: HEADER, rows: vs.flatMap((v) => v.persons.map((p) => sheetRow(v, p))) }, 'all_or_nothing', false, TERM_START, ACTOR));
      if (!r.written) throw new Error(`roster import of county ${county} refused: ${r.message.slice(0, 500)}`);
    }
    const persons = planned.reduce((n, v) => n + v.persons.length, 0);
    lap(`roster import, ${byCounty.size} county sheets, ${persons} persons`);

    const ids = new Map<string, string>();
    for (const r of (await pool.query<{ citizen_id: string; person_id: string }>('SELECT citizen_id, person_id FROM roster_citizen_ids')).rows) ids.set(r.citizen_id, r.person_id);
    const personId = (p: Planned) => ids.get(p.citizenId)!;
    const today = shanghaiDateOf(new Date());
    const year = Number(today.slice(0, 4));
    const day = (y: number) => `${y}-${pad2(1 + Math.floor(rnd() * 12))}-${pad2(1 + Math.floor(rnd() * 28))}` as LocalDate;
    const recent = () => {
      const d = day(year - 1 + Math.floor(rnd() * 2));
      return (d > today ? today : d) as LocalDate;
    };
    type Command = { personId: string; decide: (s: PersonState, others: Map<string, PersonState>) => PersonEvent[]; others?: string[] };
    const commands: Command[] = [];
    let k = 0;
    for (const v of planned) {
      for (const p of v.persons) {
        const id = personId(p);
        const r = rnd();
        const rid = `bench-${++k}`;
        const record = (text: string, date: LocalDate) => commands.push({ personId: id, decide: (st) => addRecord(st, { recordId: rid, text, date }, today) });
        if (r < 0.025) record('因盗窃罪被判处有期徒刑一年', day(2005 + Math.floor(rnd() * 15)));
        else if (r < 0.04 && p.status === '中共党员') record('留党察看一年', recent());
        else if (r < 0.06) record('党内警告', recent());
        else if (r < 0.075) commands.push({ personId: id, decide: (st) => openInvestigation(st, { investigationId: rid, since: recent(), source: '县纪委监委' }, today) });
        else if (r < 0.09) record('违法占用耕地建房，尚未整改', recent());
        else if (r < 0.11) commands.push({ personId: id, decide: (st) => recordAppraisal(st, year - 1, '不称职', today) });
        else if (r < 0.16) commands.push({ personId: id, decide: (st) => recordAppraisal(st, year - 1, '优秀', today) });
      }
      for (const [a, b, kind] of v.relatives) {
        const rel = personId(v.persons[b]);
        commands.push({ personId: personId(v.persons[a]), others: [rel], decide: (st, o) => linkRelative(st, o.get(rel)!, kind) });
      }
      if (v.accountant !== null) {
        commands.push({ personId: personId(v.persons[v.accountant]), decide: (st) => assignRole(st, { role: '会计', villageCode: v.code, since: '2022-01-01' as LocalDate, until: null }, today) });
      }
    }
    // One command each through the roster's command bus (AddRecord …) runs at ~100/s here (a transaction and a
    // projection catch-up per command), so the same domain decisions are taken on the loaded streams
    // and their events appended in bulk (FACT_BATCH persons per transaction), then the read model caught up.
    const byPerson = new Map<string, Command[]>();
    for (const c of commands) byPerson.set(c.personId, [...(byPerson.get(c.personId) ?? []), c]);
    const batches: string[][] = [];
    const targets = [...byPerson.keys()];
    for (let i = 0; i < targets.length; i += FACT_BATCH) batches.push(targets.slice(i, i + FACT_BATCH));
    await eachLimited(batches, 2, (batch) =>
      withTransaction(pool, async (tx) => {
        const others = batch.flatMap((id) => byPerson.get(id)!.flatMap((c) => c.others ?? []));
        const loaded = await loadPersons(kernel.store, [...new Set([...batch, ...others])], tx);
        for (const id of batch) {
          const { state, version } = loaded.get(id)!;
          const events: PersonEvent[] = [];
          let st = state;
          for (const c of byPerson.get(id)!) {
            const decided = c.decide(st, new Map((c.others ?? []).map((o) => [o, loaded.get(o)!.state])));
            events.push(...decided);
            st = decided.reduce(evolvePerson, st);
          }
          await decideAndAppend(kernel.store, personDecider(id), personStream(id), () => events, { tx, actor: ACTOR }, { preloaded: { state, version } });
        }
      }),
    );
    await rosterProjector.catchUp();
    lap(`${commands.length} roster decisions (records, appraisals, investigations, relatives, roles) on ${targets.length} persons appended in bulk, read model caught up`);

    // 3. The election for the province, then 8 nominees per village (one command per village).
    await kernel.commandBus.execute(new OpenElection({ electionId: ELECTION, name: '江苏省 2026 年村（社区）“两委”换届（基准）', scope: PROVINCE, policy: { id: 'default', version: 1 }, votingFrom: null, villages: villages.map((v) => ({ villageCode: v.code, seats: SEATS })) }, ACTOR));
    lap(`election opened for ${villages.length} villages`);
    const nominees = new Map<string, NomineeRef[]>(
      planned.map((v) => [v.code, v.persons.map((p, i): NomineeRef => ({ nomineeId: `n${i + 1}`, personId: personId(p), name: p.name, body: p.nominee.body, post: p.nominee.post }))]),
    );
    await eachLimited(planned, CONCURRENCY, async (v) => {
      await elections.decide(villageElectionStream(ELECTION, v.code), { actor: ACTOR }, (st, c) => {
        const out: VillageElectionEvent[] = [];
        let next = st;
        for (const ref of nominees.get(v.code)!) {
          const listed = listNominee(next, ref, c);
          out.push(...listed);
          next = listed.reduce(evolveVillageElection, next);
        }
        return out;
      });
    });
    const total = villages.length * 8;
    lap(`${total} nominees listed`);

    // Quiet before the stopwatch: every vetting projection at the last event, the outbox sent and
    // the in-process bus drained (auditing plans outgoing audits, the tip-line hears of nominees).
    const bus = db.pool('bus', 1);
    const projections = (await pool.query<{ name: string }>('SELECT name FROM checkpoints')).rows.map((r) => r.name);
    await waitFor(
      async () => {
        return (
          (await caughtUp(pool, projections)) &&
          (await pool.query('SELECT 1 FROM outbox WHERE sent_at IS NULL LIMIT 1')).rowCount === 0 &&
          (await bus.query('SELECT 1 FROM bus_deliveries LIMIT 1')).rowCount === 0
        );
      },
      30 * 60_000,
      'projections and bus to go quiet',
      200,
    );
    lap(`projections (${projections.join(', ')}) and bus quiet`);

    // 4. Ours: first review of every village, then the board caught up.
    ctx.log(`first review: ${villages.length} villages × 8 nominees, ${CONCURRENCY} at a time`);
    const t0 = performance.now();
    await eachLimited(villages, CONCURRENCY, async (v) => {
      await kernel.commandBus.execute(new ReviewVillage(ELECTION, v.code, ACTOR));
    });
    const tStored = performance.now();
    // A user's review answers once the board has applied it (read-your-writes); this wait adds at most its 5 ms granularity.
    await waitFor(
      async () => caughtUp(pool, ['election-board']),
      10 * 60_000,
      'the election board to catch up',
      5,
    );
    const tDone = performance.now();
    const ours = total / ((tDone - t0) / 1000);
    ctx.log(`ours: ${Math.round(ours)} nominees/s end to end (appends done after ${seconds(tStored - t0)} s, board after ${seconds(tDone - t0)} s)`);

    const board = (
      await pool.query<{ villages: number; reviewed: number; blocked: number }>(
        'SELECT count(*)::int AS villages, sum(reviewed)::int AS reviewed, sum(blocked)::int AS blocked FROM village_elections WHERE election_id = $1',
        [ELECTION],
      )
    ).rows[0];
    if (board.villages !== villages.length || board.reviewed !== total) throw new Error(`board shows ${board.reviewed} of ${total} nominees reviewed in ${board.villages} villages`);
    const storedSlatesBlocked = (
      await pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM events WHERE stream_id LIKE $1 AND type = 'SlateReviewRecorded' AND (data->'verdicts' @> '[{"kind":"block"}]' OR data->'verdicts' @> '[{"kind":"needs_approval"}]')`,
        [`village-election-${ELECTION}-%`],
      )
    ).rows[0].n;

    // Where the time goes: the review's reads alone (the stream and the inputs: facts with tips,
    // relatives, holdings), same villages, same concurrency.
    // The inputs are kept: the baseline runs on exactly them.
    const asOf = shanghaiDateOf(new Date()) as LocalDate;
    const inputs: ReviewInputs[] = new Array(villages.length);
    const r0 = performance.now();
    await eachLimited(villages, CONCURRENCY, async (v, i) => {
      const stream = villageElectionStream(ELECTION, v.code);
      const state = await elections.load(stream, null);
      const ids = [...new Set([...state.nominees.values()].map((n) => n.personId))];
      const [, facts, relatives, holdings] = await Promise.all([packs.get(state.policy), review.facts(ids, asOf), rosterPort.relativesAmong(ids), rosterPort.holdingsOfVillage(state.villageCode)]);
      inputs[i] = { code: v.code, nominees: nominees.get(v.code)!, facts, relatives, holdings };
    });
    const readsMs = performance.now() - r0;
    ctx.log(`reads alone: ${seconds(readsMs)} s`);

    // 5. Baseline: the pure engine on the same inputs in memory (one warm-up pass, median of three).
    const pack = await packs.get({ id: 'default', version: 1 });
    const check = engine(pack, inputs, asOf);
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const b0 = performance.now();
      engine(pack, inputs, asOf);
      runs.push(performance.now() - b0);
    }
    const engineMs = runs.sort((a, b) => a - b)[1];
    const baseline = total / (engineMs / 1000);
    ctx.log(`baseline: ${Math.round(baseline)} nominees/s (pure engine); blocked ${check.blocked} vs board ${board.blocked}, slates blocked ${check.slatesBlocked} vs stored ${storedSlatesBlocked}`);
    if (check.blocked !== board.blocked || check.slatesBlocked !== storedSlatesBlocked) {
      throw new Error(`engine and review disagree: blocked ${check.blocked} vs ${board.blocked}, slates ${check.slatesBlocked} vs ${storedSlatesBlocked}`);
    }

    const appendMs = tStored - t0 - readsMs;
    return [
      {
        name: `first review of province ${PROVINCE} 江苏, ${villages.length.toLocaleString('en-US')} villages × 8 nominees (ReviewVillage, ${CONCURRENCY} villages at a time, until the board projection caught up)`,
        ours: { value: Math.round(ours), unit: 'nominees/s', higherIsBetter: true },
        baseline: { value: Math.round(baseline), unit: 'nominees/s', higherIsBetter: true, label: 'pure rules engine: evaluatePerson per nominee + evaluateSlate per village, same inputs in memory' },
        note:
          `${board.blocked.toLocaleString('en-US')} nominees and ${storedSlatesBlocked.toLocaleString('en-US')} slates blocked, the same as the engine alone. ` +
          `Of ${seconds(tDone - t0)} s: the reviews' reads (village stream loaded once, facts from the roster read model in 6 queries with tips, relatives, holdings) take ${seconds(readsMs)} s on their own at the same concurrency; ` +
          `the rest, ${seconds(Math.max(0, appendMs))} s, is the append of 9 events per village (version check, jsonb), the folds, the engine itself and the five projectors reading every new event beside them (two cores shared with PostgreSQL); ` +
          `the board projection caught up ${seconds(tDone - tStored)} s after the last append. ` +
          `The engine is ${(engineMs / (tDone - t0) * 100).toFixed(1)}% of the time. Setup (not timed): ${setup.join('; ')}.`,
      },
    ];
  } finally {
    await s?.stop();
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
};
