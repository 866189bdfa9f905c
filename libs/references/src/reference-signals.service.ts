import { Injectable } from '@nestjs/common';
import { ApplicationPlanner, ApplicationsService } from '@lib/applications';
import { AuditService } from '@lib/audit';
import { Clock } from '@lib/clock';
import { RequestContext } from '@lib/context';
import { assertNotInFuture, BadUserInputError, NotFoundError } from '@lib/errors';
import { canMove, Stage } from '@lib/pipeline';
import { TasksService } from '@lib/tasks';
import { randomUUID } from 'node:crypto';
import { CandidateReference } from './candidate-reference.entity';
import { RecordReferenceSignalInput } from './dto/record-reference-signal.input';
import { ReferenceSignal, ReferenceSignalKind } from './reference-signal.entity';

@Injectable()
export class ReferenceSignalsService {
  constructor(
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly applications: ApplicationsService,
    private readonly tasks: TasksService,
    private readonly planner: ApplicationPlanner,
  ) {}

  /** A request for references moves the application to REFERENCE_CHECK and opens the task to answer it fast. */
  async record(ctx: RequestContext, input: RecordReferenceSignalInput): Promise<ReferenceSignal> {
    let application = await this.applications.lock(ctx, input.applicationId);
    assertNotInFuture('occurredAt', input.occurredAt, this.clock.now());
    if (input.referenceId) {
      const reference = await (
        await ctx.repository(CandidateReference)
      ).findOneBy({ agencyId: ctx.agencyId!, id: input.referenceId });
      if (!reference) throw new NotFoundError('Reference');
      if (reference.candidateId !== application.candidateId) {
        throw BadUserInputError.forField('referenceId', "The reference must be one of the candidate's");
      }
    }
    const signal: ReferenceSignal = {
      agencyId: application.agencyId,
      id: randomUUID(),
      applicationId: application.id,
      kind: input.kind,
      occurredAt: input.occurredAt,
      referenceId: input.referenceId ?? null,
      notes: input.notes?.trim() || null,
      recordedByUserId: ctx.principal?.kind === 'user' ? ctx.principal.userId : null,
      createdAt: this.clock.now(),
    };
    await (await ctx.repository(ReferenceSignal)).insert(signal);
    if (signal.kind === ReferenceSignalKind.REFERENCES_REQUESTED) {
      if (application.stage !== Stage.REFERENCE_CHECK && canMove(application.stage, Stage.REFERENCE_CHECK)) {
        application = await this.applications.moveTo(
          ctx,
          application,
          Stage.REFERENCE_CHECK,
          'References requested',
          signal.occurredAt,
        );
      }
      await this.tasks.openSendReferences(ctx, application, signal.occurredAt, signal.id);
    }
    await this.audit.record(ctx, {
      action: 'reference_signal.recorded',
      recordType: 'reference_signal',
      recordId: signal.id,
      details: { applicationId: application.id, kind: signal.kind },
    });
    await this.planner.recompute(ctx, application.id);
    return signal;
  }
}
