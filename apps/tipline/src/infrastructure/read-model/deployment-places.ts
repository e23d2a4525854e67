import type { Hierarchy, Jurisdiction } from '@lw/hierarchy';
import type { PublicPlaces } from '../../application/ports/public-notice-board.port';
import type { PlaceNames } from './public-notices';

const LEVEL_DIGITS: Record<string, number> = { province: 2, city: 4, county: 6, township: 9, village: 12 };

/** The deployment's townships and villages by name and public statistics code, for the public pages. */
export function deploymentPlaces(hierarchy: Hierarchy, jurisdiction: Jurisdiction): PlaceNames & PublicPlaces {
  const root = jurisdiction.root;
  const inside = (code: string) => !root || hierarchy.isInside(code, root);
  return {
    placeOf: (code) => {
      const n = hierarchy.get(code);
      if (!n) return null;
      return { villageName: n.name, townshipName: jurisdiction.townshipOf(n.code)?.name ?? null };
    },
    prefixOf: (code) => {
      const n = hierarchy.get(code);
      if (!n || !inside(n.code)) return null;
      return n.code12.slice(0, LEVEL_DIGITS[n.level] ?? 12);
    },
    childrenOf: (code) => {
      const n = hierarchy.get(code ?? root);
      if (!n || !inside(n.code) || !['county', 'township'].includes(n.level)) return null;
      return hierarchy.children(n.code).map((c) => ({ code: c.code12, name: c.name, level: c.level }));
    },
  };
}
