/**
 * Finding categories (问题类别) as data: the list of DOMAIN.md §3, extendable per province without
 * code. A finding names a category by its code; the report and the tables show the Chinese name.
 */
export interface FindingCategory {
  code: string;
  name: string;
  /** The tip-line category a suspected violation of this kind is transferred under (ViolationTransferred.category). */
  tipCategory: string;
}

export const FINDING_CATEGORIES: readonly FindingCategory[] = [
  { code: 'unreceipted_voucher', tipCategory: 'collective_funds', name: '白条入账' },
  { code: 'misappropriation', tipCategory: 'collective_funds', name: '挪用' },
  { code: 'over_standard_spending', tipCategory: 'corruption', name: '超标准支出' },
  { code: 'undemocratic_decision', tipCategory: 'misconduct', name: '未经民主程序决策' },
  { code: 'unclear_asset_ledger', tipCategory: 'collective_funds', name: '资产台账不清' },
  { code: 'irregular_contract', tipCategory: 'misconduct', name: '合同不规范' },
  { code: 'underpriced_lease', tipCategory: 'favouritism', name: '低价发包' },
  { code: 'new_debt', tipCategory: 'misconduct', name: '新增债务' },
  { code: 'other', tipCategory: 'corruption', name: '其他' },
];

export function categoryName(code: string, categories: readonly FindingCategory[] = FINDING_CATEGORIES): string {
  return categories.find((c) => c.code === code)?.name ?? code;
}
