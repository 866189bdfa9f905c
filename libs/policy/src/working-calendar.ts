import { DateTime, IANAZone } from 'luxon';
import { publicHolidayDates, workingDatesOfYear } from './public-holidays';
import { zoneNamed } from './remembered-zone';

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
  private readonly workingDatesByYear = new Map<number, readonly string[]>();
  /** The calendar's zone for luxon: remembers its offsets (see remembered-zone.ts). */
  readonly zone: IANAZone;

  constructor(private readonly settings: CalendarSettings) {
    if (!DateTime.local().setZone(settings.timezone).isValid)
      throw new Error(`Unknown time zone: ${settings.timezone}`);
    this.extra = new Set(settings.extraHolidays ?? []);
    this.zone = zoneNamed(settings.timezone);
  }

  get timezone(): string {
    return this.settings.timezone;
  }

  /** The calendar day of an instant, in the calendar's time zone. */
  localDay(instant: Date): DateTime {
    return DateTime.fromJSDate(instant, { zone: this.zone }).startOf('day');
  }

  isWorkingDay(day: DateTime): boolean {
    const local = day.setZone(this.zone);
    return this.isWorkingDate(DateTime.utc(local.year, local.month, local.day));
  }

  /** The start (local midnight) of the working day that comes `count` working days after the day of `from`. */
  workingDaysAfter(from: Date, count: number): Date {
    const start = this.localDate(from);
    if (count <= 0) return this.midnightOf(start);
    let year = Number(start.slice(0, 4));
    let dates = this.workingDates(year);
    let index = firstAfter(dates, start);
    let remaining = count;
    while (index + remaining > dates.length) {
      remaining -= dates.length - index;
      dates = this.workingDates(++year);
      index = 0;
    }
    return this.midnightOf(dates[index + remaining - 1]!);
  }

  /** Working days strictly after the day of `from`, up to and including the day of `to`. */
  workingDaysBetween(from: Date, to: Date): number {
    const first = this.localDate(from);
    const last = this.localDate(to);
    if (last <= first) return 0;
    const lastYear = Number(last.slice(0, 4));
    let count = 0;
    for (let year = Number(first.slice(0, 4)); year <= lastYear; year++) {
      const dates = this.workingDates(year);
      const after = firstAfter(dates, first);
      count += (year === lastYear ? firstAfter(dates, last) : dates.length) - after;
    }
    return count;
  }

  /** The ISO date (yyyy-MM-dd) of an instant in the calendar's time zone: the one step that needs the zone. */
  private localDate(instant: Date): string {
    return DateTime.fromJSDate(instant, { zone: this.zone }).toISODate()!;
  }

  /** A day's first instant in the calendar's time zone (01:00 where a daylight-saving change skips midnight). */
  private midnightOf(isoDate: string): Date {
    return DateTime.fromISO(isoDate, { zone: this.zone }).toJSDate();
  }

  /**
   * The year's working dates, in order. Days are counted by their position in
   * this list rather than by stepping luxon through them: each step in a named
   * zone made luxon ask Intl for an offset, which took a third of the worker's
   * time in a sweep (bench/README.md). A date a zone skipped entirely (Samoa's
   * 30 December 2011) counts as a date.
   */
  private workingDates(year: number): readonly string[] {
    let dates = this.workingDatesByYear.get(year);
    if (!dates) {
      const shared = workingDatesOfYear(this.settings.country, this.settings.region, year);
      dates = this.extra.size === 0 ? shared : shared.filter((date) => !this.extra.has(date));
      this.workingDatesByYear.set(year, dates);
    }
    return dates;
  }

  /** `date`: a UTC midnight standing for a calendar date. */
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
    const wall = day.setZone(this.zone).set({ hour, minute, second: 0, millisecond: 0 });
    return wall.getPossibleOffsets().reduce((first, option) => (option < first ? option : first), wall);
  }
}

/** The index of the first of the ordered ISO `dates` that comes after `date` (their length if none does). */
function firstAfter(dates: readonly string[], date: string): number {
  let low = 0;
  let high = dates.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (dates[middle]! <= date) low = middle + 1;
    else high = middle;
  }
  return low;
}
