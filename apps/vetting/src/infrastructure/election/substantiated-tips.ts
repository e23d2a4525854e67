import type { PoolClient } from 'pg';
import { In, type DataSource } from 'typeorm';
import { readModelManager } from '@lw/db';
import { SubstantiatedTips } from '../../application/election/substantiated-tips';
import type { SubstantiatedTipFact } from '../../domain/rules';
import { SubstantiatedTipRecord } from './substantiated-tips.entity';

/** Substantiated tips through TypeORM, on the caller's transaction when given. */
export class PgSubstantiatedTips extends SubstantiatedTips {
  constructor(private readonly readModels: DataSource) {
    super();
  }

  async of(personIds: readonly string[], tx?: PoolClient): Promise<Map<string, SubstantiatedTipFact[]>> {
    const out = new Map<string, SubstantiatedTipFact[]>();
    if (personIds.length === 0) return out;
    const rows = await readModelManager(this.readModels, tx)
      .getRepository(SubstantiatedTipRecord)
      .find({ where: { personId: In([...personIds]) }, order: { concludedOn: 'ASC', tipId: 'ASC' } });
    for (const r of rows) out.set(r.personId, [...(out.get(r.personId) ?? []), { tipId: r.tipId, concludedOn: r.concludedOn as SubstantiatedTipFact['concludedOn'], summary: r.summary }]);
    return out;
  }

  async add(tx: PoolClient, personId: string, fact: SubstantiatedTipFact): Promise<boolean> {
    const inserted = await readModelManager(this.readModels, tx)
      .createQueryBuilder()
      .insert()
      .into(SubstantiatedTipRecord)
      .values({ personId, tipId: fact.tipId, concludedOn: fact.concludedOn, summary: fact.summary })
      .orIgnore()
      .returning(['tipId'])
      .execute();
    // ON CONFLICT DO NOTHING returns no row for a tip already kept.
    return (inserted.raw as unknown[]).length > 0;
  }
}
