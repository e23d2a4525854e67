import type { z } from 'zod';
import { ContractViolationError, UnknownContractError } from './contract-errors';
import type { IntegrationEvent } from './envelope';
import { envelopeSchema } from './envelope.schema';
import type { EventContract, Upcaster } from './event-contract';
import { findForbiddenKeys, normaliseKey } from './forbidden-keys';

/**
 * The integration-event contracts a service knows: every version of every type, and the upcasters
 * between consecutive versions. Producers publish only the latest version; consumers accept any
 * registered version and receive it upcast to the latest, so old events (replays, lagging
 * producers) keep working after a contract evolves.
 */
export class ContractRegistry {
  private readonly contracts = new Map<string, Map<number, EventContract>>();
  private readonly upcasters = new Map<string, Upcaster>();
  private readonly globalForbidden: readonly string[];

  /** @param opts.forbiddenKeys keys forbidden in every contract's payload. */
  constructor(opts: { forbiddenKeys?: readonly string[] } = {}) {
    this.globalForbidden = opts.forbiddenKeys ?? [];
  }

  register<P>(contract: EventContract<P>): this {
    if (!Number.isInteger(contract.version) || contract.version < 1) throw new Error(`contract ${contract.type}: version must be an integer ≥ 1`);
    const versions = this.contracts.get(contract.type) ?? new Map<number, EventContract>();
    if (versions.has(contract.version)) throw new Error(`contract ${contract.type} v${contract.version} registered twice`);
    versions.set(contract.version, contract as EventContract);
    this.contracts.set(contract.type, versions);
    return this;
  }

  registerUpcaster(upcaster: Upcaster): this {
    const key = `${upcaster.type}@${upcaster.fromVersion}`;
    if (this.upcasters.has(key)) throw new Error(`upcaster ${upcaster.type} v${upcaster.fromVersion}→v${upcaster.fromVersion + 1} registered twice`);
    this.upcasters.set(key, upcaster);
    return this;
  }

  has(type: string): boolean {
    return this.contracts.has(type);
  }

  types(): string[] {
    return [...this.contracts.keys()].sort();
  }

  /** @throws UnknownContractError */
  latestVersion(type: string): number {
    const versions = this.contracts.get(type);
    if (!versions) throw new UnknownContractError(type, null, null);
    return Math.max(...versions.keys());
  }

  /** Startup check: versions 1..n without gaps and an upcaster for each step. Throws listing all gaps. */
  assertComplete(): void {
    const gaps: string[] = [];
    for (const [type, versions] of this.contracts) {
      const latest = Math.max(...versions.keys());
      for (let v = 1; v <= latest; v++) {
        if (!versions.has(v)) gaps.push(`${type} v${v} missing`);
        if (v < latest && !this.upcasters.has(`${type}@${v}`)) gaps.push(`${type} upcaster v${v}→v${v + 1} missing`);
      }
    }
    for (const u of this.upcasters.values()) {
      if (!this.contracts.get(u.type)?.has(u.fromVersion + 1)) gaps.push(`${u.type} upcaster v${u.fromVersion} has no target contract`);
    }
    if (gaps.length) throw new Error(`incomplete contract registry: ${gaps.join('; ')}`);
  }

  /**
   * Before an event leaves the producer (outbox write): envelope valid, type known, version the
   * latest, payload valid and free of forbidden keys. Returns the event with the parsed payload.
   */
  validateForPublish<P>(event: IntegrationEvent<P>): IntegrationEvent<P> {
    const envelope = this.checkEnvelope(event);
    const latest = this.latestVersion(envelope.type);
    if (envelope.version !== latest) {
      throw new ContractViolationError(envelope.type, envelope.version, [
        { code: 'custom', path: ['version'], message: `publish only the latest version v${latest}` },
      ], 'envelope');
    }
    const payload = this.checkPayload(envelope.type, latest, envelope.payload);
    return { ...event, payload: payload as P };
  }

  /**
   * At the consumer: validates the event against its own version, upcasts step by step to the
   * latest version validating each step, and returns it as the latest version.
   * @throws UnknownContractError for a type or version this registry does not know
   * @throws ContractViolationError for an invalid envelope or payload
   */
  decode(raw: unknown): IntegrationEvent {
    const envelope = this.checkEnvelope(raw);
    const versions = this.contracts.get(envelope.type);
    const latest = versions ? Math.max(...versions.keys()) : null;
    if (!versions || !versions.has(envelope.version)) throw new UnknownContractError(envelope.type, envelope.version, latest);

    let payload = this.checkPayload(envelope.type, envelope.version, envelope.payload);
    for (let v = envelope.version; v < latest!; v++) {
      const upcaster = this.upcasters.get(`${envelope.type}@${v}`);
      if (!upcaster) throw new Error(`no upcaster for ${envelope.type} v${v}→v${v + 1}`);
      payload = this.checkPayload(envelope.type, v + 1, upcaster.upcast(payload));
    }
    return { ...(envelope as IntegrationEvent), version: latest!, payload };
  }

  private checkEnvelope(raw: unknown): z.infer<typeof envelopeSchema> {
    const result = envelopeSchema.safeParse(raw);
    if (!result.success) {
      const r = raw as Partial<IntegrationEvent> | null;
      const type = typeof r?.type === 'string' ? r.type : '(unknown)';
      throw new ContractViolationError(type, typeof r?.version === 'number' ? r.version : null, result.error.issues, 'envelope');
    }
    return result.data;
  }

  private checkPayload(type: string, version: number, payload: unknown): unknown {
    const contract = this.contracts.get(type)!.get(version)!;
    const forbidden = new Set([...this.globalForbidden, ...(contract.forbiddenKeys ?? [])].map(normaliseKey));
    const paths = findForbiddenKeys(payload, forbidden);
    if (paths.length) {
      throw new ContractViolationError(
        type,
        version,
        paths.map((path) => ({ code: 'custom' as const, path, message: `forbidden key "${String(path[path.length - 1])}" (confidential data must not travel in events)` })),
      );
    }
    const result = contract.schema.safeParse(payload);
    if (!result.success) throw new ContractViolationError(type, version, result.error.issues);
    return result.data;
  }
}
