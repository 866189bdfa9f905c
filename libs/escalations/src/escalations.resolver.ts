import { Args, Field, Int, Mutation, ObjectType, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Application, ApplicationModel } from '@lib/applications';
import { RequestContext, Role, Roles } from '@lib/context';
import { EmployerContact, EmployerContactModel } from '@lib/employers';
import { Ctx, GraphqlContext, readsAhead, rowsById } from '@lib/graphql';
import { User, UserModel } from '@lib/users';
import { EscalationsArgs } from './dto/escalations.args';
import { ResolveEscalationInput } from './dto/resolve-escalation.input';
import { Escalation } from './escalation.entity';
import { EscalationConnection, EscalationModel } from './escalation.model';
import { EscalationRaiser } from './escalation-raiser';
import { EscalationsService } from './escalations.service';
import { openEscalations } from './open-escalations.loader';

@ObjectType('EscalationSweepResult')
export class EscalationSweepResult {
  @Field(() => Int, { description: 'Escalations this run raised (0 when every due one was already raised)' })
  raised!: number;
}

@Resolver(() => EscalationModel)
export class EscalationsResolver {
  constructor(
    private readonly escalations: EscalationsService,
    private readonly raiser: EscalationRaiser,
  ) {}

  @Query(() => EscalationConnection, { name: 'escalations', description: 'Escalations, oldest raised first' })
  list(@Ctx() ctx: RequestContext, @Args() args: EscalationsArgs): Promise<EscalationConnection> {
    return this.escalations.list(ctx, args.first, args.after, args.filter);
  }

  @Mutation(() => EscalationModel)
  resolveEscalation(@Ctx() ctx: RequestContext, @Args('input') input: ResolveEscalationInput): Promise<Escalation> {
    return this.escalations.resolve(ctx, input);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => EscalationSweepResult, {
    description: "Sweeps the agency's applications now instead of waiting for the scheduled sweep",
  })
  async runEscalationSweep(@Ctx() ctx: RequestContext): Promise<EscalationSweepResult> {
    return { raised: (await this.raiser.raiseDue(ctx)).length };
  }

  @ResolveField(() => ApplicationModel)
  async application(escalation: Escalation, _args: unknown, { ctx }: GraphqlContext): Promise<Application> {
    return (await rowsById(ctx, Application).load(escalation.applicationId))!;
  }

  @ResolveField(() => EmployerContactModel, { nullable: true, description: 'Whom the recommended action concerns' })
  async contact(escalation: Escalation, _args: unknown, { ctx }: GraphqlContext): Promise<EmployerContact | null> {
    return escalation.contactId ? ((await rowsById(ctx, EmployerContact).load(escalation.contactId)) ?? null) : null;
  }

  @ResolveField(() => UserModel, { nullable: true, description: "The candidate's counselor" })
  async assignee(escalation: Escalation, _args: unknown, { ctx }: GraphqlContext): Promise<User | null> {
    return escalation.assigneeUserId ? ((await rowsById(ctx, User).load(escalation.assigneeUserId)) ?? null) : null;
  }
}

readsAhead(ApplicationModel, 'escalations', (ctx, applicationIds) => openEscalations(ctx).readAhead(applicationIds));

/** Answers at once, without a promise, when the escalations were read ahead with a page of applications. */
@Resolver(() => ApplicationModel)
export class ApplicationEscalationsResolver {
  @ResolveField(() => [EscalationModel], { description: 'Open escalations, oldest first' })
  escalations(application: Application, _args: unknown, { ctx }: GraphqlContext): Escalation[] | Promise<Escalation[]> {
    return openEscalations(ctx).get(application.id);
  }
}
