/**
 * Bounds on what one uploaded spreadsheet may make the server hold or loop over. A county roster is
 * ≈600 villages × 10 rows × 15–30 columns; every bound is several times that, and each one is
 * checked on the file's bytes before the spreadsheet library parses it (which holds every cell in
 * memory and expands declared ranges cell by cell).
 */
export const SHEET_LIMITS = {
  /** The upload itself (multer refuses larger bodies; readSheet checks again). */
  maxFileBytes: 20 * 1024 * 1024,
  /** Entries in the xlsx zip (a normal workbook has 10–30). */
  maxEntries: 1_000,
  /** One entry, inflated (a 6,000-row sheet is ≈3 MB of XML). */
  maxEntryBytes: 32 * 1024 * 1024,
  /** All entries together, inflated. */
  maxTotalBytes: 64 * 1024 * 1024,
  /** Highest row number of any row or cell, and rows in one sheet. */
  maxRows: 20_000,
  /** Highest column of any cell (Excel's own limit is 16,384). */
  maxColumns: 200,
  /** Cells in all sheets, merged areas counted cell by cell. */
  maxCells: 300_000,
  /** Cells under data validations (下拉列表), which the reader expands cell by cell; past this they are dropped before reading (a whole column is 1,048,576). */
  maxValidatedCells: 200_000,
  /** Column definitions go up to Excel's last column (XFD). */
  maxColumnDefinition: 16_384,
} as const;

export type SheetLimits = { readonly [K in keyof typeof SHEET_LIMITS]: number };
