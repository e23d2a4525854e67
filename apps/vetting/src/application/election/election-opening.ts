import { DivisionCode, DomainValidationError, newEnvelope, type Actor, type ContractRegistry, type IntegrationEvent, type LocalDate } from '@lw/domain';
import type { ElectionOpening } from '../../domain/election';
import type { PolicyPack } from '../../domain/policy';
import { holdingsInForce } from '../../domain/roster/holding';
import { isCommitteeChair, isPartySecretary } from '../../domain/roster/post';
import type { RosterPort } from '../roster-port';

export interface OutgoingHead {
  personId: string;
  name: string;
  post: string;
  since: LocalDate | null;
}

/** Villages per ElectionOpened message: a province's election would not fit one Kafka message. */
const VILLAGES_PER_MESSAGE = 200;

/**
 * vetting.ElectionOpened, in chunks of villages, naming each village's outgoing heads (书记, 主任 in
 * office today, from the roster) so auditing plans their audits.
 */
export function electionOpenedMessages(input: ElectionOpening, heads: ReadonlyMap<string, OutgoingHead[]>, at: string, actor: Actor, contracts: ContractRegistry): IntegrationEvent[] {
  const out: IntegrationEvent[] = [];
  for (let i = 0; i < input.villages.length; i += VILLAGES_PER_MESSAGE) {
    const chunk = input.villages.slice(i, i + VILLAGES_PER_MESSAGE);
    out.push(
      contracts.validateForPublish(
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
  return out;
}

/** 书记 and 主任 in office today, per village, one entry per person (一肩挑 names both posts). */
export async function outgoingHeads(roster: RosterPort, scope: string, today: LocalDate): Promise<Map<string, OutgoingHead[]>> {
  const { persons, holdings } = await roster.snapshot(scope, today);
  const out = new Map<string, OutgoingHead[]>();
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

export function checkSeats(pack: PolicyPack, villages: ElectionOpening['villages']): void {
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
