import { useMemo } from 'react';
import { useApi } from '../../../shared/useApi';
import { hasRole, useUser } from '../../auth';

/** The finding categories' Chinese names, for users who may read auditing (others keep the code: no refused request). */
export function useAuditCategoryNames(): Map<string, string> | undefined {
  const user = useUser();
  const allowed = hasRole(user, 'auditor', 'org_dept', 'discipline', 'township');
  const { data } = useApi<{ categories: { code: string; name: string }[] }>(allowed ? '/auditing/categories' : null);
  return useMemo(() => (data ? new Map(data.categories.map((c) => [c.code, c.name])) : undefined), [data]);
}
