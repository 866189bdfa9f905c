import fc from 'fast-check';
import { zoneNamed } from '@lib/policy';
import { DateTime, IANAZone } from 'luxon';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
const DAY_MS = 24 * HOUR_MS;

/** Zones with half-hour and 45-minute offsets and changes, a skipped day, and the usual ones. */
const ZONES = [
  'Europe/London',
  'America/New_York',
  'America/St_Johns',
  'America/Sao_Paulo',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Pacific/Apia',
];

/** Every hour at which luxon's own zone changes offset between `from` and `to`: found day by day, then hour by hour. */
function changesOf(name: string, from: string, to: string): number[] {
  const luxon = IANAZone.create(name);
  const changes: number[] = [];
  let previous = luxon.offset(Date.parse(from));
  for (let day = Date.parse(from); day < Date.parse(to); day += DAY_MS) {
    if (luxon.offset(day + DAY_MS) === previous) continue;
    for (let ts = day; ts <= day + DAY_MS; ts += HOUR_MS) {
      const offset = luxon.offset(ts);
      if (offset !== previous) changes.push(ts);
      previous = offset;
    }
  }
  return changes;
}

describe('A zone that remembers its offsets hour by hour', () => {
  it.each(ZONES)('gives luxon’s own offset minute by minute around every change of %s, 1900 to 2035', (name) => {
    const luxon = IANAZone.create(name);
    const remembered = zoneNamed(name);
    const changes = changesOf(name, '1900-01-01T00:00:00Z', '2035-01-01T00:00:00Z');
    expect(changes.length).toBeGreaterThan(1);
    const wrong: string[] = [];
    for (const change of changes) {
      for (let ts = change - 3 * HOUR_MS; ts <= change + 2 * HOUR_MS; ts += MINUTE_MS) {
        if (remembered.offset(ts) !== luxon.offset(ts)) wrong.push(new Date(ts).toISOString());
      }
    }
    expect(wrong).toEqual([]);
  });

  it('gives luxon’s own offset, and places instants as luxon does, at any instant of two centuries', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: Date.parse('1900-01-01T00:00:00Z'), max: Date.parse('2100-01-01T00:00:00Z') }),
        (name, ts) => {
          const luxon = DateTime.fromMillis(ts, { zone: name });
          const remembered = DateTime.fromMillis(ts, { zone: zoneNamed(name) });
          return (
            zoneNamed(name).offset(ts) === IANAZone.create(name).offset(ts) &&
            remembered.toISO() === luxon.toISO() &&
            remembered.startOf('day').toMillis() === luxon.startOf('day').toMillis()
          );
        },
      ),
      { seed: 20261122, numRuns: 5_000 },
    );
  });

  it('is one zone per name, equal to luxon’s', () => {
    expect(zoneNamed('Europe/Paris')).toBe(zoneNamed('Europe/Paris'));
    expect(zoneNamed('Europe/Paris').equals(IANAZone.create('Europe/Paris'))).toBe(true);
    expect(zoneNamed('Europe/Paris').name).toBe('Europe/Paris');
  });
});
