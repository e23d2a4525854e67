export * from './postgres';
export * from './kafka';
export * from './private-postgres';
