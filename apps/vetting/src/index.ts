export * from './vetting.module';
export * from './vetting.service';
export { Vetting } from './infrastructure/vetting-runtime';
