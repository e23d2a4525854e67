export * from './read-sheet';
export type { SheetTable } from './sheet-table';
