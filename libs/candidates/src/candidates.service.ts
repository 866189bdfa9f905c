import { Injectable } from '@nestjs/common';
import { AuditService } from '@lib/audit';
import { Clock } from '@lib/clock';
import { RequestContext, STAFF_ROLES } from '@lib/context';
import { BadUserInputError, NotFoundError } from '@lib/errors';
import { Connection, paginateByCreation, paginateByKey, PipelineOrder } from '@lib/graphql';
import { anyApplicationOfCandidate, applicationSql, candidateSql, hottestFirst, soonestDueFirst } from '@lib/pipeline';
import { User } from '@lib/users';
import { randomUUID } from 'node:crypto';
import { Candidate } from './candidate.entity';
import { CandidateFilter } from './dto/candidates.args';
import { CreateCandidateInput } from './dto/create-candidate.input';

/** LIKE treats % and _ as wildcards: a search for "50%" means the characters. */
function likePattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

@Injectable()
export class CandidatesService {
  constructor(
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async create(ctx: RequestContext, input: CreateCandidateInput): Promise<Candidate> {
    const counselorId = input.counselorId ?? ctx.user.userId;
    await this.assertStaff(ctx, counselorId);
    const candidate: Candidate = {
      agencyId: ctx.agencyId!,
      id: randomUUID(),
      fullName: input.fullName.trim(),
      email: input.email.trim().toLowerCase(),
      phone: input.phone?.trim() ?? null,
      counselorId,
      createdAt: this.clock.now(),
      erasedAt: null,
    };
    await ctx.insertUnique(Candidate, candidate, () =>
      BadUserInputError.forField('email', 'A candidate with this e-mail address already exists in this agency'),
    );
    await this.audit.record(ctx, {
      action: 'candidate.created',
      recordType: 'candidate',
      recordId: candidate.id,
      details: { counselorId },
    });
    return candidate;
  }

  get(ctx: RequestContext, id: string): Promise<Candidate> {
    return ctx.findOrFail(Candidate, { id }, 'Candidate');
  }

  async list(
    ctx: RequestContext,
    first: number,
    after?: string,
    filter: CandidateFilter = {},
    order: PipelineOrder = PipelineOrder.CREATED,
  ): Promise<Connection<Candidate>> {
    const query = (await ctx.repository(Candidate)).createQueryBuilder('c').where('c.agencyId = :agencyId', {
      agencyId: ctx.agencyId,
    });
    if (filter.search?.trim()) {
      // The expression of candidates_search_idx, so the trigram index serves the LIKE.
      query.andWhere(`search_normalize(c.full_name || ' ' || c.email) LIKE search_normalize(:pattern)`, {
        pattern: likePattern(filter.search.trim()),
      });
    }
    if (filter.counselorId) query.andWhere('c.counselorId = :counselorId', { counselorId: filter.counselorId });
    if (filter.stage) {
      query.andWhere(
        `EXISTS (SELECT 1 FROM applications a WHERE a.agency_id = c.agency_id AND a.candidate_id = c.id AND a.stage = :stage)`,
        { stage: filter.stage },
      );
    }
    const now = this.clock.now();
    if (filter.hasOpenEscalation !== undefined && filter.hasOpenEscalation !== null) {
      const condition = anyApplicationOfCandidate(applicationSql.hasOpenEscalation);
      query.andWhere(filter.hasOpenEscalation ? condition : `NOT ${condition}`);
    }
    if (filter.hasOverdueNextStep !== undefined && filter.hasOverdueNextStep !== null) {
      const condition = anyApplicationOfCandidate(applicationSql.isNextStepOverdue);
      query.andWhere(filter.hasOverdueNextStep ? condition : `NOT ${condition}`, { now });
    }
    if (order === PipelineOrder.TEMPERATURE) {
      return paginateByKey(ctx, query, first, after, {
        expression: hottestFirst(candidateSql.temperature),
        type: 'integer',
      });
    }
    if (order === PipelineOrder.DUE_AT) {
      return paginateByKey(ctx, query, first, after, {
        expression: soonestDueFirst(candidateSql.dueAt),
        type: 'timestamptz',
      });
    }
    return paginateByCreation(ctx, query, first, after);
  }

  /** A candidate's counselor is a staff member of the same agency. */
  private async assertStaff(ctx: RequestContext, userId: string): Promise<void> {
    const user = await (await ctx.repository(User)).findOneBy({ agencyId: ctx.agencyId!, id: userId });
    if (!user || !STAFF_ROLES.includes(user.role)) throw new NotFoundError('Counselor');
  }
}
