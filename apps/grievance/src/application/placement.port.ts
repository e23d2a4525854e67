import type { PoolClient } from 'pg';
import type { PersonRef } from '../domain';

/** Where a village sits and who answers for its rectification by default. */
export interface CasePlacement {
  /** The village-level (or, for a case without a village, the deployment's) node code, or null when unknown. */
  normalize(code: string): string | null;
  isKnownVillage(code: string): boolean;
  townshipOf(villageCode: string): { code: string; name: string } | null;
  /** 责任单位 by default: the village's township party committee (乡镇党委). */
  defaultUnit(villageCode: string): string;
  /** The deployment root (a case from a tip without a village is placed there). */
  root: string;
}

/** The liaison (联村领导 / 包村干部) assigned to a village: the default first responsible person. */
export interface LiaisonDirectory {
  liaisonOf(villageCode: string, tx?: PoolClient): Promise<(PersonRef & { userId: string | null }) | null>;
}
