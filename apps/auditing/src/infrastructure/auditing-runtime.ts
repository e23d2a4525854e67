import { significantPrefix } from '@lw/auth';
import { integrationContracts, type Actor } from '@lw/domain';
import { Projector } from '@lw/eventstore';
import type { ServiceKernel, ServiceRuntime } from '@lw/runtime';
import { DEFAULT_AUDIT_POLICY, type AuditPolicy } from '../domain/engagement';
import { auditingReactions } from '../application/auditing-reactions';
import { EngagementCommands } from '../application/engagement-commands';
import { engagementProjection } from './read-model/engagement.projection';
import { AuditingQueries } from './read-model/auditing-queries';

/** What the auditing controllers use; one instance per service kernel. */
export class Auditing {
  constructor(
    readonly commands: EngagementCommands,
    readonly queries: AuditingQueries,
    readonly projector: Projector,
    readonly policy: AuditPolicy,
    private readonly kernel: ServiceKernel,
  ) {}

  inScope(actor: Pick<Actor, 'node'>, villageCode: string): boolean {
    return this.kernel.platform.hierarchy.isInside(villageCode, actor.node);
  }

  /** A current village of the deployment. */
  isVillage(code: string): boolean {
    const n = this.kernel.platform.hierarchy.get(code);
    return !!n && n.level === 'village' && n.validTo == null;
  }

  /** The actor's node in significant digits (the read models' prefix). */
  nodeOf(actor: Pick<Actor, 'node'>): string {
    return this.kernel.platform.hierarchy.get(actor.node)?.code ?? significantPrefix(actor.node) ?? actor.node;
  }

  /** A township or village code in significant digits (the read models' prefix); as given when unknown. */
  prefixOf(code: string): string {
    return this.kernel.platform.hierarchy.get(code)?.code ?? code;
  }

  /** "新安镇 新安村" for display; the code when unknown. */
  villageName(code: string): string {
    const h = this.kernel.platform.hierarchy;
    const n = h.get(code);
    if (!n) return code;
    const township = h.ancestors(code).find((a) => a.level === 'township');
    return township ? `${township.name}${n.name}` : n.name;
  }
}

export function buildAuditing(kernel: ServiceKernel, policy: AuditPolicy = DEFAULT_AUDIT_POLICY): Auditing {
  const { platform, pool, store } = kernel;
  const wake = { now: () => {} };
  const commands = new EngagementCommands({
    store,
    contracts: integrationContracts(),
    calendar: () => platform.calendar.calendar(),
    policy,
    inScope: (actor, village) => platform.hierarchy.isInside(village, actor.node),
    onAppended: () => wake.now(),
  });
  const projector = new Projector({
    pool,
    name: 'engagements',
    pollIntervalMs: 250,
    handle: engagementProjection(store),
    onError: (err) => kernel.logger.warn({ err: err.message }, 'engagement projection failed, will retry'),
  });
  wake.now = () => projector.wake();
  const auditing: Auditing = new Auditing(commands, new AuditingQueries(pool, policy, (c) => auditing.villageName(c)), projector, policy, kernel);
  return auditing;
}

/** The auditing service's moving parts: reactions to vetting and grievance, the read-model projection. */
export function auditingRuntime(kernel: ServiceKernel): ServiceRuntime {
  const auditing = buildAuditing(kernel);
  return {
    consumes: { producers: ['vetting', 'grievance'], handle: auditingReactions({ contracts: integrationContracts(), commands: auditing.commands, log: kernel.logger }) },
    providers: [{ provide: Auditing, useValue: auditing }],
    start: () => auditing.projector.start(),
    stop: () => auditing.projector.stop(),
  };
}
