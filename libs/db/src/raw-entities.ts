import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * Column types whose values node-postgres already parses as TypeORM's hydration would leave them
 * (text, numbers that fit, booleans, json, instants as Dates): assigned as they come.
 */
const AS_PARSED = new Set<unknown>(['text', 'varchar', 'character varying', 'uuid', 'integer', 'int', 'int4', 'smallint', 'boolean', 'json', 'jsonb', 'timestamptz', 'timestamp with time zone']);

/**
 * Reads a query builder's raw rows over one entity (alias `alias`, no joins) as entities, each
 * column converted as TypeORM's own hydration converts it. For hot pages: getMany's transformer,
 * relation-id pass and load broadcast, and even a per-column prepareHydratedValue, cost as much as
 * the SQL of the grievance ledger's 50-row page; here a plain column is one assignment and only
 * the others (dates, transformers, embeddeds) go through the driver.
 */
export function rawEntities<T extends ObjectLiteral>(source: DataSource, entity: EntityTarget<T>, alias: string): (rows: Record<string, unknown>[]) => T[] {
  const metadata = source.getMetadata(entity);
  const plain = (c: ColumnMetadata) => AS_PARSED.has(c.type) && !c.transformer && !c.embeddedMetadata && !c.isArray;
  const direct = metadata.columns.filter(plain).map((c) => [`${alias}_${c.databaseName}`, c.propertyName] as const);
  const converted = metadata.columns.filter((c) => !plain(c)).map((c) => [`${alias}_${c.databaseName}`, c] as const);
  return (rows) =>
    rows.map((raw) => {
      const entity = metadata.create() as Record<string, unknown>;
      for (const [key, property] of direct) entity[property] = raw[key];
      for (const [key, column] of converted) column.setEntityValue(entity, source.driver.prepareHydratedValue(raw[key], column));
      return entity as T;
    });
}
