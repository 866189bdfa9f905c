import { RequestContext } from '@lib/context';
import DataLoader from 'dataloader';
import { FollowUp } from './follow-up.entity';

/** The latest follow-up of each application of a batch, in one DISTINCT ON query. */
export function lastFollowUps(ctx: RequestContext): DataLoader<string, FollowUp | null> {
  return ctx.memo('last-follow-up', () => {
    return new DataLoader<string, FollowUp | null>(async (applicationIds) => {
      const rows = await (
        await ctx.repository(FollowUp)
      )
        .createQueryBuilder('f')
        .distinctOn(['f.applicationId'])
        .where('f.agencyId = :agencyId AND f.applicationId IN (:...ids)', {
          agencyId: ctx.agencyId,
          ids: [...applicationIds],
        })
        .orderBy('f.applicationId')
        .addOrderBy('f.occurredAt', 'DESC')
        .addOrderBy('f.id', 'DESC')
        .getMany();
      const byApplication = new Map(rows.map((row) => [row.applicationId, row]));
      return applicationIds.map((id) => byApplication.get(id) ?? null);
    });
  });
}
