import { Injectable } from '@nestjs/common';
import { AuditService } from '@lib/audit';
import { InvitationsService, IssuedInvitation } from '@lib/auth';
import { CandidatesService } from '@lib/candidates';
import { RequestContext, Role } from '@lib/context';
import { BadUserInputError } from '@lib/errors';

/** A counselor opens a candidate's portal account: an invitation to the candidate's own e-mail address. */
@Injectable()
export class CandidateInvitationsService {
  constructor(
    private readonly candidates: CandidatesService,
    private readonly invitations: InvitationsService,
    private readonly audit: AuditService,
  ) {}

  async invite(ctx: RequestContext, candidateId: string): Promise<IssuedInvitation> {
    const candidate = await this.candidates.get(ctx, candidateId);
    const [account] = await ctx.query('SELECT 1 FROM users WHERE agency_id = $1 AND candidate_id = $2', [
      ctx.agencyId,
      candidate.id,
    ]);
    if (account) throw BadUserInputError.forField('candidateId', 'This candidate already has a portal account');
    const issued = await this.invitations.invite(ctx, {
      email: candidate.email,
      fullName: candidate.fullName,
      role: Role.CANDIDATE,
      candidateId: candidate.id,
    });
    await this.audit.record(ctx, {
      action: 'candidate.invited',
      recordType: 'candidate',
      recordId: candidate.id,
      details: { invitationId: issued.invitation.id },
    });
    return issued;
  }
}
