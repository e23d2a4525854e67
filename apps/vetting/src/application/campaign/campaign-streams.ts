import { evolveCampaign } from '../../domain/campaign';

/** Stream names of the campaign part (see domain/campaign): the plan, each subject's dossier, the frozen reports, posted packs. */
export const CAMPAIGN_STREAM_PREFIX = 'campaign-';
export const DOSSIER_STREAM_PREFIX = 'dossier-';

/** How a campaign's stream folds: the one decider its commands and reads share. */
export const CAMPAIGN_DECIDER = { evolve: evolveCampaign };

export function campaignStream(campaignId: string): string {
  return `${CAMPAIGN_STREAM_PREFIX}${campaignId}`;
}

export function dossierStream(campaignId: string, subjectCode: string): string {
  return `${DOSSIER_STREAM_PREFIX}${campaignId}-${subjectCode}`;
}

// Not under `campaign-`: the campaign projection reads that prefix as plans only.
export function campaignReportStream(campaignId: string): string {
  return `campaignreport-${campaignId}`;
}

export function campaignPackStream(packId: string): string {
  return `campaignpack-${packId}`;
}

/**
 * The source ref of a problem's case in grievance: `campaign:<campaignId>:<subjectCode>:<problemId>`,
 * read back when grievance closes the case (销号).
 */
export function problemRef(campaignId: string, subjectCode: string, problemId: string): string {
  return `campaign:${campaignId}:${subjectCode}:${problemId}`;
}

export function parseProblemRef(ref: string | null): { campaignId: string; subjectCode: string; problemId: string } | null {
  const m = ref ? /^campaign:([^:]+):(\d{9}|\d{12}):([^:]+)$/.exec(ref) : null;
  return m ? { campaignId: m[1], subjectCode: m[2], problemId: m[3] } : null;
}
