import JSZip from 'jszip';
import { parseLocalDate } from '@lw/domain';
import { SaxesParser } from 'saxes';
import { DEFAULT_AUDIT_POLICY, type EngagementState, type FindingContent, type FindingState } from '../../domain/engagement';
import { auditReportDocx, auditReportDraft } from './audit-report.docx';

/** The XML problems a strict parser (as Word's) finds in a part of the package. */
function xmlErrors(xml: string): string[] {
  const errors: string[] = [];
  const parser = new SaxesParser();
  parser.on('error', (e) => errors.push(e.message));
  parser.write(xml).close();
  return errors;
}

const content = (over: Partial<FindingContent>): FindingContent => ({
  category: 'misappropriation',
  severity: 'general',
  amount: '12.50',
  description: '挪用集体资金用于招待',
  responsiblePersons: [{ name: '孙会计', post: '报账员' }],
  evidence: [],
  rectificationRequired: true,
  violationSuspected: false,
  ...over,
});

function finding(findingId: string, over: Partial<FindingContent>, extra: Partial<FindingState> = {}): FindingState {
  const c = content(over);
  return { ...c, findingId, recordedAt: '2026-03-02T02:00:00Z', recordedBy: null, revisions: [{ content: c, at: '2026-03-02T02:00:00Z', by: null, reason: null }], rectified: null, transferId: null, ...extra };
}

const DIRTY = '挪用\u0000集体\u0001资金\u000b\u001f\ufffe\uffff\ud800 <b>&"';

function engagement(over: Partial<EngagementState> = {}): EngagementState {
  const amended = finding('f2', { category: 'new_debt', severity: 'serious', amount: '9999999999999.99', description: '新增债务未经村民代表会议' });
  const findings: FindingState[] = [
    finding('f1', { description: DIRTY }, { rectified: { at: '2026-03-20T16:30:00Z', caseId: null } }),
    { ...amended, revisions: [...amended.revisions, { content: amended, at: '2026-03-03T02:00:00Z', by: 'u1', reason: '金额录入有误' }] },
    finding('f3', { category: 'unreceipted_voucher', amount: null, description: '白条入账', responsiblePersons: [], rectificationRequired: false }),
  ];
  return {
    engagementId: 'e1',
    kind: 'outgoing',
    villageCode: '330102001001',
    electionId: 'el1',
    persons: [{ name: '钱主任', post: '村委会主任', personId: 'p1' }, { name: '孙会计', post: null, personId: null }],
    periodFrom: parseLocalDate('2021-01-01'),
    periodTo: parseLocalDate('2025-12-31'),
    auditors: ['县农经站 郑审计', '李审计'],
    status: 'published',
    plannedAt: '2026-03-01T01:00:00Z',
    fieldworkAt: '2026-03-01T02:00:00Z',
    draftAt: '2026-03-10T02:00:00Z',
    concludedAt: '2026-03-15T17:00:00Z',
    summary: '财务管理基本规范，存在新增债务问题',
    publishedAt: '2026-03-16T01:00:00Z',
    notice: { endsOn: parseLocalDate('2026-03-20'), endsAt: '2026-03-20T16:00:00Z', beyondHorizon: false },
    findings: new Map(findings.map((f) => [f.findingId, f])),
    version: 9,
    ...over,
  };
}

async function parts(s: EngagementState) {
  const zip = await JSZip.loadAsync(await auditReportDocx(s, '新安镇新安村', DEFAULT_AUDIT_POLICY));
  const xml: Record<string, string> = {};
  for (const name of Object.keys(zip.files).filter((n) => n.endsWith('.xml') || n.endsWith('.rels'))) xml[name] = await zip.file(name)!.async('string');
  return xml;
}

/** The paragraph (<w:p>…</w:p>) holding a text. */
const paragraphWith = (xml: string, text: string) => xml.split('<w:p>').find((p) => p.includes(text)) ?? '';
/** The text of a table's cells, row by row. */
const tables = (xml: string) =>
  [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((t) =>
    [...t[1].matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].map((r) => [...r[1].matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => [...c[1].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))),
  );

describe('the audit report as Word (gongwenDocx, 公文 layout)', () => {
  it('every part is well-formed XML even when stored text holds control characters (a finding with \\u0001 once made the report unreadable)', async () => {
    const xml = await parts(engagement({ summary: DIRTY, persons: [{ name: `钱${DIRTY}`, post: null, personId: null }] }));
    expect(xml['word/document.xml']).toBeDefined();
    expect(xml['docProps/core.xml']).toBeDefined();
    for (const [name, part] of Object.entries(xml)) expect([name, xmlErrors(part)]).toEqual([name, []]);
    const document = xml['word/document.xml'];
    expect(document).toContain('挪用集体资金 &lt;b&gt;&amp;&quot;');
    expect(document).toContain('审计结论：挪用集体资金 &lt;b&gt;&amp;&quot;');
    expect(document).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
  });

  it('title, the four sections and every line of the basic facts, in the 公文 fonts', async () => {
    const document = (await parts(engagement()))['word/document.xml'];
    const title = paragraphWith(document, '新安镇新安村离任经济责任审计报告');
    expect(title).toContain('w:eastAsia="方正小标宋简体"');
    expect(title).toContain('<w:jc w:val="center"/>');
    for (const h of ['一、审计基本情况', '二、审计发现的问题', '三、问题金额汇总', '四、审计结论与公示']) expect(paragraphWith(document, h)).toContain('w:eastAsia="黑体"');
    for (const line of [
      '被审计村（社区）：新安镇新安村（330102001001）',
      '被审计人员：钱主任（村委会主任）、孙会计',
      '审计期间：2021-01-01 至 2025-12-31',
      '审计人员：县农经站 郑审计、李审计',
      '进场日期：2026-03-01；结论日期：2026-03-16；公示日期：2026-03-16',
      '共发现问题 3 个，涉及金额 10,000,000,000,012.49 元；其中严重问题 1 个，尚未整改销号的严重问题 1 个。',
      '审计结论：财务管理基本规范，存在新增债务问题',
      '审计结果于 2026-03-16 在本村公示，公示期 5个工作日，至 2026-03-20 止。',
    ]) {
      const p = paragraphWith(document, line);
      expect([line, p.length > 0]).toEqual([line, true]);
      expect(p).toContain('w:eastAsia="仿宋_GB2312"');
    }
    expect(document).toContain('<w:pgSz w:w="11906" w:h="16838"');
  });

  it('the findings table and the totals by category, amounts exact with thousands separators', async () => {
    const [findings, totals, ...rest] = tables((await parts(engagement()))['word/document.xml']);
    expect(rest).toEqual([]);
    expect(findings).toEqual([
      ['序号', '问题类别', '问题描述', '金额（元）', '性质', '责任人', '整改要求', '整改情况'],
      ['1', '挪用', '挪用集体资金 &lt;b&gt;&amp;&quot;', '12.50', '一般', '孙会计（报账员）', '须整改', '已销号 2026-03-21'],
      ['2', '新增债务', '新增债务未经村民代表会议（已更正：金额录入有误）', '9,999,999,999,999.99', '严重', '孙会计（报账员）', '须整改', '整改中'],
      ['3', '白条入账', '白条入账', '—', '一般', '—', '—', '—'],
    ]);
    expect(totals[0]).toEqual(['问题类别', '问题数', '金额（元）']);
    expect(totals[totals.length - 1]).toEqual(['合计', '3', '10,000,000,000,012.49']);
    expect(totals).toContainEqual(['新增债务', '1', '9,999,999,999,999.99']);
    expect(totals).toContainEqual(['挪用', '1', '12.50']);
  });

  it('signed by the auditing unit (a placeholder: the engagement records none) on the conclusion date in Chinese form', async () => {
    const draft = auditReportDraft(engagement(), '新安镇新安村', DEFAULT_AUDIT_POLICY);
    expect(draft.subtitle).toBeUndefined();
    // 2026-03-15T17:00Z is 16 March in Shanghai.
    expect(draft.signature).toEqual({ unit: '【请填写：审计单位】', date: '2026年3月16日' });
    const document = (await parts(engagement()))['word/document.xml'];
    expect(paragraphWith(document, '2026年3月16日')).toContain('<w:jc w:val="right"/>');
    expect(paragraphWith(document, '【请填写：审计单位】')).toContain('<w:highlight w:val="yellow"/>');
  });

  it('before the conclusion: marked （草稿）, no findings, nothing published', async () => {
    const open = engagement({ status: 'fieldwork', concludedAt: null, summary: null, publishedAt: null, notice: null, findings: new Map() });
    const draft = auditReportDraft(open, '新安镇新安村', DEFAULT_AUDIT_POLICY);
    expect(draft.subtitle).toBe('（草稿）');
    expect(draft.signature.date).toBe('【请填写：成文日期】');
    const document = (await parts(open))['word/document.xml'];
    for (const t of ['本次审计未发现问题。', '审计结论：尚未作出。', '审计结果尚未公示。', '结论日期：—', '共发现问题 0 个，涉及金额 0.00 元']) expect(document).toContain(t);
    expect(tables(document)).toEqual([[['问题类别', '问题数', '金额（元）'], ['合计', '0', '0.00']]]);
  });

  it('the three-assets audit has its own title; tabs and line breaks in stored text are kept', async () => {
    const s = engagement({ kind: 'three_assets', electionId: null, summary: '第一行\n第二行\t完' });
    const document = (await parts(s))['word/document.xml'];
    expect(document).toContain('新安镇新安村农村集体“三资”审计报告');
    expect(document).toContain('第一行\n第二行\t完');
  });
});
