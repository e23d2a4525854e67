export * from './tipline.module';
export * from './tipline.service';
export { DEFAULT_SCRYPT_COST } from './infrastructure/receipt/scrypt-receipt-hasher';
export { SubmitTip } from './application/tip-submission.commands';
