import type { PoolClient } from 'pg';
import { withTransaction } from '@lw/db';
import { integrationContracts, type Actor, type WorkingCalendar } from '@lw/domain';
import { Projector, type EventStore } from '@lw/eventstore';
import type { ServiceKernel, ServiceRuntime } from '@lw/runtime';
import { suggestHandlingUnit, type HandlingUnit, type TipState } from '../domain';
import { DeadlineJobs } from '../application/deadline-jobs';
import { ReceiptDesk } from '../application/receipt-desk';
import { tiplineReactions } from '../application/reactions';
import { SubmitTip } from '../application/submit-tip';
import { TipCommands } from '../application/tip-commands';
import { tipStreamId } from '../application/tip-stream';
import { tiplineSettingsFrom, type TiplineSettings } from '../application/tipline-settings';
import { KeyRing, KeyRingFile } from './confidential/key-ring';
import { keyRingStore } from './confidential/key-ring-location';
import { loadMasterKeys } from './confidential/master-key';
import { PgIdentityVault } from './confidential/pg-identity-vault';
import { ReporterErasure } from './confidential/reporter-erasure';
import { DEFAULT_LIMITS, PgAttemptLimiter } from './receipt/pg-attempt-limiter';
import { ScryptReceiptHasher } from './receipt/scrypt-receipt-hasher';
import { evidenceStorageFromEnv } from './evidence/evidence-storage.config';
import { SealedEvidenceStorage } from './evidence/sealed-evidence-storage';
import { EvidenceReferences } from './evidence/evidence-references';
import { PlaintextEvidencePurge } from './evidence/plaintext-evidence-purge';
import { PgTipIndexes } from './persistence/pg-tip-indexes';
import { tipListProjection } from './read-model/tip-list.projection';
import { TipQueries } from './read-model/tip-queries';
import { PublicNotices, type PlaceNames } from './read-model/public-notices';
import type { EvidenceStorage } from '../application/ports/evidence-storage.port';

/** Everything the tip-line's controllers use; one instance per service kernel. */
export class Tipline {
  constructor(
    readonly store: EventStore,
    readonly settings: TiplineSettings,
    readonly submit: SubmitTip,
    readonly commands: TipCommands,
    readonly receipts: ReceiptDesk,
    readonly queries: TipQueries,
    readonly evidence: EvidenceStorage,
    readonly projector: Projector,
    readonly scope: Scope,
    readonly submissionLimiter: PgAttemptLimiter,
    readonly deadlineJobs: DeadlineJobs,
    readonly notices: PublicNotices,
    readonly places: PlaceNames & PublicPlaces,
    /** The working-day calendar as it stands now (an administrator may load a year). */
    readonly calendar: () => WorkingCalendar,
    /** The reporter-identity vault: started (key ring checked) before the service takes requests. */
    readonly vault: PgIdentityVault,
    /** Erasure of a reporter's identity, with the steps after the commit that make it irreversible. */
    readonly erasure: ReporterErasure,
  ) {}
}

/** Townships and villages of the deployment by name, for the public form's pickers (public statistics codes). */
export interface PublicPlaces {
  /** Children of a township (villages) or of the deployment root (townships); null for a code outside the deployment. */
  childrenOf(code: string | null): { code: string; name: string; level: string }[] | null;
}

/** The deployment's hierarchy as the tip-line needs it. */
export interface Scope {
  root: string;
  /** Significant-digit form of a node code, or null when unknown. */
  normalize(code: string): string | null;
  isKnownVillage(code: string): boolean;
  /** True when the tip's village (or, for a tip without one, the deployment root) lies inside the actor's node. */
  covers(actor: Pick<Actor, 'node'>, villageCode: string | null): boolean;
}

export function buildTipline(kernel: ServiceKernel, overrides: Partial<TiplineSettings> = {}): Tipline {
  const { platform, pool, store, jobs } = kernel;
  const settings = { ...tiplineSettingsFrom(platform.env), ...overrides };
  const { policy } = settings;
  const hierarchy = platform.hierarchy;
  const root = hierarchy.scope ?? platform.env.DEPLOYMENT_SCOPE ?? '';
  const scope: Scope = {
    root,
    normalize: (code) => hierarchy.get(code)?.code ?? null,
    isKnownVillage: (code) => {
      const n = hierarchy.get(code);
      return !!n && n.level === 'village' && n.validTo == null && (!root || hierarchy.isInside(n.code, root));
    },
    covers: (actor, village) => hierarchy.isInside(village ?? root, actor.node),
  };
  const contracts = integrationContracts();
  const calendar = () => platform.calendar.calendar();
  const keyOpts = { mode: platform.mode, dataDir: platform.dataDir };
  const masterKeys = loadMasterKeys(platform.env, keyOpts);
  const blobs = evidenceStorageFromEnv(platform.env, keyOpts);
  const ring = new KeyRing(new KeyRingFile(keyRingStore(platform.env, keyOpts, blobs), masterKeys));
  const vault = new PgIdentityVault(pool, masterKeys, ring, kernel.logger, platform.env.TIPLINE_KEY_RING_ACCEPT_LOSS?.trim() === 'true');
  // Where the keys are (never the keys): the operator must back them up apart from the data folder.
  kernel.logger.info({ masterKey: masterKeys.source, keyRing: ring.file.path }, 'tip-line reporter keys');
  // An erasure becomes irreversible when the key ring has rotated, right after the erasing transaction
  // commits: ReporterErasure does it and reports whether it succeeded.
  const commandTransaction = <T>(fn: (tx: PoolClient) => Promise<T>): Promise<T> => withTransaction(pool, fn);
  const hasher = new ScryptReceiptHasher({ cost: settings.receiptHashCost });
  const indexes = new PgTipIndexes(pool);
  const evidence = new SealedEvidenceStorage(blobs, vault);
  // Commands wake the projection after each append; the projector is built below (it needs the commands).
  const wakeProjection = { now: () => {} };
  const onAppended = () => wakeProjection.now();

  const unitOf = (code: string): HandlingUnit | null => {
    const n = hierarchy.get(code);
    if (!n || (n.level !== 'county' && n.level !== 'township')) return null;
    return { code: n.code, name: `${n.name}${n.level === 'county' ? '纪委监委' : '纪委'}`, level: n.level };
  };
  const suggestUnit = (s: TipState): HandlingUnit => {
    const village = s.received.villageCode;
    const countyNode = village ? hierarchy.ancestors(village).find((a) => a.level === 'county') : hierarchy.get(root);
    return suggestHandlingUnit(
      s.received.subjects,
      s.received.electionRelated,
      {
        county: { code: countyNode?.code ?? root, name: countyNode?.name ?? '' },
        townshipOf: (v) => {
          const t = hierarchy.ancestors(v).find((a) => a.level === 'township');
          return t ? { code: t.code, name: t.name } : null;
        },
      },
      policy,
    );
  };

  const submit = new SubmitTip({ pool, store, vault, hasher, indexes, evidence, contracts, policy, calendar, isKnownVillage: scope.isKnownVillage, onAppended });
  const commands = new TipCommands({
    store,
    vault,
    contracts,
    policy,
    calendar,
    inScope: (actor, village) => scope.covers(actor, village),
    unitCodeOf: (actor) => scope.normalize(actor.node) ?? actor.node,
    unitFor: unitOf,
    suggestUnit,
    withTransaction: commandTransaction,
    onAppended,
  });
  const deadlineJobs = new DeadlineJobs(jobs, commands, policy);
  const projector = new Projector({
    pool,
    name: 'tip-list',
    pollIntervalMs: 250,
    handle: tipListProjection({
      store,
      townshipOf: (v) => hierarchy.ancestors(v).find((a) => a.level === 'township')?.code ?? null,
      scheduleDeadlines: (tipId, deadlines) => deadlineJobs.schedule(tipId, deadlines),
    }),
    onError: (err) => kernel.logger.warn({ err: err.message }, 'tip-list projection failed, will retry'),
  });
  wakeProjection.now = () => projector.wake();
  const receipts = new ReceiptDesk({ store, indexes, hasher, limiter: new PgAttemptLimiter(pool), commands });
  // Public submissions per client and hour, counted like receipt attempts (under their own keys).
  const submissionLimiter = new PgAttemptLimiter(pool, {
    client: { maxAttempts: settings.publicSubmissionsPerHour || null, maxFailures: 1_000_000, windowSeconds: 3600, lockSeconds: 3600 },
    code: DEFAULT_LIMITS.code,
  });
  const LEVEL_DIGITS: Record<string, number> = { province: 2, city: 4, county: 6, township: 9, village: 12 };
  const places: PlaceNames & PublicPlaces = {
    placeOf: (code) => {
      const n = hierarchy.get(code);
      if (!n) return null;
      return { villageName: n.name, townshipName: hierarchy.ancestors(n.code).find((a) => a.level === 'township')?.name ?? null };
    },
    prefixOf: (code) => {
      const n = hierarchy.get(code);
      if (!n || (root && !hierarchy.isInside(n.code, root))) return null;
      return n.code12.slice(0, LEVEL_DIGITS[n.level] ?? 12);
    },
    childrenOf: (code) => {
      const parent = code ?? root;
      const n = hierarchy.get(parent);
      if (!n || (root && !hierarchy.isInside(n.code, root)) || !['county', 'township'].includes(n.level)) return null;
      return hierarchy.children(n.code).map((c) => ({ code: c.code12, name: c.name, level: c.level }));
    },
  };
  return new Tipline(
    store,
    settings,
    submit,
    commands,
    receipts,
    new TipQueries(pool, policy),
    evidence,
    projector,
    scope,
    submissionLimiter,
    deadlineJobs,
    new PublicNotices(pool, places),
    places,
    calendar,
    vault,
    new ReporterErasure({ commands, store, vault, purge: new PlaintextEvidencePurge(blobs, new EvidenceReferences(pool)), log: kernel.logger }),
  );
}

const ERASURE_RETRY_MS = 5 * 60_000;

/** The tip-line's moving parts for the kernel: consumer, job handlers, projection, Nest providers. */
export function tiplineRuntime(kernel: ServiceKernel): ServiceRuntime {
  const tipline = buildTipline(kernel);
  let erasureRetry: NodeJS.Timeout | undefined;
  const reactions = tiplineReactions({
    contracts: integrationContracts(),
    indexes: new PgTipIndexes(kernel.pool),
    submit: tipline.submit,
    commands: tipline.commands,
    tipExists: async (tipId) => (await kernel.store.readStream(tipStreamId(tipId), 1)).length > 0,
    log: kernel.logger,
  });
  return {
    consumes: { producers: ['vetting', 'grievance', 'auditing'], handle: reactions },
    providers: [{ provide: Tipline, useValue: tipline }],
    start: async () => {
      await tipline.vault.start();
      // Plaintext evidence of erased tips (erasures before sealing existed, failed deletions): in the background.
      tipline.erasure.sweep().catch((err: Error) => kernel.logger.error({ err: err.message }, 'deleting plaintext evidence of erased tips failed; retried at the next start'));
      // A rotation or deletion that failed after an erasure (store unreachable) is retried here, not only at the next erasure.
      erasureRetry = setInterval(() => {
        tipline.erasure.retry().catch((err: Error) => kernel.logger.error({ err: err.message }, 'erasure retry failed'));
      }, ERASURE_RETRY_MS);
      erasureRetry.unref();
      tipline.deadlineJobs.register();
      await tipline.projector.start();
    },
    stop: async () => {
      if (erasureRetry) clearInterval(erasureRetry);
      await tipline.projector.stop();
    },
    metrics: [
      {
        name: 'lw_tipline_tips_overdue',
        help: 'Tips past a time limit (the inbox overdue filter), at scrape time',
        read: async () => Number((await kernel.pool.query('SELECT count(*) AS n FROM tip_list WHERE next_deadline_at < now() OR overdue_flagged')).rows[0].n),
      },
    ],
  };
}

