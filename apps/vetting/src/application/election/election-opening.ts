import type { Pool } from 'pg';
import { withTransaction } from '@lw/db';
import { DivisionCode, DomainConflictError, DomainValidationError, newEnvelope, shanghaiDateOf, type Actor, type ContractRegistry, type IntegrationEvent, type LocalDate } from '@lw/domain';
import { WrongExpectedVersionError } from '@lw/eventstore';
import { changeGate, evolveVillageElection, openVillageElection, villageGate, type Body, type PolicyRef } from '../../domain/election';
import type { PolicyPack } from '../../domain/policy';
import { holdingsInForce } from '../../domain/roster/holding';
import { isCommitteeChair, isPartySecretary } from '../../domain/roster/post';
import type { ElectionCommands } from '../election-commands';
import type { RosterPort } from '../roster-port';
import { villageElectionStream } from '../village-election-stream';
import type { PolicyPacks } from './policy-packs';

export interface OpenElectionInput {
  electionId: string;
  name: string;
  scope: string;
  policy: PolicyRef;
  votingFrom: LocalDate | null;
  villages: { villageCode: string; seats: Record<Body, number> }[];
}

/** Villages per ElectionOpened message: a province's election would not fit one Kafka message. */
const VILLAGES_PER_MESSAGE = 200;

/**
 * Opens an election: its own stream (name, scope, pack, timeline) and one stream per village, in one
 * transaction, with vetting.ElectionOpened in the outbox naming each village's outgoing heads (书记,
 * 主任 in office today, from the roster) so auditing plans their audits.
 */
export class ElectionOpening {
  constructor(
    private readonly deps: { pool: Pool; commands: ElectionCommands; roster: RosterPort; packs: PolicyPacks; contracts: ContractRegistry; clock?: () => Date },
  ) {}

  async open(input: OpenElectionInput, actor: Actor): Promise<{ electionId: string; villages: number }> {
    const pack = await this.deps.packs.get(input.policy);
    checkSeats(pack, input.villages);
    const c = this.deps.commands.context();
    const today = shanghaiDateOf(c.now) as LocalDate;
    const heads = await this.outgoingHeads(input.scope, today);
    const at = c.now.toISOString();
    const data = { electionId: input.electionId, name: input.name, scope: input.scope, policy: input.policy, votingFrom: input.votingFrom, villages: input.villages, at };
    const integration: IntegrationEvent[] = [];
    for (let i = 0; i < input.villages.length; i += VILLAGES_PER_MESSAGE) {
      const chunk = input.villages.slice(i, i + VILLAGES_PER_MESSAGE);
      integration.push(
        this.deps.contracts.validateForPublish(
          newEnvelope({
            type: 'vetting.ElectionOpened',
            version: 1,
            producer: 'vetting',
            // The envelope's key is a 12-digit code (Kafka partitions by it): the scope in full form.
            villageCode: DivisionCode.parse(input.scope).full,
            actor,
            payload: {
              electionId: input.electionId,
              scope: input.scope,
              name: input.name,
              policy: input.policy,
              openedAt: at,
              votingFrom: input.votingFrom,
              villages: chunk.map((v) => ({ villageCode: v.villageCode, outgoingHeads: heads.get(v.villageCode) ?? [] })),
            },
          }),
        ),
      );
    }
    const initialGate = villageGate(pack.gate, null);
    try {
      await withTransaction(this.deps.pool, async (tx) => {
        await this.deps.commands.store.append(`election-${input.electionId}`, 'no_stream', [{ type: 'ElectionOpened', data, metadata: { actor } }], { integrationEvents: integration, client: tx });
        for (const v of input.villages) {
          const opened = openVillageElection(input.electionId, v.villageCode, v.seats, input.policy, c);
          const state = opened.reduce(evolveVillageElection, null as never);
          await this.deps.commands.create(villageElectionStream(input.electionId, v.villageCode), actor, [...opened, ...changeGate(state, initialGate.open, initialGate.reasons, c)], tx);
        }
      });
    } catch (err) {
      if (err instanceof WrongExpectedVersionError) throw new DomainConflictError('election.exists', `换届编号 ${input.electionId} 已被使用`, `election ${input.electionId} exists`);
      throw err;
    }
    return { electionId: input.electionId, villages: input.villages.length };
  }

  /** 书记 and 主任 in office today, per village, one entry per person (一肩挑 names both posts). */
  private async outgoingHeads(scope: string, today: LocalDate) {
    const { persons, holdings } = await this.deps.roster.snapshot(scope, today);
    const out = new Map<string, { personId: string; name: string; post: string; since: LocalDate | null }[]>();
    const heads = holdingsInForce(holdings, today)
      .filter((x) => isPartySecretary(x) || isCommitteeChair(x))
      .sort((a, b) => Number(isCommitteeChair(a)) - Number(isCommitteeChair(b)));
    for (const h of heads) {
      const name = persons.get(h.personId)?.name;
      if (!name) continue;
      const post = isPartySecretary(h) ? '村党组织书记' : '村民委员会主任';
      const list = out.get(h.villageCode) ?? [];
      const same = list.find((x) => x.personId === h.personId);
      if (same) {
        same.post = `${same.post}、${post}`;
        if (same.since === null || h.from < same.since) same.since = h.from;
      } else list.push({ personId: h.personId, name, post, since: h.from });
      out.set(h.villageCode, list);
    }
    return out;
  }
}

function checkSeats(pack: PolicyPack, villages: OpenElectionInput['villages']): void {
  const bad: string[] = [];
  for (const v of villages) {
    for (const body of ['party', 'committee', 'supervision'] as const) {
      const r = pack.seats[body];
      if (v.seats[body] < r.min || v.seats[body] > r.max) bad.push(`${v.villageCode} ${BODY_ZH[body]}职数 ${v.seats[body]} 不在 ${r.min}–${r.max} 之间`);
    }
  }
  if (bad.length) throw new DomainValidationError('election.seats', `职数不符合政策包“${pack.name}”：${bad.slice(0, 20).join('；')}${bad.length > 20 ? `等 ${bad.length} 处` : ''}`, `seats outside the pack: ${bad.length}`);
}

const BODY_ZH: Record<'party' | 'committee' | 'supervision', string> = { party: '党组织', committee: '村（居）民委员会', supervision: '监督委员会' };
