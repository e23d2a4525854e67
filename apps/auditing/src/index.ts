export * from './auditing.module';
export * from './auditing.service';
