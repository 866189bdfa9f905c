import { RequestContext } from '@lib/context';
import { EmployerContact } from '@lib/employers';
import { FieldSelection, JoinedField, plainEntityRowsSql, primeRows, subSelection } from '@lib/graphql';
import { StoredPlan, storedPlans } from './stored-plans.loader';

const PLAN = '"nextStep"';
const CONTACT = '"nextStep.contact"';
const CONTACT_PREFIX = 'nextStep.contact.';

/** The stored plan's columns the API shows (as storedPlans reads them), under the join's prefix. */
const PLAN_COLUMNS = `${PLAN}.application_id AS "nextStep.applicationId", ${PLAN}.action AS "nextStep.action",
  ${PLAN}.due_at AS "nextStep.dueAt", ${PLAN}.contact_id AS "nextStep.contactId", ${PLAN}.reason AS "nextStep.reason",
  ${PLAN}.temperature_score AS "nextStep.temperatureScore", ${PLAN}.temperature_reasons AS "nextStep.temperatureReasons"`;

function planOf(row: Record<string, unknown>): StoredPlan | null {
  if (row['nextStep.applicationId'] === null) return null;
  return {
    applicationId: row['nextStep.applicationId'] as string,
    action: row['nextStep.action'] as StoredPlan['action'],
    dueAt: row['nextStep.dueAt'] as Date | null,
    contactId: row['nextStep.contactId'] as string | null,
    reason: row['nextStep.reason'] as string,
    temperatureScore: row['nextStep.temperatureScore'] as number,
    temperatureReasons: row['nextStep.temperatureReasons'] as StoredPlan['temperatureReasons'],
  };
}

/**
 * The applications' stored plans joined to the applications' statement, for
 * the NextStep and Temperature fields; and, when the next step's contact is
 * asked, the contact, for the contact loader. Every plan is its application's
 * (primary key), every contact its plan's: one row per application still.
 */
export async function joinStoredPlans(
  ctx: RequestContext,
  applicationAlias: string,
  selection: FieldSelection,
): Promise<JoinedField> {
  const nextStep = subSelection(selection, 'nextStep');
  const contacts =
    nextStep && subSelection(nextStep, 'contact') ? await plainEntityRowsSql(ctx, EmployerContact) : null;
  const joins = [
    `LEFT JOIN application_next_steps ${PLAN}
       ON ${PLAN}.agency_id = ${applicationAlias}.agency_id AND ${PLAN}.application_id = ${applicationAlias}.id`,
  ];
  const columns = [PLAN_COLUMNS];
  if (contacts) {
    joins.push(
      `LEFT JOIN ${contacts.table} ${CONTACT} ON ${CONTACT}.agency_id = ${PLAN}.agency_id AND ${CONTACT}.id = ${PLAN}.contact_id`,
    );
    columns.push(contacts.joinedSelectList(CONTACT, CONTACT_PREFIX));
  }
  return {
    columns: columns.join(', '),
    joins: joins.join(' '),
    settle: (context, applicationIds, rows) => {
      const plans = storedPlans(context);
      const joinedContacts: EmployerContact[] = [];
      rows.forEach((row, index) => {
        plans.settle(applicationIds[index]!, planOf(row));
        const contact = contacts?.joinedEntity<EmployerContact>(row, CONTACT_PREFIX);
        if (contact) joinedContacts.push(contact);
      });
      primeRows(context, EmployerContact, joinedContacts);
    },
  };
}
