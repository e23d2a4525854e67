import { ContractRegistry } from '../events/contract-registry';
import type { EventContract } from '../events/event-contract';
import { REPORTER_IDENTITY_KEYS } from '../events/forbidden-keys';
import { AUDITING_CONTRACTS } from './auditing.contracts';
import { GRIEVANCE_CONTRACTS } from './grievance.contracts';
import { TIPLINE_CONTRACTS } from './tipline.contracts';
import { VETTING_CONTRACTS } from './vetting.contracts';

export const ALL_CONTRACTS: EventContract[] = [...TIPLINE_CONTRACTS, ...VETTING_CONTRACTS, ...GRIEVANCE_CONTRACTS, ...AUDITING_CONTRACTS];

/**
 * Every integration contract of the product, with reporter-identity keys forbidden in ALL of them
 * (no producer may carry a reporter, not only the tip-line). Services that do not exist yet are
 * here already, so consumers validate what they will receive.
 */
export function integrationContracts(): ContractRegistry {
  const registry = new ContractRegistry({ forbiddenKeys: REPORTER_IDENTITY_KEYS });
  for (const c of ALL_CONTRACTS) registry.register(c);
  registry.assertComplete();
  return registry;
}
