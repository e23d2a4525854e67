import { DomainNotFoundError, outsideJurisdiction, type Actor } from '@lw/domain';
import { loadAggregate, type EventStore } from '@lw/eventstore';
import type { Hierarchy, Jurisdiction } from '@lw/hierarchy';
import { groupOf, type CampaignState, type SubjectKind } from '../../domain/campaign';
import { CAMPAIGN_DECIDER, campaignStream } from './campaign-streams';

export type CampaignAccessMode = 'organise' | 'see';

/**
 * Who reaches a campaign and its subjects. The organiser's area must hold the campaign's scope
 * (plan, groups, review, reports); a township inside a county campaign sees it and works on its
 * own villages. Outside, or missing, answers the same 404.
 */
export class CampaignAccess {
  constructor(
    private readonly store: EventStore,
    private readonly jurisdiction: Jurisdiction,
    private readonly hierarchy: Hierarchy,
  ) {}

  async campaign(actor: Actor, campaignId: string, mode: CampaignAccessMode): Promise<CampaignState> {
    const { state } = await loadAggregate(this.store, CAMPAIGN_DECIDER, campaignStream(campaignId));
    if (!state || !this.reaches(actor, state.scope, mode)) throw outsideJurisdiction('该检查活动', `campaign ${campaignId} unknown or outside ${actor.node}`);
    return state;
  }

  reaches(actor: Actor, scope: string, mode: CampaignAccessMode): boolean {
    return this.jurisdiction.covers(actor, scope) || (mode === 'see' && this.hierarchy.isInside(actor.node, scope));
  }

  /** A subject of the campaign the actor may work on: in one of its groups and in the actor's area. */
  subject(actor: Actor, campaign: CampaignState, code: string): { kind: SubjectKind; code: string } {
    const kind = subjectKind(code);
    if (!kind || !groupOf(campaign, code) || !this.jurisdiction.covers(actor, code)) {
      throw new DomainNotFoundError('campaign.subject_outside', `${code.length === 9 ? '乡镇（街道）' : '村（社区）'}${code} 不在本次检查的工作组范围内或不在您的管辖范围内`, `subject ${code} not in campaign ${campaign.campaignId} or outside ${actor.node}`);
    }
    return { kind, code };
  }

  /** A code inside the campaign's scope and the actor's area that names a current village or a township. */
  inScope(actor: Actor, campaign: CampaignState, code: string): boolean {
    if (!this.hierarchy.isInside(code, campaign.scope) || !this.jurisdiction.covers(actor, code)) return false;
    const node = this.hierarchy.get(code);
    return code.length === 12 ? !!this.jurisdiction.currentVillage(code) : node?.level === 'township';
  }

  nameOf(code: string): string {
    return this.hierarchy.get(code)?.name ?? code;
  }
}

export function subjectKind(code: string): SubjectKind | null {
  return /^\d{12}$/.test(code) ? 'village' : /^\d{9}$/.test(code) ? 'township' : null;
}
