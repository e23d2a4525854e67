import type { Hierarchy, Jurisdiction } from '@lw/hierarchy';
import type { PublicPlaces } from '../../application/ports/public-notice-board.port';
import type { PlaceNames } from './public-notices';

/** The deployment's townships and villages by name and public statistics code, for the public pages. */
export function deploymentPlaces(hierarchy: Hierarchy, jurisdiction: Jurisdiction): PlaceNames & PublicPlaces {
  const root = jurisdiction.root;
  // The public sees the deployment as an official at its root would: the one definition of "inside".
  const deployment = { node: root };
  return {
    placeOf: (code) => {
      const n = hierarchy.get(code);
      if (!n) return null;
      return { villageName: n.name, townshipName: jurisdiction.townshipOf(n.code)?.name ?? null };
    },
    codeInDeployment: (code) => {
      const n = hierarchy.get(code);
      return n && jurisdiction.covers(deployment, n.code) ? n.code : null;
    },
    childrenOf: (code) => {
      const n = hierarchy.get(code ?? root);
      if (!n || !jurisdiction.covers(deployment, n.code) || !['county', 'township'].includes(n.level)) return null;
      return hierarchy.children(n.code).map((c) => ({ code: c.code12, name: c.name, level: c.level }));
    },
  };
}
