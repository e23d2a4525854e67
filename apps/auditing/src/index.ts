export * from './auditing.module';
export * from './auditing.service';
export { Auditing } from './infrastructure/auditing-runtime';
