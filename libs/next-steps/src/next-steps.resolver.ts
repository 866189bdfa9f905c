import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Application, ApplicationModel } from '@lib/applications';
import { RequestContext } from '@lib/context';
import { EmployerContact } from '@lib/employers';
import { Ctx, rowsById } from '@lib/graphql';
import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { ApplicationNextStep } from './application-next-step.entity';
import { NextStepModel, TemperatureModel } from './next-step.model';

function planOf(ctx: RequestContext): DataLoader<string, ApplicationNextStep | undefined> {
  return ctx.memo(ApplicationNextStep, () => {
    return new DataLoader<string, ApplicationNextStep | undefined>(async (applicationIds) => {
      const rows = await (
        await ctx.repository(ApplicationNextStep)
      ).findBy({ agencyId: ctx.agencyId!, applicationId: In([...applicationIds]) });
      const byApplication = new Map(rows.map((row) => [row.applicationId, row]));
      return applicationIds.map((id) => byApplication.get(id));
    });
  });
}

@Resolver(() => ApplicationModel)
export class ApplicationNextStepResolver {
  @ResolveField(() => NextStepModel, { nullable: true, description: 'What to do next, and when' })
  async nextStep(@Ctx() ctx: RequestContext, @Parent() application: Application): Promise<NextStepModel | null> {
    const plan = await planOf(ctx).load(application.id);
    if (!plan) return null;
    const contact = plan.contactId ? await rowsById(ctx, EmployerContact).load(plan.contactId) : undefined;
    return { action: plan.action, dueAt: plan.dueAt, reason: plan.reason, contact: contact ?? null };
  }

  @ResolveField(() => TemperatureModel, { nullable: true })
  async temperature(@Ctx() ctx: RequestContext, @Parent() application: Application): Promise<TemperatureModel | null> {
    const plan = await planOf(ctx).load(application.id);
    return plan ? { score: plan.temperatureScore, reasons: plan.temperatureReasons } : null;
  }
}
