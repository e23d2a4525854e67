import ExcelJS from 'exceljs';
import { stripForbiddenInWorkbook } from '@lw/runtime';
import type { LedgerRow } from '../../application/case-read-model.port';

/**
 * The ledger (问题整改台账) as clerks lay it out: 序号, 村（社区）, 问题来源, 问题描述, 整改措施, 责任单位,
 * 责任人, 整改时限, 整改进展, 是否销号 …, with a merged title row. Streams rows (10k rows stay cheap).
 */
export async function ledgerWorkbook(rows: readonly LedgerRow[], title: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'liangwei';
  const ws = wb.addWorksheet('整改台账', { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.columns = [
    { header: '序号', key: 'n', width: 6 },
    { header: '村（社区）', key: 'village', width: 18 },
    { header: '问题来源', key: 'source', width: 12 },
    { header: '问题类别', key: 'category', width: 14 },
    { header: '问题描述', key: 'description', width: 40 },
    { header: '整改措施', key: 'measures', width: 30 },
    { header: '责任单位', key: 'unit', width: 16 },
    { header: '责任人', key: 'person', width: 16 },
    { header: '整改时限', key: 'due', width: 12 },
    { header: '整改进展', key: 'progress', width: 30 },
    { header: '是否销号', key: 'closed', width: 8 },
    { header: '销号时间', key: 'closedAt', width: 16 },
    { header: '预警', key: 'light', width: 8 },
    { header: '备注', key: 'remark', width: 20 },
  ];
  ws.insertRow(1, [title]);
  ws.mergeCells(1, 1, 1, ws.columns.length);
  ws.getRow(1).font = { bold: true, size: 14 };
  ws.getRow(1).alignment = { horizontal: 'center' };
  ws.getRow(2).font = { bold: true };
  rows.forEach((r, i) =>
    ws.addRow({
      n: i + 1,
      village: r.villageName,
      source: r.sourceLabel,
      category: r.category,
      description: r.description,
      measures: r.measures,
      unit: r.responsibleUnit,
      person: r.responsiblePerson ? (r.responsiblePerson.post ? `${r.responsiblePerson.name}（${r.responsiblePerson.post}）` : r.responsiblePerson.name) : '待明确',
      due: r.deadline.due,
      progress: r.latestProgress ?? r.statusLabel,
      closed: r.status === 'closed' ? '是' : '否',
      closedAt: r.closedAtLocal ?? '',
      light: r.lightLabel,
      remark: [r.deadline.beyondHorizon ? '时限按普通工作日推算（节假日数据未发布）' : '', r.lastEscalation ? `已${r.lastEscalation}` : ''].filter(Boolean).join('；'),
    }),
  );
  stripForbiddenInWorkbook(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
