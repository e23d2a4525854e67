export * from './tipline.module';
export * from './tipline.service';
