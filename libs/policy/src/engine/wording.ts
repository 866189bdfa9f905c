import { DateTime } from 'luxon';
import { WorkingCalendar } from '../working-calendar';

/** A date as a counselor reads it, in the employer's time zone: "Thu 3 Dec". */
export function day(calendar: WorkingCalendar, instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: calendar.zone }).toFormat('ccc d LLL', { locale: 'en' });
}

/** "Thu 3 Dec 12:30", employer's time. */
export function dayAndTime(calendar: WorkingCalendar, instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: calendar.zone }).toFormat('ccc d LLL HH:mm', { locale: 'en' });
}

/** "1 working day", "7 working days". */
export function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

export function workingDays(count: number): string {
  return counted(count, 'working day');
}

/** "+15" / "-10": the sign always shown, as in a temperature reason. */
export function signed(points: number): string {
  return points > 0 ? `+${points}` : `${points}`;
}
