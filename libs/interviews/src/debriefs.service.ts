import { Injectable } from '@nestjs/common';
import { ApplicationPlanner, ApplicationsService } from '@lib/applications';
import { AuditService } from '@lib/audit';
import { Clock } from '@lib/clock';
import { RequestContext } from '@lib/context';
import { EmployerContact, EmployersService } from '@lib/employers';
import { assertNotInFuture, BadUserInputError, NotFoundError } from '@lib/errors';
import { canMove, Stage } from '@lib/pipeline';
import { randomUUID } from 'node:crypto';
import { Debrief } from './debrief.entity';
import { RecordDebriefInput } from './dto/record-debrief.input';
import { Interview } from './interview.entity';

@Injectable()
export class DebriefsService {
  constructor(
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly applications: ApplicationsService,
    private readonly employers: EmployersService,
    private readonly planner: ApplicationPlanner,
  ) {}

  /**
   * One debrief per interview. A promised decision date moves an interviewing
   * application to AWAITING_DECISION; a designated contact becomes the employer's.
   */
  async record(ctx: RequestContext, input: RecordDebriefInput): Promise<Debrief> {
    const interview = await ctx.findOrFail(Interview, { id: input.interviewId }, 'Interview');
    const application = await this.applications.lock(ctx, interview.applicationId);
    assertNotInFuture('heldAt', input.heldAt, this.clock.now());
    const position = await this.employers.getPosition(ctx, application.positionId);
    await this.assertContactOf(ctx, position.employerId, 'promisedByContactId', input.promisedByContactId);
    await this.assertContactOf(ctx, position.employerId, 'designatedContactId', input.designatedContactId);

    const debrief: Debrief = {
      agencyId: application.agencyId,
      id: randomUUID(),
      interviewId: interview.id,
      applicationId: application.id,
      heldAt: input.heldAt,
      rating: input.rating,
      askedAboutNextSteps: input.askedAboutNextSteps,
      promisedDecisionAt: input.promisedDecisionAt ?? null,
      promisedByContactId: input.promisedByContactId ?? null,
      designatedContactId: input.designatedContactId ?? null,
      callPermissionSlotAt: input.callPermission?.slotAt ?? null,
      callPermissionBestWay: input.callPermission?.bestWayToReach.trim() ?? null,
      strengths: input.strengths.map((strength) => strength.trim()).filter(Boolean),
      observations: input.observations?.trim() || null,
      notes: input.notes?.trim() || null,
      recordedByUserId: ctx.principal?.kind === 'user' ? ctx.principal.userId : null,
      createdAt: this.clock.now(),
    };
    await ctx.insertUnique(Debrief, debrief, () =>
      BadUserInputError.forField('interviewId', 'This interview already has its debrief'),
    );
    if (debrief.designatedContactId) {
      await this.employers.designate(ctx, position.employerId, debrief.designatedContactId);
    }
    if (debrief.promisedDecisionAt && canMove(application.stage, Stage.AWAITING_DECISION)) {
      await this.applications.moveTo(
        ctx,
        application,
        Stage.AWAITING_DECISION,
        'Decision date promised at the interview',
        debrief.heldAt,
      );
    }
    await this.audit.record(ctx, {
      action: 'debrief.recorded',
      recordType: 'debrief',
      recordId: debrief.id,
      details: { interviewId: interview.id, applicationId: application.id },
    });
    await this.planner.recompute(ctx, application.id);
    return debrief;
  }

  private async assertContactOf(ctx: RequestContext, employerId: string, field: string, contactId?: string) {
    if (!contactId) return;
    const contact = await (await ctx.repository(EmployerContact)).findOneBy({ agencyId: ctx.agencyId!, id: contactId });
    if (!contact) throw new NotFoundError('Contact');
    if (contact.employerId !== employerId) {
      throw BadUserInputError.forField(field, "The contact must be one of the application's employer");
    }
  }
}
