import { DomainConflictError, DomainValidationError, type Actor } from '@lw/domain';
import { decideAndAppend, type EventStore } from '@lw/eventstore';
import type { CampaignPack } from '../../domain/campaign';
import { CAMPAIGN_PACKS } from '../../domain/campaign/campaign-packs';
import { validateCampaignPack } from '../../domain/campaign/validate-campaign-pack';
import { campaignPackStream } from './campaign-streams';

/** A pack an administrator posted (stream `campaignpack-<id>`, one event per version). */
interface CampaignPackReleased {
  type: 'CampaignPackReleased';
  data: { pack: CampaignPack; at: string; by: string | null };
}

const releases = { evolve: (s: CampaignPack[] | null, e: CampaignPackReleased) => [...(s ?? []), e.data.pack] };

/**
 * The campaign packs a campaign may name: the shipped ones (domain/campaign/campaign-packs) and
 * those posted as data, so a second pack swaps in without code. A campaign keeps the version it
 * was planned under, so a version once released never changes.
 */
export class CampaignPackCatalog {
  constructor(private readonly store: EventStore) {}

  async list(): Promise<CampaignPack[]> {
    // Posted packs are rare and must be usable the moment they are posted: read from the events, not a read model.
    const posted = await this.store.eventsWhere({ type: 'CampaignPackReleased', limit: 1000 });
    return [...CAMPAIGN_PACKS, ...posted.map((e) => (e.data as CampaignPackReleased['data']).pack)];
  }

  async get(id: string, version?: number): Promise<CampaignPack | null> {
    const same = (await this.list()).filter((p) => p.id === id && (version === undefined || p.version === version));
    return same.sort((a, b) => b.version - a.version)[0] ?? null;
  }

  async require(id: string, version?: number): Promise<CampaignPack> {
    const pack = await this.get(id, version);
    if (!pack) throw new DomainValidationError('campaign.unknown_pack', `检查方案“${id}${version ? ` 第${version}版` : ''}”不存在`, `unknown campaign pack ${id}@${version ?? 'latest'}`);
    return pack;
  }

  /** A new version of a pack: validated, numbered above every version of that id. */
  async release(input: unknown, actor: Actor, now: Date): Promise<CampaignPack> {
    const pack = validateCampaignPack(input);
    const shipped = CAMPAIGN_PACKS.filter((p) => p.id === pack.id).map((p) => p.version);
    await decideAndAppend(
      this.store,
      releases,
      campaignPackStream(pack.id),
      ({ state }) => {
        const latest = Math.max(0, ...shipped, ...(state ?? []).map((p) => p.version));
        if (pack.version <= latest) {
          throw new DomainConflictError('campaign.pack_version', `检查方案“${pack.id}”已有第${latest}版，新版本号应大于${latest}`, `pack ${pack.id} version ${pack.version} <= ${latest}`);
        }
        return [{ type: 'CampaignPackReleased' as const, data: { pack, at: now.toISOString(), by: actor.userId } }];
      },
      { actor },
    );
    return pack;
  }
}
