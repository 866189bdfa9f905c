import { RequestContext } from '@lib/context';
import { preparedSql } from '@lib/database';
import { FieldSelection, SettledLoader, subSelection } from '@lib/graphql';
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

/**
 * Which of the stored plan's columns are read: `withReasons` all of them,
 * `brief` all but the temperature's reasons (a JSON list, the widest of
 * them), which only `temperature { reasons }` shows. Two fixed sets, so
 * that the statements stay few enough to prepare.
 */
export type StoredPlanColumns = 'brief' | 'withReasons';

/** The columns that answer what `selection` (a `temperature` field) asks. */
export const temperatureColumns = (selection: FieldSelection): StoredPlanColumns =>
  subSelection(selection, 'reasons') ? 'withReasons' : 'brief';

const columnsOf = (columns: StoredPlanColumns) =>
  columns === 'withReasons'
    ? STORED_PLAN_COLUMNS
    : STORED_PLAN_COLUMNS.filter(([, property]) => property !== 'temperatureReasons');

/** The stored plan's columns of the table read as `alias`, named `<prefix><property>`. */
export const storedPlanSelectList = (columns: StoredPlanColumns, alias: string, prefix = '') =>
  columnsOf(columns)
    .map(([column, property]) => `${alias}.${column} AS "${prefix}${property}"`)
    .join(', ');

/** Each StoredPlan property of the set with its name in a row read under `prefix`, built once rather than for every row. */
export const storedPlanKeys = (columns: StoredPlanColumns, prefix: string) =>
  columnsOf(columns).map(([, property]) => [property, prefix + property] as const);

const storedPlansOf = (columns: StoredPlanColumns) =>
  preparedSql(`
  SELECT ${storedPlanSelectList(columns, 'n')}
    FROM application_next_steps n
   WHERE n.agency_id = $1 AND n.application_id = ANY($2::uuid[])`);

const STORED_PLANS = { brief: storedPlansOf('brief'), withReasons: storedPlansOf('withReasons') };

/** Fixed keys: one built for every call (two per application) would be a new string to hash each time. */
const STORED_PLANS_MEMO = { brief: 'stored-plans:brief', withReasons: 'stored-plans:withReasons' };

/**
 * Applications' stored plans, one statement per batch, only the columns the
 * API shows, shared by the NextStep and Temperature fields of a request: one
 * loader per column set, so that a brief plan never answers a field that
 * asks for the reasons. A page of a candidate's applications reads them
 * joined instead, with the contacts they name (joinStoredPlans); these
 * loaders answer the rest.
 */
export function storedPlans(ctx: RequestContext, columns: StoredPlanColumns): SettledLoader<StoredPlan | null> {
  return ctx.memo(STORED_PLANS_MEMO[columns], () => {
    return new SettledLoader<StoredPlan | null>(async (applicationIds) => {
      const rows = await ctx.query<StoredPlan>(STORED_PLANS[columns], [ctx.agencyId, [...applicationIds]]);
      const byApplication = new Map(rows.map((row) => [row.applicationId, row]));
      return applicationIds.map((id) => byApplication.get(id) ?? null);
    });
  });
}
