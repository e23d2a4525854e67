import ExcelJS from 'exceljs';
import { stripForbiddenInWorkbook } from '@lw/runtime';
import { startOfShanghaiDay } from '@lw/domain';
import type { BasicSituation } from '../../domain/roster';

/** The figures in report order with the labels a 研判报告 uses; the same rows feed the xlsx and its reading back. */
export function basicSituationRows(b: BasicSituation): [string, number][] {
  return [
    ['两委干部总数（人）', b.cadres],
    ['村（社区）党组织委员（人）', b.partyCommittee],
    ['村（居）民委员会委员（人）', b.villagersCommittee],
    ['交叉任职（人）', b.crossAppointed],
    ['书记、主任“一肩挑”（人）', b.oneShoulder],
    ['正式党员（人）', b.partyStatus.正式党员],
    ['预备党员（人）', b.partyStatus.预备党员],
    ['群众（人）', b.partyStatus.群众],
    ['无党派人士或民主党派（人）', b.partyStatus.无党派或民主党派],
    ['女性（人）', b.women],
    ['45周岁以下（人）', b.ageBands.under45],
    ['45—54周岁（人）', b.ageBands.from45to54],
    ['55周岁及以上（人）', b.ageBands.from55],
    ['平均年龄（周岁）', b.averageAge],
    ['大专及以上学历（人）', b.education.大专及以上],
    ['高中（中专）学历（人）', b.education['高中·中专']],
    ['初中学历（人）', b.education.初中],
    ['小学学历（人）', b.education.小学],
    ['上次换届以来受到党纪政务处分（人）', b.disciplinedSinceElection],
    ['其中仍在处分影响期内（人）', b.disciplinedInEffect],
    ['后备干部（人）', b.reserve],
  ];
}

/**
 * 基本情况 as an Excel sheet: title, scope and date, then one figure a row. Built only from the
 * figures (no clock: the workbook's dates are the statistics date), so the same roster and date
 * give the same content.
 */
export async function basicSituationWorkbook(b: BasicSituation, scopeName: string, lastElectionDate: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'liangwei';
  wb.created = wb.modified = startOfShanghaiDay(b.date);
  const ws = wb.addWorksheet('基本情况');
  ws.columns = [
    { key: 'label', width: 40 },
    { key: 'value', width: 14 },
  ];
  ws.addRow([`${scopeName}村（社区）“两委”班子基本情况`]);
  ws.mergeCells(1, 1, 1, 2);
  ws.addRow([`统计范围：${scopeName}（${b.scopePrefix ?? ''}）`]);
  ws.addRow([`统计日期：${b.date}；上次换届：${lastElectionDate}`]);
  ws.addRow(['项目', '数值']);
  for (const [label, value] of basicSituationRows(b)) ws.addRow([label, value]);
  stripForbiddenInWorkbook(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
