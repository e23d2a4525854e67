export * from './auditing.module';
export * from './auditing.service';
export * from './application/engagement.commands';
