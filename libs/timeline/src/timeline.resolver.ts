import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Application, ApplicationModel } from '@lib/applications';
import { RequestContext } from '@lib/context';
import { Ctx } from '@lib/graphql';
import { TimelineEventModel } from './timeline-event.model';
import { timelineLoader } from './timeline.loader';

@Resolver(() => ApplicationModel)
export class ApplicationTimelineResolver {
  @ResolveField(() => [TimelineEventModel], {
    description:
      'Everything that happened to the application, oldest first: stage moves, interviews, debriefs, follow-ups, reference signals, tasks',
  })
  timeline(@Ctx() ctx: RequestContext, @Parent() application: Application): Promise<TimelineEventModel[]> {
    return timelineLoader(ctx).load(application.id);
  }
}
