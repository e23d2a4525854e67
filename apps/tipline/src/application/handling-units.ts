import { Injectable } from '@nestjs/common';
import { Hierarchy, Jurisdiction } from '@lw/hierarchy';
import { suggestHandlingUnit, type HandlingUnit, type TipState } from '../domain';
import { TiplineSettings } from './tipline-settings';

/** The discipline commissions a tip can be assigned to: the county's and the townships'. */
@Injectable()
export class HandlingUnits {
  constructor(
    private readonly hierarchy: Hierarchy,
    private readonly jurisdiction: Jurisdiction,
    private readonly settings: TiplineSettings,
  ) {}

  /** The unit of a county or township code; null for anything else. */
  unitFor(code: string): HandlingUnit | null {
    const n = this.hierarchy.get(code);
    if (!n || (n.level !== 'county' && n.level !== 'township')) return null;
    return { code: n.code, name: `${n.name}${n.level === 'county' ? '纪委监委' : '纪委'}`, level: n.level };
  }

  /** The unit the subject's level and place suggest (suggestHandlingUnit). */
  suggest(s: TipState): HandlingUnit {
    const root = this.jurisdiction.root;
    const village = s.received.villageCode;
    const county = village ? this.hierarchy.ancestors(village).find((a) => a.level === 'county') : this.hierarchy.get(root);
    return suggestHandlingUnit(
      s.received.subjects,
      s.received.electionRelated,
      {
        county: { code: county?.code ?? root, name: county?.name ?? '' },
        townshipOf: (v) => {
          const t = this.jurisdiction.townshipOf(v);
          return t ? { code: t.code, name: t.name } : null;
        },
      },
      this.settings.policy,
    );
  }
}
