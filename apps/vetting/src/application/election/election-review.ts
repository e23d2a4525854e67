import type { PoolClient } from 'pg';
import { runAll } from '@lw/db';
import { shanghaiDateOf, type LocalDate } from '@lw/domain';
import {
  evolveVillageElection,
  nominationOf,
  recordFirstReview,
  recordSlateReview,
  slateOf,
  type ReviewVerdict,
  type VillageElectionEvent,
  type VillageElectionState,
} from '../../domain/election';
import { evaluatePerson, evaluateSlate, type PersonFacts } from '../../domain/rules';
import type { RosterPort } from '../roster-port';
import type { PolicyPacks } from './policy-packs';
import type { SubstantiatedTips } from './substantiated-tips';
import type { StepContext, VillageElections } from './village-elections';

/** The township's own opinion joins the engine's verdicts and survives re-evaluation. */
export interface TownshipOpinion {
  decision: 'pass' | 'fail';
  reason: string;
  by: string;
}

const OPINION_RULE = 'township.opinion';
const TERMINAL = ['disqualified', 'elected', 'not_elected'];

function opinionVerdict(o: TownshipOpinion): ReviewVerdict {
  return { ruleId: OPINION_RULE, kind: o.decision === 'pass' ? 'pass' : 'block', message: `乡镇初审意见：${o.reason}`, evidence: { by: o.by } };
}

function missingFacts(name: string): ReviewVerdict {
  return { ruleId: 'roster.missing', kind: 'block', message: `${name}：花名册中没有该人员的信息，无法审查`, evidence: {} };
}

/**
 * First review (初审) by the rules engine: loads the election's pack, the nominees' facts from the
 * roster (plus substantiated tips), and records the verdicts: per nominee, and for the slate while
 * nominating. Used by the township's review, by approvals and by re-evaluation when an input changes.
 */
export class ElectionReview {
  constructor(
    private readonly deps: {
      elections: VillageElections;
      roster: RosterPort;
      packs: PolicyPacks;
      tips: SubstantiatedTips;
      clock?: () => Date;
    },
  ) {}

  private today(): LocalDate {
    return shanghaiDateOf((this.deps.clock ?? (() => new Date()))()) as LocalDate;
  }

  /** Facts of the given persons on `asOf`, with the substantiated tips against them. */
  async facts(personIds: readonly string[], asOf: LocalDate, tx?: PoolClient): Promise<Map<string, PersonFacts>> {
    const [facts, tips] = await runAll(tx, [() => this.deps.roster.personFacts(personIds, asOf, tx), () => this.deps.tips.of(personIds, tx)] as const);
    for (const [id, f] of facts) facts.set(id, { ...f, substantiatedTips: [...f.substantiatedTips, ...(tips.get(id) ?? [])] });
    return facts;
  }

  /**
   * Reviews `nomineeIds` (all nominees not out of the election when absent) and, while nominating,
   * the slate; `opinions` are the township's, by nominee id. One append for the whole village; the
   * inputs are read for the state decided on (again when a concurrent append makes it retry).
   */
  review(streamId: string, ctx: StepContext, opts: { nomineeIds?: readonly string[]; opinions?: ReadonlyMap<string, TownshipOpinion> } = {}): Promise<VillageElectionState> {
    return this.deps.elections.decide(streamId, ctx, async (s, c) => {
      const inputs = await this.inputs(s, ctx.tx);
      const targets = (opts.nomineeIds ?? [...s.nominees.keys()]).map((id) => s.nominees.get(id)).filter((n) => n && !TERMINAL.includes(n.status));
      const events: VillageElectionEvent[] = [];
      let next = s;
      for (const n of targets) {
        const f = inputs.facts.get(n!.personId);
        const kept = opts.opinions?.get(n!.nomineeId);
        const previous = n!.verdicts.find((v) => v.ruleId === OPINION_RULE);
        const approvals = next.approvals.filter((a) => a.personId === n!.personId);
        const verdicts = f ? evaluatePerson(inputs.pack, f, nominationOf(n!, inputs.holdings, inputs.today), approvals) : [missingFacts(n!.name)];
        const opinion = kept ? [opinionVerdict(kept)] : previous ? [previous] : [];
        const decided = recordFirstReview(next, n!.nomineeId, [...verdicts, ...opinion], c);
        events.push(...decided);
        next = decided.reduce(evolveVillageElection, next);
      }
      if (next.stage === 'nominating' && next.nominees.size > 0) {
        const slate = slateOf(next, 'preliminary', inputs.facts, inputs.relatives, inputs.holdings, inputs.today);
        events.push(...recordSlateReview(next, evaluateSlate(inputs.pack, slate, next.approvals.filter((a) => a.villageCode === next.villageCode)), c));
      }
      return events;
    });
  }

  /** The slate rules at the final stage (on the nominees on notice), for confirmation. */
  async finalSlate(state: VillageElectionState, tx?: PoolClient): Promise<ReviewVerdict[]> {
    const inputs = await this.inputs(state, tx);
    const slate = slateOf(state, 'final', inputs.facts, inputs.relatives, inputs.holdings, inputs.today);
    return evaluateSlate(inputs.pack, slate, state.approvals.filter((a) => a.villageCode === state.villageCode));
  }

  private async inputs(state: VillageElectionState, tx?: PoolClient) {
    const today = this.today();
    const personIds = [...new Set([...state.nominees.values()].map((n) => n.personId))];
    const [pack, facts, relatives, holdings] = await runAll(tx, [
      () => this.deps.packs.get(state.policy, tx),
      () => this.facts(personIds, today, tx),
      () => this.deps.roster.relativesAmong(personIds, tx),
      () => this.deps.roster.holdingsOfVillage(state.villageCode, tx),
    ] as const);
    return { today, pack, facts, relatives, holdings };
  }
}
