import { integrationContracts, type Actor } from '@lw/domain';
import { Projector, type EventStore } from '@lw/eventstore';
import type { ServiceKernel, ServiceRuntime } from '@lw/runtime';
import type { GrievancePolicy } from '../domain';
import { CaseCommands } from '../application/case-commands';
import { caseStreamId } from '../application/case-stream';
import { grievanceReactions } from '../application/grievance-reactions';
import { grievancePolicyFrom } from '../application/grievance-settings';
import { LightJobs } from '../application/light-jobs';
import type { CasePlacement } from '../application/placement.port';
import { PgLiaisonDirectory } from './pg-liaison-directory';
import { caseLedgerProjection } from './read-model/case-ledger.projection';
import { CaseQueries } from './read-model/case-queries';

/** Everything grievance's controllers use; one instance per service kernel. */
export class Grievance {
  constructor(
    readonly store: EventStore,
    readonly policy: GrievancePolicy,
    readonly commands: CaseCommands,
    readonly queries: CaseQueries,
    readonly liaisons: PgLiaisonDirectory,
    readonly placement: CasePlacement,
    readonly projector: Projector,
    readonly lights: LightJobs,
    /** True when the code (a village, or the root for a case without one) lies inside the actor's node. */
    readonly covers: (actor: Pick<Actor, 'node'>, code: string) => boolean,
  ) {}

  /** The actor's node in significant digits (the ledger's scope prefix). */
  scopeOf(actor: Pick<Actor, 'node'>): string {
    return this.placement.normalize(actor.node) ?? actor.node;
  }
}

export function buildGrievance(kernel: ServiceKernel, overrides: { policy?: GrievancePolicy; clock?: () => Date } = {}): Grievance {
  const { platform, pool, store, jobs } = kernel;
  const hierarchy = platform.hierarchy;
  const root = hierarchy.scope ?? platform.env.DEPLOYMENT_SCOPE ?? '';
  const policy = overrides.policy ?? grievancePolicyFrom(platform.env);
  const townshipOf = (v: string) => {
    const t = hierarchy.ancestors(v).find((a) => a.level === 'township');
    return t ? { code: t.code, name: t.name } : null;
  };
  const placement: CasePlacement = {
    root: hierarchy.get(root)?.code ?? root,
    normalize: (code) => hierarchy.get(code)?.code ?? null,
    isKnownVillage: (code) => {
      const n = hierarchy.get(code);
      return !!n && n.level === 'village' && n.validTo == null && (!root || hierarchy.isInside(n.code, root));
    },
    townshipOf,
    defaultUnit: (v) => {
      const t = townshipOf(v);
      if (t) return `${t.name}党委`;
      return `${hierarchy.get(v)?.name ?? '县'}委组织部`;
    },
  };
  const covers = (actor: Pick<Actor, 'node'>, code: string) => hierarchy.isInside(code, actor.node);
  const wake = { now: () => {} };
  const commands = new CaseCommands({
    store,
    contracts: integrationContracts(),
    policy,
    calendar: () => platform.calendar.calendar(),
    inScope: covers,
    onAppended: () => wake.now(),
    clock: overrides.clock,
  });
  const lights = new LightJobs(jobs, commands);
  const projector = new Projector({
    pool,
    name: 'case-ledger',
    pollIntervalMs: 250,
    handle: caseLedgerProjection({ store, scheduleLights: (id, d) => lights.schedule(id, d) }),
    onError: (err) => kernel.logger.warn({ err: err.message }, 'case-ledger projection failed, will retry'),
  });
  wake.now = () => projector.wake();
  const queries = new CaseQueries(pool, (code) => hierarchy.get(code)?.name ?? code, () => platform.calendar.calendar());
  return new Grievance(store, policy, commands, queries, new PgLiaisonDirectory(pool), placement, projector, lights, covers);
}

/** Grievance's moving parts for the kernel: consumer, light jobs, ledger projection, Nest providers. */
export function grievanceRuntime(kernel: ServiceKernel): ServiceRuntime {
  const grievance = buildGrievance(kernel);
  const reactions = grievanceReactions({
    contracts: integrationContracts(),
    commands: grievance.commands,
    placement: grievance.placement,
    liaisons: grievance.liaisons,
    caseExists: async (caseId, tx) => ((await tx.query('SELECT 1 FROM events WHERE stream_id = $1 LIMIT 1', [caseStreamId(caseId)])).rowCount ?? 0) > 0,
    log: kernel.logger,
  });
  return {
    consumes: { producers: ['tipline', 'auditing', 'vetting'], handle: reactions },
    providers: [{ provide: Grievance, useValue: grievance }],
    start: async () => {
      grievance.lights.register();
      await grievance.projector.start();
    },
    stop: () => grievance.projector.stop(),
    metrics: [
      {
        name: 'lw_grievance_cases_red',
        help: 'Open rectification cases past their deadline (red light), at scrape time',
        read: async () => Number((await kernel.pool.query(`SELECT count(*) AS n FROM case_ledger WHERE status <> 'closed' AND deadline_ends_at <= now()`)).rows[0].n),
      },
    ],
  };
}
