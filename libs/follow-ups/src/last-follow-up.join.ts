import { RequestContext } from '@lib/context';
import { FieldSelection, JoinedField, subSelection } from '@lib/graphql';
import { FollowUp } from './follow-up.entity';
import { followUpRowsSql, lastFollowUpColumns, lastFollowUps } from './last-follow-up.loader';

const LAST = '"lastFollowUp"';
const PREFIX = 'lastFollowUp.';

/**
 * Each application's latest follow-up joined to the applications' statement,
 * for the LastFollowUp field: a LATERAL subquery of one row, read backwards
 * on the (agency, application, time) index, ties broken by id as the
 * lastFollowUps loader breaks them; only the columns the field's loader of
 * the same column set reads.
 */
export async function joinLastFollowUps(
  ctx: RequestContext,
  applicationAlias: string,
  applicationSelection: FieldSelection,
): Promise<JoinedField> {
  const asked = subSelection(applicationSelection, 'lastFollowUp');
  const columns = asked && lastFollowUpColumns(asked);
  const followUps = await followUpRowsSql(ctx, columns);
  return {
    columns: followUps.joinedSelectList(LAST, PREFIX),
    joins: `LEFT JOIN LATERAL (
        SELECT ${followUps.columnNames} FROM ${followUps.table}
         WHERE agency_id = ${applicationAlias}.agency_id AND application_id = ${applicationAlias}.id
         ORDER BY occurred_at DESC, id DESC
         LIMIT 1) ${LAST} ON true`,
    settle: (context, applicationIds, rows) => {
      const last = lastFollowUps(context, columns);
      rows.forEach((row, index) =>
        last.settle(applicationIds[index]!, followUps.joinedEntity<FollowUp>(row, PREFIX) ?? null),
      );
    },
  };
}
