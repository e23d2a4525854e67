export * from './tipline.module';
export * from './tipline.service';
export { Tipline } from './infrastructure/tipline-runtime';
