import { Args, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Application, ApplicationModel } from '@lib/applications';
import { RequestContext } from '@lib/context';
import { Ctx, ParseIdPipe, rowsByParent } from '@lib/graphql';
import { Task } from './task.entity';
import { TaskModel } from './task.model';
import { TasksService } from './tasks.service';

@Resolver(() => TaskModel)
export class TasksResolver {
  constructor(private readonly tasks: TasksService) {}

  @Mutation(() => TaskModel)
  completeTask(
    @Ctx() ctx: RequestContext,
    @Args('taskId', { type: () => ID }, ParseIdPipe) taskId: string,
  ): Promise<Task> {
    return this.tasks.complete(ctx, taskId);
  }
}

@Resolver(() => ApplicationModel)
export class ApplicationTasksResolver {
  @ResolveField(() => [TaskModel], { description: 'Tasks of this application, soonest due first' })
  tasks(@Ctx() ctx: RequestContext, @Parent() application: Application): Promise<Task[]> {
    return rowsByParent(ctx, Task, 'applicationId', { dueAt: 'ASC' }).load(application.id);
  }
}
