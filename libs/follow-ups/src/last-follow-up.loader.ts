import { RequestContext } from '@lib/context';
import { preparedSql } from '@lib/database';
import { EntityRowsSql, FieldSelection, plainEntityRowsSql, readsWithin, SettledLoader } from '@lib/graphql';
import { FollowUp } from './follow-up.entity';
import { FOLLOW_UP_TYPE } from './follow-up.model';

/**
 * What a list shows of an application's last contact (the counselor's
 * dashboard): when a query asks nothing else of it, only these columns are
 * read, and not its notes, its author or the ids it repeats from the
 * application.
 */
const SUMMARY: ReadonlyArray<keyof FollowUp & string> = [
  'id',
  'applicationId',
  'occurredAt',
  'channel',
  'purpose',
  'direction',
  'outcome',
];
const SUMMARY_PROPERTIES: ReadonlySet<string> = new Set(SUMMARY);

/** The columns read of last follow-ups: one of two fixed sets, so that their statements stay few enough to prepare. */
export type LastFollowUpColumns = 'summary' | 'whole';

/** The columns that answer what `selection` (a `lastFollowUp` field) asks. */
export function lastFollowUpColumns(selection: FieldSelection): LastFollowUpColumns {
  return readsWithin(selection, FOLLOW_UP_TYPE, SUMMARY_PROPERTIES) ? 'summary' : 'whole';
}

/** How to read the follow-ups' columns of that set. */
export async function followUpRowsSql(ctx: RequestContext, columns: LastFollowUpColumns): Promise<EntityRowsSql> {
  const sql = await plainEntityRowsSql(ctx, FollowUp);
  return columns === 'summary' ? sql.narrowed(SUMMARY) : sql;
}

/** Fixed keys: one built for every call (one per application) would be a new string to hash each time. */
const LAST_FOLLOW_UPS_MEMO = { summary: 'last-follow-up:summary', whole: 'last-follow-up:whole' };

/**
 * The latest follow-up of each application of a batch, in one DISTINCT ON
 * statement. Plain rows, not TypeORM entities: this is on the counselor's
 * dashboard, where building entities cost more than the statement. One
 * loader per column set: a summary row must never answer a field that asks
 * for more.
 */
export function lastFollowUps(ctx: RequestContext, columns: LastFollowUpColumns): SettledLoader<FollowUp | null> {
  return ctx.memo(LAST_FOLLOW_UPS_MEMO[columns], () => {
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
