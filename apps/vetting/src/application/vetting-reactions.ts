import type { CommandBus } from '@nestjs/cqrs';
import type { PoolClient } from 'pg';
import { shanghaiDateOf, type ContractRegistry, type IntegrationEvent, type IntegrationPayload, type LocalDate } from '@lw/domain';
import { reactionsTo, type Consumption } from '@lw/messaging';
import { parseProblemRef } from './campaign/campaign-streams';
import { CloseCampaignProblem } from './campaign/dossier.commands';
import type { Objections } from './election/objections';
import type { OpenNomination, OpenNominations } from './election/open-nominations';
import { ChangeVillageGate, ConcludeObjection, DropObjection, RaiseObjection, RecordSubstantiatedTip, type AuditNews, type ReactionContext } from './village-election.commands';
import { streamOfNotice } from './village-election-stream';

const SUBSTANTIATED = ['substantiated', 'partly_substantiated'];

type ObjectionTip = IntegrationPayload<'tipline.TipReceived' | 'tipline.TipAccepted'>;

/** The bus the reactions' steps run on, and the read models that name the streams an event concerns. */
export interface VettingReactionDeps {
  commands: () => CommandBus;
  objections: Pick<Objections, 'streamOf'>;
  nominations: OpenNominations;
  contracts: ContractRegistry;
}

/**
 * What vetting does with other services' events, inside the inbox transaction: each reaction decodes
 * the event and dispatches a command on the service's bus, caused by the event, which makes every change:
 * - tip-line objections: a tip labelled with one of our notices blocks confirmation from its receipt
 *   (tipline.TipReceived) while the discipline office has not decided on it, so a late acceptance
 *   never lets confirmation slip past a real objection. Deciding not to accept it, or transferring it
 *   away (tipline.TipNotAccepted), lifts the block: a cheap anonymous objection holds a village no
 *   longer than that decision, which the tip-line clocks to the notice's last day. Accepted, it
 *   blocks until concluded; a substantiated one disqualifies the nominee with the tip as evidence.
 *   A repeat of an earlier tip is never decided on its own and blocks nothing (the first one does);
 * - any tip concluded substantiated against a person named in a village with open nominations joins
 *   that nominee's facts and re-runs their review (the negative list sees it);
 * - auditing's reports open or close each village's gate;
 * - grievance closing (销号) the case of a campaign's problem marks the problem closed in its dossier.
 */
export function vettingReactions(deps: VettingReactionDeps): Consumption {
  const ctx = (event: IntegrationEvent<unknown>, tx: PoolClient): ReactionContext => ({ tx, actor: event.actor, causationId: event.id });

  const objection = async (p: ObjectionTip, event: IntegrationEvent<unknown>, tx: PoolClient) => {
    const stream = p.objection ? streamOfNotice(p.objection.noticeId) : null;
    if (!p.objection || !stream) return;
    await deps.commands().execute(new RaiseObjection(stream, p.objection.noticeId, p.tipId, p.objection.candidateId ?? null, ctx(event, tx)));
  };

  const gate = (news: AuditNews, event: IntegrationEvent<unknown>, tx: PoolClient) => deps.commands().execute(new ChangeVillageGate(news, ctx(event, tx)));

  return reactionsTo(
    {
      'tipline.TipReceived': async (p, event, tx) => {
        if (!p.repeatOf) await objection(p, event, tx);
      },
      // Raises it again (no-op) for a tip received before objections blocked on receipt.
      'tipline.TipAccepted': objection,
      'tipline.TipNotAccepted': async (p, event, tx) => {
        const stream = await deps.objections.streamOf(p.tipId, tx);
        if (stream) await deps.commands().execute(new DropObjection(stream, p.tipId, p.decision, ctx(event, tx)));
      },
      'tipline.TipConcluded': async (p, event, tx) => {
        const stream = await deps.objections.streamOf(p.tipId, tx);
        if (stream) await deps.commands().execute(new ConcludeObjection(stream, p.tipId, p.finding, ctx(event, tx)));
        if (SUBSTANTIATED.includes(p.finding)) await substantiatedAgainstNominees(p, ctx(event, tx), deps);
      },
      'auditing.AuditPlanned': (p, event, tx) => gate({ kind: 'planned', report: p }, event, tx),
      'auditing.AuditConcluded': (p, event, tx) => gate({ kind: 'concluded', report: p, published: false }, event, tx),
      'auditing.AuditPublished': (p, event, tx) => gate({ kind: 'concluded', report: p, published: true }, event, tx),
      'auditing.FindingRecorded': (p, event, tx) => gate({ kind: 'finding', report: p }, event, tx),
      'auditing.FindingRectified': (p, event, tx) => gate({ kind: 'rectified', report: p }, event, tx),
      'grievance.CaseClosed': async (p, event, tx) => {
        const problem = parseProblemRef(p.source.ref);
        if (problem) await deps.commands().execute(new CloseCampaignProblem({ ...problem, caseId: p.caseId, closedAt: p.closedAt }, ctx(event, tx)));
      },
    },
    deps.contracts,
  );
}

async function substantiatedAgainstNominees(p: IntegrationPayload<'tipline.TipConcluded'>, ctx: ReactionContext, deps: VettingReactionDeps): Promise<void> {
  const concludedOn = shanghaiDateOf(new Date(p.concludedAt)) as LocalDate;
  const fact = { tipId: p.tipId, concludedOn, summary: `举报（${p.category}）经核实${p.finding === 'substantiated' ? '属实' : '部分属实'}` };
  for (const subject of p.subjects) {
    const village = subject.villageCode ?? p.villageCode;
    if (subject.kind !== 'person' || !village || !subject.name) continue;
    // One person may be nominated twice (交叉任职): the tip is recorded once per person.
    const byPerson = new Map<string, OpenNomination[]>();
    for (const n of await deps.nominations.named(village, subject.name, ctx.tx)) byPerson.set(n.personId, [...(byPerson.get(n.personId) ?? []), n]);
    for (const [personId, nominations] of byPerson) await deps.commands().execute(new RecordSubstantiatedTip(personId, fact, nominations, ctx));
  }
}
