import { Client } from 'pg';

/**
 * The sweep raises rungs and moves each application's next step to its next
 * rung: a second run on the same data would find little due. The seeded next
 * steps are kept once, the first time, and put back, with the rungs and
 * messages of earlier bench runs removed, before every run, so each run
 * sweeps the same due rungs.
 */
export async function restoreSweepState(ownerUrl: string, benchNow: Date): Promise<void> {
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    await owner.query('BEGIN');
    const kept = await owner.query(`SELECT to_regclass('bench_seeded_next_steps') AS kept`);
    if (!kept.rows[0].kept) {
      await owner.query(`CREATE TABLE bench_seeded_next_steps AS TABLE application_next_steps`);
    } else {
      await owner.query(`DELETE FROM notifications WHERE created_at >= $1`, [benchNow]);
      await owner.query(`DELETE FROM escalations WHERE raised_at >= $1`, [benchNow]);
      await owner.query(`DELETE FROM pipeline_reports WHERE generated_at >= $1`, [benchNow]);
      await owner.query(`TRUNCATE application_next_steps`);
      await owner.query(`INSERT INTO application_next_steps SELECT * FROM bench_seeded_next_steps`);
    }
    await owner.query('COMMIT');
  } catch (error) {
    await owner.query('ROLLBACK');
    throw error;
  } finally {
    await owner.end();
  }
}

/** Seeding anew makes the kept next steps another dataset's. */
export async function forgetSweepState(ownerUrl: string): Promise<void> {
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    await owner.query(`DROP TABLE IF EXISTS bench_seeded_next_steps`);
  } finally {
    await owner.end();
  }
}
