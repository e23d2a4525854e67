import type { CommandBus } from '@nestjs/cqrs';
import type { PoolClient } from 'pg';
import { integrationContracts, parseLocalDate, type IntegrationEvent, type TipConcludedV1 } from '@lw/domain';
import type { EventStore } from '@lw/eventstore';
import { reactionsTo } from '@lw/messaging';
import { AmendCaseFromSource, OpenSourcedCase, type SourcedProblem } from './case.commands';
import { caseIdForSource } from './case-ids';
import { caseStreamId } from './case-stream';

const FINDING_ZH: Record<TipConcludedV1['finding'], string> = { substantiated: '属实', partly_substantiated: '部分属实', unsubstantiated: '不属实', unverifiable: '无法查实' };

/** What the reactions read (whether a case exists, in the inbox transaction), the bus their steps run on, and where they log. */
export interface GrievanceReactionDeps {
  store: Pick<EventStore, 'streamExists'>;
  commands: () => CommandBus;
  log: { info(obj: object, msg: string): void };
  /** The deployment's root: where a tip without a village lands. */
  root: string;
}

const persons = (list: { name: string; post?: string | null }[]) => list.map((p) => ({ name: p.name, post: p.post ?? null }));

/**
 * How grievance takes problems from its neighbours, inside the inbox transaction: every read and
 * write goes through `tx`, so a flood of deliveries holds one connection each and never waits for
 * another. Case ids derive from the source (kind + id), so a redelivered event, or the same source
 * under another event id, finds its case and opens no second one; an amendment (audit) or a
 * corrected problem (assessment) updates it.
 */
export function grievanceReactions({ store, commands, log, root }: GrievanceReactionDeps) {
  /** `amendmentReason` is set when the source corrects an earlier version of the same problem. */
  async function take(problem: SourcedProblem, amendmentReason: string | null, event: IntegrationEvent, tx: PoolClient): Promise<void> {
    const caseId = caseIdForSource(problem.kind, problem.ref);
    const caller = { tx, actor: event.actor, causationId: event.id };
    if (await store.streamExists(caseStreamId(caseId), tx)) {
      if (amendmentReason === null) return;
      const { category, severity, description, directlyResponsible } = problem;
      await commands().execute(new AmendCaseFromSource(caseId, { category, severity, description, directlyResponsible }, amendmentReason, caller));
      log.info({ caseId, source: problem.kind }, 'case amended from its source');
      return;
    }
    const { state } = await commands().execute(new OpenSourcedCase(problem, caller));
    log.info({ caseId, source: problem.kind, villageCode: state.villageCode }, 'case opened from another service');
  }

  return reactionsTo(
    {
      'tipline.TipConcluded': async (p, event, tx) => {
        if (!p.needsRectification) return;
        const people = p.subjects.filter((s) => s.kind === 'person');
        const village = p.villageCode ?? p.subjects.map((s) => s.villageCode).find((v): v is string => !!v) ?? root;
        const names = people.map((x) => x.name).join('、');
        const problem: SourcedProblem = {
          kind: 'tip',
          ref: p.tipId,
          villageCode: village,
          // The ledger and its export speak Chinese, as cases opened by hand do.
          category: p.categoryName ?? p.category,
          severity: p.finding === 'substantiated' ? 'major' : 'general',
          description: `信访举报反映问题经核实${FINDING_ZH[p.finding]}，需整改${names ? `（涉及：${names}）` : ''}。`,
          directlyResponsible: persons(people),
        };
        await take(problem, null, event, tx);
      },
      'auditing.FindingRecorded': async (p, event, tx) => {
        if (!p.rectificationRequired) return;
        const problem: SourcedProblem = {
          kind: 'audit',
          ref: p.findingId,
          villageCode: p.villageCode,
          category: p.categoryName ?? p.category,
          severity: p.severity,
          description: p.amount ? `${p.description}（涉及金额 ${p.amount} 元）` : p.description,
          directlyResponsible: persons(p.responsiblePersons),
        };
        await take(problem, p.amendment ? `审计更正：${p.amendment.reason}` : null, event, tx);
      },
      'vetting.AssessmentRecorded': async (p, event, tx) => {
        for (const problem of p.problems) {
          const sourced: SourcedProblem = {
            kind: 'analysis',
            ref: problem.problemId,
            villageCode: p.villageCode,
            category: problem.category,
            severity: problem.severity,
            description: problem.description,
            directlyResponsible: [],
          };
          await take(sourced, `研判结果更正（${p.period}）`, event, tx);
        }
      },
      // A campaign's (回头看 / 届中分析 / 研判) accepted problems, each with its 整改承诺书: the case
      // takes the measures, the responsible person and the promised day as its own (the limit ends
      // that day). A township team's problems come with the township's code and stay the
      // township's case. Accepted once, never amended.
      'vetting.CampaignProblemsAccepted': async (p, event, tx) => {
        for (const problem of p.problems) {
          const sourced: SourcedProblem = {
            kind: p.kind === 'lookback' || p.kind === 'special' ? 'inspection' : 'analysis',
            ref: `campaign:${p.campaignId}:${p.subject.code}:${problem.problemId}`,
            villageCode: p.villageCode,
            category: problem.category,
            severity: problem.severity,
            description: problem.description,
            directlyResponsible: [],
            measures: problem.measures,
            responsiblePerson: { name: problem.responsible.name, post: problem.responsible.post },
            due: parseLocalDate(problem.deadline),
          };
          await take(sourced, null, event, tx);
        }
      },
    },
    integrationContracts(),
  );
}
