import { outsideJurisdiction, type Actor } from '@lw/domain';
import type { Hierarchy, Jurisdiction } from '@lw/hierarchy';

/** Where a new case sits: its township, and who answers for it by default (the township's party committee). */
export class CasePlacement {
  constructor(
    private readonly jurisdiction: Jurisdiction,
    private readonly hierarchy: Hierarchy,
  ) {}

  townshipCode(villageCode: string): string | null {
    return this.jurisdiction.townshipOf(villageCode)?.code ?? null;
  }

  /** 责任单位 by default: 乡镇党委, or the county's organisation department for a case without a township. */
  defaultUnit(villageCode: string): string {
    const township = this.jurisdiction.townshipOf(villageCode);
    return township ? `${township.name}党委` : `${this.hierarchy.get(villageCode)?.name ?? '县'}委组织部`;
  }
}

/** A village of today inside the actor's area, in its canonical code; the one 404 otherwise. */
export function villageInArea(jurisdiction: Jurisdiction, actor: Pick<Actor, 'node'>, code: string): string {
  const village = jurisdiction.currentVillage(code)?.code;
  if (!village || !jurisdiction.covers(actor, village)) throw outsideJurisdiction('村/社区', `village ${code} outside ${actor.node}`);
  return village;
}
