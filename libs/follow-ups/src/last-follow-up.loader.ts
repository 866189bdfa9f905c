import { RequestContext } from '@lib/context';
import { preparedSql } from '@lib/database';
import {
  ColumnSet,
  columnSet,
  columnsAsked,
  EntityRowsSql,
  FieldSelection,
  plainEntityRowsSql,
  SettledLoader,
} from '@lib/graphql';
import { FollowUp } from './follow-up.entity';
import { FOLLOW_UP_TYPE } from './follow-up.model';

/**
 * What a list shows of an application's last contact (the counselor's
 * dashboard): when a query asks nothing else of it, only these columns are
 * read, and not its notes, its author or the ids it repeats from the
 * application.
 */
const SUMMARY = columnSet('summary', [
  'id',
  'applicationId',
  'occurredAt',
  'channel',
  'purpose',
  'direction',
  'outcome',
]);

/** The summary when it answers what `selection` (a `lastFollowUp` field) asks, undefined for whole rows. */
export const lastFollowUpColumns = (selection: FieldSelection) => columnsAsked(selection, FOLLOW_UP_TYPE, SUMMARY);

/** How to read the follow-ups' columns of that set. */
export async function followUpRowsSql(ctx: RequestContext, columns: ColumnSet | undefined): Promise<EntityRowsSql> {
  return (await plainEntityRowsSql(ctx, FollowUp)).narrowed(columns);
}

/** Fixed keys: one built for every call (one per application) would be a new string to hash each time. */
const LAST_FOLLOW_UPS_MEMO = new Map<ColumnSet | undefined, string>([
  [undefined, 'last-follow-up:whole'],
  [SUMMARY, 'last-follow-up:summary'],
]);

/**
 * The latest follow-up of each application of a batch, in one DISTINCT ON
 * statement. Plain rows, not TypeORM entities: this is on the counselor's
 * dashboard, where building entities cost more than the statement. One
 * loader per column set: a summary row must never answer a field that asks
 * for more.
 */
export function lastFollowUps(ctx: RequestContext, columns: ColumnSet | undefined): SettledLoader<FollowUp | null> {
  return ctx.memo(LAST_FOLLOW_UPS_MEMO.get(columns)!, () => {
    return new SettledLoader<FollowUp | null>(async (applicationIds) => {
      const sql = await followUpRowsSql(ctx, columns);
      const rows = await ctx.query<FollowUp>(
        preparedSql(`SELECT DISTINCT ON (application_id) ${sql.selectList} FROM ${sql.table}
          WHERE agency_id = $1 AND application_id = ANY($2::uuid[])
          ORDER BY application_id, occurred_at DESC, id DESC`),
        [ctx.agencyId, [...applicationIds]],
      );
      const byApplication = new Map(rows.map((row) => [row.applicationId, row]));
      return applicationIds.map((id) => byApplication.get(id) ?? null);
    });
  });
}
