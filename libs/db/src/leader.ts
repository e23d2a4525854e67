import { Client, Pool, PoolClient } from 'pg';

export interface LeaderLeaseOptions {
  /** How often a follower tries to take the lock, and how often the leader checks its connection. */
  retryMs?: number;
  /**
   * Pause after losing leadership before trying again, so a healthy replica (which retries every
   * retryMs) gets the lock first instead of the one whose connection just failed.
   */
  lossBackoffMs?: number;
  onError?: (err: Error) => void;
}

type Callback = () => void | Promise<void>;
type LeaseClient = { kind: 'pool'; client: PoolClient } | { kind: 'url'; client: Client };

/**
 * Leadership for one job name among several replicas: a PostgreSQL session-level advisory lock
 * held on a dedicated connection. The server drops the lock the moment that session ends (crash,
 * pg_terminate_backend, network loss), so another replica's next `pg_try_advisory_lock` wins.
 * The holder notices a lost session through the client's error event or a failing heartbeat and
 * reports the loss through onLose, so it stops working before (or while) someone else starts.
 * Advisory locks are per database: include the schema in the key when services share one.
 */
export class LeaderLease {
  private readonly retryMs: number;
  private readonly lossBackoffMs: number;
  private readonly onError: (err: Error) => void;
  private conn: LeaseClient | null = null;
  private leader = false;
  private stopped = true;
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> = Promise.resolve();
  private onAcquire: Callback = () => undefined;
  private onLose: Callback = () => undefined;

  constructor(
    private readonly source: Pool | string,
    private readonly key: string,
    options: LeaderLeaseOptions = {},
  ) {
    this.retryMs = options.retryMs ?? 1000;
    this.lossBackoffMs = options.lossBackoffMs ?? this.retryMs * 3;
    this.onError = options.onError ?? ((err) => console.error(`leader lease ${key}: ${err.message}`));
  }

  /** Resolves after the first attempt, so a lone replica is leader when start() returns. */
  async start(onAcquire: Callback, onLose: Callback): Promise<void> {
    if (!this.stopped) throw new Error(`leader lease ${this.key} already started`);
    this.stopped = false;
    this.onAcquire = onAcquire;
    this.onLose = onLose;
    await this.runTick();
  }

  /** Reports the loss (awaiting onLose, so the work stops first), then releases the lock. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.ticking;
    const conn = this.conn;
    this.conn = null;
    if (this.leader) {
      this.leader = false;
      await this.callSafely(this.onLose);
    }
    if (conn) {
      await conn.client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [this.key]).catch(() => undefined);
      await closeConnection(conn, false);
    }
  }

  isLeader(): boolean {
    return this.leader;
  }

  private runTick(): Promise<void> {
    this.ticking = this.tick().then((delay) => {
      if (!this.stopped) this.timer = setTimeout(() => void this.runTick(), delay);
    });
    return this.ticking;
  }

  /** One attempt to acquire (follower) or one heartbeat (leader); returns the delay until the next. */
  private async tick(): Promise<number> {
    let conn = this.conn;
    try {
      if (!conn) {
        conn = await this.connect();
        if (this.stopped) {
          await closeConnection(conn, false);
          return this.retryMs;
        }
        this.conn = conn;
      }
      if (this.leader) {
        // A silently dead connection would hang for ever without the timeout.
        const heartbeat = { text: 'SELECT 1', query_timeout: Math.max(5000, this.retryMs * 3) };
        await conn.client.query(heartbeat as { text: string });
        return this.retryMs;
      }
      const { rows } = await conn.client.query<{ ok: boolean }>(
        'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok',
        [this.key],
      );
      if (rows[0].ok && !this.stopped && this.conn === conn) {
        this.leader = true;
        await this.callSafely(this.onAcquire);
      }
      return this.retryMs;
    } catch (err) {
      if (conn) await this.lose(conn, err as Error);
      else this.onError(err as Error);
      return this.lossBackoffMs;
    }
  }

  /** Called from the error event or a failed query; only the first report for a connection counts. */
  private async lose(conn: LeaseClient, err: Error): Promise<void> {
    if (this.conn !== conn) return;
    this.conn = null;
    this.onError(err);
    await closeConnection(conn, true);
    if (this.leader) {
      this.leader = false;
      await this.callSafely(this.onLose);
    }
  }

  private async connect(): Promise<LeaseClient> {
    let conn: LeaseClient;
    if (typeof this.source === 'string') {
      const client = new Client({ connectionString: this.source, keepAlive: true, application_name: `lease:${this.key}` });
      conn = { kind: 'url', client };
      client.on('error', (err) => void this.lose(conn, err));
      await client.connect();
    } else {
      const client = await this.source.connect();
      conn = { kind: 'pool', client };
      // A checked-out pool client without an error listener would crash the process on a lost connection.
      client.on('error', (err) => void this.lose(conn, err));
    }
    return conn;
  }

  private async callSafely(fn: Callback): Promise<void> {
    try {
      await fn();
    } catch (err) {
      this.onError(err as Error);
    }
  }
}

async function closeConnection(conn: LeaseClient, broken: boolean): Promise<void> {
  if (conn.kind === 'pool') {
    // Destroying (not recycling) the connection guarantees the session and its locks are gone.
    conn.client.release(broken ? new Error('lease connection lost') : true);
  } else {
    await conn.client.end().catch(() => undefined);
  }
}
