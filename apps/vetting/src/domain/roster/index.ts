export * from './roster.types';
export * from './basic-situation';
export * from './roster-row';
