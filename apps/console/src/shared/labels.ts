// Chinese names of the codes the APIs answer with, in one place.
export const ROLE_LABELS: Record<string, string> = {
  org_dept: '组织部',
  discipline: '纪委监委',
  civil_affairs: '民政',
  review_dept: '联审部门',
  auditor: '审计',
  township: '乡镇',
  liaison: '包村干部',
  admin: '管理员',
};
