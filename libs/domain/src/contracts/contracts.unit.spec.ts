import { LATEST_PAYLOADS } from './latest-payloads';
import { ContractViolationError } from '../events/contract-errors';
import type { IntegrationEvent } from '../events/envelope';
import { newEnvelope } from '../events/new-envelope';
import { ALL_CONTRACTS, integrationContracts } from './integration-contracts';

const TIP = '0190a0b0-0000-7000-8000-000000000001';
const VILLAGE = '320724101200';

/** A valid payload of each contract the tip-line produces or consumes. */
const VALID: Record<string, Record<string, unknown>> = {
  'tipline.TipReceived': {
    tipId: TIP,
    receivedAt: '2026-09-18T02:00:00.000Z',
    channel: 'phone',
    category: 'election.bribery',
    categoryGroup: 'election',
    villageCode: VILLAGE,
    subjects: [{ kind: 'person', name: '王五', post: '村委会主任候选人', villageCode: VILLAGE }, { kind: 'village', villageCode: VILLAGE }],
    electionRelated: true,
    objection: { noticeId: 'n-1', endsOn: '2026-09-22' },
    repeatOf: null,
    anonymous: true,
  },
  'tipline.TipAccepted': { tipId: TIP, acceptedAt: '2026-09-19T02:00:00Z', villageCode: VILLAGE, objection: { noticeId: 'n-1', endsOn: '2026-09-22', candidateId: 'c-1' } },
  'tipline.TipNotAccepted': { tipId: TIP, decidedAt: '2026-09-19T02:00:00Z', decision: 'transferred', villageCode: VILLAGE, objection: null },
  'tipline.TipConcluded': {
    tipId: TIP,
    concludedAt: '2026-10-08T09:30:00Z',
    finding: 'partly_substantiated',
    falseAccusation: false,
    category: 'discipline.assets',
    villageCode: null,
    subjects: [{ kind: 'person', name: '赵六' }],
    needsRectification: true,
  },
  'tipline.TipClosed': { tipId: TIP, closedAt: '2026-10-09T01:00:00Z', outcome: 'concluded', villageCode: VILLAGE },
  'vetting.PublicNoticeStarted': {
    noticeId: 'n-1',
    villageCode: VILLAGE,
    startsOn: '2026-09-18',
    endsOn: '2026-09-22',
    candidates: [{ candidateId: 'c-1', name: '王五', citizenId: '32072419800101001X', post: '村委会主任' }],
  },
  'vetting.PublicNoticeEnded': { noticeId: 'n-1', villageCode: VILLAGE, endedOn: '2026-09-22' },
  'grievance.CaseClosed': { caseId: 'g-1', villageCode: VILLAGE, closedAt: '2026-11-01T08:00:00Z', source: { kind: 'tip', ref: TIP }, summary: '已整改销号' },
  'grievance.CaseOpened': {
    caseId: 'g-1',
    villageCode: VILLAGE,
    townshipCode: '320724101',
    source: { kind: 'audit', ref: 'au-1-F001' },
    category: '白条入账',
    severity: 'serious',
    responsibleUnit: '新安镇党委',
    responsiblePerson: { name: '周联村', post: '镇党委副书记' },
    due: '2026-03-02',
    beyondHorizon: false,
    openedAt: '2026-02-10T02:00:00Z',
  },
  'grievance.CaseOverdue': {
    caseId: 'g-1',
    villageCode: VILLAGE,
    townshipCode: '320724101',
    source: { kind: 'tip', ref: TIP },
    due: '2026-03-02',
    overdueAt: '2026-03-02T16:00:00Z',
    redCount: 1,
    responsibleUnit: '新安镇党委',
    responsiblePerson: null,
  },
  'grievance.CaseEscalated': {
    caseId: 'g-1',
    villageCode: VILLAGE,
    townshipCode: '320724101',
    source: { kind: 'inspection', ref: null },
    measure: 'interview',
    redCount: 2,
    responsibleUnit: '新安镇党委',
    responsiblePerson: { name: '周联村', post: null },
    escalatedAt: '2026-04-01T16:00:00Z',
  },
  'auditing.ViolationTransferred': {
    transferId: 't-1',
    engagementId: 'e-1',
    findingId: 'f-1',
    villageCode: VILLAGE,
    transferredAt: '2026-11-02T08:00:00Z',
    category: 'discipline.assets',
    description: '集体资产出租未经民主程序',
    amount: '12345.60',
    responsiblePersons: [{ name: '赵六', post: '村党组织书记' }, { name: '钱七' }],
  },
  'vetting.ElectionOpened': {
    electionId: 'e2026',
    scope: '320724',
    name: '2026 年村（社区）“两委”换届',
    policy: { id: 'default', version: 1 },
    openedAt: '2026-09-01T01:00:00Z',
    votingFrom: '2026-11-01',
    villages: [{ villageCode: VILLAGE, outgoingHeads: [{ personId: 'p-1', name: '赵六', post: '村党组织书记', since: '2021-01-15' }] }],
  },
  'vetting.NomineeListed': { electionId: 'e2026', villageCode: VILLAGE, nomineeId: 'n-1', name: '王五', post: '书记', listedAt: '2026-09-10T02:00:00Z' },
  'vetting.NomineeDisqualified': {
    electionId: 'e2026',
    villageCode: VILLAGE,
    nomineeId: 'n-1',
    name: '王五',
    post: '书记',
    reason: '公示期间被举报问题经核实属实',
    tipId: TIP,
    disqualifiedAt: '2026-10-01T02:00:00Z',
  },
  'vetting.CandidatesConfirmed': { electionId: 'e2026', villageCode: VILLAGE, candidates: [{ nomineeId: 'n-1', name: '王五', post: '书记' }], confirmedAt: '2026-10-13T02:00:00Z' },
  'vetting.ResultRecorded': { electionId: 'e2026', villageCode: VILLAGE, elected: [{ nomineeId: 'n-1', name: '王五', post: '书记' }], recordedAt: '2026-10-20T02:00:00Z' },
  'vetting.VillageGateChanged': { electionId: 'e2026', villageCode: VILLAGE, open: false, reasons: ['离任经济责任审计尚未办结并公示'], changedAt: '2026-09-01T01:00:00Z' },
  'vetting.AssessmentRecorded': {
    assessmentId: 'a-1',
    villageCode: VILLAGE,
    period: '2026',
    teamGrade: '一般',
    classification: '调整充实',
    weak: false,
    turnout: { invited: 120, returned: 90 },
    problems: [{ problemId: 'a-1-1', category: '班子团结', description: '班子成员分工不明确', severity: 'general' }],
    recordedAt: '2026-06-30T02:00:00Z',
  },
  'vetting.CampaignProblemsAccepted': {
    campaignId: '0190a0b0-0000-7000-8000-00000000c001',
    kind: 'midterm',
    villageCode: VILLAGE,
    subject: { kind: 'village', code: VILLAGE },
    problems: [
      { problemId: 'p1', category: '后备干部', description: '后备干部储备不足。', severity: 'general', measures: '确定2名培养对象。', responsible: { name: '张明华', post: '党总支书记' }, deadline: '2027-03-31' },
    ],
    acceptedAt: '2026-12-06T02:00:00Z',
  },
  'auditing.AuditPlanned': {
    engagementId: 'au-1',
    kind: 'outgoing',
    villageCode: VILLAGE,
    electionId: 'e2026',
    persons: [{ name: '赵六', post: '村党组织书记' }],
    periodFrom: '2021-01-15',
    periodTo: '2026-08-31',
    plannedAt: '2026-09-01T01:00:01Z',
  },
  'auditing.FindingRecorded': {
    engagementId: 'au-1',
    findingId: 'f-1',
    villageCode: VILLAGE,
    electionId: 'e2026',
    category: '白条入账',
    severity: 'serious',
    amount: '0.30',
    rectificationRequired: true,
    violationSuspected: false,
    description: '白条入账 3 笔',
    responsiblePersons: [{ name: '赵六', post: '村党组织书记' }],
    recordedAt: '2026-09-20T02:00:00Z',
    amendment: null,
  },
  'auditing.AuditConcluded': { engagementId: 'au-1', villageCode: VILLAGE, electionId: 'e2026', concludedAt: '2026-09-25T02:00:00Z', findings: 1, seriousOpen: 1 },
  'auditing.AuditPublished': { engagementId: 'au-1', villageCode: VILLAGE, electionId: 'e2026', publishedAt: '2026-09-26T02:00:00Z', noticeEndsOn: '2026-10-12', seriousOpen: 1 },
  'auditing.FindingRectified': {
    engagementId: 'au-1',
    findingId: 'f-1',
    villageCode: VILLAGE,
    electionId: 'e2026',
    severity: 'serious',
    rectifiedAt: '2026-10-15T02:00:00Z',
    caseId: 'g-1',
    seriousOpen: 0,
  },
};

/** One typical bad payload per contract: a missing field, a wrong enum, a bad date. */
const BAD: [string, string, (p: Record<string, unknown>) => Record<string, unknown>, (string | number)[]][] = [
  ['tipline.TipReceived', 'no subjects', (p) => ({ ...p, subjects: [] }), ['subjects']],
  ['tipline.TipReceived', 'an unknown channel', (p) => ({ ...p, channel: 'email' }), ['channel']],
  ['tipline.TipReceived', 'an impossible objection end date', (p) => ({ ...p, objection: { noticeId: 'n-1', endsOn: '2026-02-30' } }), ['objection', 'endsOn']],
  ['tipline.TipReceived', 'a local time instead of a UTC instant', (p) => ({ ...p, receivedAt: '2026-09-18T10:00:00+08:00' }), ['receivedAt']],
  ['tipline.TipConcluded', 'an unknown finding', (p) => ({ ...p, finding: 'maybe' }), ['finding']],
  ['tipline.TipConcluded', 'no falseAccusation', ({ falseAccusation: _f, ...p }) => p, ['falseAccusation']],
  ['tipline.TipClosed', 'a non-uuid tipId', (p) => ({ ...p, tipId: 'tip-1' }), ['tipId']],
  ['tipline.TipClosed', 'an unknown outcome', (p) => ({ ...p, outcome: 'lost' }), ['outcome']],
  ['vetting.PublicNoticeStarted', 'a short citizen id', (p) => ({ ...p, candidates: [{ candidateId: 'c', name: '王五', citizenId: '3207', post: '主任' }] }), ['candidates', 0, 'citizenId']],
  ['vetting.PublicNoticeStarted', 'a date with a time', (p) => ({ ...p, startsOn: '2026-09-18T00:00:00Z' }), ['startsOn']],
  ['vetting.PublicNoticeEnded', 'no villageCode', ({ villageCode: _v, ...p }) => p, ['villageCode']],
  ['grievance.CaseClosed', 'an unknown source kind', (p) => ({ ...p, source: { kind: 'rumour', ref: null } }), ['source', 'kind']],
  ['grievance.CaseClosed', 'a non-numeric villageCode', (p) => ({ ...p, villageCode: '城关镇' }), ['villageCode']],
  ['grievance.CaseOpened', 'an impossible due date', (p) => ({ ...p, due: '2026-02-30' }), ['due']],
  ['grievance.CaseOpened', 'an unknown severity', (p) => ({ ...p, severity: '严重' }), ['severity']],
  ['grievance.CaseOverdue', 'a zero red count', (p) => ({ ...p, redCount: 0 }), ['redCount']],
  ['grievance.CaseEscalated', 'an unknown measure', (p) => ({ ...p, measure: 'dismissal' }), ['measure']],
  ['grievance.CaseEscalated', 'an escalation on the first red', (p) => ({ ...p, redCount: 1 }), ['redCount']],
  ['auditing.ViolationTransferred', 'amount as a JS number', (p) => ({ ...p, amount: 12345.6 }), ['amount']],
  ['auditing.ViolationTransferred', 'amount with 3 decimals', (p) => ({ ...p, amount: '12345.605' }), ['amount']],
  ['auditing.FindingRecorded', 'amount as a JS number', (p) => ({ ...p, amount: 0.3 }), ['amount']],
  ['auditing.FindingRecorded', 'an unknown severity', (p) => ({ ...p, severity: '严重' }), ['severity']],
  ['auditing.AuditPublished', 'an impossible notice end', (p) => ({ ...p, noticeEndsOn: '2026-02-30' }), ['noticeEndsOn']],
  ['vetting.ElectionOpened', 'no villages', (p) => ({ ...p, villages: [] }), ['villages']],
  ['vetting.AssessmentRecorded', 'a negative turnout', (p) => ({ ...p, turnout: { invited: 10, returned: -1 } }), ['turnout', 'returned']],
  ['auditing.ViolationTransferred', 'a description over 5000 characters', (p) => ({ ...p, description: '款'.repeat(5001) }), ['description']],
];

function event(type: string, payload: unknown): IntegrationEvent {
  return newEnvelope({ type, version: 1, producer: type.split('.')[0], villageCode: VILLAGE, actor: null, payload });
}

/** The ContractViolationError `fn` throws (fails the test if it throws nothing or something else). */
function violation(fn: () => unknown): ContractViolationError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ContractViolationError) return e;
    throw e;
  }
  throw new Error('expected a ContractViolationError');
}

describe('integration contracts', () => {
  const registry = integrationContracts();

  it('registers every contract, complete, and has an example for each this spec covers', () => {
    expect(() => registry.assertComplete()).not.toThrow();
    expect(Object.keys(VALID).sort()).toEqual(registry.types());
    expect(registry.types()).toEqual([...new Set(ALL_CONTRACTS.map((c) => c.type))].sort());
  });

  it.each(Object.entries(VALID))('accepts a valid %s at publish and consume (also after JSON)', (type, payload) => {
    expect(registry.validateForPublish(event(type, payload)).payload).toEqual(payload);
    const wire = JSON.parse(JSON.stringify(event(type, payload))) as unknown;
    expect(registry.decode(wire).payload).toEqual(payload);
  });

  it.each(BAD)('rejects %s with %s', (type, _label, spoil, path) => {
    const bad = spoil(VALID[type]);
    for (const check of [() => registry.validateForPublish(event(type, bad)), () => registry.decode(event(type, bad))]) {
      const e = violation(check);
      expect(e.type).toBe(type);
      expect(e.issues.map((i) => i.path)).toContainEqual(path);
    }
  });

  it('allows optional and nullable fields to be left out', () => {
    const { electionId: _e, ...notice } = { electionId: 'el-1', ...VALID['vetting.PublicNoticeStarted'] };
    expect(() => registry.validateForPublish(event('vetting.PublicNoticeStarted', notice))).not.toThrow();
    const { summary: _s, ...closed } = VALID['grievance.CaseClosed'];
    expect(() => registry.validateForPublish(event('grievance.CaseClosed', { ...closed, source: { kind: 'citizen', ref: null } }))).not.toThrow();
    expect(() => registry.validateForPublish(event('auditing.ViolationTransferred', { ...VALID['auditing.ViolationTransferred'], amount: null, responsiblePersons: [] }))).not.toThrow();
    expect(() => registry.validateForPublish(event('tipline.TipReceived', { ...VALID['tipline.TipReceived'], objection: null, villageCode: null, anonymous: false }))).not.toThrow();
  });

  describe('reporter identity never travels', () => {
    const received = VALID['tipline.TipReceived'];
    const subjects = received.subjects as Record<string, unknown>[];

    it.each<[string, Record<string, unknown>, (string | number)[]]>([
      ['reporterName at the top', { ...received, reporterName: '张三' }, ['reporterName']],
      ['contact at the top', { ...received, contact: '13800000000' }, ['contact']],
      ['contact inside a subject', { ...received, subjects: [{ ...subjects[0], contact: '13800000000' }] }, ['subjects', 0, 'contact']],
      ['reporter_name inside the objection', { ...received, objection: { noticeId: 'n-1', endsOn: '2026-09-22', reporter_name: '张三' } }, ['objection', 'reporter_name']],
    ])('rejects TipReceived with %s', (_label, payload, path) => {
      for (const check of [() => registry.validateForPublish(event('tipline.TipReceived', payload)), () => registry.decode(event('tipline.TipReceived', payload))]) {
        expect(violation(check).issues.map((i) => i.path)).toEqual([path]);
      }
    });

    it('rejects reporter identity in the contracts of every other producer too', () => {
      for (const type of ['vetting.PublicNoticeEnded', 'grievance.CaseClosed', 'auditing.ViolationTransferred']) {
        const e = violation(() => registry.validateForPublish(event(type, { ...VALID[type], reporterPhone: '13800000000' })));
        expect(e.issues.map((i) => i.path)).toEqual([['reporterPhone']]);
      }
    });
  });
});

describe('latest payloads (what typed reactions decode to)', () => {
  it('names every contract type once, with the schema of its latest registered version', () => {
    const latest = new Map<string, { version: number; schema: unknown }>();
    for (const c of ALL_CONTRACTS) if ((latest.get(c.type)?.version ?? 0) < c.version) latest.set(c.type, c);
    expect(Object.keys(LATEST_PAYLOADS).sort()).toEqual([...latest.keys()].sort());
    for (const [type, c] of latest) expect([type, LATEST_PAYLOADS[type as keyof typeof LATEST_PAYLOADS]]).toEqual([type, c.schema]);
  });
});
