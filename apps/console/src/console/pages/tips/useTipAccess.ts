// What the signed-in official may see of tips, as the server's access policy says (GET
// /tipline/tips/access): pages ask before they read, so a role that sees figures only is never
// sent to a list or a tip it would be refused.
import { useEffect, useState } from 'react';
import { api } from '../../../shared/api';
import { useUser } from '../../auth';

export interface TipAccess {
  policy: { id: string; version: number; name: string };
  /** Which rows the inbox holds: all of the subtree, only those assigned to the user's unit, none. */
  list: 'all' | 'own_unit' | 'none';
  statistics: boolean;
  /** Set when the user may request, approve and perform reporter reveals. */
  reveal: { minReasonLength: number; approvalValidMinutes: number } | null;
}

const cache = new Map<string, Promise<TipAccess>>();

export function loadTipAccess(userKey: string): Promise<TipAccess> {
  let p = cache.get(userKey);
  if (!p) {
    p = api<TipAccess>('/tipline/tips/access');
    p.catch(() => cache.delete(userKey));
    cache.set(userKey, p);
  }
  return p;
}

/** Null while loading (or when the role reads no tips at all). */
export function useTipAccess(): TipAccess | null {
  const user = useUser();
  const key = `${user.id}:${user.node}:${user.roles.join(',')}`;
  const [access, setAccess] = useState<TipAccess | null>(null);
  useEffect(() => {
    let live = true;
    loadTipAccess(key).then((a) => live && setAccess(a), () => live && setAccess(null));
    return () => {
      live = false;
    };
  }, [key]);
  return access;
}
