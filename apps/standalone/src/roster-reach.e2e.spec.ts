import { type LocalDate } from '@lw/domain';
import { citizenId } from '@lw/testing';
import { RecordPerson, StartHolding } from '@lw/vetting/src/application/roster/roster.commands';
import { RosterProjector } from '@lw/vetting/src/infrastructure/roster/roster-runtime';
import { startHarness, type TiplineHarness } from './test-harness';

// One definition of "outside the caller's area" for a roster person (named by, roles, posts held),
// read from the roster read model: the roster's writes and an assessment's grades refuse the same
// persons. A person named by the township's village but holding a post or a role in another
// township's village is a stranger to both.
describe('a roster person reaching another township', () => {
  let h: TiplineHarness;
  let org: string;
  let township: string;
  let own: string;
  let other: string;
  let commands: { execute(c: unknown): Promise<any> };
  let projector: RosterProjector;
  const db = () => h.db.pool('vetting');

  beforeAll(async () => {
    h = await startHarness();
    [org, township] = await Promise.all(['org_dept', 'township'].map((u) => h.login(u)));
    const county = h.s.accounts.find((a) => a.username === 'org_dept')!.node;
    const townshipNode = h.s.accounts.find((a) => a.username === 'township')!.node;
    const vetting = h.s.kernels.find((k) => k.name === 'vetting')!;
    const villages = vetting.platform.hierarchy.descendants(county, { level: 'village' }).map((n) => n.code);
    own = villages.find((c) => c.startsWith(townshipNode))!;
    other = villages.find((c) => !c.startsWith(townshipNode))!;
    commands = vetting.commandBus;
    projector = (vetting.providers().find((p: any) => p.provide === RosterProjector) as any).useValue;
  }, 180_000);

  afterAll(async () => {
    await h?.stop();
  });

  async function person(name: string, seq: number): Promise<string> {
    const id: string = await commands.execute(
      new RecordPerson({ name, citizenId: citizenId('320724', '1975-06-15', seq), ethnicity: '汉族', education: '初中', politicalStatus: '群众', partyJoinDate: null, phone: null, tags: [], villageCode: own }, null),
    );
    await commands.execute(new StartHolding({ personId: id, villageCode: own, body: 'committee', post: '委员', from: '2022-01-10' as LocalDate }, null));
    return id;
  }

  const grade = (token: string, personId: string, name: string) =>
    h.call('POST', '/vetting/assessments', {
      token,
      json: { villageCode: own, period: '2025', teamGrade: '好', memberGrades: [{ personId, name, grade: '不称职' }], turnout: { invited: 50, returned: 30, representatives: 18 }, classification: '平稳', weak: false },
    });

  it('refuses a township both a roster write and a grade on a person holding a post or a role in another township', async () => {
    const heldElsewhere = await person('两地任职', 1);
    await commands.execute(new StartHolding({ personId: heldElsewhere, villageCode: other, body: 'committee', post: '委员', from: '2022-01-10' as LocalDate }, null));
    const roleElsewhere = await person('两地兼职', 3);
    expect((await h.call('POST', `/vetting/roster/persons/${roleElsewhere}/roles`, { token: org, json: { role: '会计', villageCode: other, since: '2024-01-01' } })).status).toBe(201);
    await projector.catchUp();
    // Named by the township's village only: the read model's `villages` does not show the other one.
    const named = await db().query('SELECT villages FROM roster_persons WHERE person_id = ANY ($1::text[])', [[heldElsewhere, roleElsewhere]]);
    expect(named.rows.map((r) => r.villages)).toEqual([[own], [own]]);

    for (const [id, name] of [[heldElsewhere, '两地任职'], [roleElsewhere, '两地兼职']]) {
      expect((await h.call('POST', `/vetting/roster/persons/${id}/appraisals`, { token: township, json: { year: 2024, grade: '不称职' } })).status).toBe(404);
      const graded = await grade(township, id, name);
      expect([graded.status, graded.body.message]).toEqual([422, `${name} 不在本村“两委”花名册中`]);
    }
    expect((await db().query(`SELECT 1 FROM events WHERE stream_id LIKE 'assessment-%'`)).rowCount).toBe(0);
    // The county, whose node holds both villages, may do both.
    expect((await h.call('POST', `/vetting/roster/persons/${heldElsewhere}/appraisals`, { token: org, json: { year: 2024, grade: '称职' } })).status).toBe(201);
    expect((await grade(org, heldElsewhere, '两地任职')).status).toBe(201);
  });

  it('lets the township write and grade its own person', async () => {
    const mine = await person('本村委员', 5);
    await projector.catchUp();
    expect((await h.call('POST', `/vetting/roster/persons/${mine}/appraisals`, { token: township, json: { year: 2024, grade: '称职' } })).status).toBe(201);
    const graded = await h.call('POST', '/vetting/assessments', {
      token: township,
      json: { villageCode: own, period: '2026', teamGrade: '好', memberGrades: [{ personId: mine, name: '本村委员', grade: '称职' }], turnout: { invited: 50, returned: 30, representatives: 18 }, classification: '平稳', weak: false },
    });
    expect(graded.status).toBe(201);
  });
});
