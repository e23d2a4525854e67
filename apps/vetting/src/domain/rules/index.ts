export * from './facts';
export * from './dates';
export * from './person-rules';
export * from './slate-rules';
export * from './evaluate';
