import type { InboxRow } from './tip-read-model.port';

/** The inbox as the Excel ledger clerks file (举报台账); rows already cut to the viewer's access, no reporter identity. */
export abstract class TipLedgerSpreadsheet {
  abstract write(rows: readonly InboxRow[], title: string): Promise<Buffer>;
}
