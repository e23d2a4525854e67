import { stripForbiddenCharacters } from '@lw/domain';

interface CellLike {
  value: unknown;
}
interface WorkbookLike {
  eachSheet(cb: (sheet: { eachRow(cb: (row: { eachCell(cb: (cell: CellLike) => void): void }) => void): void }) => void): void;
}

/**
 * Every text cell of a workbook (ExcelJS) without the characters XML 1.0 forbids, just before it is
 * written. ExcelJS drops most C0 controls itself but not all (U+FFFE, U+FFFF); requests carrying
 * them are refused at the door, and this covers anything stored before that. Shared by every xlsx
 * writer, as the docx writer shares stripForbiddenCharacters.
 */
export function stripForbiddenInWorkbook(wb: WorkbookLike): void {
  wb.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value;
        if (typeof v === 'string') {
          const clean = stripForbiddenCharacters(v);
          if (clean !== v) cell.value = clean;
        } else if (v && typeof v === 'object' && Array.isArray((v as { richText?: unknown }).richText)) {
          const rich = (v as { richText: { text: string }[] }).richText;
          if (rich.some((r) => typeof r.text === 'string' && stripForbiddenCharacters(r.text) !== r.text)) {
            cell.value = { ...v, richText: rich.map((r) => ({ ...r, text: stripForbiddenCharacters(String(r.text)) })) };
          }
        }
      }),
    ),
  );
}
