export * from './roster.types';
export * from './basic-situation';
