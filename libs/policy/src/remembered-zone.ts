import { IANAZone } from 'luxon';

const HOUR_MS = 3_600_000;
/** Hours remembered per zone before starting afresh: about eleven years of them. */
const MAX_HOURS = 100_000;

/**
 * An IANA time zone that remembers its offset hour by hour. Luxon asks Intl
 * for the offset of every instant it places in a zone (formatToParts), and a
 * sweep places millions: that was a quarter of the worker's CPU
 * (bench/README.md). The offsets stay luxon's own: an hour whose first and
 * last millisecond have the same offset has it throughout (a zone never
 * changes twice within an hour), and an hour with a change in it is asked of
 * luxon instant by instant, as before.
 */
class RememberedOffsetZone extends IANAZone {
  private readonly hours = new Map<number, number | null>();

  override offset(ts: number): number {
    const hour = Math.floor(ts / HOUR_MS);
    let offset = this.hours.get(hour);
    if (offset === undefined) {
      const first = super.offset(hour * HOUR_MS);
      offset = first === super.offset(hour * HOUR_MS + HOUR_MS - 1) ? first : null;
      if (this.hours.size >= MAX_HOURS) this.hours.clear();
      this.hours.set(hour, offset);
    }
    return offset ?? super.offset(ts);
  }
}

const zones = new Map<string, IANAZone>();

/** The zone of an IANA name, for luxon's `zone` options and `setZone`, one instance per name. */
export function zoneNamed(name: string): IANAZone {
  let zone = zones.get(name);
  if (!zone) {
    zone = new RememberedOffsetZone(name);
    zones.set(name, zone);
  }
  return zone;
}
