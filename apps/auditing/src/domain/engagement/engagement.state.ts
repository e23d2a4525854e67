import type { LocalDate } from '@lw/domain';
import type { EngagementEvent, EngagementScope } from './engagement.events';
import { isSeriousOpen, type FindingContent, type FindingState } from './finding';

export type EngagementStatus = 'planned' | 'fieldwork' | 'draft' | 'concluded' | 'published';

export const STATUS_LABELS: Readonly<Record<EngagementStatus, string>> = {
  planned: '已计划',
  fieldwork: '现场审计',
  draft: '报告征求意见',
  concluded: '已出结论',
  published: '已公示',
};

export interface EngagementState extends EngagementScope {
  status: EngagementStatus;
  plannedAt: string;
  fieldworkAt: string | null;
  draftAt: string | null;
  concludedAt: string | null;
  summary: string | null;
  publishedAt: string | null;
  notice: { endsOn: LocalDate; endsAt: string; beyondHorizon: boolean } | null;
  /** In the order recorded. */
  findings: Map<string, FindingState>;
  version: number;
}

function contentOf(d: FindingContent): FindingContent {
  return {
    category: d.category,
    severity: d.severity,
    amount: d.amount,
    description: d.description,
    responsiblePersons: d.responsiblePersons,
    evidence: d.evidence,
    rectificationRequired: d.rectificationRequired,
    violationSuspected: d.violationSuspected,
  };
}

function withFinding(s: EngagementState, f: FindingState): EngagementState {
  const findings = new Map(s.findings);
  findings.set(f.findingId, f);
  return { ...s, findings };
}

export function evolveEngagement(s: EngagementState | null, e: EngagementEvent): EngagementState {
  if (e.type === 'EngagementPlanned') {
    const { at, ...scope } = e.data;
    return { ...scope, status: 'planned', plannedAt: at, fieldworkAt: null, draftAt: null, concludedAt: null, summary: null, publishedAt: null, notice: null, findings: new Map(), version: 1 };
  }
  if (!s) throw new Error(`${e.type} before EngagementPlanned`);
  const next = { ...s, version: s.version + 1 };
  switch (e.type) {
    case 'FieldworkStarted':
      return { ...next, status: 'fieldwork', fieldworkAt: e.data.at, auditors: e.data.auditors };
    case 'DraftSubmitted':
      return { ...next, status: 'draft', draftAt: e.data.at };
    case 'AuditConcluded':
      return { ...next, status: 'concluded', concludedAt: e.data.at, summary: e.data.summary };
    case 'AuditPublished':
      return { ...next, status: 'published', publishedAt: e.data.at, notice: { endsOn: e.data.noticeEndsOn, endsAt: e.data.noticeEndsAt, beyondHorizon: e.data.beyondHorizon } };
    case 'FindingRecorded': {
      const content = contentOf(e.data);
      return withFinding(next, {
        ...content,
        findingId: e.data.findingId,
        recordedAt: e.data.at,
        recordedBy: e.data.by,
        revisions: [{ content, at: e.data.at, by: e.data.by, reason: null }],
        rectified: null,
        transferId: null,
      });
    }
    case 'FindingAmended': {
      const f = s.findings.get(e.data.findingId)!;
      const content = contentOf(e.data);
      return withFinding(next, { ...f, ...content, revisions: [...f.revisions, { content, at: e.data.at, by: e.data.amendedBy, reason: e.data.reason }] });
    }
    case 'ViolationTransferred':
      return withFinding(next, { ...s.findings.get(e.data.findingId)!, transferId: e.data.transferId });
    case 'FindingRectified':
      return withFinding(next, { ...s.findings.get(e.data.findingId)!, rectified: { at: e.data.at, caseId: e.data.caseId } });
  }
}

/** Serious findings needing rectification, not rectified yet (the contracts' `seriousOpen`). */
export function seriousOpen(s: Pick<EngagementState, 'findings'>): number {
  let n = 0;
  for (const f of s.findings.values()) if (isSeriousOpen(f)) n++;
  return n;
}
