export * from './policy-pack';
export * from './policy-pack.schema';
export * from './policy-field-labels';
export * from './validate-policy-pack';
export * from './default-pack';
export * from './alternative-pack';
