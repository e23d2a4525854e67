import type { EntityManager } from 'typeorm';
import { shanghaiDateOf } from '@lw/domain';
import type { StoredEvent } from '@lw/eventstore';
import { campaignPack, evolveCampaign, evolveDossier, type CampaignEvent, type CampaignPack, type CampaignState, type DossierEvent, type DossierState, type PackRef } from '../../domain/campaign';
import { negativeEvaluations } from '../../domain/rules/campaign-evaluations';
import { campaignPackStream, campaignStream, DOSSIER_STREAM_PREFIX } from '../../application/campaign/campaign-streams';
import { RosterEvaluationRecord } from './roster-evaluations.entity';

export function isDossierApproved(e: Pick<StoredEvent, 'streamId' | 'type'>): boolean {
  return e.streamId.startsWith(DOSSIER_STREAM_PREFIX) && e.type === 'DossierApproved';
}

/** `dossier-<campaignId>-<subjectCode>`: the code is the last segment (digits only). */
export function dossierKey(streamId: string): { campaignId: string; subjectCode: string } {
  const rest = streamId.slice(DOSSIER_STREAM_PREFIX.length);
  const cut = rest.lastIndexOf('-');
  return { campaignId: rest.slice(0, cut), subjectCode: rest.slice(cut + 1) };
}

interface Row {
  stream_id: string;
  stream_version: number;
  type: string;
  data: unknown;
}

/**
 * Read inside the projector's transaction (its EntityManager), not through a second pool
 * connection: a handler holding a transaction must not wait for another one.
 */
async function streams(m: EntityManager, ids: string[]): Promise<Row[]> {
  return m.query('SELECT stream_id, stream_version, type, data FROM events WHERE stream_id = ANY($1::text[]) ORDER BY stream_id, stream_version', [ids]);
}

/** The campaign's pack as the catalogue resolves it: a shipped pack, else a version posted as data (stream campaignpack-<id>). */
async function packOf(m: EntityManager, ref: PackRef): Promise<CampaignPack | undefined> {
  const shipped = campaignPack(ref.id, ref.version);
  if (shipped) return shipped;
  const posted = await streams(m, [campaignPackStream(ref.id)]);
  return posted.map((r) => (r.data as { pack: CampaignPack }).pack).find((p) => p.id === ref.id && p.version === ref.version);
}

/**
 * On DossierApproved: the dossier as it stood at approval (folded up to that event), its campaign and
 * pack, and the members the pack grades negatively, written as that dossier's 民主测评 results (the
 * rows replace whatever the dossier left before, so replaying the event changes nothing).
 */
export async function recordDossierEvaluations(m: EntityManager, e: StoredEvent): Promise<void> {
  const key = dossierKey(e.streamId);
  const rows = await streams(m, [e.streamId, campaignStream(key.campaignId)]);
  let dossier: DossierState | null = null;
  let campaign: CampaignState | null = null;
  for (const r of rows) {
    const event = { type: r.type, data: r.data };
    if (r.stream_id === e.streamId) {
      if (r.stream_version <= e.streamVersion) dossier = evolveDossier(dossier, event as DossierEvent);
    } else campaign = evolveCampaign(campaign, event as CampaignEvent);
  }
  if (!dossier || !campaign) throw new Error(`roster projection: ${e.streamId} approved without its dossier or campaign stream`);
  // A campaign names a pack the catalogue had when it was planned; one missing now is a deployment fault,
  // and skipping it would lose a negative-list fact, so the projection stops and says so.
  const pack = await packOf(m, campaign.pack);
  if (!pack) throw new Error(`roster projection: campaign pack ${campaign.pack.id}@${campaign.pack.version} of ${key.campaignId} not found`);
  const approvedOn = shanghaiDateOf(new Date((e.data as { at: string }).at));
  const found = negativeEvaluations(dossier, pack, campaign.name, approvedOn);
  await m.delete(RosterEvaluationRecord, key);
  if (found.length === 0) return;
  const records = found.map(({ personId, fact }): RosterEvaluationRecord => ({ personId, campaignId: fact.campaignId, subjectCode: fact.subjectCode, date: fact.date, grade: fact.grade, campaignName: fact.campaignName }));
  await m.createQueryBuilder().insert().into(RosterEvaluationRecord).values(records).updateEntity(false).execute();
}
