/**
 * `npm run bench:import`: candidate import, the bulk path (one unnest() statement per
 * file, CandidateImportService) side by side with a baseline that inserts the
 * same rows one statement at a time, in the same transaction shape and under
 * the same row-level security. Prints the median of several runs and the ratio.
 * Uses DATABASE_URL, or an embedded PostgreSQL it throws away afterwards.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SystemClock } from '@lib/clock';
import { CandidateImportService } from '@lib/candidates';
import { RequestContext, Role } from '@lib/context';
import { ensureAppLoginRole, postgresOptions, runMigrations } from '@lib/database';
import { defaultAppUrl, startEmbeddedPostgres } from '@lib/local-infra';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

const ROWS = 10000;
const RUNS = 5;

function csv(prefix: string): string {
  const lines = ['name,email,phone'];
  for (let index = 0; index < ROWS; index++)
    lines.push(`Candidate ${index},${prefix}${index}@bench.test,+1 312 555 ${String(index).padStart(4, '0')}`);
  return lines.join('\n');
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const embedded = process.env.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: mkdtempSync(join(tmpdir(), 'bench-pg-')),
        persistent: false,
        database: 'bench',
      });
  const ownerUrl = process.env.DATABASE_URL ?? embedded!.ownerUrl;
  const appUrl = process.env.DATABASE_APP_URL || defaultAppUrl(ownerUrl);
  await runMigrations(ownerUrl);
  await ensureAppLoginRole(ownerUrl, appUrl);

  const agencyId = randomUUID();
  const userId = randomUUID();
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  await owner.query(
    `INSERT INTO agencies (id, name, slug, timezone, country, created_at) VALUES ($1, 'Bench', $2, 'UTC', 'GB', now())`,
    [agencyId, `bench-${agencyId.slice(0, 8)}`],
  );
  await owner.query(
    `INSERT INTO users (agency_id, id, email, full_name, role, password_hash, created_at) VALUES ($1, $2, $3, 'Bench', 'ADMIN', '$argon2id$x', now())`,
    [agencyId, userId, `bench-${agencyId}@bench.test`],
  );

  const dataSource = await new DataSource(postgresOptions({ url: appUrl, poolSize: 2 })).initialize();
  const service = new CandidateImportService(new SystemClock());
  const inContext = async (work: (ctx: RequestContext) => Promise<unknown>) => {
    const ctx = new RequestContext(dataSource, 'bench');
    ctx.authenticate({ kind: 'user', agencyId, userId, role: Role.ADMIN, sessionId: randomUUID() });
    await work(ctx);
    await ctx.finish(true);
  };

  const bulk: number[] = [];
  const baseline: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const file = csv(`bulk${run}-`);
    bulk.push(await timed(() => inContext((ctx) => service.import(ctx, file))));
    baseline.push(
      await timed(() =>
        inContext(async (ctx) => {
          for (let index = 0; index < ROWS; index++) {
            const id = randomUUID();
            await ctx.query(
              `INSERT INTO candidates (agency_id, id, full_name, email, phone, counselor_id, created_at)
               VALUES ($1, $2, $3, $4, $5, $6, now()) ON CONFLICT (agency_id, lower(email)) DO NOTHING`,
              [agencyId, id, `Candidate ${index}`, `row${run}-${index}@bench.test`, null, userId],
            );
            await ctx.query(
              `INSERT INTO audit_entries (agency_id, id, actor_user_id, action, record_type, record_id, details, occurred_at)
               VALUES ($1, gen_random_uuid(), $2, 'candidate.imported', 'candidate', $3, '{}', now())`,
              [agencyId, userId, id],
            );
          }
        }),
      ),
    );
  }
  await dataSource.destroy();
  await owner.end();
  await embedded?.stop();

  const bulkMs = median(bulk);
  const baselineMs = median(baseline);
  process.stdout.write(
    `candidate import, ${ROWS} rows, median of ${RUNS} runs\n` +
      `  bulk (unnest, one statement):   ${bulkMs.toFixed(0)} ms (parsing and validation included)\n` +
      `  baseline (one INSERT per row):  ${baselineMs.toFixed(0)} ms (no parsing)\n` +
      `  baseline / bulk:                ${(baselineMs / bulkMs).toFixed(1)}x\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
