export * from './vetting.module';
export * from './vetting.service';
