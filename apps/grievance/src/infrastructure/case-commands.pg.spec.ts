import type { Pool } from 'pg';
import { migrate } from '@lw/db';
import { defaultWorkingCalendar, DomainConflictError, integrationContracts, parseLocalDate } from '@lw/domain';
import { EventStore } from '@lw/eventstore';
import { ServiceKernel } from '@lw/runtime';
import { createTestDatabase, type TestDatabase } from '@lw/testing';
import { applyForClosing, changeDeadline, closeCase, DEFAULT_GRIEVANCE_POLICY, flagRed } from '../domain';
import { grievanceMigrations } from './grievance.migrations';
import { CaseCommands } from '../application/case-commands';
import { caseIdForSource } from '../application/case-ids';

// The command runner against a real PostgreSQL event store and outbox, with a clock the test moves:
// the second red escalates and notifies the township; two reviewers at once leave one closure.
describe('case commands (PostgreSQL)', () => {
  let db: TestDatabase;
  let pool: Pool;
  let now = new Date('2026-02-10T02:00:00Z');
  let commands: CaseCommands;

  beforeAll(async () => {
    db = await createTestDatabase('grievance_cmd');
    pool = db.pool('grievance');
    await migrate(pool, 'grievance', ServiceKernel.migrationsFor(grievanceMigrations));
    commands = new CaseCommands({
      store: new EventStore(pool),
      contracts: integrationContracts(),
      policy: DEFAULT_GRIEVANCE_POLICY,
      calendar: () => defaultWorkingCalendar(),
      inScope: (actor, village) => village.startsWith(actor.node),
      clock: () => now,
    });
  }, 60_000);

  afterAll(async () => {
    await db?.drop();
  });

  const outbox = async (type: string) =>
    (await pool.query(`SELECT envelope FROM outbox WHERE envelope->>'type' = $1 ORDER BY id`, [type])).rows.map((r) => r.envelope);

  async function open(ref: string) {
    now = new Date('2026-02-10T02:00:00Z');
    return commands.open(
      {
        caseId: caseIdForSource('audit', ref),
        villageCode: '320724101200',
        townshipCode: '320724101',
        source: { kind: 'audit', ref },
        category: '白条入账',
        severity: 'serious',
        description: '白条入账 3 笔',
        responsibleUnit: '新安镇党委',
        responsiblePerson: { name: '周联村', post: '镇党委副书记' },
        workingDays: 10,
      },
      null,
    );
  }

  it('records the first red as overdue and the second, after a changed limit, as an escalation to the township', async () => {
    const c = await open('au-1-F001');
    expect(c.deadline.due).toBe('2026-03-02');
    expect((await outbox('grievance.CaseOpened'))[0].payload).toMatchObject({ caseId: c.caseId, due: '2026-03-02', townshipCode: '320724101', source: { kind: 'audit', ref: 'au-1-F001' } });

    now = new Date('2026-03-02T16:00:00Z');
    await commands.run(c.caseId, null, (s, ctx) => flagRed(s, s.deadline.endsAt, ctx));
    await commands.run(c.caseId, null, (s, ctx) => flagRed(s, s.deadline.endsAt, ctx)); // a job run twice
    expect(await outbox('grievance.CaseOverdue')).toHaveLength(1);
    expect(await outbox('grievance.CaseEscalated')).toHaveLength(0);

    now = new Date('2026-03-03T02:00:00Z');
    const { state } = await commands.run(c.caseId, null, (s, ctx) => changeDeadline(s, '资金追缴需司法程序', { due: parseLocalDate('2026-03-10') }, ctx));
    now = new Date('2026-03-10T16:00:00Z');
    await commands.run(c.caseId, null, (s, ctx) => flagRed(s, state.deadline.endsAt, ctx));
    const overdue = await outbox('grievance.CaseOverdue');
    expect(overdue.map((e) => e.payload.redCount)).toEqual([1, 2]);
    const escalated = await outbox('grievance.CaseEscalated');
    expect(escalated).toHaveLength(1);
    expect(escalated[0].payload).toMatchObject({ caseId: c.caseId, townshipCode: '320724101', measure: 'interview', redCount: 2, responsiblePerson: { name: '周联村' } });
    expect(escalated[0].villageCode).toBe('320724101200');
  });

  it('lets exactly one of two reviewers closing at once succeed; the other gets a conflict', async () => {
    const c = await open('au-1-F002');
    await commands.run(c.caseId, null, (s, ctx) => applyForClosing(s, '资金已退回', [], 'liaison-1', ctx));
    const results = await Promise.allSettled(
      ['reviewer-a', 'reviewer-b'].map((who) => commands.run(c.caseId, null, (s, ctx) => closeCase(s, `${who} 同意销号`, who, ctx))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected).toHaveLength(1);
    expect(rejected[0].reason).toBeInstanceOf(DomainConflictError);
    const closed = (await outbox('grievance.CaseClosed')).filter((e) => e.payload.caseId === c.caseId);
    expect(closed).toHaveLength(1);
    expect(closed[0].payload.source).toEqual({ kind: 'audit', ref: 'au-1-F002' });
  });

  it('opens a derived case id once: a second open of the same source is refused by the stream', async () => {
    await expect(open('au-1-F001')).rejects.toThrow(/expected|version/i);
    expect((await outbox('grievance.CaseOpened')).filter((e) => e.payload.source.ref === 'au-1-F001')).toHaveLength(1);
  });
});
