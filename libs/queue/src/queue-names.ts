export enum QueueName {
  /** Housekeeping: expired sessions and invitations. */
  MAINTENANCE = 'maintenance',
  /** The follow-up engine: next steps falling due, escalation sweeps, recomputations. */
  FOLLOW_UP = 'follow-up',
  /** The outbox: e-mail and webhook delivery, daily digests. */
  NOTIFICATIONS = 'notifications',
}
