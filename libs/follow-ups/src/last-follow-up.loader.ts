import { RequestContext } from '@lib/context';
import { preparedSql } from '@lib/database';
import { plainEntityRowsSql, SettledLoader } from '@lib/graphql';
import { FollowUp } from './follow-up.entity';

/**
 * The latest follow-up of each application of a batch, in one DISTINCT ON
 * statement. Plain rows, not TypeORM entities: this is on the counselor's
 * dashboard, where building entities cost more than the statement.
 */
export function lastFollowUps(ctx: RequestContext): SettledLoader<FollowUp | null> {
  return ctx.memo('last-follow-up', () => {
    return new SettledLoader<FollowUp | null>(async (applicationIds) => {
      const sql = await plainEntityRowsSql(ctx, FollowUp);
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
