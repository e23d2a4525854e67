import type { Migration } from '@lw/db';
import { confidentialMigrations } from '../confidential/confidential.migrations';
import { keyRingMigrations } from './key-ring.migrations';
import { tiplineTableMigrations } from './tipline.migrations';

/** Every schema change of the tip-line, in order. */
export const tiplineMigrations: Migration[] = [...confidentialMigrations, ...tiplineTableMigrations, ...keyRingMigrations];
