import { DateTime } from 'luxon';
import { APPLICATIONS_PER_CANDIDATE } from './plan';
import { SeedOptionsError } from './seed';

export interface CliOptions {
  agencies: number;
  totalCandidates: number;
  seed: number;
  weekStart: string;
  connections: number;
  reset: boolean;
}

export const USAGE = `Usage: node -r @swc-node/register bench/seed/main.ts [options]

  --agencies N        agencies to create (default 1)
  --candidates M      candidates across all agencies, spread with a skew (default 100 per agency);
                      each has ${APPLICATIONS_PER_CANDIDATE} applications on average (1, 2 or 3)
  --applications A    instead of --candidates: about A applications (A / ${APPLICATIONS_PER_CANDIDATE} candidates)
  --seed S            non-negative integer; the same seed gives the same rows (default 1)
  --week-start DATE   the Monday (yyyy-MM-dd) of the last generated week, the one a weekly report covers
                      (default: the last complete week)
  --connections C     connections writing at once (default 2)
  --reset             empty every table of the database first (all its data, not only seeded rows)

Uses DATABASE_URL (an owner or superuser URL), else an embedded PostgreSQL kept in .data/bench-postgres.`;

/** The Monday of the last week that has ended, in UTC: what Monday's weekly report covers. */
export function lastCompleteWeek(now: Date = new Date()): string {
  return DateTime.fromJSDate(now, { zone: 'UTC' }).startOf('week').minus({ weeks: 1 }).toISODate()!;
}

function integer(name: string, value: string | undefined): number {
  const parsed = Number(value);
  if (value === undefined || !Number.isInteger(parsed) || parsed < 0)
    throw new SeedOptionsError(`${name} needs a whole number`);
  return parsed;
}

export function parseCliOptions(argv: readonly string[]): CliOptions | 'help' {
  const values = new Map<string, string | undefined>();
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--reset') {
      values.set(arg, 'true');
      continue;
    }
    const [name, inline] = arg.split('=', 2) as [string, string | undefined];
    if (!['--agencies', '--candidates', '--applications', '--seed', '--week-start', '--connections'].includes(name))
      throw new SeedOptionsError(`Unknown option ${arg}\n\n${USAGE}`);
    values.set(name, inline ?? argv[++index]);
  }
  if (values.has('--candidates') && values.has('--applications'))
    throw new SeedOptionsError('Give --candidates or --applications, not both');
  const agencies = values.has('--agencies') ? integer('--agencies', values.get('--agencies')) : 1;
  const totalCandidates = values.has('--applications')
    ? Math.ceil(integer('--applications', values.get('--applications')) / APPLICATIONS_PER_CANDIDATE)
    : values.has('--candidates')
      ? integer('--candidates', values.get('--candidates'))
      : agencies * 100;
  return {
    agencies,
    totalCandidates,
    seed: values.has('--seed') ? integer('--seed', values.get('--seed')) : 1,
    weekStart: values.get('--week-start') ?? lastCompleteWeek(),
    connections: values.has('--connections') ? integer('--connections', values.get('--connections')) : 2,
    reset: values.has('--reset'),
  };
}
