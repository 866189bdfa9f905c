import Holidays from 'date-holidays';
import { DateTime } from 'luxon';

const HOLIDAY_TYPES = new Set(['public', 'bank']);

/**
 * Built once per country and region for the life of the process: a
 * date-holidays calendar parses its rules when constructed, which cost a
 * fifth of the CPU of logging a follow-up when every plan built its own
 * (bench/http profile). Holiday rules are data, so sharing them is safe.
 */
const calendars = new Map<string, Holidays>();
const datesByYear = new Map<string, ReadonlySet<string>>();

/** The public and bank holidays of a country (and region) in a year, as ISO dates (yyyy-MM-dd). */
export function publicHolidayDates(
  country: string,
  region: string | null | undefined,
  year: number,
): ReadonlySet<string> {
  const place = `${country}/${region ?? ''}`;
  const key = `${place}/${year}`;
  let dates = datesByYear.get(key);
  if (!dates) {
    let calendar = calendars.get(place);
    if (!calendar) {
      calendar = region ? new Holidays(country, region) : new Holidays(country);
      calendars.set(place, calendar);
    }
    dates = new Set(
      (calendar.getHolidays(year) || [])
        .filter((holiday) => HOLIDAY_TYPES.has(holiday.type))
        .map((holiday) => holiday.date.slice(0, 10)),
    );
    datesByYear.set(key, dates);
  }
  return dates;
}

const workingDatesByYear = new Map<string, readonly string[]>();

/**
 * Monday to Friday of a year less the public holidays of a country (and
 * region), as ISO dates in order: built once with luxon, then searched, so a
 * calendar counts working days by position instead of stepping luxon through
 * every day (the planner counts days for every rung of every application).
 */
export function workingDatesOfYear(
  country: string,
  region: string | null | undefined,
  year: number,
): readonly string[] {
  const key = `${country}/${region ?? ''}/${year}`;
  let dates = workingDatesByYear.get(key);
  if (!dates) {
    const holidays = publicHolidayDates(country, region, year);
    const working: string[] = [];
    for (let day = DateTime.utc(year, 1, 1); day.year === year; day = day.plus({ days: 1 })) {
      const iso = day.toISODate()!;
      if (day.weekday <= 5 && !holidays.has(iso)) working.push(iso);
    }
    dates = working;
    workingDatesByYear.set(key, dates);
  }
  return dates;
}
