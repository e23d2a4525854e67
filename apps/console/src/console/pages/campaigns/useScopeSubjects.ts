// The villages and townships of a campaign's area (county: its townships and their villages;
// township: itself and its villages), for the work-group pickers and the names they show.
import { useEffect, useState } from 'react';
import { getChildren, getNode, type DivisionNode } from '../hierarchy/hierarchy-api';

export interface ScopeSubjects {
  townships: DivisionNode[];
  villages: DivisionNode[];
  error: string | null;
}

export function useScopeSubjects(scope: string): ScopeSubjects {
  const [state, setState] = useState<ScopeSubjects>({ townships: [], villages: [], error: null });
  useEffect(() => {
    let live = true;
    const load = async (): Promise<ScopeSubjects> => {
      if (scope.length === 9) {
        const [{ node }, villages] = await Promise.all([getNode(scope), getChildren(scope)]);
        return { townships: [node], villages: villages.filter((v) => v.level === 'village'), error: null };
      }
      const townships = (await getChildren(scope)).filter((t) => t.level === 'township');
      const villages = (await Promise.all(townships.map((t) => getChildren(t.code)))).flat().filter((v) => v.level === 'village');
      return { townships, villages, error: null };
    };
    load().then(
      (s) => live && setState(s),
      (err: Error) => live && setState({ townships: [], villages: [], error: err.message }),
    );
    return () => {
      live = false;
    };
  }, [scope]);
  return state;
}
