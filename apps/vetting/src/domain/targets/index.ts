export * from './ratio';
export * from './county-targets';
export * from './compare-targets';
