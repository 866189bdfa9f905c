import { Injectable } from '@nestjs/common';
import { ApplicationPlanner, ApplicationsService } from '@lib/applications';
import { AuditService } from '@lib/audit';
import { Clock } from '@lib/clock';
import { RequestContext } from '@lib/context';
import { EmployerContact, EmployersService } from '@lib/employers';
import { assertNotInFuture, BadUserInputError, NotFoundError } from '@lib/errors';
import { canMove, Stage } from '@lib/pipeline';
import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import { RecordInterviewInput } from './dto/record-interview.input';
import { Interview, InterviewInterviewer } from './interview.entity';

@Injectable()
export class InterviewsService {
  constructor(
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly applications: ApplicationsService,
    private readonly employers: EmployersService,
    private readonly planner: ApplicationPlanner,
  ) {}

  /** Records an interview round; an application not yet interviewing moves to INTERVIEWING. */
  async record(ctx: RequestContext, input: RecordInterviewInput): Promise<Interview> {
    const application = await this.applications.lock(ctx, input.applicationId);
    assertNotInFuture('occurredAt', input.occurredAt, this.clock.now());
    const position = await this.employers.getPosition(ctx, application.positionId);
    await this.assertContactsOf(ctx, position.employerId, input.interviewerContactIds);

    const interview: Interview = {
      agencyId: application.agencyId,
      id: randomUUID(),
      applicationId: application.id,
      occurredAt: input.occurredAt,
      arrangedByAgency: input.arrangedByAgency,
      recordedByUserId: ctx.principal?.kind === 'user' ? ctx.principal.userId : null,
      createdAt: this.clock.now(),
    };
    await (await ctx.repository(Interview)).insert(interview);
    if (input.interviewerContactIds.length > 0) {
      await (
        await ctx.repository(InterviewInterviewer)
      ).insert(
        input.interviewerContactIds.map((contactId) => ({
          agencyId: interview.agencyId,
          interviewId: interview.id,
          contactId,
        })),
      );
    }
    if (application.stage !== Stage.INTERVIEWING && canMove(application.stage, Stage.INTERVIEWING)) {
      await this.applications.moveTo(ctx, application, Stage.INTERVIEWING, 'Interview recorded', interview.occurredAt);
    }
    await this.audit.record(ctx, {
      action: 'interview.recorded',
      recordType: 'interview',
      recordId: interview.id,
      details: { applicationId: application.id, arrangedByAgency: interview.arrangedByAgency },
    });
    await this.planner.recompute(ctx, application.id);
    return interview;
  }

  private async assertContactsOf(ctx: RequestContext, employerId: string, contactIds: string[]): Promise<void> {
    if (contactIds.length === 0) return;
    const found = await (await ctx.repository(EmployerContact)).findBy({ agencyId: ctx.agencyId!, id: In(contactIds) });
    if (found.length !== contactIds.length) throw new NotFoundError('Contact');
    if (found.some((contact) => contact.employerId !== employerId)) {
      throw BadUserInputError.forField(
        'interviewerContactIds',
        "Every interviewer must be a contact of the application's employer",
      );
    }
  }
}
