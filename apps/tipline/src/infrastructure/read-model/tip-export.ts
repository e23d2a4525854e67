import ExcelJS from 'exceljs';
import { stripForbiddenInWorkbook } from '@lw/runtime';
import type { InboxRow } from '../../application/ports/tip-read-model.port';

/**
 * The inbox as an Excel ledger (举报台账). Built from the inbox rows only: the read model holds no
 * reporter identity, and the rows come already cut to what the viewer's access allows (TipQueries.inbox).
 */
export async function inboxWorkbook(rows: readonly InboxRow[], title: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'liangwei';
  const ws = wb.addWorksheet('举报台账');
  ws.columns = [
    { header: '序号', key: 'n', width: 6 },
    { header: '收到时间', key: 'receivedAtLocal', width: 18 },
    { header: '渠道', key: 'channelLabel', width: 10 },
    { header: '类别', key: 'categoryLabel', width: 14 },
    { header: '被举报对象', key: 'subjects', width: 28 },
    { header: '村/社区代码', key: 'villageCode', width: 14 },
    { header: '状态', key: 'statusLabel', width: 10 },
    { header: '承办单位', key: 'unitName', width: 16 },
    { header: '下一期限', key: 'deadline', width: 22 },
    { header: '是否超期', key: 'overdue', width: 8 },
    { header: '核实结论', key: 'finding', width: 10 },
    { header: '重复举报次数', key: 'repeatCount', width: 10 },
    { header: '选举相关', key: 'election', width: 8 },
  ];
  ws.insertRow(1, [title]);
  ws.mergeCells(1, 1, 1, ws.columns.length);
  rows.forEach((r, i) =>
    ws.addRow({
      ...r,
      n: i + 1,
      subjects: r.subjects ?? '（无权查看）',
      deadline: r.nextDeadline ? `${r.nextDeadline.label} ${r.nextDeadline.due}` : '',
      overdue: r.overdue ? '是' : '否',
      election: r.electionRelated ? '是' : '否',
    }),
  );
  stripForbiddenInWorkbook(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
