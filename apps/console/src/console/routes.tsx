// Every page of the console: its path, menu label and the roles that see it. Pages load lazily,
// so the first screen downloads only the shell and the page asked for.
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

export interface ConsoleRoute {
  /** Under /console; "*" suffix lets a page own its sub-paths. */
  path: string;
  /** Menu entry; routes without one are reached from other pages. */
  menu?: string;
  roles: string[] | 'all';
  page: LazyExoticComponent<ComponentType>;
}

const STAFF = ['org_dept', 'discipline', 'civil_affairs', 'auditor', 'township', 'admin'];

export const ROUTES: ConsoleRoute[] = [
  { path: '/', menu: '工作台', roles: 'all', page: lazy(() => import('./pages/home/HomePage')) },
  { path: '/hierarchy', menu: '行政区划', roles: 'all', page: lazy(() => import('./pages/hierarchy/HierarchyPage')) },
  { path: '/villages/:code', roles: 'all', page: lazy(() => import('./pages/hierarchy/VillagePage')) },
  { path: '/roster/*', menu: '班子名册', roles: [...STAFF], page: lazy(() => import('./pages/roster/RosterPage')) },
  { path: '/elections/*', menu: '换届联审', roles: [...STAFF, 'review_dept'], page: lazy(() => import('./pages/elections/ElectionsPage')) },
  { path: '/tips/*', menu: '举报受理', roles: ['discipline', 'org_dept', 'township', 'admin'], page: lazy(() => import('./pages/tips/TipsPage')) },
  { path: '/audits/*', menu: '离任审计', roles: ['auditor', 'org_dept', 'discipline', 'township', 'admin'], page: lazy(() => import('./pages/audits/AuditsPage')) },
  { path: '/ledger/*', menu: '整改销号', roles: 'all', page: lazy(() => import('./pages/ledger/LedgerPage')) },
  { path: '/campaigns/*', menu: '检查研判', roles: ['org_dept', 'discipline', 'township', 'liaison'], page: lazy(() => import('./pages/campaigns/CampaignsPage')) },
  { path: '/reports/*', menu: '报告草稿', roles: ['org_dept', 'discipline', 'township', 'admin'], page: lazy(() => import('./pages/reports/ReportsPage')) },
];

export function canSee(route: ConsoleRoute, roles: string[]): boolean {
  return route.roles === 'all' || roles.some((r) => (route.roles as string[]).includes(r));
}
