import type { PoolClient } from 'pg';
import type { PersonRef } from '../domain';

export interface Liaison extends PersonRef {
  userId: string | null;
}

export interface LiaisonAssignment extends Liaison {
  villageCode: string;
  assignedBy: string;
  assignedAt: string;
}

/** 联村领导 / 包村干部 per village: the default first responsible person of the village's new cases. */
export abstract class LiaisonDirectory {
  /** Inside `tx` when given (a reaction's inbox transaction). */
  abstract liaisonOf(villageCode: string, tx?: PoolClient): Promise<Liaison | null>;
  abstract assign(villageCode: string, person: Liaison, by: string): Promise<LiaisonAssignment>;
  /** False when the village had none. */
  abstract remove(villageCode: string, by: string): Promise<boolean>;
  /** Assignments of the villages in `node`'s subtree. */
  abstract list(node: string): Promise<LiaisonAssignment[]>;
}
