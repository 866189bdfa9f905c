import { RequestContext } from '@lib/context';
import DataLoader from 'dataloader';
import { EntityTarget, In, ObjectLiteral } from 'typeorm';

/**
 * A per-request DataLoader of rows by id: every `load` made while resolving one
 * level of a GraphQL response becomes one `WHERE id IN (...)` query.
 */
export function rowsById<T extends ObjectLiteral & { id: string }>(
  ctx: RequestContext,
  entity: EntityTarget<T> & Function,
): DataLoader<string, T | undefined> {
  return ctx.memo(entity, () => {
    return new DataLoader<string, T | undefined>(async (ids) => {
      const repository = await ctx.repository(entity);
      const rows = await repository.findBy({ agencyId: ctx.agencyId, id: In([...ids]) } as never);
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id));
    });
  });
}

/**
 * A per-request DataLoader of the rows that belong to each parent id (one-to-many),
 * in one `WHERE <column> IN (...)` query per level.
 */
export function rowsByParent<T extends ObjectLiteral>(
  ctx: RequestContext,
  entity: EntityTarget<T> & Function,
  parentProperty: keyof T & string,
  order: Partial<Record<keyof T & string, 'ASC' | 'DESC'>> = {},
): DataLoader<string, T[]> {
  return ctx.memo(`${entity.name}:${parentProperty}`, () => {
    return new DataLoader<string, T[]>(async (parentIds) => {
      const repository = await ctx.repository(entity);
      const rows = await repository.find({
        where: { agencyId: ctx.agencyId, [parentProperty]: In([...parentIds]) } as never,
        order: order as never,
      });
      const byParent = new Map<string, T[]>(parentIds.map((id) => [id, []]));
      for (const row of rows) byParent.get(row[parentProperty] as string)?.push(row);
      return parentIds.map((id) => byParent.get(id) ?? []);
    });
  });
}
