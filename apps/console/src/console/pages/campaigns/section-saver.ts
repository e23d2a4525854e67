// Saves one dossier section as the work group types, on a village's poor connection: each change is
// kept in local storage at once (a reload or a dead battery loses nothing), sent after a pause
// (debounced, one request at a time, the latest content wins), and a save the network lost is
// retried with a growing delay until it lands; only then is the local copy dropped.

export type SaveState = 'saved' | 'pending' | 'saving' | 'offline' | 'rejected';

/** The part of window.localStorage the saver uses (absent or failing storage is tolerated). */
export interface SaverStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** How a failed send is handled: retried (network), kept but not retried (refused input), or dropped. */
export type FailureKind = 'network' | 'rejected' | 'conflict';

export interface SaverOptions<T> {
  /** Local storage key of this section's unsent content. */
  key: string;
  send(content: T): Promise<void>;
  classify(err: unknown): FailureKind;
  onState(state: SaveState, message?: string): void;
  store?: SaverStore | null;
  /** Pause after the last change before sending. */
  delayMs?: number;
  /** First retry delay after a network failure; doubles up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
}

export class SectionSaver<T> {
  private latest: { content: T; json: string } | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight = false;
  private retryDelay: number;
  private stopped = false;

  constructor(private readonly o: SaverOptions<T>) {
    this.retryDelay = o.retryMs ?? 3000;
  }

  /** Content kept locally by an earlier visit and not yet saved, if any. */
  static pending<T>(store: SaverStore | null | undefined, key: string): T | undefined {
    try {
      const raw = store?.getItem(key);
      return raw ? (JSON.parse(raw) as T) : undefined;
    } catch {
      return undefined;
    }
  }

  /** The form changed: keep it locally now, send it after the pause. */
  change(content: T): void {
    const json = JSON.stringify(content);
    this.latest = { content, json };
    this.keep(json);
    this.o.onState('pending');
    this.schedule(this.o.delayMs ?? 800);
  }

  /** Send what is pending now (the browser is back online, the user leaves the section). */
  flush(): void {
    if (this.latest) this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.send(), ms);
  }

  private async send(): Promise<void> {
    this.timer = null;
    // One request at a time: what changes meanwhile goes when this one ends.
    if (this.inFlight || !this.latest || this.stopped) return;
    const sent = this.latest;
    this.inFlight = true;
    this.o.onState('saving');
    try {
      await this.o.send(sent.content);
      this.retryDelay = this.o.retryMs ?? 3000;
      if (this.latest?.json === sent.json) {
        this.latest = null;
        this.drop();
        this.o.onState('saved');
      }
    } catch (err) {
      const kind = this.o.classify(err);
      const message = err instanceof Error ? err.message : String(err);
      if (kind === 'network') {
        this.o.onState('offline', message);
        const wait = this.retryDelay;
        this.retryDelay = Math.min(wait * 2, this.o.maxRetryMs ?? 30_000);
        this.inFlight = false;
        this.schedule(wait);
        return;
      }
      // Refused by the server: retrying the same content cannot help. A refused input stays local
      // (the user corrects it); a conflict (the dossier was submitted or approved) is dropped.
      if (this.latest?.json === sent.json) {
        this.latest = null;
        if (kind === 'conflict') this.drop();
        this.o.onState('rejected', message);
      }
    } finally {
      this.inFlight = false;
    }
    if (this.latest && !this.timer) this.schedule(0);
  }

  private keep(json: string): void {
    try {
      this.o.store?.setItem(this.o.key, json);
    } catch {
      /* storage full or disabled: the in-memory copy is still retried */
    }
  }

  private drop(): void {
    try {
      this.o.store?.removeItem(this.o.key);
    } catch {
      /* nothing to drop */
    }
  }
}
