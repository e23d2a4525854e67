export * from './review-verdict';
export * from './village-election.events';
export * from './village-election.state';
export * from './village-election.decisions';
export * from './notice-period';
export * from './village-gate';
export * from './review-inputs';
export * from './election-timeline';
