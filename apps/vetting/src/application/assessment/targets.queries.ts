import { Injectable } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DomainValidationError, type Actor, type LocalDate } from '@lw/domain';
import { Jurisdiction } from '@lw/hierarchy';
import { ALTERNATIVE_PACK, DEFAULT_PACK, type PolicyPack } from '../../domain/policy';
import { compareCountyTargets, countyTargets, type CountyTargetsReport, type TargetsComparison } from '../../domain/targets';
import { RosterPort } from '../roster-port';

const PACKS: ReadonlyMap<string, PolicyPack> = new Map([DEFAULT_PACK, ALTERNATIVE_PACK].map((p) => [p.id, p]));

/** County targets for a subtree of the actor's area (the actor's node when no scope is given) on `after`, compared with `before` when given. */
export class CountyTargets extends Query<{ report: CountyTargetsReport } | TargetsComparison> {
  constructor(readonly actor: Actor, readonly q: { scope?: string; before: LocalDate | null; after: LocalDate; packId: string }) {
    super();
  }
}

@Injectable()
@QueryHandler(CountyTargets)
export class CountyTargetsHandler implements IQueryHandler<CountyTargets> {
  constructor(private readonly roster: RosterPort, private readonly jurisdiction: Jurisdiction) {}

  async execute({ actor, q }: CountyTargets): Promise<{ report: CountyTargetsReport } | TargetsComparison> {
    const scope = q.scope ?? actor.node;
    if (!q.before) return { report: await this.report(actor, scope, q.after, q.packId) };
    if (q.before >= q.after) throw new DomainValidationError('targets.dates_order', '对比的“之前”日期应早于“之后”日期', `before ${q.before} not before ${q.after}`);
    const before = await this.report(actor, scope, q.before, q.packId);
    return compareCountyTargets(before, await this.report(actor, scope, q.after, q.packId));
  }

  private async report(actor: Actor, scope: string, date: LocalDate, packId: string): Promise<CountyTargetsReport> {
    const pack = PACKS.get(packId);
    if (!pack) throw new DomainValidationError('targets.unknown_pack', `政策包“${packId}”不存在（可用：${[...PACKS.keys()].join('、')}）`, `unknown pack ${packId}`);
    this.jurisdiction.require(actor, scope, `区域 ${scope} `);
    const { persons, holdings } = await this.roster.snapshot(scope, date);
    return countyTargets(persons, holdings, { date, scopePrefix: scope, pack });
  }
}
