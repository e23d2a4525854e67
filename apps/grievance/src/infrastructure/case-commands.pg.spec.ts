import type { Pool } from 'pg';
import ExcelJS from 'exceljs';
import { DomainConflictError, parseLocalDate, type Actor } from '@lw/domain';
import type { ServiceKernel } from '@lw/runtime';
import { createTestDatabase, type TestDatabase } from '@lw/testing';
import { DEFAULT_GRIEVANCE_POLICY } from '../domain';
import { ApplyForClosing, ChangeDeadline, CloseCase, FlagCaseRed, OpenSourcedCase } from '../application/case.commands';
import { CaseDetail, LedgerPage, LedgerStatistics, LedgerWorkbook } from '../application/case.queries';
import { AssignLiaison } from '../application/liaison.commands';
import { startGrievanceKernel } from './test-grievance-kernel';

const VILLAGE = '320724101200';
const county = (userId: string): Actor => ({ userId, roles: ['org_dept'], node: '320724' });

// The command handlers on the service's bus against a real PostgreSQL event store and outbox, with a
// clock the test moves: the second red escalates and notifies the township; two reviewers at once
// leave one closure; a stale version is refused as changed, outside the area as not found.
describe('case commands (PostgreSQL)', () => {
  let db: TestDatabase;
  let pool: Pool;
  let kernel: ServiceKernel;
  let now = new Date('2026-02-10T02:00:00Z');

  beforeAll(async () => {
    db = await createTestDatabase('grievance_cmd');
    pool = db.pool('grievance');
    // A serious problem gets ten working days here, so the limits below are short.
    const policy = { ...DEFAULT_GRIEVANCE_POLICY, defaultLimitWorkingDays: { ...DEFAULT_GRIEVANCE_POLICY.defaultLimitWorkingDays, serious: 10 } };
    kernel = await startGrievanceKernel(db, pool, { policy, clock: () => now });
    await kernel.commandBus.execute(new AssignLiaison(county('org-1'), VILLAGE, { name: '周联村', post: '镇党委副书记', userId: null }));
  }, 120_000);

  afterAll(async () => {
    await kernel?.stop();
    await db?.drop();
  });

  const outbox = async (type: string) =>
    (await pool.query(`SELECT envelope FROM outbox WHERE envelope->>'type' = $1 ORDER BY id`, [type])).rows.map((r) => r.envelope);

  async function open(ref: string) {
    now = new Date('2026-02-10T02:00:00Z');
    const problem = { kind: 'audit' as const, ref, villageCode: VILLAGE, category: '白条入账', severity: 'serious' as const, description: '白条入账 3 笔', directlyResponsible: [] };
    return (await kernel.commandBus.execute(new OpenSourcedCase(problem, { actor: null }))).state;
  }

  it('records the first red as overdue and the second, after a changed limit, as an escalation to the township', async () => {
    const c = await open('au-1-F001');
    expect(c.deadline.due).toBe('2026-03-02');
    expect((await outbox('grievance.CaseOpened'))[0].payload).toMatchObject({ caseId: c.caseId, due: '2026-03-02', townshipCode: '320724101', source: { kind: 'audit', ref: 'au-1-F001' } });

    now = new Date('2026-03-02T16:00:00Z');
    await kernel.commandBus.execute(new FlagCaseRed(c.caseId, c.deadline.endsAt));
    await kernel.commandBus.execute(new FlagCaseRed(c.caseId, c.deadline.endsAt)); // a job run twice
    expect(await outbox('grievance.CaseOverdue')).toHaveLength(1);
    expect(await outbox('grievance.CaseEscalated')).toHaveLength(0);

    now = new Date('2026-03-03T02:00:00Z');
    const { state } = await kernel.commandBus.execute(new ChangeDeadline(c.caseId, county('org-1'), { reason: '资金追缴需司法程序', due: parseLocalDate('2026-03-10') }));
    now = new Date('2026-03-10T16:00:00Z');
    await kernel.commandBus.execute(new FlagCaseRed(c.caseId, state.deadline.endsAt));
    const overdue = await outbox('grievance.CaseOverdue');
    expect(overdue.map((e) => e.payload.redCount)).toEqual([1, 2]);
    const escalated = await outbox('grievance.CaseEscalated');
    expect(escalated).toHaveLength(1);
    expect(escalated[0].payload).toMatchObject({ caseId: c.caseId, townshipCode: '320724101', measure: 'interview', redCount: 2, responsiblePerson: { name: '周联村' } });
    expect(escalated[0].villageCode).toBe(VILLAGE);
  });

  it('lets exactly one of two reviewers closing at once succeed; the other gets a conflict', async () => {
    const c = await open('au-1-F002');
    await kernel.commandBus.execute(new ApplyForClosing(c.caseId, { userId: 'liaison-1', roles: ['liaison'], node: VILLAGE }, { evidence: '资金已退回', attachments: [] }));
    const results = await Promise.allSettled(
      ['reviewer-a', 'reviewer-b'].map((who) => kernel.commandBus.execute(new CloseCase(c.caseId, county(who), { summary: `${who} 同意销号` }))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected).toHaveLength(1);
    expect(rejected[0].reason).toBeInstanceOf(DomainConflictError);
    const closed = (await outbox('grievance.CaseClosed')).filter((e) => e.payload.caseId === c.caseId);
    expect(closed).toHaveLength(1);
    expect(closed[0].payload.source).toEqual({ kind: 'audit', ref: 'au-1-F002' });
  });

  it('refuses a stale version as changed, and any version of a case outside the area as not found', async () => {
    const c = await open('au-1-F003');
    const step = (actor: Actor, expectedVersion: number) => kernel.commandBus.execute(new CloseCase(c.caseId, actor, { summary: '同意销号', expectedVersion }));
    await expect(step(county('org-1'), 99)).rejects.toMatchObject({ code: 'case.changed', messageZh: '该事项已被他人更新，请刷新后再操作' });
    const otherTownship: Actor = { userId: 'town-2', roles: ['township'], node: '320724102' };
    await expect(step(otherTownship, 99)).rejects.toMatchObject({ code: 'scope.outside', messageZh: '该事项不存在或不在您的管辖范围内' });
  });

  it('opens a derived case id once: a second open of the same source is refused by the stream', async () => {
    await expect(open('au-1-F001')).rejects.toThrow(/expected|version/i);
    expect((await outbox('grievance.CaseOpened')).filter((e) => e.payload.source.ref === 'au-1-F001')).toHaveLength(1);
  });

  // 整改承诺书 (seed 001): “针对反馈问题…明确整改措施、整改责任人和整改时限”. A township team's
  // problems are the township's own case: its township is itself, its party committee answers.
  it('takes the source’s measures, responsible person and promised day; a township’s own case sits in that township', async () => {
    now = new Date('2026-02-10T02:00:00Z');
    const township = '320724101';
    const townshipName = kernel.platform.hierarchy.get(township)!.name;
    const commitment = {
      kind: 'inspection' as const,
      category: '班子建设',
      severity: 'general' as const,
      directlyResponsible: [],
      measures: '召开专题民主生活会，制定整改清单，逐项销号。',
      responsiblePerson: { name: '张明华', post: '党委书记' },
      due: parseLocalDate('2026-03-31'),
    };
    const open = (ref: string, villageCode: string, description: string) => kernel.commandBus.execute(new OpenSourcedCase({ ...commitment, ref, villageCode, description }, { actor: null }));

    const village = (await open('campaign:c-1:320724101200:p1', VILLAGE, '村“两委”班子议事规则执行不严格')).state;
    // The source's person, not the village's liaison (周联村); the promised day, not the policy's 10 working days.
    expect(village).toMatchObject({
      description: '村“两委”班子议事规则执行不严格',
      measures: commitment.measures,
      responsiblePerson: commitment.responsiblePerson,
      responsibleUnit: `${townshipName}党委`,
      deadline: { startOn: '2026-02-10', workingDays: null, due: '2026-03-31', endsAt: '2026-03-31T16:00:00.000Z', yellowOn: '2026-03-26' },
    });

    const own = (await open(`campaign:c-1:${township}:p1`, township, '镇党委落实“第一议题”制度不到位')).state;
    expect(own).toMatchObject({ villageCode: township, townshipCode: township, responsibleUnit: `${townshipName}党委`, measures: commitment.measures });
    const announced = (await outbox('grievance.CaseOpened')).find((e) => e.payload.caseId === own.caseId);
    // The envelope names villages only; the township travels in the payload.
    expect(announced).toMatchObject({ villageCode: null, payload: { villageCode: township, townshipCode: township, due: '2026-03-31' } });

    // The township's ledger, case detail and Excel show them like a clerk-entered case; another township sees nothing of it.
    const townshipUser: Actor = { userId: 'town-1', roles: ['township'], node: township };
    const page = await kernel.queryBus.execute(new LedgerPage(townshipUser, { limit: 100, offset: 0 }));
    expect(page.rows.find((r) => r.caseId === own.caseId)).toMatchObject({
      villageName: `${townshipName}（乡镇本级）`,
      townshipCode: township,
      measures: commitment.measures,
      responsibleUnit: `${townshipName}党委`,
      responsiblePerson: commitment.responsiblePerson,
      deadline: { due: '2026-03-31' },
    });
    expect((await kernel.queryBus.execute(new CaseDetail(own.caseId, townshipUser))).state.measures).toBe(commitment.measures);
    const otherTownship: Actor = { userId: 'town-2', roles: ['township'], node: '320724102' };
    expect((await kernel.queryBus.execute(new LedgerPage(otherTownship, { limit: 100, offset: 0 }))).rows.map((r) => r.caseId)).not.toContain(own.caseId);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await kernel.queryBus.execute(new LedgerWorkbook(townshipUser, {}, 100))) as never);
    const sheet = wb.worksheets[0];
    const line = sheet.getRows(3, sheet.rowCount - 2)!.map((r) => (r.values as unknown[]).slice(2, 10)).find((v) => v[3] === '镇党委落实“第一议题”制度不到位');
    expect(line).toEqual([`${townshipName}（乡镇本级）`, '“回头看”检查', '班子建设', '镇党委落实“第一议题”制度不到位', commitment.measures, `${townshipName}党委`, '张明华（党委书记）', '2026-03-31']);

    // Figures: a row of its own among the township's villages, counted in the township's and the county's.
    const byVillage = await kernel.queryBus.execute(new LedgerStatistics(townshipUser, { by: 'village' }));
    expect(byVillage.rows.find((r) => r.code === township)).toMatchObject({ name: `${townshipName}（乡镇本级）`, total: 1 });
    expect(byVillage.rows.find((r) => r.code === VILLAGE)?.name).not.toContain('乡镇本级');
    expect(byVillage.total.total).toBe(page.total);
    const byTownship = await kernel.queryBus.execute(new LedgerStatistics(county('org-1'), { by: 'township' }));
    expect(byTownship.rows.find((r) => r.code === township)).toMatchObject({ name: townshipName, total: page.total });
    const countyTotal = (await kernel.queryBus.execute(new LedgerPage(county('org-1'), { limit: 1, offset: 0 }))).total;
    expect((await kernel.queryBus.execute(new LedgerStatistics(county('org-1'), { by: 'county' }))).rows).toEqual([expect.objectContaining({ code: '320724', total: countyTotal })]);
  });
});
