export * from './review-verdict';
export * from './village-election.events';
export * from './village-election.state';
export * from './village-election.decisions';
