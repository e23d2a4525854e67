export * from './shared.schemas';
export * from './tipline.contracts';
export * from './vetting.contracts';
export * from './grievance.contracts';
export * from './auditing.contracts';
export * from './integration-contracts';
export * from './latest-payloads';
