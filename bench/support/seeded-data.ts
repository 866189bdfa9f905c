import { Client } from 'pg';
import { seedDatabase } from '../seed/seed';
import { forgetSweepState } from '../worker/sweep-state';

export interface Dataset {
  seed: number;
  agencies: number;
  totalCandidates: number;
  weekStart: string;
}

/**
 * The agencies of `dataset`, in agency order: seeded now, or found from an
 * earlier run into the same database (seeding a million applications takes
 * minutes). A dataset is recognised by its seed's slugs (bench-s<seed>-<n>).
 */
export async function seededAgencies(
  ownerUrl: string,
  dataset: Dataset,
  log: (line: string) => void,
): Promise<string[]> {
  const earlier = await agenciesOf(ownerUrl, dataset.seed);
  if (earlier.length === dataset.agencies) {
    log(`Seed ${dataset.seed}: ${earlier.length} agencies already seeded`);
    return earlier;
  }
  if (earlier.length > 0)
    throw new Error(
      `Seed ${dataset.seed} holds ${earlier.length} agencies, not ${dataset.agencies}: empty the database (npm run bench:seed -- --reset ...) or use another`,
    );
  await forgetSweepState(ownerUrl);
  log(`Seed ${dataset.seed}: seeding ${dataset.agencies} agencies, ${dataset.totalCandidates} candidates`);
  const summary = await seedDatabase(ownerUrl, { ...dataset, log });
  log(`Seed ${dataset.seed}: ${summary.applications} applications in ${summary.elapsedSeconds.toFixed(0)} s`);
  return summary.agencyIds;
}

async function agenciesOf(ownerUrl: string, seed: number): Promise<string[]> {
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    const rows = await owner.query<{ id: string }>(
      `SELECT id FROM agencies WHERE slug LIKE $1 ORDER BY split_part(slug, '-', 3)::int`,
      [`bench-s${seed}-%`],
    );
    return rows.rows.map((row) => row.id);
  } finally {
    await owner.end();
  }
}
