import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { readModelManager } from '@lw/db';
import { OpenNominations, type OpenNomination } from '../../application/election/open-nominations';
import { NominationRecord } from './nominations.entity';

/** Open nominations from the board projection's table, on the caller's transaction. */
export class PgOpenNominations extends OpenNominations {
  constructor(private readonly readModels: DataSource) {
    super();
  }

  async named(villageCode: string, name: string, tx: PoolClient): Promise<OpenNomination[]> {
    const rows = await readModelManager(this.readModels, tx).getRepository(NominationRecord).find({ where: { villageCode, name, open: true } });
    return rows.map((r) => ({ streamId: r.streamId, nomineeId: r.nomineeId, personId: r.personId }));
  }
}
