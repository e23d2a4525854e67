import { DomainValidationError, Money } from '@lw/domain';
import type { AuditPolicy } from './audit-policy';
import type { FindingContent } from './finding';

/** The contracts carry at most 15 integer digits of yuan: 999,999,999,999,999.99. */
const MAX_YUAN = Money.parse('999999999999999.99');
const SHA256 = /^[0-9a-f]{64}$/;

function invalid(code: string, zh: string, en: string): DomainValidationError {
  return new DomainValidationError(`finding.${code}`, zh, en);
}

/**
 * Checks and normalises a finding's content: a known category (its code, or its Chinese name as a
 * clerk writes it, stored as the code), an exact non-negative amount, evidence hashes.
 */
export function validFindingContent(input: FindingContent, policy: AuditPolicy): FindingContent {
  const category = policy.categories.find((c) => c.code === input.category || c.name === input.category.trim());
  if (!category) {
    const known = policy.categories.map((c) => c.name).join('、');
    throw invalid('unknown_category', `问题类别“${input.category}”不在审计问题类别清单中（可选：${known}）`, `unknown category ${input.category}`);
  }
  let amount: string | null = null;
  if (input.amount !== null && input.amount !== undefined) {
    const m = Money.parse(input.amount);
    if (m.isNegative()) throw invalid('negative_amount', '问题金额不能为负数', 'negative amount');
    if (m.greaterThan(MAX_YUAN)) throw invalid('amount_too_large', '问题金额超出可登记的范围（最多 15 位整数）', 'amount above 15 integer digits');
    amount = m.toString();
  }
  const description = input.description.trim();
  if (!description) throw invalid('description_required', '请写明问题的具体情况', 'empty description');
  for (const ev of input.evidence) {
    if (!SHA256.test(ev.sha256)) throw invalid('evidence_hash', `证据文件“${ev.fileName}”的 SHA-256 摘要应为 64 位小写十六进制`, `bad sha256 for ${ev.fileName}`);
  }
  return { ...input, category: category.code, description, amount };
}
