import { Injectable } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Pool } from 'pg';
import { ContractRegistry, DomainValidationError, FULL_DIVISION_CODE_LENGTH, outsideJurisdiction, shanghaiDateOf, type Actor, type LocalDate } from '@lw/domain';
import { decideAndAppend, EventStore, WrongExpectedVersionError } from '@lw/eventstore';
import { Hierarchy, Jurisdiction } from '@lw/hierarchy';
import { changeGate, electionIdTaken, evolveElection, openElection, openVillageElection, villageGate, type Body, type ElectionOpening, type PolicyRef } from '../domain/election';
import { checkSeats, electionOpenedMessages, outgoingHeads } from './election/election-opening';
import { RosterPort } from './roster-port';
import { withTransactionId } from '@lw/db';
import { PolicyPacks } from './election/policy-packs';
import { VillageElections } from './election/village-elections';
import { villageElectionDecider, villageElectionStream } from './village-election-stream';

type Seats = Record<Body, number>;

export interface OpenElectionRequest {
  electionId: string;
  name: string;
  /** A county (6 digits), township (9) or any 12-digit code; villages default to every village in it. */
  scope: string;
  policy: PolicyRef;
  votingFrom: LocalDate | null;
  /** 职数 for villages that do not list their own. */
  seats?: Seats;
  villages?: { villageCode: string; seats?: Seats }[];
}

/**
 * Opens an election: its own stream (name, scope, pack, timeline) and one stream per village, in one
 * transaction, with vetting.ElectionOpened in the outbox.
 */
export class OpenElection extends Command<{ electionId: string; villages: number }> {
  constructor(
    readonly request: OpenElectionRequest,
    readonly actor: Actor,
  ) {
    super();
  }
}

@Injectable()
@CommandHandler(OpenElection)
export class OpenElectionHandler implements ICommandHandler<OpenElection> {
  constructor(
    private readonly pool: Pool,
    private readonly store: EventStore,
    private readonly contracts: ContractRegistry,
    private readonly hierarchy: Hierarchy,
    private readonly jurisdiction: Jurisdiction,
    private readonly packs: PolicyPacks,
    private readonly roster: RosterPort,
    private readonly elections: VillageElections,
  ) {}

  async execute({ request, actor }: OpenElection): Promise<{ electionId: string; villages: number }> {
    const input = this.resolve(request, actor);
    const pack = await this.packs.get(input.policy);
    checkSeats(pack, input.villages);
    const c = this.elections.context();
    const heads = await outgoingHeads(this.roster, input.scope, shanghaiDateOf(c.now) as LocalDate);
    const at = c.now.toISOString();
    const integrationEvents = electionOpenedMessages(input, heads, at, actor, this.contracts);
    const initialGate = villageGate(pack.gate, null);
    let txId: string | null;
    try {
      ({ txId } = await withTransactionId(this.pool, async (tx) => {
        const ctx = { tx, actor };
        await decideAndAppend(this.store, { evolve: evolveElection }, `election-${input.electionId}`, ({ state }) => ({ events: openElection(state, input, at), integrationEvents }), ctx);
        for (const v of input.villages) {
          await decideAndAppend(this.store, villageElectionDecider, villageElectionStream(input.electionId, v.villageCode), ({ state }) => {
            if (state) throw electionIdTaken(input.electionId);
            const opened = openVillageElection(input.electionId, v.villageCode, v.seats, input.policy, c);
            return [...opened, ...changeGate(opened.reduce(villageElectionDecider.evolve, null as never), initialGate.open, initialGate.reasons, c)];
          }, ctx);
        }
      }));
    } catch (err) {
      // Inside the transaction a concurrent opening of the same id conflicts rather than retries.
      if (err instanceof WrongExpectedVersionError) throw electionIdTaken(input.electionId);
      throw err;
    }
    await this.elections.readYourWrites(txId);
    return { electionId: input.electionId, villages: input.villages.length };
  }

  /** The scope in its canonical code and the villages with their seats, each checked against the actor's area. */
  private resolve(r: OpenElectionRequest, actor: Actor): ElectionOpening {
    const h = this.hierarchy;
    const scope = h.get(r.scope.padEnd(FULL_DIVISION_CODE_LENGTH, '0'))?.code ?? h.get(r.scope)?.code;
    // Unknown and outside the caller's area read the same (404): the answer tells nothing of other areas.
    if (!scope || !this.jurisdiction.covers(actor, scope)) throw outsideJurisdiction(`范围 ${r.scope} `, `scope ${r.scope} outside ${actor.node}`);
    const village = (code: string) => this.jurisdiction.currentVillage(code) !== null;
    const all = village(scope) ? [scope] : h.descendants(scope, { level: 'village' }).map((v) => v.code);
    const listed = r.villages ?? all.map((villageCode) => ({ villageCode, seats: undefined }));
    if (listed.length === 0) throw new DomainValidationError('election.no_villages', `范围 ${r.scope} 内没有村（社区）`, `no villages in ${scope}`);
    const villages = listed.map((v) => {
      if (!village(v.villageCode) || (v.villageCode !== scope && !h.isInside(v.villageCode, scope))) {
        throw new DomainValidationError('election.unknown_village', `村代码 ${v.villageCode} 不在换届范围内`, `village ${v.villageCode} outside ${scope}`);
      }
      const seats = v.seats ?? r.seats;
      if (!seats) throw new DomainValidationError('election.seats_missing', `请填写 ${v.villageCode} 的职数（或统一职数 seats）`, `no seats for ${v.villageCode}`);
      return { villageCode: v.villageCode, seats };
    });
    if (new Set(villages.map((v) => v.villageCode)).size !== villages.length) throw new DomainValidationError('election.duplicate_village', '村（社区）列表有重复', 'duplicate village');
    return { electionId: r.electionId, name: r.name, scope, policy: r.policy, votingFrom: r.votingFrom, villages };
  }
}
