import { Injectable } from '@nestjs/common';
import { AuditService } from '@lib/audit';
import { Clock } from '@lib/clock';
import { RequestContext } from '@lib/context';
import { BadUserInputError, NotFoundError } from '@lib/errors';
import { randomUUID } from 'node:crypto';
import { AgencyWebhook } from './agency-webhook.entity';
import { newWebhookSecret } from './webhook-sender';
import { AddWebhookInput } from './dto/add-webhook.input';

export type WebhookSummary = Pick<AgencyWebhook, 'id' | 'url' | 'createdAt'>;

/** The agency's webhooks, managed by its admins. */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  /** Without the secrets: they never leave the database after creation. */
  async list(ctx: RequestContext): Promise<WebhookSummary[]> {
    return (await ctx.repository(AgencyWebhook)).find({
      select: { id: true, url: true, createdAt: true },
      where: { agencyId: ctx.agencyId! },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  async add(ctx: RequestContext, input: AddWebhookInput): Promise<{ webhook: WebhookSummary; secret: string }> {
    const webhook: AgencyWebhook = {
      agencyId: ctx.agencyId!,
      id: randomUUID(),
      url: input.url,
      secret: newWebhookSecret(),
      createdAt: this.clock.now(),
    };
    await ctx.insertUnique(AgencyWebhook, webhook, () =>
      BadUserInputError.forField('url', 'The agency already has a webhook at this URL'),
    );
    await this.audit.record(ctx, { action: 'webhook.added', recordType: 'webhook', recordId: webhook.id });
    return { webhook: { id: webhook.id, url: webhook.url, createdAt: webhook.createdAt }, secret: webhook.secret };
  }

  /** Its undelivered messages lose their webhook and are marked DEAD by the next delivery run. */
  async remove(ctx: RequestContext, id: string): Promise<void> {
    const removed = await ctx.query(`DELETE FROM agency_webhooks WHERE agency_id = $1 AND id = $2 RETURNING id`, [
      ctx.agencyId,
      id,
    ]);
    if (removed.length === 0) throw new NotFoundError('Webhook');
    await this.audit.record(ctx, { action: 'webhook.removed', recordType: 'webhook', recordId: id });
  }
}
