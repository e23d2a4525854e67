import { formatPeriod, formatShanghai, Money, shanghaiDateOf } from '@lw/domain';
import { gongwenDocx, type GongwenBlock, type GongwenDocument } from '@lw/runtime';
import { categoryName, SEVERITY_LABELS, seriousOpen, totalsByCategory, type AuditPolicy, type EngagementState } from '../../domain/engagement';

const KIND_TITLE = { outgoing: '离任经济责任审计报告', three_assets: '农村集体“三资”审计报告' } as const;

const local = (iso: string | null) => (iso ? formatShanghai(new Date(iso)).slice(0, 10) : '—');
const yuan = (amount: string | null) => (amount === null ? '—' : Money.parse(amount).format().replace('¥', ''));
/** An instant → its Shanghai date as 2026年12月6日 (成文日期 in Arabic numerals, GB/T 9704-2012 §7.3.5.1). */
const chineseDate = (iso: string) => {
  const d = shanghaiDateOf(new Date(iso));
  return `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
};

/**
 * The audit report of one village (审计报告) as a 公文 draft: scope, the findings with amounts,
 * severity and responsible persons, totals by category (exact), rectification and the publication
 * notice. Amounts are printed exactly as recorded, with thousands separators, in yuan.
 *
 * The engagement records no auditing unit (审计单位) and no report number, so the signature's unit is
 * left as a 【请填写】 placeholder (highlighted in Word); the date is the conclusion's, and before the
 * conclusion the report is marked （草稿） and the date is a placeholder too.
 */
export function auditReportDraft(s: EngagementState, villageName: string, policy: AuditPolicy): GongwenDocument {
  const findings = [...s.findings.values()];
  const totals = totalsByCategory(findings);
  const persons = s.persons.map((p) => (p.post ? `${p.name}（${p.post}）` : p.name)).join('、') || '—';
  const blocks: GongwenBlock[] = [
    { kind: 'heading', text: '一、审计基本情况' },
    { kind: 'paragraph', text: `被审计村（社区）：${villageName}（${s.villageCode}）` },
    { kind: 'paragraph', text: `被审计人员：${persons}` },
    { kind: 'paragraph', text: `审计期间：${s.periodFrom} 至 ${s.periodTo}` },
    { kind: 'paragraph', text: `审计人员：${s.auditors.join('、') || '—'}` },
    { kind: 'paragraph', text: `进场日期：${local(s.fieldworkAt)}；结论日期：${local(s.concludedAt)}；公示日期：${local(s.publishedAt)}` },
    { kind: 'heading', text: '二、审计发现的问题' },
  ];
  if (findings.length === 0) blocks.push({ kind: 'paragraph', text: '本次审计未发现问题。' });
  else {
    blocks.push({
      kind: 'table',
      header: ['序号', '问题类别', '问题描述', '金额（元）', '性质', '责任人', '整改要求', '整改情况'],
      weights: [6, 13, 26, 15, 7, 13, 9, 9],
      rows: findings.map((f, i) => [
        String(i + 1),
        categoryName(f.category, policy.categories),
        f.revisions.length > 1 ? `${f.description}（已更正：${f.revisions[f.revisions.length - 1].reason}）` : f.description,
        yuan(f.amount),
        SEVERITY_LABELS[f.severity],
        f.responsiblePersons.map((p) => (p.post ? `${p.name}（${p.post}）` : p.name)).join('、') || '—',
        f.rectificationRequired ? '须整改' : '—',
        f.rectified ? `已销号 ${local(f.rectified.at)}` : f.rectificationRequired ? '整改中' : '—',
      ]),
    });
  }
  blocks.push(
    { kind: 'heading', text: '三、问题金额汇总' },
    {
      kind: 'table',
      header: ['问题类别', '问题数', '金额（元）'],
      weights: [30, 12, 24],
      rows: [...totals.rows.map((r) => [categoryName(r.category, policy.categories), String(r.findings), yuan(r.amount)]), ['合计', String(findings.length), yuan(totals.total)]],
    },
    { kind: 'paragraph', text: `共发现问题 ${findings.length} 个，涉及金额 ${yuan(totals.total)} 元；其中严重问题 ${findings.filter((f) => f.severity === 'serious').length} 个，尚未整改销号的严重问题 ${seriousOpen(s)} 个。` },
    { kind: 'heading', text: '四、审计结论与公示' },
    { kind: 'paragraph', text: s.summary ? `审计结论：${s.summary}` : `审计结论：${s.concludedAt ? '见上述问题及整改要求。' : '尚未作出。'}` },
    {
      kind: 'paragraph',
      text: s.notice
        ? `审计结果于 ${local(s.publishedAt)} 在本村公示，公示期 ${formatPeriod(policy.publicationNotice)}，至 ${s.notice.endsOn} 止${s.notice.beyondHorizon ? '（节假日安排尚未公布，按周末推算）' : ''}。`
        : '审计结果尚未公示。',
    },
  );
  return {
    title: `${villageName}${KIND_TITLE[s.kind]}`,
    subtitle: s.concludedAt ? undefined : '（草稿）',
    blocks,
    signature: { unit: '【请填写：审计单位】', date: s.concludedAt ? chineseDate(s.concludedAt) : '【请填写：成文日期】' },
  };
}

/** The audit report as Word in 公文 layout (GB/T 9704, written by the runtime's gongwenDocx). */
export function auditReportDocx(s: EngagementState, villageName: string, policy: AuditPolicy): Promise<Buffer> {
  return gongwenDocx(auditReportDraft(s, villageName, policy));
}
