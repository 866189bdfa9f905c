import { RequestContext } from '@lib/context';
import { preparedSql } from '@lib/database';
import { SettledLoader } from '@lib/graphql';
import { ApplicationNextStep } from './application-next-step.entity';

/** What the NextStep and Temperature fields show of an application's stored plan (the escalation columns are the sweep's). */
export type StoredPlan = Pick<
  ApplicationNextStep,
  'applicationId' | 'action' | 'dueAt' | 'contactId' | 'reason' | 'temperatureScore' | 'temperatureReasons'
>;

/** The stored plan's columns the API shows, by the StoredPlan property each fills: read alone or joined. */
export const STORED_PLAN_COLUMNS: ReadonlyArray<readonly [column: string, property: keyof StoredPlan]> = [
  ['application_id', 'applicationId'],
  ['action', 'action'],
  ['due_at', 'dueAt'],
  ['contact_id', 'contactId'],
  ['reason', 'reason'],
  ['temperature_score', 'temperatureScore'],
  ['temperature_reasons', 'temperatureReasons'],
];

/** The stored plan's columns of the table read as `alias`, named `<prefix><property>`. */
export const storedPlanSelectList = (alias: string, prefix = '') =>
  STORED_PLAN_COLUMNS.map(([column, property]) => `${alias}.${column} AS "${prefix}${property}"`).join(', ');

const STORED_PLANS = preparedSql(`
  SELECT ${storedPlanSelectList('n')}
    FROM application_next_steps n
   WHERE n.agency_id = $1 AND n.application_id = ANY($2::uuid[])`);

/**
 * Applications' stored plans, one statement per batch, only the columns the
 * API shows, shared by the NextStep and Temperature fields of a request.
 * A page of a candidate's applications reads them joined instead, with the
 * contacts they name (joinStoredPlans); this loader answers the rest.
 */
export function storedPlans(ctx: RequestContext): SettledLoader<StoredPlan | null> {
  return ctx.memo('stored-plans', () => {
    return new SettledLoader<StoredPlan | null>(async (applicationIds) => {
      const rows = await ctx.query<StoredPlan>(STORED_PLANS, [ctx.agencyId, [...applicationIds]]);
      const byApplication = new Map(rows.map((row) => [row.applicationId, row]));
      return applicationIds.map((id) => byApplication.get(id) ?? null);
    });
  });
}
