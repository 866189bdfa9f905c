import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@lib/audit';
import { AgencyWebhook } from './agency-webhook.entity';
import { DeliverNotificationsJob } from './deliver-notifications.job';
import { MailTransport } from './mail-transport';
import { NotificationDeliveryService } from './notification-delivery.service';
import { NotificationKick } from './notification-kick';
import { Notification } from './notification.entity';
import { WebhookSender } from './webhook-sender';
import { WebhooksResolver } from './webhooks.resolver';
import { WebhooksService } from './webhooks.service';

export const NOTIFICATION_ENTITIES = [Notification, AgencyWebhook];

/** The outbox's delivery, and the kick its producers give it. Needs the (global) QueueModule. */
@Module({
  imports: [TypeOrmModule.forFeature(NOTIFICATION_ENTITIES)],
  providers: [NotificationDeliveryService, NotificationKick, MailTransport, WebhookSender],
  exports: [NotificationDeliveryService, NotificationKick],
})
export class NotificationsModule {}

/** The worker's side: the delivery job. */
@Module({ imports: [NotificationsModule], providers: [DeliverNotificationsJob] })
export class NotificationJobsModule {}

/** The API's side: the admins' webhooks. No queue needed. */
@Module({
  imports: [TypeOrmModule.forFeature(NOTIFICATION_ENTITIES), AuditModule],
  providers: [WebhooksService, WebhooksResolver],
})
export class NotificationsApiModule {}
