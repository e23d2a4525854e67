import { createCipheriv, createDecipheriv, randomBytes } from 'crypto';
import type { MasterKeys } from './master-key';
import { FileRingStore, type RingStore } from './ring-store';

/** A key-encryption key of one epoch: wraps the data keys of every living tip while it is current. */
export interface KekEpoch {
  id: string;
  key: Buffer;
}

export interface RingContent {
  /** The epoch new data keys are wrapped under. */
  current: string;
  /** Number of the next epoch (ids are `ring-<n>`, never reused). */
  next: number;
  epochs: KekEpoch[];
}

const AAD = Buffer.from('tipline/key-ring/v1', 'utf8');
const EPOCH_ID = /^ring-[0-9]{1,15}$/;

/**
 * The key ring: random per-epoch KEKs, encrypted under the master key, in a store outside the
 * database and the data folder (ring-store.ts). Erasure re-wraps the living data keys under a new
 * epoch and rewrites the ring without the old one, so the wrapped keys PostgreSQL leaves in WAL,
 * dead tuples and backups have nothing left that opens them, the master key included (it opens only
 * the ring as it is now).
 */
export class KeyRingFile {
  readonly store: RingStore;

  constructor(
    store: RingStore | string,
    private readonly master: MasterKeys,
  ) {
    this.store = typeof store === 'string' ? new FileRingStore(store) : store;
  }

  get path(): string {
    return this.store.location;
  }

  /** Id of the master key the stored ring is encrypted under (after a `read`), for master-key rotation. */
  encryptedUnder: string | null = null;

  /** The ring, or null when it does not exist. Throws when the master key does not open it. */
  async read(): Promise<RingContent | null> {
    const bytes = await this.store.read();
    if (!bytes) return null;
    let outer: { v: number; master: string; iv: string; tag: string; data: string };
    try {
      outer = JSON.parse(bytes.toString('utf8'));
    } catch {
      throw new Error(`key ring ${this.path} is not a key ring (not JSON)`);
    }
    const key = outer?.v === 1 ? this.master.all.get(outer.master) : undefined;
    if (!key) throw new Error(`key ring ${this.path} is encrypted under master key ${JSON.stringify(outer?.master)}, which is not configured`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(outer.iv, 'base64'), { authTagLength: 16 });
    decipher.setAAD(AAD).setAuthTag(Buffer.from(outer.tag, 'base64'));
    let plain: Buffer;
    try {
      plain = Buffer.concat([decipher.update(Buffer.from(outer.data, 'base64')), decipher.final()]);
    } catch {
      throw new Error(`key ring ${this.path} does not open with master key ${outer.master} (${this.master.source ?? 'configured'}): wrong key, or the ring was altered`);
    }
    this.encryptedUnder = outer.master;
    const inner = JSON.parse(plain.toString('utf8')) as { current: string; next: number; epochs: { id: string; key: string }[] };
    plain.fill(0);
    const epochs = inner.epochs.map((e) => ({ id: e.id, key: Buffer.from(e.key, 'base64') }));
    if (!epochs.some((e) => e.id === inner.current) || epochs.some((e) => !EPOCH_ID.test(e.id) || e.key.length !== 32)) {
      throw new Error(`key ring ${this.path} is inconsistent`);
    }
    return { current: inner.current, next: inner.next, epochs };
  }

  /** Replaces the ring (atomically and durably, as its store allows), encrypted under the current master key. */
  async write(content: RingContent): Promise<void> {
    const plain = Buffer.from(
      JSON.stringify({ current: content.current, next: content.next, epochs: content.epochs.map((e) => ({ id: e.id, key: e.key.toString('base64') })) }),
      'utf8',
    );
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.master.current.key, iv, { authTagLength: 16 }).setAAD(AAD);
    const data = Buffer.concat([cipher.update(plain), cipher.final()]);
    plain.fill(0);
    const text = JSON.stringify({ v: 1, master: this.master.current.id, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') });
    await this.store.write(Buffer.from(`${text}\n`, 'utf8'));
    this.encryptedUnder = this.master.current.id;
  }

  /** Re-encrypts the ring under the current master key if an older one (TIPLINE_OLD_MASTER_KEYS) still holds it. */
  async upgradeMaster(): Promise<boolean> {
    const content = await this.read();
    if (!content || this.encryptedUnder === this.master.current.id) return false;
    await this.write(content);
    return true;
  }

  /**
   * Creates the ring with its first epoch unless it exists. Callers hold the database's ring lock
   * (PgIdentityVault.start), so replicas starting together do not both create one.
   */
  async createIfAbsent(): Promise<RingContent> {
    const existing = await this.read();
    if (existing) return existing;
    const first = { current: 'ring-1', next: 2, epochs: [{ id: 'ring-1', key: randomBytes(32) }] };
    await this.write(first);
    return first;
  }
}

/** The ring as this process knows it; re-read when another process moved to a new epoch. */
export class KeyRing {
  private content: RingContent | null = null;

  constructor(readonly file: KeyRingFile) {}

  /** Opens (or, with `create`, makes) the ring. */
  async load(create: boolean): Promise<RingContent | null> {
    this.content = create ? await this.file.createIfAbsent() : await this.file.read();
    return this.content;
  }

  /** The KEK of an epoch, or undefined when the ring (as now stored) no longer holds it. */
  async get(id: string): Promise<Buffer | undefined> {
    const hit = this.content?.epochs.find((e) => e.id === id);
    if (hit) return hit.key;
    this.content = await this.file.read();
    return this.content?.epochs.find((e) => e.id === id)?.key;
  }

  /** Step 1 of a rotation: a fresh epoch, added and made current in the store (the old ones stay until `retainOnly`). */
  async addEpoch(): Promise<KekEpoch> {
    const now = await this.file.read();
    if (!now) throw new Error(`key ring ${this.file.path} vanished`);
    const epoch = { id: `ring-${now.next}`, key: randomBytes(32) };
    const content = { current: epoch.id, next: now.next + 1, epochs: [...now.epochs, epoch] };
    await this.file.write(content);
    this.content = content;
    return epoch;
  }

  /** Last step of a rotation: every other epoch destroyed. */
  async retainOnly(id: string): Promise<void> {
    const now = await this.file.read();
    const keep = now?.epochs.find((e) => e.id === id);
    if (!now || !keep) throw new Error(`key ring ${this.file.path} lost epoch ${id}`);
    await this.file.write({ current: id, next: now.next, epochs: [keep] });
    // Only this fresh copy is wiped: a request of this process may still hold the old in-memory key.
    for (const e of now.epochs) if (e.id !== id) e.key.fill(0);
    this.content = { current: id, next: now.next, epochs: [keep] };
  }
}
