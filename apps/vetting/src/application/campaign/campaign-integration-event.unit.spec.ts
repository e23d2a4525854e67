import { integrationContracts } from '@lw/domain';
import { EMPTY_SECTIONS, type CampaignState, type DossierState } from '../../domain/campaign';
import { problemsAcceptedEvent } from './campaign-integration-event';
import { parseProblemRef, problemRef } from './campaign-streams';

const VILLAGE = '320724101200';
const campaign = { campaignId: '0190a0b0-0000-7000-8000-00000000c001', kind: 'midterm' } as CampaignState;
const dossier: DossierState = {
  campaignId: campaign.campaignId,
  subject: { kind: 'village', code: VILLAGE },
  groupId: 'g1',
  status: 'approved',
  sections: {
    ...EMPTY_SECTIONS,
    members: [{ personId: 'p-9', name: '王秀英', post: '委员', grade: '较差', reasons: '长期不在岗' }],
    problems: [
      { problemId: 'p1', category: '后备干部', description: '后备干部储备不足。', severity: 'general' },
      { problemId: 'p2', category: '人居环境', description: '长效机制未建立。', severity: 'major' },
    ],
  },
  returnedReason: null,
  approved: { at: '2026-12-01T02:00:00.000Z', by: 'u1' },
  feedback: null,
  commitments: [{ problemId: 'p1', measures: '确定2名培养对象。', responsible: { name: '张明华', post: '党总支书记' }, deadline: '2027-03-31' }],
  accepted: ['p1'],
  closed: {},
  lastProblemNo: 2,
  version: 9,
};

describe('vetting.CampaignProblemsAccepted', () => {
  it('carries each accepted problem with its 整改承诺书 (measures, responsible name and post, deadline) and nothing of the members', () => {
    const [event] = problemsAcceptedEvent(campaign, dossier, ['p1'], '2026-12-06T02:00:00.000Z', null, integrationContracts());
    expect(event).toMatchObject({ type: 'vetting.CampaignProblemsAccepted', version: 1, villageCode: VILLAGE });
    expect(event.payload).toEqual({
      campaignId: campaign.campaignId,
      kind: 'midterm',
      villageCode: VILLAGE,
      subject: { kind: 'village', code: VILLAGE },
      problems: [{ problemId: 'p1', category: '后备干部', description: '后备干部储备不足。', severity: 'general', measures: '确定2名培养对象。', responsible: { name: '张明华', post: '党总支书记' }, deadline: '2027-03-31' }],
      acceptedAt: '2026-12-06T02:00:00.000Z',
    });
    for (const privateBit of ['王秀英', '较差', '长期不在岗', 'p-9']) expect(JSON.stringify(event)).not.toContain(privateBit);
  });

  it('publishes a township team’s problems (seed 001) with no village on the envelope and the township in the payload', () => {
    const township = { ...dossier, subject: { kind: 'township' as const, code: '320724100' } };
    const [event] = problemsAcceptedEvent(campaign, township, ['p1'], '2026-12-06T02:00:00.000Z', null, integrationContracts());
    expect(event.villageCode).toBeNull();
    expect(event.payload).toMatchObject({ villageCode: '320724100', subject: { kind: 'township', code: '320724100' } });
  });

  it('publishes nothing for problems without a commitment', () => {
    expect(problemsAcceptedEvent(campaign, dossier, ['p2'], '2026-12-06T02:00:00.000Z', null, integrationContracts())).toEqual([]);
  });
});

describe('problem refs: the case source grievance closes', () => {
  it('round-trips `campaign:<campaignId>:<subjectCode>:<problemId>` and ignores other refs', () => {
    const ref = problemRef(campaign.campaignId, VILLAGE, 'p1');
    expect(ref).toBe(`campaign:${campaign.campaignId}:${VILLAGE}:p1`);
    expect(parseProblemRef(ref)).toEqual({ campaignId: campaign.campaignId, subjectCode: VILLAGE, problemId: 'p1' });
    expect(parseProblemRef(problemRef(campaign.campaignId, '320724101', 'p3'))?.subjectCode).toBe('320724101');
    for (const other of [null, '320724101200-2025-1-p1', 'campaign:x:12:p1']) expect(parseProblemRef(other)).toBeNull();
  });
});
