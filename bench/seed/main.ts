/**
 * `npm run bench:seed -- --agencies N --candidates M [--seed S] [--week-start yyyy-MM-dd]`:
 * fills a database with realistic, deterministic data for the benchmarks
 * (see seed.ts), then prints the rows per table and the time taken.
 */
import { parseCliOptions, USAGE } from './cli-options';
import { APPLICATIONS_PER_CANDIDATE } from './plan';
import { emptyDatabase, openSeedTarget } from './seed-database-server';
import { assertSeedOptions, seedDatabase, SeedOptions, SeedOptionsError, SeedSummary } from './seed';

const print = (line = '') => process.stdout.write(`${line}\n`);

function printSummary(summary: SeedSummary): void {
  const width = Math.max(...Object.keys(summary.rows).map((table) => table.length));
  const total = Object.values(summary.rows).reduce((sum, count) => sum + count, 0);
  print();
  print(`Seed ${summary.seed}, history up to the week of ${summary.weekStart}`);
  print(
    `${summary.agencyIds.length} ${summary.agencyIds.length === 1 ? 'agency' : 'agencies'}, ${summary.candidates} candidates, ` +
      `${summary.applications} applications ` +
      `(${APPLICATIONS_PER_CANDIDATE} per candidate on average)`,
  );
  print();
  for (const [table, count] of Object.entries(summary.rows).sort(([a], [b]) => a.localeCompare(b)))
    print(`  ${table.padEnd(width)}  ${count.toLocaleString('en').padStart(12)}`);
  print(`  ${'total'.padEnd(width)}  ${total.toLocaleString('en').padStart(12)}`);
  print();
  print(`First agency ${summary.first.agencyId} (Europe/London)`);
  print(`  admin      ${summary.first.adminUserId}`);
  print(`  counselors ${summary.first.counselorUserIds.length}, first ${summary.first.counselorUserIds[0]}`);
  print();
  print(`Foreign keys ${summary.foreignKeys}`);
  print(`Seeded in ${summary.elapsedSeconds.toFixed(1)} s (${Math.round(total / summary.elapsedSeconds)} rows/s)`);
}

async function main(): Promise<void> {
  const options = parseCliOptions(process.argv.slice(2));
  if (options === 'help') {
    print(USAGE);
    return;
  }
  const seedOptions: SeedOptions = {
    agencies: options.agencies,
    totalCandidates: options.totalCandidates,
    seed: options.seed,
    weekStart: options.weekStart,
    connections: options.connections,
    log: (line) => process.stderr.write(`${line}\n`),
  };
  // Before starting a server: a mistyped option should not cost a database start-up.
  assertSeedOptions(seedOptions);
  const target = await openSeedTarget();
  try {
    print(`Database: ${target.ownerUrl} (${target.source})`);
    print(`Application role: ${target.appUrl}`);
    if (options.reset) {
      await emptyDatabase(target.ownerUrl);
      print('Emptied every table');
    }
    const summary = await seedDatabase(target.ownerUrl, seedOptions);
    printSummary(summary);
  } finally {
    await target.stop();
  }
}

main().catch((error: unknown) => {
  const message =
    error instanceof SeedOptionsError
      ? error.message
      : error instanceof Error
        ? (error.stack ?? error.message)
        : String(error);
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
