import { significantPrefix } from '@lw/auth';
import type { Actor } from '@lw/domain';
import type { Hierarchy } from '@lw/hierarchy';

/** How auditing names places, and the significant-digit prefixes that narrow its read models to a subtree. */
export class AuditPlaces {
  constructor(private readonly hierarchy: Hierarchy) {}

  /** The actor's node in significant digits (the read models' prefix). */
  nodeOf(actor: Pick<Actor, 'node'>): string {
    return this.hierarchy.get(actor.node)?.code ?? significantPrefix(actor.node) ?? actor.node;
  }

  /** A township or village code in significant digits (the read models' prefix); as given when unknown. */
  prefixOf(code: string): string {
    return this.hierarchy.get(code)?.code ?? code;
  }

  /** "新安镇 新安村" for display; the code when unknown. */
  villageName(code: string): string {
    const n = this.hierarchy.get(code);
    if (!n) return code;
    const township = this.hierarchy.ancestors(code).find((a) => a.level === 'township');
    return township ? `${township.name}${n.name}` : n.name;
  }
}
