import { Injectable } from '@nestjs/common';
import { AgencyPolicyService } from '@lib/agency-policy';
import { AuditService } from '@lib/audit';
import { Clock } from '@lib/clock';
import { RequestContext } from '@lib/context';
import { NotFoundError } from '@lib/errors';
import { Stage } from '@lib/pipeline';
import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import { ErasureRequest } from './erasure-request.entity';
import { scrubPersonalData } from './personal-data-scrub';

const ERASED_NAME = 'Erased candidate';
/** An argon2id-shaped value no password verifies against: the account can never sign in again. */
const UNUSABLE_PASSWORD = '$argon2id$erased';

@Injectable()
export class ErasureService {
  constructor(
    private readonly clock: Clock,
    private readonly policies: AgencyPolicyService,
    private readonly audit: AuditService,
  ) {}

  /** The candidate asks to be erased; asking again returns the same request. */
  async request(ctx: RequestContext, candidateId: string): Promise<ErasureRequest> {
    const repository = await ctx.repository(ErasureRequest);
    const existing = await repository.findOneBy({ agencyId: ctx.agencyId!, candidateId });
    if (existing) return existing;
    const now = this.clock.now();
    const { erasureReviewDays } = await this.policies.get(ctx);
    const request: ErasureRequest = {
      agencyId: ctx.agencyId!,
      id: randomUUID(),
      candidateId,
      requestedAt: now,
      eraseAfter: DateTime.fromJSDate(now).plus({ days: erasureReviewDays }).toJSDate(),
      completedAt: null,
    };
    await repository.insert(request);
    await this.audit.record(ctx, { action: 'erasure.requested', recordType: 'candidate', recordId: candidateId });
    return request;
  }

  /** Carries out the due erasure requests and the retention rule; returns the candidates anonymised. */
  async runDue(ctx: RequestContext): Promise<number> {
    const now = this.clock.now();
    const { rejectedRetentionDays } = await this.policies.get(ctx);
    const retainedUntil = DateTime.fromJSDate(now).minus({ days: rejectedRetentionDays }).toJSDate();
    const due = await ctx.query<{ id: string }>(
      `SELECT candidate_id AS id FROM erasure_requests
        WHERE agency_id = $1 AND completed_at IS NULL AND erase_after <= $2
       UNION
       SELECT c.id FROM candidates c
        WHERE c.agency_id = $1 AND c.erased_at IS NULL
          AND EXISTS (SELECT 1 FROM applications a WHERE a.agency_id = c.agency_id AND a.candidate_id = c.id)
          AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.agency_id = c.agency_id AND a.candidate_id = c.id
                           AND (a.stage <> $4 OR a.stage_changed_at > $3))`,
      [ctx.agencyId, now, retainedUntil, Stage.REJECTED],
    );
    for (const { id } of due) await this.anonymise(ctx, id);
    return due.length;
  }

  /**
   * Anonymises one candidate across every table, keeping the agency's
   * statistics: applications, stages, follow-ups and their dates stay; the
   * person's name, e-mail and phone and their referees go.
   */
  async anonymise(ctx: RequestContext, candidateId: string): Promise<void> {
    const [person] = await ctx.query<{
      full_name: string;
      email: string;
      phone: string | null;
      erased_at: Date | null;
    }>(`SELECT full_name, email, phone, erased_at FROM candidates WHERE agency_id = $1 AND id = $2 FOR UPDATE`, [
      ctx.agencyId,
      candidateId,
    ]);
    if (!person) throw new NotFoundError('Candidate');
    const now = this.clock.now();
    if (!person.erased_at) {
      const referees = await ctx.query<{ full_name: string; email: string | null; phone: string | null }>(
        `SELECT full_name, email, phone FROM candidate_references WHERE agency_id = $1 AND candidate_id = $2`,
        [ctx.agencyId, candidateId],
      );
      await this.replaceIdentity(ctx, candidateId, now);
      await scrubPersonalData(
        ctx,
        [person, ...referees].flatMap((someone) => [someone.full_name, someone.email ?? '', someone.phone ?? '']),
      );
      await this.audit.record(ctx, { action: 'candidate.erased', recordType: 'candidate', recordId: candidateId });
    }
    await ctx.query(
      `UPDATE erasure_requests SET completed_at = $3 WHERE agency_id = $1 AND candidate_id = $2 AND completed_at IS NULL`,
      [ctx.agencyId, candidateId, now],
    );
  }

  private async replaceIdentity(ctx: RequestContext, candidateId: string, now: Date): Promise<void> {
    const args = [ctx.agencyId, candidateId];
    await ctx.query(
      `UPDATE candidates SET full_name = $3, email = 'erased-' || id || '@invalid.example', phone = NULL, erased_at = $4
        WHERE agency_id = $1 AND id = $2`,
      [...args, ERASED_NAME, now],
    );
    await ctx.query(
      `UPDATE users SET full_name = $3, email = 'erased-' || id || '@invalid.example', password_hash = $4
        WHERE agency_id = $1 AND candidate_id = $2`,
      [...args, ERASED_NAME, UNUSABLE_PASSWORD],
    );
    await ctx.query(
      `UPDATE auth_sessions SET revoked_at = $3
        WHERE agency_id = $1 AND revoked_at IS NULL
          AND user_id IN (SELECT id FROM users WHERE agency_id = $1 AND candidate_id = $2)`,
      [...args, now],
    );
    await ctx.query(
      `UPDATE invitations SET full_name = $3, email = 'erased-' || id || '@invalid.example'
        WHERE agency_id = $1 AND candidate_id = $2`,
      [...args, ERASED_NAME],
    );
    await ctx.query(
      `UPDATE reference_signals SET reference_id = NULL
        WHERE agency_id = $1 AND reference_id IN (SELECT id FROM candidate_references WHERE agency_id = $1 AND candidate_id = $2)`,
      args,
    );
    await ctx.query(`DELETE FROM candidate_references WHERE agency_id = $1 AND candidate_id = $2`, args);
  }
}
