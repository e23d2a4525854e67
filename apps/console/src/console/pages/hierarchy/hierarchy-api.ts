// The division tree as the pages of this folder read it (GET /hierarchy/…, inside the user's node).
import { api } from '../../../shared/api';

export interface DivisionNode {
  code: string;
  code12: string;
  name: string;
  shortName: string;
  level: 'province' | 'city' | 'county' | 'township' | 'village';
  parentCode: string | null;
  villageKind: string | null;
  initials: string;
}

export const LEVEL_LABELS: Record<string, string> = { province: '省', city: '市', county: '县（区）', township: '乡镇（街道）', village: '村（社区）' };

export function getNode(code: string) {
  return api<{ node: DivisionNode; ancestors: DivisionNode[] }>(`/hierarchy/nodes/${encodeURIComponent(code)}`);
}

export function getChildren(code: string) {
  return api<DivisionNode[]>(`/hierarchy/nodes/${encodeURIComponent(code)}/children`);
}

export function searchNodes(q: string) {
  return api<DivisionNode[]>('/hierarchy/search', { query: { q } });
}
