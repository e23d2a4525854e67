import type { LocalDate } from '@lw/domain';
import type { CampaignPack } from '../campaign/campaign-pack';
import type { DossierState } from '../campaign/dossier.state';
import type { EvaluationFact } from './facts';

/**
 * The 民主测评 results an approved dossier puts on vetting's negative list: members on the roster
 * (a personId) whose grade the pack's member scale for the subject marks `negative`. Drafts and
 * submitted dossiers count for nothing: a grade is a finding once the dossier is approved (审定).
 */
export function negativeEvaluations(dossier: DossierState, pack: CampaignPack, campaignName: string, approvedOn: LocalDate): { personId: string; fact: EvaluationFact }[] {
  if (dossier.status !== 'approved') return [];
  const scale = dossier.subject.kind === 'township' ? pack.township?.memberScale : pack.village.memberScale;
  const negative = new Map((scale?.grades ?? []).filter((g) => g.negative).map((g) => [g.code, g.label]));
  const out = new Map<string, { personId: string; fact: EvaluationFact }>();
  for (const m of dossier.sections.members) {
    const label = negative.get(m.grade);
    if (!m.personId || label === undefined) continue;
    // One result per person and dossier, even if the form lists a member twice.
    out.set(m.personId, { personId: m.personId, fact: { date: approvedOn, grade: label, campaignId: dossier.campaignId, campaignName, subjectCode: dossier.subject.code } });
  }
  return [...out.values()];
}
