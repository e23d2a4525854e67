import { newEnvelope, type Actor, type ContractRegistry, type IntegrationEvent } from '@lw/domain';
import { categoryName, evolveEngagement, seriousOpen, type AuditPolicy, type EngagementEvent, type EngagementState, type FindingState } from '../domain/engagement';

/**
 * What other services hear of an engagement. Vetting gates the village's election on AuditConcluded /
 * AuditPublished / FindingRecorded / FindingRectified, so every count is the state after the event;
 * grievance opens a case per finding needing rectification; the tip-line takes suspected violations.
 */
export function engagementIntegrationEvents(
  before: EngagementState | null,
  events: readonly EngagementEvent[],
  actor: Actor | null,
  contracts: ContractRegistry,
  policy: AuditPolicy,
): IntegrationEvent[] {
  const out: IntegrationEvent[] = [];
  let s = before;
  for (const e of events) {
    s = evolveEngagement(s, e);
    const base = { producer: 'auditing', villageCode: s.villageCode, actor, version: 1 };
    const ids = { engagementId: s.engagementId, villageCode: s.villageCode, electionId: s.electionId };
    const finding = (id: string): FindingState => s!.findings.get(id)!;
    switch (e.type) {
      case 'EngagementPlanned':
        out.push(
          newEnvelope({
            ...base,
            type: 'auditing.AuditPlanned',
            payload: { ...ids, kind: s.kind, persons: s.persons.map((p) => ({ name: p.name, post: p.post })), periodFrom: s.periodFrom, periodTo: s.periodTo, plannedAt: e.data.at },
          }),
        );
        break;
      case 'FindingRecorded':
      case 'FindingAmended': {
        const f = finding(e.data.findingId);
        out.push(
          newEnvelope({
            ...base,
            type: 'auditing.FindingRecorded',
            payload: {
              ...ids,
              findingId: f.findingId,
              category: f.category,
              categoryName: categoryName(f.category, policy.categories),
              severity: f.severity,
              amount: f.amount,
              rectificationRequired: f.rectificationRequired,
              violationSuspected: f.violationSuspected,
              description: f.description,
              responsiblePersons: f.responsiblePersons,
              recordedAt: e.data.at,
              amendment: e.type === 'FindingAmended' ? { reason: e.data.reason, amendedBy: e.data.amendedBy } : null,
            },
          }),
        );
        break;
      }
      case 'ViolationTransferred': {
        const f = finding(e.data.findingId);
        const cat = policy.categories.find((c) => c.code === f.category);
        out.push(
          newEnvelope({
            ...base,
            type: 'auditing.ViolationTransferred',
            payload: {
              transferId: e.data.transferId,
              engagementId: s.engagementId,
              findingId: f.findingId,
              villageCode: s.villageCode,
              transferredAt: e.data.at,
              category: cat?.tipCategory ?? 'corruption',
              description: `审计发现问题（${categoryName(f.category, policy.categories)}）：${f.description}`.slice(0, 5000),
              amount: f.amount,
              responsiblePersons: f.responsiblePersons,
            },
          }),
        );
        break;
      }
      case 'AuditConcluded':
        out.push(newEnvelope({ ...base, type: 'auditing.AuditConcluded', payload: { ...ids, concludedAt: e.data.at, findings: s.findings.size, seriousOpen: seriousOpen(s) } }));
        break;
      case 'AuditPublished':
        out.push(newEnvelope({ ...base, type: 'auditing.AuditPublished', payload: { ...ids, publishedAt: e.data.at, noticeEndsOn: e.data.noticeEndsOn, seriousOpen: seriousOpen(s) } }));
        break;
      case 'FindingRectified':
        out.push(
          newEnvelope({
            ...base,
            type: 'auditing.FindingRectified',
            payload: { ...ids, findingId: e.data.findingId, severity: finding(e.data.findingId).severity, rectifiedAt: e.data.at, caseId: e.data.caseId, seriousOpen: seriousOpen(s) },
          }),
        );
        break;
      default:
        break;
    }
  }
  return out.map((ev) => contracts.validateForPublish(ev));
}
