import { Pool } from 'pg';
import { EventStore, Projector } from '@lw/eventstore';
import { Hierarchy, Jurisdiction } from '@lw/hierarchy';
import { CalendarStore, type ServiceKernel, type ServiceRuntime } from '@lw/runtime';
import { DeadlineJobs } from '../application/deadline-jobs';
import { HandlingUnits } from '../application/handling-units';
import { AttemptLimiter, PublicSubmissionLimiter } from '../application/ports/attempt-limiter.port';
import { ErasureCompletion } from '../application/ports/erasure-completion.port';
import { EvidenceStorage } from '../application/ports/evidence-storage.port';
import { IdentityVault } from '../application/ports/identity-vault.port';
import { PublicNoticeBoard, PublicPlaces } from '../application/ports/public-notice-board.port';
import { ReceiptHasher } from '../application/ports/receipt-hasher.port';
import { TipLedgerSpreadsheet } from '../application/ports/tip-ledger-spreadsheet.port';
import { TipReadModel } from '../application/ports/tip-read-model.port';
import { publicNoticeCommandHandlers } from '../application/public-notice.commands';
import { publicQueryHandlers } from '../application/public-tip.queries';
import { tiplineReactions } from '../application/reactions';
import { ReceiptCheck } from '../application/receipt-check';
import { RevealAccess } from '../application/reveal-access';
import { revealCommandHandlers } from '../application/reporter-reveal.commands';
import { TipAccess } from '../application/tip-access';
import { TipIndexes } from '../application/tip-indexes.port';
import { TipListFreshness } from '../application/tip-list-freshness';
import { TipSteps } from '../application/tip-steps';
import { TipIntake } from '../application/tip-submission';
import { submissionCommandHandlers } from '../application/tip-submission.commands';
import { tipCommandHandlers } from '../application/tip.commands';
import { tipQueryHandlers } from '../application/tip.queries';
import { tiplineSettingsFrom, TiplineSettings } from '../application/tipline-settings';
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
import { TipListRecord } from './read-model/tip-list.entity';
import { OVERDUE, TipQueries } from './read-model/tip-queries';
import { PublicNotices } from './read-model/public-notices';
import { inboxWorkbook } from './read-model/tip-export';
import { deploymentPlaces } from './read-model/deployment-places';

const ERASURE_RETRY_MS = 5 * 60_000;

/** The tip-line's moving parts for the kernel: its handlers and what they inject, consumer, job handlers, projection. */
export function tiplineRuntime(kernel: ServiceKernel): ServiceRuntime {
  const { platform, pool, store, jobs, readModels } = kernel;
  const settings = tiplineSettingsFrom(platform.env);
  const hierarchy = platform.hierarchy;
  const jurisdiction = new Jurisdiction(hierarchy);
  const keyOpts = { mode: platform.mode, dataDir: platform.dataDir };
  const masterKeys = loadMasterKeys(platform.env, keyOpts);
  const blobs = evidenceStorageFromEnv(platform.env, keyOpts);
  const ring = new KeyRing(new KeyRingFile(keyRingStore(platform.env, keyOpts, blobs), masterKeys));
  const vault = new PgIdentityVault(pool, masterKeys, ring, kernel.logger, platform.env.TIPLINE_KEY_RING_ACCEPT_LOSS?.trim() === 'true');
  // Where the keys are (never the keys): the operator must back them up apart from the data folder.
  kernel.logger.info({ masterKey: masterKeys.source, keyRing: ring.file.path }, 'tip-line reporter keys');
  const deadlineJobs = new DeadlineJobs(jobs, () => kernel.commandBus, settings.policy);
  const projector = new Projector({
    pool,
    name: 'tip-list',
    pollIntervalMs: 250,
    readModels,
    handle: tipListProjection({
      store,
      townshipOf: (v) => jurisdiction.townshipOf(v)?.code ?? null,
      scheduleDeadlines: (tipId, deadlines) => deadlineJobs.schedule(tipId, deadlines),
    }),
    onError: (err) => kernel.logger.warn({ err: err.message }, 'tip-list projection failed, will retry'),
  });
  // An erasure becomes irreversible when the key ring has rotated, right after the erasing transaction
  // commits: ReporterErasure does it and reports whether it succeeded.
  const erasure = new ReporterErasure({ store, vault, purge: new PlaintextEvidencePurge(blobs, new EvidenceReferences(store)), log: kernel.logger });
  const places = deploymentPlaces(hierarchy, jurisdiction);
  // Public submissions per client and hour, counted like receipt attempts (under their own keys).
  const submissionLimiter = new PgAttemptLimiter(pool, {
    client: { maxAttempts: settings.publicSubmissionsPerHour || null, maxFailures: 1_000_000, windowSeconds: 3600, lockSeconds: 3600 },
    code: DEFAULT_LIMITS.code,
  });
  let erasureRetry: NodeJS.Timeout | undefined;
  return {
    consumes: tiplineReactions({ commands: () => kernel.commandBus, log: kernel.logger }),
    providers: [
      { provide: Pool, useValue: pool },
      { provide: EventStore, useValue: store },
      { provide: Projector, useValue: projector },
      { provide: Hierarchy, useValue: hierarchy },
      { provide: Jurisdiction, useValue: jurisdiction },
      { provide: CalendarStore, useValue: platform.calendar },
      { provide: TiplineSettings, useValue: settings },
      { provide: IdentityVault, useValue: vault },
      { provide: ErasureCompletion, useValue: erasure },
      { provide: ReceiptHasher, useValue: new ScryptReceiptHasher({ cost: settings.receiptHashCost }) },
      { provide: TipIndexes, useValue: new PgTipIndexes(pool, readModels) },
      { provide: EvidenceStorage, useValue: new SealedEvidenceStorage(blobs, vault) },
      { provide: AttemptLimiter, useValue: new PgAttemptLimiter(pool) },
      { provide: PublicSubmissionLimiter, useValue: submissionLimiter },
      { provide: TipReadModel, useValue: new TipQueries(readModels, settings.policy) },
      { provide: TipLedgerSpreadsheet, useValue: { write: inboxWorkbook } },
      { provide: PublicNoticeBoard, useValue: new PublicNotices(readModels, places) },
      { provide: PublicPlaces, useValue: places },
      TipAccess,
      HandlingUnits,
      RevealAccess,
      ReceiptCheck,
      TipListFreshness,
      TipSteps,
      TipIntake,
    ],
    handlers: [...submissionCommandHandlers, ...tipCommandHandlers, ...revealCommandHandlers, ...publicNoticeCommandHandlers, ...tipQueryHandlers, ...publicQueryHandlers],
    start: async () => {
      await vault.start();
      // Plaintext evidence of erased tips (erasures before sealing existed, failed deletions): in the background.
      erasure.sweep().catch((err: Error) => kernel.logger.error({ err: err.message }, 'deleting plaintext evidence of erased tips failed; retried at the next start'));
      // A rotation or deletion that failed after an erasure (store unreachable) is retried here, not only at the next erasure.
      erasureRetry = setInterval(() => {
        erasure.retry().catch((err: Error) => kernel.logger.error({ err: err.message }, 'erasure retry failed'));
      }, ERASURE_RETRY_MS);
      erasureRetry.unref();
      deadlineJobs.register();
      await projector.start();
    },
    stop: async () => {
      if (erasureRetry) clearInterval(erasureRetry);
      await projector.stop();
    },
    metrics: [
      {
        name: 'lw_tipline_tips_overdue',
        help: 'Tips past a time limit (the inbox overdue filter), at scrape time',
        read: () => readModels.getRepository(TipListRecord).createQueryBuilder('t').where(OVERDUE).getCount(),
      },
    ],
  };
}
