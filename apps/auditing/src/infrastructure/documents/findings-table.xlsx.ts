import ExcelJS from 'exceljs';
import { stripForbiddenInWorkbook } from '@lw/runtime';
import type { FindingRow } from '../../application/auditing-read-model.port';

export interface CategorySummary {
  rows: { categoryName: string; findings: number; serious: number; amount: string }[];
  findings: number;
  total: string;
}

/**
 * The county findings table (审计发现问题汇总表) as Excel: one row per finding, and a sheet of sums by
 * category. Amounts are written as exact decimal text, never as binary floats.
 */
export async function findingsWorkbook(rows: FindingRow[], summary: CategorySummary, title: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'liangwei';
  const ws = wb.addWorksheet('问题明细');
  ws.columns = [
    { header: '序号', key: 'n', width: 6 },
    { header: '村/社区', key: 'villageName', width: 24 },
    { header: '村/社区代码', key: 'villageCode', width: 14 },
    { header: '审计类型', key: 'kindLabel', width: 12 },
    { header: '问题类别', key: 'categoryName', width: 16 },
    { header: '问题描述', key: 'description', width: 40 },
    { header: '金额（元）', key: 'amount', width: 18 },
    { header: '性质', key: 'severityLabel', width: 8 },
    { header: '责任人', key: 'responsible', width: 20 },
    { header: '须整改', key: 'rect', width: 8 },
    { header: '已销号', key: 'done', width: 8 },
    { header: '移交纪检', key: 'transfer', width: 8 },
    { header: '更正次数', key: 'amendments', width: 8 },
    { header: '登记时间', key: 'recordedAtLocal', width: 18 },
  ];
  ws.insertRow(1, [title]);
  ws.mergeCells(1, 1, 1, ws.columns.length);
  rows.forEach((r, i) =>
    ws.addRow({
      ...r,
      n: i + 1,
      kindLabel: r.kind === 'outgoing' ? '离任审计' : '三资审计',
      amount: r.amount ?? '',
      rect: r.rectificationRequired ? '是' : '否',
      done: r.rectified ? '是' : '否',
      transfer: r.violationSuspected ? '是' : '否',
    }),
  );
  const totalRow = ws.addRow({ n: '合计', amount: summary.total, description: `共 ${summary.findings} 个问题` });
  totalRow.font = { bold: true };
  ws.getColumn('amount').alignment = { horizontal: 'right' };

  const sums = wb.addWorksheet('按类别汇总');
  sums.columns = [
    { header: '问题类别', key: 'categoryName', width: 20 },
    { header: '问题数', key: 'findings', width: 10 },
    { header: '其中严重', key: 'serious', width: 10 },
    { header: '金额（元）', key: 'amount', width: 22 },
  ];
  summary.rows.forEach((r) => sums.addRow(r));
  sums.addRow({ categoryName: '合计', findings: summary.findings, amount: summary.total }).font = { bold: true };
  sums.getColumn('amount').alignment = { horizontal: 'right' };
  stripForbiddenInWorkbook(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
