import { z } from 'zod';
import { parseTrustProxy, type TrustProxy } from './trust-proxy';

/**
 * One documented set of environment variables (README "Configuration"). Embedded mode has safe
 * defaults for everything; distributed mode refuses to start when a setting is missing instead of
 * silently falling back to a local default.
 */
export type Mode = 'embedded' | 'distributed';

export interface RuntimeConfig {
  mode: Mode;
  port: number;
  /** Embedded: folder for the embedded PostgreSQL cluster, uploaded files and generated keys. */
  dataDir: string;
  /** Distributed: the service's PostgreSQL database (schema per service inside it). */
  databaseUrl?: string;
  kafka?: { brokers: string[]; idempotent: boolean; clientId: string };
  redisUrl?: string;
  auth: { jwksUrl?: string; issuer?: string; audience?: string; secret?: string };
  logLevel: string;
  /** Connections per service pool (the platform pools are small and fixed). */
  databasePoolMax: number;
  /** Proxies whose X-Forwarded-For names the client (express `trust proxy`); false: none. */
  trustProxy: TrustProxy;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`configuration is incomplete:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const csv = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.string().regex(/^[^\s:]+:\d+$/, 'host:port expected')).min(1));

const env = z.object({
  LW_MODE: z.enum(['embedded', 'distributed']).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  DATA_DIR: z.string().min(1).optional(),
  DATABASE_URL: z.string().url().optional(),
  KAFKA_BROKERS: csv.optional(),
  KAFKA_IDEMPOTENT: z.enum(['true', 'false']).optional(),
  KAFKA_CLIENT_ID: z.string().min(1).optional(),
  REDIS_URL: z.string().url().optional(),
  AUTH_JWKS_URL: z.string().url().optional(),
  AUTH_ISSUER: z.string().min(1).optional(),
  AUTH_AUDIENCE: z.string().min(1).optional(),
  AUTH_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  // Every projector and relay leader keeps one connection for its advisory lock (vetting has six):
  // a smaller pool starves them and the service hangs at start.
  DATABASE_POOL_MAX: z.coerce.number().int().min(10, 'at least 10: each projector and relay leader holds a connection').max(100).optional(),
  TRUST_PROXY: z
    .string()
    .optional()
    .superRefine((v, ctx) => {
      const r = parseTrustProxy(v);
      if ('problem' in r) ctx.addIssue({ code: z.ZodIssueCode.custom, message: r.problem });
    }),
});

export function loadConfig(source: NodeJS.ProcessEnv, defaultMode: Mode): RuntimeConfig {
  const parsed = env.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const mode = e.LW_MODE ?? defaultMode;
  const config: RuntimeConfig = {
    mode,
    port: e.PORT ?? 3000,
    dataDir: e.DATA_DIR ?? '.data',
    databaseUrl: e.DATABASE_URL,
    kafka: e.KAFKA_BROKERS
      ? { brokers: e.KAFKA_BROKERS, idempotent: e.KAFKA_IDEMPOTENT === 'true', clientId: e.KAFKA_CLIENT_ID ?? 'liangwei' }
      : undefined,
    redisUrl: e.REDIS_URL,
    auth: { jwksUrl: e.AUTH_JWKS_URL, issuer: e.AUTH_ISSUER, audience: e.AUTH_AUDIENCE, secret: e.AUTH_SECRET },
    logLevel: e.LOG_LEVEL ?? 'info',
    databasePoolMax: e.DATABASE_POOL_MAX ?? 10,
    trustProxy: trustProxyOf(e.TRUST_PROXY),
  };
  if (mode === 'distributed') {
    const problems: string[] = [];
    if (!config.databaseUrl) problems.push('DATABASE_URL is required in distributed mode (postgres://user@host:5432/db)');
    if (!config.kafka) problems.push('KAFKA_BROKERS is required in distributed mode (host:port[,host:port])');
    if (!config.redisUrl) problems.push('REDIS_URL is required in distributed mode (redis://host:6379)');
    if (!config.auth.jwksUrl && !config.auth.secret) {
      problems.push('AUTH_JWKS_URL (with AUTH_ISSUER and AUTH_AUDIENCE) or AUTH_SECRET is required in distributed mode');
    }
    if (config.auth.jwksUrl && (!config.auth.issuer || !config.auth.audience)) {
      problems.push('AUTH_ISSUER and AUTH_AUDIENCE are required with AUTH_JWKS_URL');
    }
    if (problems.length) throw new ConfigError(problems);
  }
  return config;
}

function trustProxyOf(raw: string | undefined): TrustProxy {
  const r = parseTrustProxy(raw);
  return 'value' in r ? r.value : false;
}
