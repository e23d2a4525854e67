import { DomainConflictError, DomainNotFoundError, DomainValidationError } from '@lw/domain';
import { LOOKBACK_PACK, MIDTERM_PACK } from './campaign-packs';
import { changePlan, closeCampaign, planCampaign, removeWorkGroup, setWorkGroup, type CampaignContext, type PlanCampaignInput } from './campaign.decisions';
import type { CampaignEvent, WorkGroup } from './campaign.events';
import { evolveCampaign, groupOf, type CampaignState } from './campaign.state';

const NOW = new Date('2026-03-01T02:00:00Z');
const ctx = (pack = MIDTERM_PACK): CampaignContext => ({ now: NOW, by: 'u-township', pack });
const inScope = () => true;

/** A township (320724100) runs a 届中分析 of its villages, as seed 002's 镇 does. */
const plan = (o: Partial<PlanCampaignInput> = {}): PlanCampaignInput => ({
  campaignId: 'c-2026-midterm',
  kind: 'midterm',
  name: '  2026年村（社区）“两委”班子届中分析  ',
  scope: '320724100',
  period: { from: '2026-03-01', to: '2026-05-31' },
  stages: [
    { name: '动员部署', from: '2026-03-01', to: '2026-03-10' },
    { name: '实地调研', from: '2026-03-11', to: '2026-04-30' },
    { name: '分析研判', from: '2026-04-20', to: '2026-05-31' },
  ],
  methods: ['field_research', 'heart_talk', 'records', 'democratic_evaluation', 'questionnaire', 'satisfaction'],
  previousCampaignId: null,
  ...o,
});

const group = (o: Partial<WorkGroup> = {}): WorkGroup => ({
  groupId: 'g1',
  name: '第一分析研判工作组',
  leader: { name: '李建国', post: '党委副书记' },
  members: [{ name: '王芳', post: '驻村干部' }],
  villages: ['320724100201', '320724100202'],
  townships: [],
  ...o,
});

const fold = (events: CampaignEvent[], s: CampaignState | null = null): CampaignState => events.reduce<CampaignState | null>(evolveCampaign, s)!;
const planned = (o: Partial<PlanCampaignInput> = {}, pack = MIDTERM_PACK) => fold(planCampaign(null, plan(o), ctx(pack)));

function refusal(fn: () => unknown): { type: unknown; zh: string } {
  try {
    fn();
  } catch (e) {
    return { type: (e as object).constructor, zh: (e as DomainValidationError).messageZh };
  }
  throw new Error('expected a refusal');
}

describe('planCampaign', () => {
  it('plans a campaign under its pack, attributed, name trimmed', () => {
    const [e] = planCampaign(null, plan(), ctx());
    expect(e).toMatchObject({
      type: 'CampaignPlanned',
      data: { campaignId: 'c-2026-midterm', name: '2026年村（社区）“两委”班子届中分析', pack: { id: 'midterm-default', version: 1 }, at: NOW.toISOString(), by: 'u-township' },
    });
    expect(planned()).toMatchObject({ kind: 'midterm', scope: '320724100', groups: [], closed: false, version: 1 });
  });

  it('refuses planning the same campaign twice (409)', () => {
    expect(refusal(() => planCampaign(planned(), plan(), ctx())).type).toBe(DomainConflictError);
  });

  it('refuses a pack of another kind, an inverted period, stages outside it, unknown methods and a bad scope — in one Chinese message', () => {
    const r = refusal(() =>
      planCampaign(
        null,
        plan({
          kind: 'lookback',
          name: ' ',
          scope: '3207241',
          period: { from: '2026-03-01', to: '2026-05-31' },
          stages: [{ name: '总结', from: '2026-05-20', to: '2026-06-10' }, { name: '倒排', from: '2026-04-02', to: '2026-04-01' }],
          methods: ['heart_talk', 'telepathy'],
        }),
        ctx(),
      ),
    );
    expect(r.type).toBe(DomainValidationError);
    expect(r.zh).toContain('方案“村（社区）“两委”班子届中分析默认方案”用于届中分析，不能用于换届“回头看”');
    expect(r.zh).toContain('检查名称不能为空');
    expect(r.zh).toContain('检查范围“3207241”应为县（6 位）或乡镇（9 位）代码');
    expect(r.zh).toContain('第 1 个阶段（总结）2026-05-20 至 2026-06-10 超出检查时间 2026-03-01 至 2026-05-31');
    expect(r.zh).toContain('第 2 个阶段（倒排）的开始日期 2026-04-02 晚于结束日期 2026-04-01');
    expect(r.zh).toContain('工作方式 telepathy 不在方案');
    expect(refusal(() => planCampaign(null, plan({ period: { from: '2026-06-01', to: '2026-05-31' }, stages: [] }), ctx())).zh).toBe('检查开始日期 2026-06-01 晚于结束日期 2026-05-31');
    expect(refusal(() => planCampaign(null, plan({ period: { from: '2026-02-30', to: '2026-05-31' }, stages: [] }), ctx())).zh).toContain('有效日期');
  });

  it('names the previous campaign of the same kind it is compared with (比上届)', () => {
    expect(planned({ previousCampaignId: 'c-2023-midterm' }).previousCampaignId).toBe('c-2023-midterm');
    expect(refusal(() => planCampaign(null, plan({ previousCampaignId: 'c-2026-midterm' }), ctx())).zh).toBe('上一届检查不能是本次检查');
  });
});

describe('changePlan', () => {
  it('changes stages and methods; the same plan again writes nothing', () => {
    const s = planned();
    const events = changePlan(s, { stages: s.stages.slice(0, 2), methods: ['heart_talk'] }, ctx());
    expect(events).toMatchObject([{ type: 'CampaignPlanChanged', data: { methods: ['heart_talk'], by: 'u-township' } }]);
    const changed = fold(events, s);
    expect(changePlan(changed, { stages: changed.stages, methods: ['heart_talk'] }, ctx())).toEqual([]);
  });

  it('keeps stages inside the planned period', () => {
    const s = planned();
    expect(refusal(() => changePlan(s, { stages: [{ name: '延长', from: '2026-05-01', to: '2026-07-01' }], methods: ['heart_talk'] }, ctx())).zh).toContain('超出检查时间');
  });
});

describe('setWorkGroup (seed 002: "成立以包片领导为组长,驻村干部为成员的9个分析研判工作组")', () => {
  it('sets a group with its leader, members and villages; the same group again writes nothing', () => {
    const s = planned();
    const events = setWorkGroup(s, group(), { ...ctx(), inScope });
    expect(events).toMatchObject([{ type: 'WorkGroupSet', data: { groupId: 'g1', villages: ['320724100201', '320724100202'], by: 'u-township' } }]);
    const withGroup = fold(events, s);
    expect(groupOf(withGroup, '320724100202')?.groupId).toBe('g1');
    expect(setWorkGroup(withGroup, group(), { ...ctx(), inScope })).toEqual([]);
  });

  it('nine groups cover nine villages, one each', () => {
    let s = planned();
    for (let i = 1; i <= 9; i++) s = fold(setWorkGroup(s, group({ groupId: `g${i}`, name: `第${i}组`, villages: [`3207241002${String(i).padStart(2, '0')}`] }), { ...ctx(), inScope }), s);
    expect(s.groups).toHaveLength(9);
  });

  it('refuses a village already in another group (409, naming the group)', () => {
    const s = fold(setWorkGroup(planned(), group(), { ...ctx(), inScope }), planned());
    const r = refusal(() => setWorkGroup(s, group({ groupId: 'g2', name: '第二组', villages: ['320724100202'] }), { ...ctx(), inScope }));
    expect(r).toEqual({ type: DomainConflictError, zh: '320724100202 已分配给工作组“第一分析研判工作组”，请先从该组移出' });
  });

  it('refuses a missing leader, bad codes and villages outside the campaign’s scope', () => {
    const r = refusal(() =>
      setWorkGroup(planned(), group({ leader: { name: '', post: ' ' }, villages: ['32072410020', '320724200201', '320724100201', '320724100201'] }), { ...ctx(), inScope }),
    );
    expect(r.type).toBe(DomainValidationError);
    expect(r.zh).toContain('组长姓名不能为空');
    expect(r.zh).toContain('组长职务不能为空');
    expect(r.zh).toContain('村（社区）代码应为 12 位数字：32072410020');
    expect(r.zh).toContain('村（社区）重复：320724100201');
    expect(r.zh).toContain('村（社区） 320724200201 不在本次检查范围（320724100）之内');
  });

  it('answers a village outside the user’s area as missing (404), like every other scope refusal', () => {
    const r = refusal(() => setWorkGroup(planned(), group(), { ...ctx(), inScope: (code) => code !== '320724100202' }));
    expect(r).toEqual({ type: DomainNotFoundError, zh: '该村（社区）不存在或不在您的管辖范围内' });
  });

  it('takes township teams only when the pack inspects them (seed 001: 乡镇领导班子)', () => {
    expect(refusal(() => setWorkGroup(planned(), group({ townships: ['320724100'] }), { ...ctx(), inScope })).zh).toContain('不检查乡镇领导班子');
    const county = planned({ kind: 'lookback', scope: '320724', methods: ['visit_talk'], stages: [] }, LOOKBACK_PACK);
    const events = setWorkGroup(county, group({ townships: ['320724100'] }), { ...ctx(LOOKBACK_PACK), inScope });
    expect(groupOf(fold(events, county), '320724100')?.groupId).toBe('g1');
  });

  it('refuses changes to a closed campaign', () => {
    const closed = fold(closeCampaign(planned(), ctx()), planned());
    expect(refusal(() => setWorkGroup(closed, group(), { ...ctx(), inScope })).type).toBe(DomainConflictError);
    expect(refusal(() => changePlan(closed, { stages: [], methods: ['heart_talk'] }, ctx())).zh).toContain('已结束');
  });
});

describe('removeWorkGroup and closeCampaign', () => {
  it('removes a group once; a second remove and a second close write nothing', () => {
    const s = fold(setWorkGroup(planned(), group(), { ...ctx(), inScope }), planned());
    const removed = fold(removeWorkGroup(s, 'g1', ctx()), s);
    expect(removed.groups).toEqual([]);
    expect(removeWorkGroup(removed, 'g1', ctx())).toEqual([]);
    const closed = fold(closeCampaign(removed, ctx()), removed);
    expect(closed.closed).toBe(true);
    expect(closeCampaign(closed, ctx())).toEqual([]);
  });
});
