import { deepFreeze, DomainValidationError } from '@lw/domain';
import type { TipAccessPolicy } from './tip-access-policy';
import { TIP_VIEWS, type TipView } from './tip-view';

const isView = (v: unknown): v is TipView => typeof v === 'string' && (TIP_VIEWS as readonly string[]).includes(v);
const isInt = (v: unknown, min: number, max: number) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

/**
 * Checks an access pack given as data (a literal, a file) and returns it typed and frozen: who sees
 * a tip must not change under a running service. Names every bad field in Chinese.
 */
export function validateTipAccessPolicy(data: unknown): TipAccessPolicy {
  const problems: string[] = [];
  const p = (data ?? {}) as Partial<TipAccessPolicy>;
  if (typeof p.id !== 'string' || !p.id.trim()) problems.push('id：不能为空');
  if (!isInt(p.version, 1, 1_000_000)) problems.push('version：应为正整数');
  if (typeof p.name !== 'string' || !p.name.trim()) problems.push('name：不能为空');
  if (!p.roles || typeof p.roles !== 'object') problems.push('roles：缺失');
  else {
    for (const [role, a] of Object.entries(p.roles)) {
      if (!a || !isView(a.inScope)) problems.push(`roles.${role}.inScope：应为 ${TIP_VIEWS.join('、')} 之一`);
      if (!a || !isView(a.assignedToOwnUnit)) problems.push(`roles.${role}.assignedToOwnUnit：应为 ${TIP_VIEWS.join('、')} 之一`);
    }
  }
  const r = p.reveal;
  if (!r) problems.push('reveal：缺失');
  else {
    if (!Array.isArray(r.roles) || r.roles.some((x) => typeof x !== 'string')) problems.push('reveal.roles：应为角色列表');
    if (!isInt(r.minReasonLength, 1, 200)) problems.push('reveal.minReasonLength：应为 1 至 200 的整数');
    if (!isInt(r.approvalValidMinutes, 1, 7 * 24 * 60)) problems.push('reveal.approvalValidMinutes：应为 1 至 10080 的整数');
    if (!isInt(r.revealsPerApproval, 1, 10)) problems.push('reveal.revealsPerApproval：应为 1 至 10 的整数');
  }
  if (problems.length) throw new DomainValidationError('tip_access_policy.invalid', `举报知悉范围配置有误：${problems.join('；')}`, `invalid tip access policy: ${problems.length} problems`);
  return deepFreeze(structuredClone(data) as TipAccessPolicy);
}
