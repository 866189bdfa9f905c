import { ResolveField, Resolver } from '@nestjs/graphql';
import { Application, ApplicationModel } from '@lib/applications';
import { RequestContext } from '@lib/context';
import { contactColumns, EmployerContact } from '@lib/employers';
import { ColumnSet, GraphqlContext, joinsAhead, rowById, subSelection } from '@lib/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { NextStepModel, TemperatureModel } from './next-step.model';
import { joinStoredPlans } from './stored-plans.join';
import { StoredPlan, storedPlans, temperatureColumns } from './stored-plans.loader';

// Read by the applications' own statement, joined (a page of a candidate's applications).
joinsAhead(ApplicationModel, 'nextStep', joinStoredPlans);
joinsAhead(ApplicationModel, 'temperature', joinStoredPlans);

/** The next step's contact: not asked (null), or read whole (undefined columns) or of a column set. */
type ContactRead = { columns: ColumnSet | undefined } | null;

function nextStepOf(
  ctx: RequestContext,
  plan: StoredPlan | null,
  contactRead: ContactRead,
): NextStepModel | null | Promise<NextStepModel> {
  if (!plan) return null;
  const step = (contact: EmployerContact | undefined): NextStepModel => ({
    action: plan.action,
    dueAt: plan.dueAt,
    reason: plan.reason,
    contact: contact ?? null,
  });
  const contact =
    plan.contactId && contactRead ? rowById(ctx, EmployerContact, plan.contactId, contactRead.columns) : undefined;
  return contact instanceof Promise ? contact.then(step) : step(contact);
}

function temperatureOf(plan: StoredPlan | null): TemperatureModel | null {
  return plan ? { score: plan.temperatureScore, reasons: plan.temperatureReasons } : null;
}

/** Both fields answer at once, without a promise, when the plans were read ahead with a page of applications. */
@Resolver(() => ApplicationModel)
export class ApplicationNextStepResolver {
  @ResolveField(() => NextStepModel, { nullable: true, description: 'What to do next, and when' })
  nextStep(
    application: Application,
    _args: unknown,
    { ctx }: GraphqlContext,
    selection: GraphQLResolveInfo,
  ): NextStepModel | null | Promise<NextStepModel | null> {
    const contact = subSelection(selection, 'contact');
    const contactRead: ContactRead = contact ? { columns: contactColumns(contact) } : null;
    const plan = storedPlans(ctx, 'brief').get(application.id);
    return plan instanceof Promise
      ? plan.then((settled) => nextStepOf(ctx, settled, contactRead))
      : nextStepOf(ctx, plan, contactRead);
  }

  @ResolveField(() => TemperatureModel, { nullable: true })
  temperature(
    application: Application,
    _args: unknown,
    { ctx }: GraphqlContext,
    selection: GraphQLResolveInfo,
  ): TemperatureModel | null | Promise<TemperatureModel | null> {
    const plan = storedPlans(ctx, temperatureColumns(selection)).get(application.id);
    return plan instanceof Promise ? plan.then(temperatureOf) : temperatureOf(plan);
  }
}
