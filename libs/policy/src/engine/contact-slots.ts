import { DateTime } from 'luxon';
import { ContactWindow, FollowUpPolicy, Weekday } from '../follow-up-policy';
import { WorkingCalendar } from '../working-calendar';

const ISO_WEEKDAY: Record<Weekday, number> = {
  [Weekday.MONDAY]: 1,
  [Weekday.TUESDAY]: 2,
  [Weekday.WEDNESDAY]: 3,
  [Weekday.THURSDAY]: 4,
  [Weekday.FRIDAY]: 5,
};

/** A year and a month: every real policy finds a slot long before; beyond that the policy is broken. */
const SEARCH_DAYS = 400;
const MINUTES_PER_DAY = 24 * 60;

/** A contact window in minutes since local midnight, end exclusive. */
interface WindowMinutes {
  start: number;
  end: number;
}

function minutesOf(time: string): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(time);
  const minutes = match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
  if (!match || Number(match[2]) > 59 || minutes > MINUTES_PER_DAY)
    throw new Error(`A contact window time must be HH:mm, got "${time}"`);
  return minutes;
}

/** The policy's windows in order of the day; an empty or inverted window offers no slot. */
function windowsOf(windows: readonly ContactWindow[]): WindowMinutes[] {
  return windows
    .map((window) => ({ start: minutesOf(window.start), end: minutesOf(window.end) }))
    .filter((window) => window.end > window.start)
    .sort((a, b) => a.start - b.start);
}

function wallClockMinutes(local: DateTime): number {
  return local.hour * 60 + local.minute + local.second / 60 + local.millisecond / 60_000;
}

/** The instant the wall clock of `day` shows `minutes`, or the next day's midnight for 24:00. */
function atMinutes(calendar: WorkingCalendar, day: DateTime, minutes: number): DateTime {
  if (minutes >= MINUTES_PER_DAY) return day.plus({ days: 1 }).startOf('day');
  return calendar.atLocalTime(day, Math.floor(minutes / 60), minutes % 60);
}

/** The end of the stalker guard's gap after the last initiated contact (002 step three, 004). */
export function gapEnd(calendar: WorkingCalendar, policy: FollowUpPolicy, lastGapStart: Date | null): Date | null {
  return lastGapStart ? calendar.workingDaysAfter(lastGapStart, policy.minimumGapWorkingDays) : null;
}

/** Whether an instant falls in one of the policy's contact windows, in the employer's local time (003). */
export function isInContactWindow(calendar: WorkingCalendar, policy: FollowUpPolicy, instant: Date): boolean {
  const wall = wallClockMinutes(DateTime.fromJSDate(instant, { zone: calendar.zone }));
  return windowsOf(policy.contactWindows).some((window) => wall >= window.start && wall < window.end);
}

/** Whether the employer's local day of an instant is a working day and one of the policy's contact days (003). */
export function isContactDay(calendar: WorkingCalendar, policy: FollowUpPolicy, instant: Date): boolean {
  const local = calendar.localDay(instant);
  return policy.contactDays.some((weekday) => ISO_WEEKDAY[weekday] === local.weekday) && calendar.isWorkingDay(local);
}

/**
 * The earliest instant of the window on `day` not before `earliest`, checked on the wall clock so that a
 * daylight-saving change inside the window (a skipped or repeated hour) never yields a time outside it.
 */
function slotInWindow(
  calendar: WorkingCalendar,
  day: DateTime,
  window: WindowMinutes,
  earliest: DateTime,
): DateTime | null {
  const opening = atMinutes(calendar, day, window.start);
  let candidate = opening < earliest ? earliest : opening;
  // A repeated hour can put the candidate's wall clock before the window: move on in real time, at most twice.
  for (let attempt = 0; attempt < 3; attempt++) {
    const local = candidate.setZone(calendar.zone);
    if (!local.hasSame(day, 'day')) return null;
    const wall = wallClockMinutes(local);
    if (wall >= window.end) return null;
    if (wall >= window.start) return local;
    candidate = candidate.plus({ milliseconds: Math.ceil((window.start - wall) * 60_000) });
  }
  return null;
}

/**
 * The first instant at or after `notBefore`, and after the stalker guard's gap, on a working contact day and
 * inside a contact window in the employer's local time (003: Tuesday to Thursday, start of day, lunchtime,
 * end of day; 002 step three: the minimum gap).
 */
export function firstContactSlot(
  calendar: WorkingCalendar,
  policy: FollowUpPolicy,
  notBefore: Date,
  lastGapStart: Date | null,
): Date {
  if (policy.contactDays.length === 0) throw new Error('The follow-up policy has no contact days');
  const windows = windowsOf(policy.contactWindows);
  if (windows.length === 0) throw new Error('The follow-up policy has no usable contact window');
  const contactDays = new Set(policy.contactDays.map((weekday) => ISO_WEEKDAY[weekday]));
  const gap = gapEnd(calendar, policy, lastGapStart);
  const earliest = DateTime.fromJSDate(gap && gap > notBefore ? gap : notBefore, { zone: calendar.zone });
  let day = earliest.startOf('day');
  for (let searched = 0; searched < SEARCH_DAYS; searched++, day = day.plus({ days: 1 }).startOf('day')) {
    if (!contactDays.has(day.weekday) || !calendar.isWorkingDay(day)) continue;
    for (const window of windows) {
      const slot = slotInWindow(calendar, day, window, earliest);
      if (slot) return slot.toJSDate();
    }
  }
  throw new Error(`No contact slot within ${SEARCH_DAYS} days of ${earliest.toISO()}: check the contact days`);
}

/** "End of business" of the employer's local day of `instant`: the end of its last contact window. */
export function endOfBusiness(calendar: WorkingCalendar, policy: FollowUpPolicy, instant: Date): Date {
  const windows = windowsOf(policy.contactWindows);
  if (windows.length === 0) throw new Error('The follow-up policy has no usable contact window');
  const closing = Math.max(...windows.map((window) => window.end));
  return atMinutes(calendar, calendar.localDay(instant), closing).toJSDate();
}
