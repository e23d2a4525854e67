export * from './tipline.module';
export * from './tipline.service';
export { Tipline } from './infrastructure/tipline-runtime';
export { DEFAULT_SCRYPT_COST } from './infrastructure/receipt/scrypt-receipt-hasher';
