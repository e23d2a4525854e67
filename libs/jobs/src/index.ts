export * from './jobs.port';
export * from './job-id';
export * from './job-spec';
export * from './job-logger';
export * from './pg/jobs.migrations';
export * from './pg/pg-job-scheduler';
export * from './bullmq/bullmq-job-scheduler';
