import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { readModelManager } from '@lw/db';
import { Objections, type Objection } from '../../application/election/objections';
import { ObjectionRecord } from './objections.entity';

/** Objections through TypeORM, on the caller's (inbox) transaction. */
export class PgObjections extends Objections {
  constructor(private readonly readModels: DataSource) {
    super();
  }

  async record(o: Objection, tx: PoolClient): Promise<void> {
    await readModelManager(this.readModels, tx).createQueryBuilder().insert().into(ObjectionRecord).values({ tipId: o.tipId, streamId: o.streamId, noticeId: o.noticeId }).orIgnore().execute();
  }

  async streamOf(tipId: string, tx: PoolClient): Promise<string | undefined> {
    const row = await readModelManager(this.readModels, tx).getRepository(ObjectionRecord).findOne({ select: { streamId: true }, where: { tipId } });
    return row?.streamId;
  }
}
