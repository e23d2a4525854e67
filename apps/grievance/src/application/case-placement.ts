import { outsideJurisdiction, type Actor } from '@lw/domain';
import type { DivisionNode, Hierarchy, Jurisdiction } from '@lw/hierarchy';

/**
 * Where a new case sits: its township, and who answers for it by default (the township's party
 * committee). A case is a village's, or a township's own (its team's problems, e.g. a campaign's
 * township-team findings): that one's township is itself.
 */
export class CasePlacement {
  constructor(
    private readonly jurisdiction: Jurisdiction,
    private readonly hierarchy: Hierarchy,
  ) {}

  townshipCode(placeCode: string): string | null {
    return this.townshipOf(placeCode)?.code ?? null;
  }

  /** 责任单位 by default: 乡镇党委, or the county's organisation department for a case without a township. */
  defaultUnit(placeCode: string): string {
    const township = this.townshipOf(placeCode);
    return township ? `${township.name}党委` : `${this.hierarchy.get(placeCode)?.name ?? '县'}委组织部`;
  }

  private townshipOf(placeCode: string): DivisionNode | null {
    const own = this.hierarchy.get(placeCode);
    return own?.level === 'township' ? own : this.jurisdiction.townshipOf(placeCode);
  }
}

/** A village of today inside the actor's area, in its canonical code; the one 404 otherwise. */
export function villageInArea(jurisdiction: Jurisdiction, actor: Pick<Actor, 'node'>, code: string): string {
  const village = jurisdiction.currentVillage(code)?.code;
  if (!village || !jurisdiction.covers(actor, village)) throw outsideJurisdiction('村/社区', `village ${code} outside ${actor.node}`);
  return village;
}
