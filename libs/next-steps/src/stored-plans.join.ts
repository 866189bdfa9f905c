import { RequestContext } from '@lib/context';
import { contactColumns, EmployerContact } from '@lib/employers';
import { FieldSelection, JoinedField, plainEntityRowsSql, primeRows, subSelection } from '@lib/graphql';
import {
  StoredPlan,
  StoredPlanColumns,
  storedPlanKeys,
  storedPlanSelectList,
  storedPlans,
  temperatureColumns,
} from './stored-plans.loader';

const PLAN = '"nextStep"';
const CONTACT = '"nextStep.contact"';
const CONTACT_PREFIX = 'nextStep.contact.';

const PLAN_PREFIX = 'nextStep.';
const PLAN_KEYS = {
  brief: storedPlanKeys('brief', PLAN_PREFIX),
  withReasons: storedPlanKeys('withReasons', PLAN_PREFIX),
};

/** The plan a row holds under the join's prefix; null where the LEFT JOIN found none. */
function planOf(row: Record<string, unknown>, columns: StoredPlanColumns): StoredPlan | null {
  if (row[`${PLAN_PREFIX}applicationId`] === null) return null;
  const plan: Record<string, unknown> = {};
  for (const [property, key] of PLAN_KEYS[columns]) plan[property] = row[key];
  return plan as StoredPlan;
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
  const temperature = subSelection(selection, 'temperature');
  const planColumns = temperature ? temperatureColumns(temperature) : 'brief';
  const contact = nextStep && subSelection(nextStep, 'contact');
  const contactSet = contactColumns(contact);
  const allContacts = contact ? await plainEntityRowsSql(ctx, EmployerContact) : null;
  const contacts = allContacts?.narrowed(contactSet) ?? null;
  const joins = [
    `LEFT JOIN application_next_steps ${PLAN}
       ON ${PLAN}.agency_id = ${applicationAlias}.agency_id AND ${PLAN}.application_id = ${applicationAlias}.id`,
  ];
  const columns = [storedPlanSelectList(planColumns, PLAN, PLAN_PREFIX)];
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
      // A plan with its reasons answers the fields that do not ask for them as well.
      const loaders = [storedPlans(context, planColumns)];
      if (planColumns === 'withReasons') loaders.push(storedPlans(context, 'brief'));
      const joinedContacts: EmployerContact[] = [];
      rows.forEach((row, index) => {
        const plan = planOf(row, planColumns);
        for (const plans of loaders) plans.settle(applicationIds[index]!, plan);
        const contact = contacts?.joinedEntity<EmployerContact>(row, CONTACT_PREFIX);
        if (contact) joinedContacts.push(contact);
      });
      primeRows(context, EmployerContact, joinedContacts, contactSet);
    },
  };
}
