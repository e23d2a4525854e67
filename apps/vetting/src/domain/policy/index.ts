export * from './policy-pack';
export * from './default-pack';
export * from './alternative-pack';
