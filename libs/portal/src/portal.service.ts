import { Injectable } from '@nestjs/common';
import { Application } from '@lib/applications';
import { RequestContext } from '@lib/context';
import { NotFoundError } from '@lib/errors';
import { Connection, paginateByCreation } from '@lib/graphql';

/** The candidate's own applications. Row-level security confines the queries too; this is the first line. */
@Injectable()
export class PortalService {
  async myApplications(ctx: RequestContext, first: number, after?: string): Promise<Connection<Application>> {
    const query = (await ctx.repository(Application))
      .createQueryBuilder('a')
      .where('a.agencyId = :agencyId AND a.candidateId = :candidateId', {
        agencyId: ctx.agencyId,
        candidateId: candidateOf(ctx),
      });
    return paginateByCreation(ctx, query, first, after);
  }

  async myApplication(ctx: RequestContext, id: string): Promise<Application> {
    const application = await (
      await ctx.repository(Application)
    ).findOneBy({ agencyId: ctx.agencyId!, id, candidateId: candidateOf(ctx) });
    if (!application) throw new NotFoundError('Application');
    return application;
  }
}

export function candidateOf(ctx: RequestContext): string {
  const candidateId = ctx.user.candidateId;
  if (!candidateId) throw new NotFoundError('Candidate');
  return candidateId;
}
