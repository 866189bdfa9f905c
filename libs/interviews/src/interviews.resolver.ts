import { Args, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { RequestContext } from '@lib/context';
import { EmployerContact, EmployerContactModel } from '@lib/employers';
import { Ctx, rowsById, rowsByParent } from '@lib/graphql';
import { ApplicationModel, Application } from '@lib/applications';
import { Debrief } from './debrief.entity';
import { CallPermissionModel, DebriefModel } from './debrief.model';
import { DebriefsService } from './debriefs.service';
import { RecordDebriefInput } from './dto/record-debrief.input';
import { RecordInterviewInput } from './dto/record-interview.input';
import { Interview, InterviewInterviewer } from './interview.entity';
import { InterviewModel } from './interview.model';
import { InterviewsService } from './interviews.service';

@Resolver(() => InterviewModel)
export class InterviewsResolver {
  constructor(private readonly interviews: InterviewsService) {}

  @Mutation(() => InterviewModel, { description: 'Moves the stage to INTERVIEWING, or keeps it' })
  recordInterview(@Ctx() ctx: RequestContext, @Args('input') input: RecordInterviewInput): Promise<Interview> {
    return this.interviews.record(ctx, input);
  }

  @ResolveField(() => DebriefModel, { nullable: true })
  async debrief(@Ctx() ctx: RequestContext, @Parent() interview: Interview): Promise<Debrief | null> {
    const [debrief] = await rowsByParent(ctx, Debrief, 'interviewId').load(interview.id);
    return debrief ?? null;
  }

  @ResolveField(() => [EmployerContactModel])
  async interviewers(@Ctx() ctx: RequestContext, @Parent() interview: Interview): Promise<EmployerContact[]> {
    const links = await rowsByParent(ctx, InterviewInterviewer, 'interviewId').load(interview.id);
    const contacts = await rowsById(ctx, EmployerContact).loadMany(links.map((link) => link.contactId));
    return contacts.filter((contact): contact is EmployerContact => !!contact && !(contact instanceof Error));
  }
}

@Resolver(() => DebriefModel)
export class DebriefsResolver {
  constructor(private readonly debriefs: DebriefsService) {}

  @Mutation(() => DebriefModel, { description: "The candidate's debrief of an interview with the counselor" })
  recordDebrief(@Ctx() ctx: RequestContext, @Args('input') input: RecordDebriefInput): Promise<Debrief> {
    return this.debriefs.record(ctx, input);
  }

  @ResolveField(() => CallPermissionModel, {
    nullable: true,
    description: 'Permission to call at an agreed slot (003)',
  })
  callPermission(@Parent() debrief: Debrief): CallPermissionModel | null {
    if (!debrief.callPermissionSlotAt) return null;
    return { slotAt: debrief.callPermissionSlotAt, bestWayToReach: debrief.callPermissionBestWay ?? '' };
  }
}

@Resolver(() => ApplicationModel)
export class ApplicationInterviewsResolver {
  @ResolveField(() => [InterviewModel], { description: 'Interview rounds, oldest first' })
  interviews(@Ctx() ctx: RequestContext, @Parent() application: Application): Promise<Interview[]> {
    return rowsByParent(ctx, Interview, 'applicationId', { occurredAt: 'ASC' }).load(application.id);
  }
}
