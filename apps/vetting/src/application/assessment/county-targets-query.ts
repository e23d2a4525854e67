import { DomainNotFoundError, DomainValidationError, type Actor, type LocalDate } from '@lw/domain';
import { ALTERNATIVE_PACK, DEFAULT_PACK, type PolicyPack } from '../../domain/policy';
import { compareCountyTargets, countyTargets, type CountyTargetsReport, type TargetsComparison } from '../../domain/targets';
import type { RosterPort } from '../roster-port';

const PACKS: ReadonlyMap<string, PolicyPack> = new Map([DEFAULT_PACK, ALTERNATIVE_PACK].map((p) => [p.id, p]));

/** County targets for a subtree, on one date or before vs after, read from the roster. */
export class CountyTargetsQuery {
  constructor(
    private readonly deps: {
      roster: Pick<RosterPort, 'snapshot'>;
      /** True when `scope` is the actor's node or lies below it. */
      inScope: (actor: Actor, scope: string) => boolean;
    },
  ) {}

  async report(actor: Actor, q: { scope: string; date: LocalDate; packId: string }): Promise<CountyTargetsReport> {
    const pack = PACKS.get(q.packId);
    if (!pack) throw new DomainValidationError('targets.unknown_pack', `政策包“${q.packId}”不存在（可用：${[...PACKS.keys()].join('、')}）`, `unknown pack ${q.packId}`);
    if (!this.deps.inScope(actor, q.scope)) throw new DomainNotFoundError('targets.scope_not_found', `区域 ${q.scope} 不存在或不在您的管辖范围内`, `scope ${q.scope} outside ${actor.node}`);
    const { persons, holdings } = await this.deps.roster.snapshot(q.scope, q.date);
    return countyTargets(persons, holdings, { date: q.date, scopePrefix: q.scope, pack });
  }

  async compare(actor: Actor, q: { scope: string; before: LocalDate; after: LocalDate; packId: string }): Promise<TargetsComparison> {
    if (q.before >= q.after) throw new DomainValidationError('targets.dates_order', '对比的“之前”日期应早于“之后”日期', `before ${q.before} not before ${q.after}`);
    const before = await this.report(actor, { scope: q.scope, date: q.before, packId: q.packId });
    const after = await this.report(actor, { scope: q.scope, date: q.after, packId: q.packId });
    return compareCountyTargets(before, after);
  }
}
