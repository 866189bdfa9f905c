import { RequestContext } from '@lib/context';

interface TextColumn {
  table_name: string;
  column_name: string;
  data_type: string;
}

/** Regular-expression metacharacters, escaped so a name is matched as written. */
const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Replaces every occurrence of the given values (a person's name, e-mail,
 * phone), in any case, in every text, text-array and JSON column of every
 * tenant table the application may update, within one agency: free-text
 * notes, task titles, e-mail subjects and bodies of the outbox. Found from
 * the catalog, so a table added later is covered without a change here.
 * The audit trail holds ids only and is append-only.
 */
export async function scrubPersonalData(ctx: RequestContext, values: string[]): Promise<number> {
  const needles = [...new Set(values.map((value) => value.trim()).filter((value) => value.length >= 3))];
  if (needles.length === 0) return 0;
  const pattern = needles.map(escape).join('|');
  const columns = await ctx.query<TextColumn>(
    `SELECT c.table_name, c.column_name, c.data_type
       FROM information_schema.columns c
       JOIN information_schema.columns tenant
         ON tenant.table_schema = c.table_schema AND tenant.table_name = c.table_name AND tenant.column_name = 'agency_id'
      WHERE c.table_schema = 'public'
        AND (c.data_type IN ('text', 'character varying', 'jsonb') OR (c.data_type = 'ARRAY' AND c.udt_name = '_text'))
        AND has_table_privilege(format('%I.%I', c.table_schema, c.table_name), 'UPDATE')
      ORDER BY c.table_name, c.column_name`,
  );
  let changed = 0;
  for (const { table_name: table, column_name: column, data_type: type } of columns) {
    const col = `"${column}"`;
    const [replaced, matches] =
      type === 'jsonb'
        ? [`regexp_replace(${col}::text, $2, '[erased]', 'gi')::jsonb`, `${col}::text ~* $2`]
        : type === 'ARRAY'
          ? [
              `ARRAY(SELECT regexp_replace(item, $2, '[erased]', 'gi') FROM unnest(${col}) AS item)`,
              `array_to_string(${col}, ' ') ~* $2`,
            ]
          : [`regexp_replace(${col}, $2, '[erased]', 'gi')`, `${col} ~* $2`];
    const rows = await ctx.query(
      `UPDATE "${table}" SET ${col} = ${replaced} WHERE agency_id = $1 AND ${matches} RETURNING 1`,
      [ctx.agencyId, pattern],
    );
    changed += rows.length;
  }
  return changed;
}
