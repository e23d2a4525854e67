import type { CampaignKind } from './campaign-pack';
import type { CampaignEvent, CampaignStage, PackRef, WorkGroup } from './campaign.events';

export interface CampaignState {
  campaignId: string;
  kind: CampaignKind;
  name: string;
  scope: string;
  period: { from: string; to: string };
  pack: PackRef;
  stages: CampaignStage[];
  methods: string[];
  previousCampaignId: string | null;
  groups: WorkGroup[];
  closed: boolean;
  version: number;
}

export function evolveCampaign(state: CampaignState | null, e: CampaignEvent): CampaignState {
  if (e.type === 'CampaignPlanned') {
    const { at: _at, by: _by, ...plan } = e.data;
    return { ...plan, groups: [], closed: false, version: 1 };
  }
  if (!state) throw new Error(`campaign stream starts with ${e.type}`);
  const s = { ...state, version: state.version + 1 };
  switch (e.type) {
    case 'CampaignPlanChanged':
      return { ...s, stages: e.data.stages, methods: e.data.methods };
    case 'WorkGroupSet': {
      const { at: _at, by: _by, ...group } = e.data;
      const others = s.groups.filter((g) => g.groupId !== group.groupId);
      return { ...s, groups: [...others, group] };
    }
    case 'WorkGroupRemoved':
      return { ...s, groups: s.groups.filter((g) => g.groupId !== e.data.groupId) };
    case 'CampaignClosed':
      return { ...s, closed: true };
  }
}

/** The work group a subject (village or township code) belongs to, if any. */
export function groupOf(s: CampaignState, subjectCode: string): WorkGroup | undefined {
  return s.groups.find((g) => g.villages.includes(subjectCode) || g.townships.includes(subjectCode));
}
