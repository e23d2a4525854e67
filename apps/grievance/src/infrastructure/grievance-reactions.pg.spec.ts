import { Pool } from 'pg';
import { addDays, newEnvelope, shanghaiDateOf, type Actor, type CampaignProblemsAcceptedV1, type FindingRecordedV1, type IntegrationEvent } from '@lw/domain';
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

  // 届中分析 (seed 002) and 回头看 (seed 001) problems accepted with their 整改承诺书: one case each,
  // the description the problem alone, the commitment in the case's own fields; a township team's
  // problem is the township's case.
  it('opens a case per accepted campaign problem with its measures, responsible person and promised day', async () => {
    const deadline = addDays(shanghaiDateOf(new Date()), 60);
    const accepted = (kind: CampaignProblemsAcceptedV1['kind'], code: string, subject: 'village' | 'township', description: string) => {
      const payload: CampaignProblemsAcceptedV1 = {
        campaignId: 'cmp-1',
        kind,
        villageCode: code,
        subject: { kind: subject, code },
        problems: [{ problemId: 'p1', category: '班子建设', description, severity: 'major', measures: '制定整改方案，逐项销号。', responsible: { name: '张明华', post: '党总支书记' }, deadline }],
        acceptedAt: new Date().toISOString(),
      };
      // The envelope names villages only: a township's problems travel county-wide, the township in the payload.
      return newEnvelope({ type: 'vetting.CampaignProblemsAccepted', version: 1, producer: 'vetting', villageCode: subject === 'village' ? code : null, actor: auditor, payload });
    };
    const village = accepted('midterm', '320724101200', 'village', '后备干部队伍建设滞后，35岁以下后备干部不足');
    const township = accepted('lookback', '320724101', 'township', '镇党委对村级班子运行情况跟踪指导不够');
    expect(await deliverAll([village, township])).toEqual([true, true]);

    const villageCase = caseIdForSource('analysis', 'campaign:cmp-1:320724101200:p1');
    const townshipCase = caseIdForSource('inspection', 'campaign:cmp-1:320724101:p1');
    const streams = await kernel.store.readStreams([caseStreamId(villageCase), caseStreamId(townshipCase)]);
    const commitment = { measures: '制定整改方案，逐项销号。', responsiblePerson: { name: '张明华', post: '党总支书记' } };
    expect(streams.get(caseStreamId(villageCase))![0].data).toMatchObject({
      villageCode: '320724101200',
      townshipCode: '320724101',
      description: '后备干部队伍建设滞后，35岁以下后备干部不足',
      ...commitment,
      deadline: { due: deadline, workingDays: null },
    });
    const townshipName = kernel.platform.hierarchy.get('320724101')!.name;
    expect(streams.get(caseStreamId(townshipCase))![0].data).toMatchObject({
      villageCode: '320724101',
      townshipCode: '320724101',
      responsibleUnit: `${townshipName}党委`,
      description: '镇党委对村级班子运行情况跟踪指导不够',
      ...commitment,
      deadline: { due: deadline },
    });
    expect(await deliverAll([village, township])).toEqual([false, false]);
  }, 60_000);
});
