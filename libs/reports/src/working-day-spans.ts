import { WorkingCalendar } from '@lib/policy';
import { DateTime } from 'luxon';

export interface DaySpan {
  /** yyyy-MM-dd, a calendar day in the calendar's time zone. */
  from: string;
  to: string;
}

/**
 * `WorkingCalendar.workingDaysBetween` for many spans of one calendar: one
 * walk over the days they cover, numbering the working days, then two
 * look-ups per span. Thousands of decisions in a week cost one walk, not
 * one walk each.
 */
export function workingDaysOfSpans(calendar: WorkingCalendar, spans: readonly DaySpan[]): number[] {
  if (spans.length === 0) return [];
  const days = spans.flatMap((span) => [span.from, span.to]).sort();
  const ordinal = new Map<string, number>([[days[0]!, 0]]);
  const last = DateTime.fromISO(days[days.length - 1]!, { zone: calendar.timezone });
  let day = DateTime.fromISO(days[0]!, { zone: calendar.timezone });
  let count = 0;
  while (day < last) {
    day = day.plus({ days: 1 });
    if (calendar.isWorkingDay(day)) count++;
    ordinal.set(day.toISODate()!, count);
  }
  return spans.map((span) => Math.max(0, ordinal.get(span.to)! - ordinal.get(span.from)!));
}
