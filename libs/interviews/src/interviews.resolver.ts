import { Args, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { RequestContext } from '@lib/context';
import { EmployerContact, EmployerContactModel } from '@lib/employers';
import { Ctx, rowsById, rowsByParent } from '@lib/graphql';
import { ApplicationModel, Application } from '@lib/applications';
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

  @ResolveField(() => [EmployerContactModel])
  async interviewers(@Ctx() ctx: RequestContext, @Parent() interview: Interview): Promise<EmployerContact[]> {
    const links = await rowsByParent(ctx, InterviewInterviewer, 'interviewId').load(interview.id);
    const contacts = await rowsById(ctx, EmployerContact).loadMany(links.map((link) => link.contactId));
    return contacts.filter((contact): contact is EmployerContact => !!contact && !(contact instanceof Error));
  }
}

@Resolver(() => ApplicationModel)
export class ApplicationInterviewsResolver {
  @ResolveField(() => [InterviewModel], { description: 'Interview rounds, oldest first' })
  interviews(@Ctx() ctx: RequestContext, @Parent() application: Application): Promise<Interview[]> {
    return rowsByParent(ctx, Interview, 'applicationId', { occurredAt: 'ASC' }).load(application.id);
  }
}
