export * from './pool';
export * from './migrations';
export * from './leader';
export * from './run-all';
export * from './roles';
export * from './read-model-source';
export * from './raw-entities';
