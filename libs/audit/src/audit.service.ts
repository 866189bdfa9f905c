import { Injectable } from '@nestjs/common';
import { Clock } from '@lib/clock';
import { RequestContext } from '@lib/context';
import { Connection, paginateByCreation } from '@lib/graphql';
import { randomUUID } from 'node:crypto';
import { AuditFilter } from './audit-entry.model';
import { AuditEntry } from './audit-entry.entity';

export interface AuditEvent {
  action: string;
  recordType: string;
  recordId: string;
  /** What changed, never personal data: ids, stages, flags. */
  details?: Record<string, unknown>;
}

/** Writes the audit trail in the caller's transaction: the entry exists exactly when the change does. */
@Injectable()
export class AuditService {
  constructor(private readonly clock: Clock) {}

  async list(
    ctx: RequestContext,
    first: number,
    after?: string,
    filter: AuditFilter = {},
  ): Promise<Connection<AuditEntry>> {
    const query = (await ctx.repository(AuditEntry))
      .createQueryBuilder('a')
      .where('a.agencyId = :agencyId', { agencyId: ctx.agencyId });
    if (filter.recordType) query.andWhere('a.recordType = :recordType', { recordType: filter.recordType });
    if (filter.recordId) query.andWhere('a.recordId = :recordId', { recordId: filter.recordId });
    return paginateByCreation(ctx, query, first, after, 'occurredAt');
  }

  async record(ctx: RequestContext, event: AuditEvent): Promise<void> {
    const principal = ctx.principal;
    await (
      await ctx.repository(AuditEntry)
    ).insert({
      agencyId: ctx.agencyId!,
      id: randomUUID(),
      actorUserId: principal?.kind === 'user' ? principal.userId : null,
      action: event.action,
      recordType: event.recordType,
      recordId: event.recordId,
      details: (event.details ?? {}) as never,
      occurredAt: this.clock.now(),
    });
  }
}
