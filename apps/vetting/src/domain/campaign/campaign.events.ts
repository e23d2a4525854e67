import type { CampaignKind } from './campaign-pack';

export interface PackRef {
  id: string;
  version: number;
}

/** A stage of the plan (动员部署、走访调研、分析研判、反馈整改、总结提升 …), dates inclusive. */
export interface CampaignStage {
  name: string;
  from: string;
  to: string;
}

export interface PersonRef {
  name: string;
  post: string;
}

/** A work group (工作组): its leader, members, and the villages and township teams it covers. */
export interface WorkGroup {
  groupId: string;
  name: string;
  leader: PersonRef;
  members: PersonRef[];
  /** Full 12-digit village codes. */
  villages: string[];
  /** 9-digit township codes whose leadership teams it inspects. */
  townships: string[];
}

/**
 * Stream `campaign-<campaignId>`. The plan, its groups and its end. Every event is attributed in
 * its metadata (actor); `by` repeats the user id for the read model and the report.
 */
export type CampaignEvent =
  | {
      type: 'CampaignPlanned';
      data: {
        campaignId: string;
        kind: CampaignKind;
        name: string;
        /** County (6) or township (9) code, significant digits. */
        scope: string;
        period: { from: string; to: string };
        pack: PackRef;
        stages: CampaignStage[];
        /** Method ids of the pack this campaign uses. */
        methods: string[];
        /** The campaign of the same kind this one is compared with (比上届), if any. */
        previousCampaignId: string | null;
        at: string;
        by: string | null;
      };
    }
  | { type: 'CampaignPlanChanged'; data: { stages: CampaignStage[]; methods: string[]; at: string; by: string | null } }
  | { type: 'WorkGroupSet'; data: WorkGroup & { at: string; by: string | null } }
  | { type: 'WorkGroupRemoved'; data: { groupId: string; at: string; by: string | null } }
  | { type: 'CampaignClosed'; data: { at: string; by: string | null } };
