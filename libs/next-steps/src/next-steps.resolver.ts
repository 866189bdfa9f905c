import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Application, ApplicationModel } from '@lib/applications';
import { RequestContext } from '@lib/context';
import { EmployerContact } from '@lib/employers';
import { Ctx, rowsById, rowsByParent } from '@lib/graphql';
import { ApplicationNextStep } from './application-next-step.entity';
import { NextStepModel, TemperatureModel } from './next-step.model';

/** An application's stored plan: at most one row, batched per request like every one-to-many field. */
async function planOf(ctx: RequestContext, applicationId: string): Promise<ApplicationNextStep | undefined> {
  return (await rowsByParent(ctx, ApplicationNextStep, 'applicationId').load(applicationId))[0];
}

@Resolver(() => ApplicationModel)
export class ApplicationNextStepResolver {
  @ResolveField(() => NextStepModel, { nullable: true, description: 'What to do next, and when' })
  async nextStep(@Ctx() ctx: RequestContext, @Parent() application: Application): Promise<NextStepModel | null> {
    const plan = await planOf(ctx, application.id);
    if (!plan) return null;
    const contact = plan.contactId ? await rowsById(ctx, EmployerContact).load(plan.contactId) : undefined;
    return { action: plan.action, dueAt: plan.dueAt, reason: plan.reason, contact: contact ?? null };
  }

  @ResolveField(() => TemperatureModel, { nullable: true })
  async temperature(@Ctx() ctx: RequestContext, @Parent() application: Application): Promise<TemperatureModel | null> {
    const plan = await planOf(ctx, application.id);
    return plan ? { score: plan.temperatureScore, reasons: plan.temperatureReasons } : null;
  }
}
