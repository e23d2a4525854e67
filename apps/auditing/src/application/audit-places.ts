import { outsideJurisdiction, unpadDivisionCode, type Actor } from '@lw/domain';
import type { Hierarchy, Jurisdiction } from '@lw/hierarchy';

/** How auditing names places, and the codes (significant digits) that narrow its read models to a subtree. */
export class AuditPlaces {
  constructor(
    private readonly hierarchy: Hierarchy,
    private readonly jurisdiction: Jurisdiction,
  ) {}

  /** The actor's node in significant digits (the read models' scope). */
  nodeOf(actor: Pick<Actor, 'node'>): string {
    return this.hierarchy.get(actor.node)?.code ?? unpadDivisionCode(actor.node);
  }

  /** A township or village of the actor's area in significant digits; the one 404 when it is unknown or outside it. */
  within(actor: Pick<Actor, 'node'>, code: string): string {
    if (!this.jurisdiction.covers(actor, code)) throw outsideJurisdiction('该地区', `node ${code} outside ${actor.node}`);
    return this.hierarchy.get(code)!.code;
  }

  /** "新安镇 新安村" for display; the code when unknown. */
  villageName(code: string): string {
    const n = this.hierarchy.get(code);
    if (!n) return code;
    const township = this.hierarchy.ancestors(code).find((a) => a.level === 'township');
    return township ? `${township.name}${n.name}` : n.name;
  }
}
