import { DateTime } from 'luxon';
import { publicHolidayDates } from './public-holidays';

export interface CalendarSettings {
  /** IANA time zone the days are reckoned in: the employer's. */
  timezone: string;
  /** ISO 3166-1 alpha-2 country of the agency's holiday calendar. */
  country: string;
  /** Optional subdivision, e.g. "ENG" for England, "BY" for Bavaria. */
  region?: string | null;
  /** The agency's own extra days off, as ISO dates (yyyy-MM-dd). */
  extraHolidays?: readonly string[];
}

/**
 * Working days of one agency seen from one employer's time zone: Monday to
 * Friday, less the public holidays of the agency's country and region and the
 * agency's own days off. Pure: no clock, no I/O.
 */
export class WorkingCalendar {
  private readonly extra: ReadonlySet<string>;

  constructor(private readonly settings: CalendarSettings) {
    if (!DateTime.local().setZone(settings.timezone).isValid)
      throw new Error(`Unknown time zone: ${settings.timezone}`);
    this.extra = new Set(settings.extraHolidays ?? []);
  }

  get timezone(): string {
    return this.settings.timezone;
  }

  /** The calendar day of an instant, in the calendar's time zone. */
  localDay(instant: Date): DateTime {
    return DateTime.fromJSDate(instant, { zone: this.settings.timezone }).startOf('day');
  }

  isWorkingDay(day: DateTime): boolean {
    const local = day.setZone(this.settings.timezone);
    return this.isWorkingDate(DateTime.utc(local.year, local.month, local.day));
  }

  /** The start (local midnight) of the working day that comes `count` working days after the day of `from`. */
  workingDaysAfter(from: Date, count: number): Date {
    let date = this.calendarDate(from);
    let remaining = count;
    while (remaining > 0) {
      date = date.plus({ days: 1 });
      if (this.isWorkingDate(date)) remaining--;
    }
    return DateTime.fromObject(
      { year: date.year, month: date.month, day: date.day },
      { zone: this.settings.timezone },
    ).toJSDate();
  }

  /** Working days strictly after the day of `from`, up to and including the day of `to`. */
  workingDaysBetween(from: Date, to: Date): number {
    let date = this.calendarDate(from);
    const end = this.calendarDate(to);
    let count = 0;
    while (date < end) {
      date = date.plus({ days: 1 });
      if (this.isWorkingDate(date)) count++;
    }
    return count;
  }

  /**
   * The calendar date of an instant in the calendar's time zone, held as that
   * date's midnight in UTC. Days are walked there: UTC has no offsets to look
   * up, while each step in a named zone made luxon ask Intl for the offset,
   * which took a third of the worker's time in a sweep (bench/README.md).
   * A date a zone skipped entirely (Samoa's 30 December 2011) counts as a date.
   */
  private calendarDate(instant: Date): DateTime {
    const local = DateTime.fromJSDate(instant, { zone: this.settings.timezone });
    return DateTime.utc(local.year, local.month, local.day);
  }

  /** `date`: a calendarDate(). */
  private isWorkingDate(date: DateTime): boolean {
    if (date.weekday > 5) return false;
    const iso = date.toISODate()!;
    return !this.extra.has(iso) && !publicHolidayDates(this.settings.country, this.settings.region, date.year).has(iso);
  }

  /**
   * The first instant of the local `day` whose wall clock reads `hour:minute`. A time that a fall-back change
   * repeats is taken at its first occurrence; one that a spring-forward change skips is moved forward by the
   * gap (luxon's normalisation), so callers must not assume the wall clock reads exactly `hour:minute`.
   */
  atLocalTime(day: DateTime, hour: number, minute: number): DateTime {
    const wall = day.setZone(this.settings.timezone).set({ hour, minute, second: 0, millisecond: 0 });
    return wall.getPossibleOffsets().reduce((first, option) => (option < first ? option : first), wall);
  }
}
