export enum QueueName {
  /** Housekeeping: expired sessions and invitations. */
  MAINTENANCE = 'maintenance',
}
