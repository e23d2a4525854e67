import type { PoolClient } from 'pg';
import type { AssessmentRecordedV1, ContractRegistry, FindingRecordedV1, IntegrationEvent, TipConcludedV1 } from '@lw/domain';
import { amendFromSource, type CaseSourceKind, type PersonRef, type Severity } from '../domain';
import type { CaseCommands } from './case-commands';
import { caseIdForSource } from './case-ids';
import type { CasePlacement, LiaisonDirectory } from './placement.port';

export const CONSUMED_TYPES = ['tipline.TipConcluded', 'auditing.FindingRecorded', 'vetting.AssessmentRecorded'] as const;

export interface ReactionDeps {
  contracts: ContractRegistry;
  commands: CaseCommands;
  placement: CasePlacement;
  liaisons: LiaisonDirectory;
  caseExists: (caseId: string, tx: PoolClient) => Promise<boolean>;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

/** A problem another service found, as grievance takes it. */
interface SourcedProblem {
  kind: CaseSourceKind;
  ref: string;
  villageCode: string;
  category: string;
  severity: Severity;
  description: string;
  directlyResponsible: PersonRef[];
  /** Set when the source corrects an earlier version of the same problem. */
  amendmentReason: string | null;
}

const FINDING_ZH: Record<TipConcludedV1['finding'], string> = { substantiated: '属实', partly_substantiated: '部分属实', unsubstantiated: '不属实', unverifiable: '无法查实' };

const persons = (list: { name: string; post?: string | null }[]): PersonRef[] => list.map((p) => ({ name: p.name, post: p.post ?? null }));

/**
 * How grievance takes problems from its neighbours, inside the inbox transaction. Case ids derive from
 * the source (kind + id), so a redelivered event, or the same source under another event id, finds its
 * case and opens no second one; an amendment (audit) or a corrected problem (assessment) updates it.
 */
export function grievanceReactions(deps: ReactionDeps) {
  const handled = new Set<string>(CONSUMED_TYPES);

  async function take(problem: SourcedProblem, event: IntegrationEvent, tx: PoolClient): Promise<void> {
    const caseId = caseIdForSource(problem.kind, problem.ref);
    const content = { category: problem.category, severity: problem.severity, description: problem.description, directlyResponsible: problem.directlyResponsible };
    if (await deps.caseExists(caseId, tx)) {
      if (problem.amendmentReason === null) return;
      await deps.commands.run(caseId, null, (s, c) => amendFromSource(s, content, problem.amendmentReason!, c), { tx });
      deps.log.info({ caseId, source: problem.kind }, 'case amended from its source');
      return;
    }
    const village = deps.placement.normalize(problem.villageCode) ?? problem.villageCode;
    const liaison = await deps.liaisons.liaisonOf(village, tx);
    await deps.commands.open(
      {
        caseId,
        villageCode: village,
        townshipCode: deps.placement.townshipOf(village)?.code ?? null,
        source: { kind: problem.kind, ref: problem.ref },
        ...content,
        measures: '',
        responsibleUnit: deps.placement.defaultUnit(village),
        responsiblePerson: liaison ? { name: liaison.name, post: liaison.post } : null,
      },
      event.actor,
      { tx },
    );
    deps.log.info({ caseId, source: problem.kind, villageCode: village }, 'case opened from another service');
  }

  return async (raw: IntegrationEvent, tx: PoolClient): Promise<void> => {
    if (!handled.has(raw.type)) return;
    const event = deps.contracts.decode(raw);
    switch (event.type) {
      case 'tipline.TipConcluded': {
        const p = event.payload as TipConcludedV1;
        if (!p.needsRectification) return;
        const people = p.subjects.filter((s) => s.kind === 'person') as { name: string; post?: string | null; villageCode?: string | null }[];
        const village = p.villageCode ?? p.subjects.map((s) => s.villageCode).find((v): v is string => !!v) ?? deps.placement.root;
        const names = people.map((x) => x.name).join('、');
        await take(
          {
            kind: 'tip',
            ref: p.tipId,
            villageCode: village,
            // The ledger and its export speak Chinese, as cases opened by hand do.
            category: p.categoryName ?? p.category,
            severity: p.finding === 'substantiated' ? 'major' : 'general',
            description: `信访举报反映问题经核实${FINDING_ZH[p.finding]}，需整改${names ? `（涉及：${names}）` : ''}。`,
            directlyResponsible: persons(people),
            amendmentReason: null,
          },
          event,
          tx,
        );
        return;
      }
      case 'auditing.FindingRecorded': {
        const p = event.payload as FindingRecordedV1;
        if (!p.rectificationRequired) return;
        await take(
          {
            kind: 'audit',
            ref: p.findingId,
            villageCode: p.villageCode,
            category: p.categoryName ?? p.category,
            severity: p.severity,
            description: p.amount ? `${p.description}（涉及金额 ${p.amount} 元）` : p.description,
            directlyResponsible: persons(p.responsiblePersons),
            amendmentReason: p.amendment ? `审计更正：${p.amendment.reason}` : null,
          },
          event,
          tx,
        );
        return;
      }
      case 'vetting.AssessmentRecorded': {
        const p = event.payload as AssessmentRecordedV1;
        for (const problem of p.problems) {
          await take(
            {
              kind: 'analysis',
              ref: problem.problemId,
              villageCode: p.villageCode,
              category: problem.category,
              severity: problem.severity,
              description: problem.description,
              directlyResponsible: [],
              amendmentReason: `研判结果更正（${p.period}）`,
            },
            event,
            tx,
          );
        }
        return;
      }
    }
  };
}
