import { Args, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Application, ApplicationModel } from '@lib/applications';
import { RequestContext } from '@lib/context';
import { Ctx, rowsByParent } from '@lib/graphql';
import { RecordReferenceSignalInput } from './dto/record-reference-signal.input';
import { ReferenceSignal } from './reference-signal.entity';
import { ReferenceSignalModel } from './reference-signal.model';
import { ReferenceSignalsService } from './reference-signals.service';

@Resolver(() => ReferenceSignalModel)
export class ReferenceSignalsResolver {
  constructor(private readonly signals: ReferenceSignalsService) {}

  @Mutation(() => ReferenceSignalModel, {
    description:
      'REFERENCES_REQUESTED moves the application to REFERENCE_CHECK and opens a task due the next working day',
  })
  recordReferenceSignal(
    @Ctx() ctx: RequestContext,
    @Args('input') input: RecordReferenceSignalInput,
  ): Promise<ReferenceSignal> {
    return this.signals.record(ctx, input);
  }
}

@Resolver(() => ApplicationModel)
export class ApplicationReferenceSignalsResolver {
  @ResolveField(() => [ReferenceSignalModel], { description: 'Reference-check signals, oldest first' })
  referenceSignals(@Ctx() ctx: RequestContext, @Parent() application: Application): Promise<ReferenceSignal[]> {
    return rowsByParent(ctx, ReferenceSignal, 'applicationId', { occurredAt: 'ASC' }).load(application.id);
  }
}
