export * from './grievance.module';
export * from './grievance.service';
