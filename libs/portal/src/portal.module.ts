import { Module } from '@nestjs/common';
import { AuditModule } from '@lib/audit';
import { AuthModule } from '@lib/auth';
import { CandidatesModule } from '@lib/candidates';
import { CandidateInvitationsService } from './candidate-invitations.service';
import { PortalResolver } from './portal.resolver';
import { PortalService } from './portal.service';

/** The candidate self-service portal, and the counselor's invitation into it. */
@Module({
  imports: [AuthModule, CandidatesModule, AuditModule],
  providers: [PortalService, CandidateInvitationsService, PortalResolver],
})
export class PortalApiModule {}
