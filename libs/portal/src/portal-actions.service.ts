import { Injectable } from '@nestjs/common';
import { AuditService } from '@lib/audit';
import { Candidate } from '@lib/candidates';
import { Clock } from '@lib/clock';
import { RequestContext } from '@lib/context';
import { assertNotInFuture, BadUserInputError, NotFoundError } from '@lib/errors';
import { FollowUp, FollowUpsService, FollowUpTooSoon } from '@lib/follow-ups';
import { Interview } from '@lib/interviews';
import { CandidateReference } from '@lib/references';
import { TaskKind } from '@lib/tasks';
import { randomUUID } from 'node:crypto';
import { CounselorNotices } from './counselor-notices';
import { AddMyReferenceInput, LogMyFollowUpInput, RequestDebriefInput } from './dto/portal.inputs';
import { candidateOf, PortalService } from './portal.service';

/** What a candidate does in the portal: their own follow-ups, debrief requests and references. */
@Injectable()
export class PortalActionsService {
  constructor(
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly portal: PortalService,
    private readonly followUps: FollowUpsService,
    private readonly notices: CounselorNotices,
  ) {}

  /** Under the same stalker guard and replanning as a counselor's; the counselor hears of it. */
  async logFollowUp(ctx: RequestContext, input: LogMyFollowUpInput): Promise<FollowUp | FollowUpTooSoon> {
    await this.portal.myApplication(ctx, input.applicationId);
    const result = await this.followUps.log(ctx, input);
    if (result instanceof FollowUpTooSoon) return result;
    await this.notices.notify(ctx, candidateOf(ctx), {
      key: `follow-up:${result.id}:counselor`,
      kind: 'candidate.follow_up_logged',
      what: `logged a follow-up (${result.purpose.toLowerCase().replace(/_/g, ' ')})`,
    });
    return result;
  }

  /** The counselor gets a task to hold the debrief, once per interview. */
  async requestDebrief(ctx: RequestContext, input: RequestDebriefInput): Promise<Date> {
    const interview = await ctx.findOrFail(Interview, { id: input.interviewId }, 'Interview');
    const application = await this.portal.myApplication(ctx, interview.applicationId);
    const candidate = await ctx.findOrFail(Candidate, { id: application.candidateId }, 'Candidate');
    const now = this.clock.now();
    const times = [...input.preferredTimes].sort((a, b) => a.getTime() - b.getTime());
    if (times[0]! <= now) throw BadUserInputError.forField('preferredTimes', 'Preferred times must be in the future');
    const inserted = await ctx.query(
      `INSERT INTO tasks (agency_id, id, application_id, kind, source_id, title, due_at, assignee_user_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT ON CONSTRAINT tasks_source_key DO NOTHING RETURNING id`,
      [
        ctx.agencyId,
        randomUUID(),
        application.id,
        TaskKind.HOLD_DEBRIEF,
        interview.id,
        `Hold the debrief ${candidate.fullName} asked for; preferred times: ${times.map((time) => time.toISOString()).join(', ')}`,
        times[0],
        candidate.counselorId,
        now,
      ],
    );
    if (inserted.length === 0) {
      throw BadUserInputError.forField('interviewId', 'A debrief is already requested for this interview');
    }
    await this.notices.notify(ctx, candidate.id, {
      key: `debrief-request:${interview.id}:counselor`,
      kind: 'candidate.debrief_requested',
      what: 'asked for a debrief',
    });
    return times[0]!;
  }

  async references(ctx: RequestContext): Promise<CandidateReference[]> {
    return (await ctx.repository(CandidateReference)).find({
      where: { agencyId: ctx.agencyId!, candidateId: candidateOf(ctx) },
      order: { createdAt: 'ASC' },
    });
  }

  async addReference(ctx: RequestContext, input: AddMyReferenceInput): Promise<CandidateReference> {
    assertNotInFuture('informedAt', input.informedAt, this.clock.now());
    const reference: CandidateReference = {
      agencyId: ctx.agencyId!,
      id: randomUUID(),
      candidateId: candidateOf(ctx),
      fullName: input.fullName.trim(),
      relationship: input.relationship?.trim() || null,
      email: input.email?.trim().toLowerCase() || null,
      phone: input.phone?.trim() || null,
      informedAt: input.informedAt,
      createdAt: this.clock.now(),
    };
    await (await ctx.repository(CandidateReference)).insert(reference);
    await this.audit.record(ctx, { action: 'reference.added', recordType: 'reference', recordId: reference.id });
    return reference;
  }

  /** The referee's details go; the employer's reference checks stay on record, without them. */
  async removeReference(ctx: RequestContext, id: string): Promise<boolean> {
    const reference = await (
      await ctx.repository(CandidateReference)
    ).findOneBy({ agencyId: ctx.agencyId!, id, candidateId: candidateOf(ctx) });
    if (!reference) throw new NotFoundError('Reference');
    await ctx.query(`UPDATE reference_signals SET reference_id = NULL WHERE agency_id = $1 AND reference_id = $2`, [
      ctx.agencyId,
      id,
    ]);
    await (await ctx.repository(CandidateReference)).delete({ agencyId: ctx.agencyId!, id });
    await this.audit.record(ctx, { action: 'reference.removed', recordType: 'reference', recordId: id });
    return true;
  }
}
