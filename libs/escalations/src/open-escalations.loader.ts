import { RequestContext } from '@lib/context';
import { preparedSql } from '@lib/database';
import { plainEntityRowsSql, SettledLoader } from '@lib/graphql';
import { Escalation } from './escalation.entity';

/**
 * The open escalations of each application of a batch, oldest raised first,
 * in one statement (served by the partial index of open escalations). Plain
 * rows, not TypeORM entities: this is on the counselor's dashboard, where
 * TypeORM's `In(...)` and entity building cost more than the statement.
 * The id breaks ties between escalations raised at the same instant, so the
 * order no longer depends on the plan.
 */
export function openEscalations(ctx: RequestContext): SettledLoader<Escalation[]> {
  return ctx.memo('open-escalations', () => {
    return new SettledLoader<Escalation[]>(async (applicationIds) => {
      const sql = await plainEntityRowsSql(ctx, Escalation);
      const rows = await ctx.query<Escalation>(
        preparedSql(`SELECT ${sql.selectList} FROM ${sql.table}
          WHERE agency_id = $1 AND application_id = ANY($2::uuid[]) AND resolved_at IS NULL
          ORDER BY raised_at, id`),
        [ctx.agencyId, [...applicationIds]],
      );
      const byApplication = new Map<string, Escalation[]>(applicationIds.map((id) => [id, []]));
      for (const row of rows) byApplication.get(row.applicationId)?.push(row);
      return applicationIds.map((id) => byApplication.get(id)!);
    });
  });
}
