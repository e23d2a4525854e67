// The user's own subtree as pickers need it: townships (or villages) below the user's node.
import { useEffect, useState } from 'react';
import { api } from '../../../shared/api';
import { useUser } from '../../auth';

export interface DivisionNode {
  code: string;
  code12: string;
  name: string;
  level: string;
}

export function useChildren(code: string | null | undefined): DivisionNode[] {
  const [rows, setRows] = useState<DivisionNode[]>([]);
  useEffect(() => {
    if (!code) return setRows([]);
    let live = true;
    api<DivisionNode[]>(`/hierarchy/nodes/${code}/children`).then(
      (r) => live && setRows(r),
      () => live && setRows([]),
    );
    return () => {
      live = false;
    };
  }, [code]);
  return rows;
}

/** Children of the user's node (townships for a county user, villages for a township user). */
export function useOwnChildren(): DivisionNode[] {
  return useChildren(useUser().node);
}
