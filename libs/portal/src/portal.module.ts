import { Module } from '@nestjs/common';
import { AuditModule } from '@lib/audit';
import { AuthModule } from '@lib/auth';
import { CandidatesModule } from '@lib/candidates';
import { DataRightsModule } from '@lib/data-rights';
import { FollowUpsModule } from '@lib/follow-ups';
import { NotificationsModule } from '@lib/notifications';
import { CandidateInvitationsService } from './candidate-invitations.service';
import { CounselorNotices } from './counselor-notices';
import { DataExportService } from './data-export.service';
import { PortalActionsResolver } from './portal-actions.resolver';
import { PortalActionsService } from './portal-actions.service';
import { PortalResolver } from './portal.resolver';
import { PortalService } from './portal.service';

/** The candidate self-service portal, and the counselor's invitation into it. */
@Module({
  imports: [AuthModule, CandidatesModule, AuditModule, FollowUpsModule, NotificationsModule, DataRightsModule],
  providers: [
    PortalService,
    PortalActionsService,
    CandidateInvitationsService,
    CounselorNotices,
    DataExportService,
    PortalResolver,
    PortalActionsResolver,
  ],
})
export class PortalApiModule {}
