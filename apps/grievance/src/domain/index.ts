export * from './case-source';
export * from './case-status';
export * from './grievance-policy';
export * from './case-deadline';
export * from './case.events';
export * from './case.state';
export * from './case-errors';
export * from './case.decisions';
