import { Args, Query, Resolver } from '@nestjs/graphql';
import { RequestContext, Role, Roles } from '@lib/context';
import { Ctx } from '@lib/graphql';
import { AuditEntriesArgs, AuditEntryConnection, AuditEntryModel } from './audit-entry.model';
import { AuditService } from './audit.service';

@Resolver(() => AuditEntryModel)
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @Roles(Role.ADMIN)
  @Query(() => AuditEntryConnection, { description: "The agency's audit trail, oldest first" })
  auditEntries(@Ctx() ctx: RequestContext, @Args() args: AuditEntriesArgs): Promise<AuditEntryConnection> {
    return this.audit.list(ctx, args.first, args.after, args.filter);
  }
}
