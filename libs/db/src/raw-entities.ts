import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Reads a query builder's raw rows over one entity (alias `alias`, no joins) as entities, each
 * column converted by the driver as TypeORM's own hydration converts it. For hot pages: getMany
 * also runs its result transformer, relation-id loading and load-event broadcast per row, which
 * nearly doubled the grievance ledger's 50-row page (bench: 0.9 → 1.7 ms p50).
 */
export function rawEntities<T extends ObjectLiteral>(source: DataSource, entity: EntityTarget<T>, alias: string): (rows: Record<string, unknown>[]) => T[] {
  const metadata = source.getMetadata(entity);
  const columns = metadata.columns.map((column) => ({ key: `${alias}_${column.databaseName}`, column }));
  return (rows) =>
    rows.map((raw) => {
      const entity = metadata.create() as T;
      for (const { key, column } of columns) column.setEntityValue(entity, source.driver.prepareHydratedValue(raw[key], column));
      return entity;
    });
}
