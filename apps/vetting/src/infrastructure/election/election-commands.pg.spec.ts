import { randomUUID } from 'crypto';
import type { Pool } from 'pg';
import { withTransaction } from '@lw/db';
import { DomainConflictError, DomainForbiddenError, DomainNotFoundError, newEnvelope, type Actor, type LocalDate } from '@lw/domain';
import type { ServiceKernel } from '@lw/runtime';
import { createTestDatabase, type TestDatabase } from '@lw/testing';
import { OpenElection } from '../../application/election.commands';
import { ReleasePolicyPack } from '../../application/policy-pack.commands';
import { EndNotice } from '../../application/village-election.commands';
import { ElectionBoard, ElectionList, VillageElectionView } from '../../application/village-election.queries';
import { villageElectionStream } from '../../application/village-election-stream';
import { DEFAULT_PACK_DATA } from '../../domain/policy/default-pack';
import { PgAuditLedger } from './audit-ledger';
import { PgObjections } from './objections';
import { PgSubstantiatedTips } from './substantiated-tips';
import { startVettingKernel, TEST_COUNTY } from './test-vetting-kernel';

const VILLAGE = '320724101200';
const SEATS = { party: 3, committee: 3, supervision: 3 };
const county: Actor = { userId: 'org-1', roles: ['org_dept'], node: TEST_COUNTY };

// The election's command and query handlers on the service's bus, and its reactions in an inbox
// transaction, against a real PostgreSQL event store and outbox.
describe('election commands (PostgreSQL)', () => {
  let db: TestDatabase;
  let pool: Pool;
  let kernel: ServiceKernel;

  beforeAll(async () => {
    db = await createTestDatabase('vetting_cmd');
    pool = db.pool('vetting');
    kernel = await startVettingKernel(db, pool);
    await kernel.commandBus.execute(new OpenElection({ electionId: 'e1', name: '2026 年换届', scope: VILLAGE, policy: { id: 'default', version: 1 }, votingFrom: null, seats: SEATS }, county));
  }, 120_000);

  afterAll(async () => {
    await kernel?.stop();
    await db?.drop();
  });

  const stream = villageElectionStream('e1', VILLAGE);

  /** Delivers an event of the auditing service to vetting's consumer, in one transaction as the inbox does. */
  async function deliver(type: string, payload: Record<string, unknown>) {
    const event = newEnvelope({ type, version: 1, producer: 'auditing', villageCode: VILLAGE, actor: null, payload: { engagementId: 'au-1', villageCode: VILLAGE, electionId: 'e1', ...payload } });
    const tx = await pool.connect();
    try {
      await tx.query('BEGIN');
      await kernel.runtime().consumes!.handle(event, tx);
      await tx.query('COMMIT');
    } finally {
      tx.release();
    }
    return event;
  }

  it('refuses an election id twice, and a scope outside the actor\'s area as unknown', async () => {
    const again = kernel.commandBus.execute(new OpenElection({ electionId: 'e1', name: '重复', scope: VILLAGE, policy: { id: 'default', version: 1 }, votingFrom: null, seats: SEATS }, county));
    await expect(again).rejects.toThrow(DomainConflictError);
    const far = kernel.commandBus.execute(new OpenElection({ electionId: 'e2', name: '越界', scope: '110101', policy: { id: 'default', version: 1 }, votingFrom: null, seats: SEATS }, county));
    await expect(far).rejects.toMatchObject({ code: 'scope.outside', messageZh: '范围 110101 不存在或不在您的管辖范围内' });
  });

  it("reads a village's election only inside the actor's area, with the one refusal", async () => {
    const view = await kernel.queryBus.execute(new VillageElectionView(county, 'e1', VILLAGE));
    expect(view).toMatchObject({ stage: 'nominating', gate: { open: false, reasons: ['离任经济责任审计尚未办结'] } });
    const otherTownship: Actor = { userId: 'tw-9', roles: ['township'], node: '320724999' };
    await expect(kernel.queryBus.execute(new VillageElectionView(otherTownship, 'e1', VILLAGE))).rejects.toMatchObject({ messageZh: '本村换届不存在或不在您的管辖范围内' });
    await expect(kernel.queryBus.execute(new VillageElectionView(county, 'nope', VILLAGE))).rejects.toThrow(DomainNotFoundError);
  });

  it('refuses the board of an election that is missing or apart from the actor\'s area alike', async () => {
    const page = { page: 1, pageSize: 20 };
    const refusal = { code: 'scope.outside', messageZh: '该换届不存在或不在您的管辖范围内' };
    await expect(kernel.queryBus.execute(new ElectionBoard(county, 'nope', page))).rejects.toMatchObject(refusal);
    const otherTownship: Actor = { userId: 'tw-9', roles: ['township'], node: '320724999' };
    await expect(kernel.queryBus.execute(new ElectionBoard(otherTownship, 'e1', page))).rejects.toMatchObject(refusal);
  });

  it('reads the board from its projection (TypeORM read models): the list, the villages with their totals, the filters', async () => {
    const page = { page: 1, pageSize: 20 };
    // Opening answered once the board had applied it (read-your-writes): no waiting here.
    const list = await kernel.queryBus.execute(new ElectionList(county, page));
    expect(list.elections).toEqual([{ election_id: 'e1', name: '2026 年换届', scope: VILLAGE, policy_id: 'default', policy_version: 1, voting_from: null, opened_at: expect.any(Date), villages: 1, gates_closed: 1, handed_over: 0 }]);
    const ofVillage = await kernel.queryBus.execute(new ElectionList(county, { ...page, village: VILLAGE }));
    expect(ofVillage.elections[0]).toMatchObject({ election_id: 'e1', village_stage: 'nominating', village_gate_open: false });
    const board = await kernel.queryBus.execute(new ElectionBoard(county, 'e1', { page: 1, pageSize: 50 }));
    expect(board).toMatchObject({ election: { election_id: 'e1', voting_from: null }, timeline: null, total: 1, totals: { villages: 1, gates_closed: 1, handed_over: 0, open_objections: 0, joint_reviews_overdue: 0 } });
    expect(board.villages).toEqual([
      expect.objectContaining({ village_code: VILLAGE, stage: 'nominating', gate_open: false, gate_reasons: ['离任经济责任审计尚未办结'], nominees: 0, notice_ends_on: null, notice_working_days_left: null }),
    ]);
    expect((await kernel.queryBus.execute(new ElectionBoard(county, 'e1', { page: 1, pageSize: 50, gate: 'open' }))).villages).toEqual([]);
    expect((await kernel.queryBus.execute(new ElectionBoard(county, 'e1', { page: 1, pageSize: 50, stage: 'nominating', village: '320724101' }))).total).toBe(1);
    // The vote's date reads back as the same calendar day, on the list and the board's timeline.
    await kernel.commandBus.execute(new OpenElection({ electionId: 'e3', name: '补选', scope: VILLAGE, policy: { id: 'default', version: 1 }, votingFrom: '2026-12-20' as LocalDate, seats: SEATS }, county));
    expect((await kernel.queryBus.execute(new ElectionList(county, page))).elections.map((e) => [e.election_id, e.voting_from])).toEqual([['e3', '2026-12-20'], ['e1', null]]);
    const e3 = await kernel.queryBus.execute(new ElectionBoard(county, 'e3', { page: 1, pageSize: 50 }));
    expect([e3.election.voting_from, e3.timeline?.votingDay]).toEqual(['2026-12-20', '2026-12-20']);
  });

  it('opens the gate from auditing\'s reports, each change caused by the event that made it', async () => {
    await deliver('auditing.AuditPlanned', { kind: 'outgoing', persons: [], periodFrom: '2021-01-01', periodTo: '2026-01-01', plannedAt: new Date().toISOString() });
    await deliver('auditing.AuditConcluded', { concludedAt: new Date().toISOString(), findings: 0, seriousOpen: 0 });
    const published = await deliver('auditing.AuditPublished', { publishedAt: new Date().toISOString(), noticeEndsOn: '2026-12-31', seriousOpen: 0 });
    const gates = (await kernel.store.readStream(stream)).filter((e) => e.type === 'GateChanged');
    // Opened closed until the audit is concluded: planning it changes nothing.
    expect(gates.map((e) => e.data.reasons)).toEqual([['离任经济责任审计结果尚未公示'], []]);
    expect(gates[1].metadata).toMatchObject({ actor: null, causationId: published.id });
    const { rows } = await pool.query(`SELECT envelope FROM outbox WHERE envelope->>'type' = 'vetting.VillageGateChanged' ORDER BY id`);
    expect(rows.at(-1).envelope.payload).toMatchObject({ electionId: 'e1', villageCode: VILLAGE, open: true });
    // An audit of an election vetting does not hold changes nothing and fails nothing.
    await expect(deliver('auditing.AuditConcluded', { electionId: 'other', concludedAt: new Date().toISOString(), findings: 0, seriousOpen: 0 })).resolves.toBeDefined();
  });

  it("keeps other services' reports on TypeORM in the inbox transaction, whatever their order; a rollback keeps none", async () => {
    const audits = new PgAuditLedger(kernel.readModels);
    const tips = new PgSubstantiatedTips(kernel.readModels);
    const objections = new PgObjections(kernel.readModels);
    const tipId = randomUUID();
    const audit = { electionId: 'e9', villageCode: VILLAGE, engagementId: 'au-9' };
    await withTransaction(pool, async (tx) => {
      // A rectification heard before its finding stays rectified; a later conclusion never unpublishes.
      await audits.rectified({ ...audit, findingId: 'f1', severity: 'serious' } as never, tx);
      await audits.finding({ ...audit, findingId: 'f1', severity: 'serious', rectificationRequired: true } as never, tx);
      await audits.finding({ ...audit, findingId: 'f2', severity: 'serious', rectificationRequired: true } as never, tx);
      expect(await audits.status(audit, tx)).toBeNull();
      await audits.planned(audit as never, tx);
      await audits.concluded(audit as never, true, tx);
      await audits.concluded(audit as never, false, tx);
      expect(await audits.status(audit, tx)).toEqual({ concluded: true, published: true, seriousOpen: 1 });
      await audits.finding({ ...audit, findingId: 'f2', severity: 'minor', rectificationRequired: true } as never, tx);
      expect(await audits.status(audit, tx)).toMatchObject({ seriousOpen: 0 });

      const fact = { tipId, concludedOn: '2026-03-01' as LocalDate, summary: '举报（其他）经核实属实' };
      expect(await tips.add(tx, 'person-9', fact)).toBe(true);
      expect(await tips.add(tx, 'person-9', fact)).toBe(false);
      expect((await tips.of(['person-9'], tx)).get('person-9')).toEqual([fact]);

      await objections.record({ tipId, streamId: stream, noticeId: 'n-9' }, tx);
      await objections.record({ tipId, streamId: 'other', noticeId: 'n-9' }, tx);
      expect(await objections.streamOf(tipId, tx)).toBe(stream);
      throw new Error('rollback');
    }).catch((err: Error) => expect(err.message).toBe('rollback'));
    expect((await tips.of(['person-9'])).size).toBe(0);
    const { rows } = await pool.query('SELECT (SELECT count(*) FROM village_audits WHERE election_id = $1)::int + (SELECT count(*) FROM audit_findings WHERE engagement_id = $2)::int + (SELECT count(*) FROM objections WHERE tip_id = $3)::int AS n', ['e9', 'au-9', tipId]);
    expect(rows[0].n).toBe(0);
  });

  it('runs the notice job as a command: nothing to end before a notice', async () => {
    const before = (await kernel.store.readStream(stream)).length;
    await kernel.commandBus.execute(new EndNotice(stream));
    expect(await kernel.store.readStream(stream)).toHaveLength(before);
  });

  it('releases a pack once, from a county node or above', async () => {
    const pack = { ...DEFAULT_PACK_DATA, id: 'county2026', version: 1, name: '2026 年换届（县定）' };
    await expect(kernel.commandBus.execute(new ReleasePolicyPack(pack, { ...county, node: '320724101' }))).rejects.toThrow(DomainForbiddenError);
    expect((await kernel.commandBus.execute(new ReleasePolicyPack(pack, county))).id).toBe('county2026');
    await expect(kernel.commandBus.execute(new ReleasePolicyPack(pack, county))).rejects.toThrow(DomainConflictError);
    await expect(kernel.commandBus.execute(new ReleasePolicyPack({ ...DEFAULT_PACK_DATA }, county))).rejects.toThrow(DomainConflictError);
  });
});
