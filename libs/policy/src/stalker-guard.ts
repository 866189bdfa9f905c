import { Direction, Purpose } from './follow-up-vocabulary';
import { WorkingCalendar } from './working-calendar';

export interface ContactKind {
  purpose: Purpose;
  direction: Direction;
}

/**
 * Which contacts the stalker guard counts (002 step three, 004): only those
 * the agency or candidate initiates. An employer's reply is never blocked and
 * starts no gap; a thank-you after an interview is never blocked and starts no
 * gap, so the status e-mail to HR two working days later goes through.
 */
export function startsGap(contact: ContactKind): boolean {
  return contact.direction === Direction.OUTBOUND && contact.purpose !== Purpose.THANK_YOU;
}

export const isGuarded = startsGap;

export type GapVerdict = { allowed: true } | { allowed: false; nextAllowedAt: Date; reason: string };

/**
 * Whether a contact at `at` keeps the minimum gap after the last contact that
 * started one. The gap is counted in working days of the employer's time
 * zone: a contact on day D allows the next from the start of the
 * `gapDays`-th working day after D.
 */
export function checkGap(
  calendar: WorkingCalendar,
  contact: ContactKind & { at: Date },
  lastGapStartedAt: Date | null,
  gapDays: number,
): GapVerdict {
  if (!isGuarded(contact) || !lastGapStartedAt) return { allowed: true };
  const nextAllowedAt = calendar.workingDaysAfter(lastGapStartedAt, gapDays);
  if (contact.at >= nextAllowedAt) return { allowed: true };
  return {
    allowed: false,
    nextAllowedAt,
    reason:
      `The last contact with this employer was ${calendar.workingDaysBetween(lastGapStartedAt, contact.at)} ` +
      `working day(s) before; the agency waits ${gapDays} working days between contacts so the candidate ` +
      `does not come across as pushy. Log it anyway with an override and a reason if it cannot wait.`,
  };
}
