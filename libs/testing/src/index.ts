export * from './postgres';
export * from './kafka';
export * from './private-postgres';
export * from './wait';
export * from './http-client';
export * from './election-fixtures';
export * from './distributed-env';
