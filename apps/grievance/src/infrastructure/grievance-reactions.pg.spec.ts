import { Pool } from 'pg';
import { newEnvelope, type Actor, type FindingRecordedV1, type IntegrationEvent } from '@lw/domain';
import { handleWithInbox } from '@lw/messaging';
import type { ServiceKernel } from '@lw/runtime';
import { createTestDatabase, type TestDatabase } from '@lw/testing';
import { caseIdForSource } from '../application/case-ids';
import { caseStreamId } from '../application/case-stream';
import { startGrievanceKernel } from './test-grievance-kernel';

/** The relay's and the projection's leases and the relay's listener pin three connections; three are left to share. */
const POOL_MAX = 6;
const FLOOD = 4 * POOL_MAX;
const auditor: Actor = { userId: 'auditor-1', roles: ['auditor'], node: '320724' };

function finding(n: number, amendment: FindingRecordedV1['amendment'] = null): IntegrationEvent<FindingRecordedV1> {
  const payload: FindingRecordedV1 = {
    engagementId: 'au-pool',
    findingId: `au-pool-F${n}`,
    villageCode: '320724101200',
    electionId: null,
    category: '白条入账',
    severity: 'serious',
    amount: null,
    rectificationRequired: true,
    violationSuspected: false,
    description: amendment ? `白条入账 ${n} 笔（更正）` : `白条入账 ${n} 笔`,
    responsiblePersons: [{ name: '赵六', post: '村党组织书记' }],
    recordedAt: '2026-09-20T02:00:00Z',
    amendment,
  };
  return newEnvelope({ type: 'auditing.FindingRecorded', version: 1, producer: 'auditing', villageCode: payload.villageCode, actor: auditor, payload });
}

// Each delivery holds one connection for its inbox transaction. A reaction that read or wrote
// through the pool instead of that transaction would wait for a connection held by another delivery
// waiting just the same: with more deliveries than connections, nothing would finish.
describe('grievance reactions under a flood of deliveries (PostgreSQL)', () => {
  let db: TestDatabase;
  let pool: Pool;
  let kernel: ServiceKernel;

  beforeAll(async () => {
    db = await createTestDatabase('grievance_flood');
    // A starved pool fails a checkout after 10 s instead of hanging the suite.
    pool = new Pool({ connectionString: db.url, max: POOL_MAX, connectionTimeoutMillis: 10_000, options: '-c search_path=grievance,public' });
    pool.on('error', () => undefined);
    kernel = await startGrievanceKernel(db, pool);
  }, 120_000);

  afterAll(async () => {
    await kernel?.stop();
    await pool?.end();
    await db?.drop();
  });

  const deliverAll = (events: IntegrationEvent[]) => Promise.all(events.map((e) => handleWithInbox(pool, 'grievance', e, kernel.runtime().consumes!.handle)));

  it(`opens and then amends ${FLOOD} cases delivered at once over ${POOL_MAX} connections, recording actor and cause`, async () => {
    const ids = Array.from({ length: FLOOD }, (_, i) => caseIdForSource('audit', `au-pool-F${i}`));
    const opened = Array.from({ length: FLOOD }, (_, i) => finding(i));
    expect(await deliverAll(opened)).toEqual(opened.map(() => true));
    for (const id of ids) expect(await kernel.store.streamExists(caseStreamId(id))).toBe(true);

    const amended = Array.from({ length: FLOOD }, (_, i) => finding(i, { reason: '金额更正', amendedBy: 'auditor-1' }));
    expect(await deliverAll(amended)).toEqual(amended.map(() => true));
    const streams = await kernel.store.readStreams(ids.map(caseStreamId));
    ids.forEach((id, i) => {
      const events = streams.get(caseStreamId(id)) ?? [];
      expect(events.map((e) => e.type)).toEqual(['CaseOpened', 'CaseAmended']);
      expect(events[1].metadata).toMatchObject({ actor: auditor, causationId: amended[i].id });
    });

    // Redelivered, every event finds its inbox row and changes nothing.
    expect(await deliverAll([...opened, ...amended])).toEqual([...opened, ...amended].map(() => false));
  }, 120_000);
});
