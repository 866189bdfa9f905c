import { BadUserInputError } from '@lib/errors';
import { DateTime } from 'luxon';

export interface ReportWeek {
  /** Monday, yyyy-MM-dd, in the agency's time zone. */
  weekStart: string;
  /** Sunday, yyyy-MM-dd. */
  weekEnd: string;
  /** [from, to): Monday 00:00 to the next Monday 00:00 in the agency's time zone, whatever the clocks did. */
  from: Date;
  to: Date;
}

/** The agency's week that starts on `weekStart`, which must be a Monday. */
export function reportWeek(weekStart: string, timezone: string): ReportWeek {
  const monday = DateTime.fromISO(weekStart, { zone: timezone });
  if (!monday.isValid || monday.weekday !== 1 || monday.toISODate() !== weekStart) {
    throw BadUserInputError.forField('weekStart', 'weekStart must be a Monday, as yyyy-MM-dd');
  }
  const next = monday.plus({ weeks: 1 });
  return {
    weekStart,
    weekEnd: next.minus({ days: 1 }).toISODate()!,
    from: monday.toJSDate(),
    to: next.toJSDate(),
  };
}

/** The week before. */
export function previousWeek(week: ReportWeek, timezone: string): ReportWeek {
  return reportWeek(DateTime.fromISO(week.weekStart, { zone: timezone }).minus({ weeks: 1 }).toISODate()!, timezone);
}
