import type { CommandBus } from '@nestjs/cqrs';
import type { PoolClient } from 'pg';
import { shanghaiDateOf, type ContractRegistry, type IntegrationEvent, type IntegrationPayload, type LocalDate } from '@lw/domain';
import { reactionsTo, type Consumption } from '@lw/messaging';
import type { AuditLedger } from './election/audit-ledger';
import type { Objections } from './election/objections';
import type { OpenNomination, OpenNominations } from './election/open-nominations';
import type { SubstantiatedTips } from './election/substantiated-tips';
import type { StepContext } from './election/village-elections';
import { ChangeVillageGate, ConcludeObjection, DropObjection, RaiseObjection, ReviewNominees } from './village-election.commands';
import { streamOfNotice } from './village-election-stream';

const SUBSTANTIATED = ['substantiated', 'partly_substantiated'];

type ObjectionTip = IntegrationPayload<'tipline.TipReceived' | 'tipline.TipAccepted'>;
type AuditReport = IntegrationPayload<'auditing.AuditPlanned'>;

/** What the reactions keep of other services' events (written in the inbox transaction) and the bus their steps run on. */
export interface VettingReactionDeps {
  commands: () => CommandBus;
  objections: Objections;
  audits: AuditLedger;
  tips: SubstantiatedTips;
  nominations: OpenNominations;
  contracts: ContractRegistry;
}

/**
 * What vetting does with other services' events, inside the inbox transaction (each step a command
 * on the service's bus, caused by the event):
 * - tip-line objections: a tip labelled with one of our notices blocks confirmation from its receipt
 *   (tipline.TipReceived) while the discipline office has not decided on it, so a late acceptance
 *   never lets confirmation slip past a real objection. Deciding not to accept it, or transferring it
 *   away (tipline.TipNotAccepted), lifts the block: a cheap anonymous objection holds a village no
 *   longer than that decision, which the tip-line clocks to the notice's last day. Accepted, it
 *   blocks until concluded; a substantiated one disqualifies the nominee with the tip as evidence.
 *   A repeat of an earlier tip is never decided on its own and blocks nothing (the first one does);
 * - any tip concluded substantiated against a person named in a village with open nominations joins
 *   that nominee's facts and re-runs their review (the negative list sees it);
 * - auditing's reports open or close each village's gate.
 */
export function vettingReactions(deps: VettingReactionDeps): Consumption {
  const ctx = (event: IntegrationEvent<unknown>, tx: PoolClient): StepContext & { tx: PoolClient } => ({ tx, actor: event.actor, causationId: event.id });

  const objection = async (p: ObjectionTip, event: IntegrationEvent<unknown>, tx: PoolClient) => {
    const stream = p.objection ? streamOfNotice(p.objection.noticeId) : null;
    if (!p.objection || !stream) return;
    await deps.objections.record({ tipId: p.tipId, streamId: stream, noticeId: p.objection.noticeId }, tx);
    await deps.commands().execute(new RaiseObjection(stream, p.objection.noticeId, p.tipId, p.objection.candidateId ?? null, ctx(event, tx)));
  };

  const gate = async (p: Pick<AuditReport, 'electionId' | 'villageCode'>, event: IntegrationEvent<unknown>, tx: PoolClient, record: () => Promise<unknown>) => {
    if (!p.electionId) return;
    await record();
    await deps.commands().execute(new ChangeVillageGate(p.electionId, p.villageCode, await deps.audits.status(p, tx), ctx(event, tx)));
  };

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
      'auditing.AuditPlanned': (p, event, tx) => gate(p, event, tx, () => deps.audits.planned(p, tx)),
      'auditing.AuditConcluded': (p, event, tx) => gate(p, event, tx, () => deps.audits.concluded(p, false, tx)),
      'auditing.AuditPublished': (p, event, tx) => gate(p, event, tx, () => deps.audits.concluded(p, true, tx)),
      'auditing.FindingRecorded': (p, event, tx) => gate(p, event, tx, () => deps.audits.finding(p, tx)),
      'auditing.FindingRectified': (p, event, tx) => gate(p, event, tx, () => deps.audits.rectified(p, tx)),
    },
    deps.contracts,
  );
}

async function substantiatedAgainstNominees(p: IntegrationPayload<'tipline.TipConcluded'>, ctx: StepContext & { tx: PoolClient }, deps: VettingReactionDeps): Promise<void> {
  const { tx } = ctx;
  const concludedOn = shanghaiDateOf(new Date(p.concludedAt)) as LocalDate;
  for (const subject of p.subjects) {
    const village = subject.villageCode ?? p.villageCode;
    if (subject.kind !== 'person' || !village || !subject.name) continue;
    const open = await deps.nominations.named(village, subject.name, tx);
    // One person may be nominated twice (交叉任职): record the tip once, re-review every nomination.
    const byPerson = new Map<string, OpenNomination[]>();
    for (const n of open) byPerson.set(n.personId, [...(byPerson.get(n.personId) ?? []), n]);
    for (const [personId, nominations] of byPerson) {
      const added = await deps.tips.add(tx, personId, { tipId: p.tipId, concludedOn, summary: `举报（${p.category}）经核实${p.finding === 'substantiated' ? '属实' : '部分属实'}` });
      if (!added) continue;
      for (const stream of new Set(nominations.map((n) => n.streamId))) {
        await deps.commands().execute(new ReviewNominees(stream, nominations.filter((n) => n.streamId === stream).map((n) => n.nomineeId), ctx));
      }
    }
  }
}
