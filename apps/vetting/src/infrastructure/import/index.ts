export * from './read-sheet';
export { SHEET_LIMITS, type SheetLimits } from './import-limits';
export type { SheetTable } from './sheet-table';
