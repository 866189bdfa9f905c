import { Test } from '@nestjs/testing';
import { INestApplicationContext } from '@nestjs/common';
import { AgenciesModule, AgenciesService } from '@lib/agencies';
import { ClockModule } from '@lib/clock';
import { ConfigModule } from '@lib/config';
import { ContextModule, RequestContextFactory, Role } from '@lib/context';
import { DatabaseModule, preparedSql } from '@lib/database';
import { Client } from 'pg';
import { createTestDatabase, TestDatabase, withOwner } from '../support/database';
import { applyTestEnv } from '../support/test-env';

describe('RequestContext: one transaction per unit of work, scoped to one agency', () => {
  let db: TestDatabase;
  let app: INestApplicationContext;
  let contexts: RequestContextFactory;
  let agencies: AgenciesService;

  beforeAll(async () => {
    db = await createTestDatabase();
    applyTestEnv(db);
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule, ClockModule, DatabaseModule, ContextModule, AgenciesModule],
    }).compile();
    app = await moduleRef.init();
    contexts = app.get(RequestContextFactory);
    agencies = app.get(AgenciesService);
  });

  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  const countAgencies = (name: string) =>
    withOwner(
      db.ownerUrl,
      async (client) => (await client.query('SELECT 1 FROM agencies WHERE name = $1', [name])).rowCount,
    );

  it('commits what a successful unit of work wrote', async () => {
    await contexts.run(contexts.create(), (ctx) =>
      agencies.create(ctx, { name: 'Kept', timezone: 'Europe/Paris', country: 'fr' }),
    );
    expect(await countAgencies('Kept')).toBe(1);
  });

  it('leaves nothing half-written when the unit of work fails after a write', async () => {
    const failing = contexts.run(contexts.create(), async (ctx) => {
      await agencies.create(ctx, { name: 'Half', timezone: 'Europe/Paris', country: 'FR' });
      throw new Error('boom after the first write');
    });
    await expect(failing).rejects.toThrow('boom');
    expect(await countAgencies('Half')).toBe(0);
  });

  it('gives each agency a unique slug, even for the same name', async () => {
    const [first, second] = await Promise.all(
      [1, 2].map(() =>
        contexts.run(contexts.create(), (ctx) =>
          agencies.create(ctx, { name: 'Same Name', timezone: 'UTC', country: 'GB' }),
        ),
      ),
    );
    expect(first!.slug).not.toBe(second!.slug);
    expect([first!.slug, second!.slug]).toContain('same-name');
  });

  it('never lets an authenticated context switch agency', async () => {
    const own = await contexts.run(contexts.create(), (ctx) =>
      agencies.create(ctx, { name: 'Own', timezone: 'UTC', country: 'GB' }),
    );
    const ctx = contexts.create();
    ctx.authenticate({ kind: 'user', agencyId: own.id, userId: own.id, role: Role.ADMIN, sessionId: own.id });
    await expect(ctx.enterAgency('00000000-0000-4000-8000-000000000000')).rejects.toThrow(/cannot switch agency/);
    await ctx.finish(false);
  });

  it("shows a job's context only its own agency", async () => {
    const a = await contexts.run(contexts.create(), (ctx) =>
      agencies.create(ctx, { name: 'Job A', timezone: 'UTC', country: 'GB' }),
    );
    const b = await contexts.run(contexts.create(), (ctx) =>
      agencies.create(ctx, { name: 'Job B', timezone: 'UTC', country: 'GB' }),
    );
    const seen = await contexts.runForAgency(a.id, 'test', (ctx) =>
      ctx.query<{ id: string }>('SELECT id FROM agencies'),
    );
    expect(seen.map((row) => row.id)).toEqual([a.id]);
    expect(seen.map((row) => row.id)).not.toContain(b.id);
  });

  it('holds a prepared statement to each agency in turn on one pooled connection, generic plan included', async () => {
    const [a, b] = await Promise.all(
      ['Prepared A', 'Prepared B'].map((name) =>
        contexts.run(contexts.create(), (ctx) => agencies.create(ctx, { name, timezone: 'UTC', country: 'GB' })),
      ),
    );
    const both = [a!.id, b!.id];
    const statement = preparedSql('SELECT id FROM agencies WHERE id = ANY($1::uuid[])');
    const runs: Array<{ agency: string; seen: string[]; pid: number; genericPlans: number }> = [];
    // One after another, so the pool hands the same connection back; past five runs PostgreSQL may keep a generic plan.
    for (let run = 0; run < 16; run++) {
      const agency = both[run % 2]!;
      runs.push(
        await contexts.runForAgency(agency, 'test', async (ctx) => {
          const seen = (await ctx.query<{ id: string }>(statement, [both])).map((row) => row.id);
          const [session] = await ctx.query<{ pid: number; generic_plans: string }>(
            `SELECT pg_backend_pid() AS pid,
                    (SELECT generic_plans FROM pg_prepared_statements WHERE name = $1) AS generic_plans`,
            [statement.name],
          );
          return { agency, seen, pid: session!.pid, genericPlans: Number(session!.generic_plans) };
        }),
      );
    }
    expect(runs.map((run) => run.seen)).toEqual(runs.map((run) => [run.agency]));
    const connections = new Set(runs.map((run) => run.pid));
    expect(connections.size).toBeLessThan(runs.length);
    // The statement really was prepared and planned generically on a connection both agencies used.
    expect(Math.max(...runs.map((run) => run.genericPlans))).toBeGreaterThan(0);
  });

  it("sends a unit of work's first prepared statement with the start of its transaction, scoped and its values intact", async () => {
    const tricky = `O'Brien \\ "Fold" ${Date.now()}`;
    const [a, b] = await Promise.all(
      [`${tricky} A`, `${tricky} B`].map((name) =>
        contexts.run(contexts.create(), (ctx) => agencies.create(ctx, { name, timezone: 'UTC', country: 'GB' })),
      ),
    );
    const statement = preparedSql(
      `SELECT name, $2::timestamptz AS at FROM agencies WHERE starts_with(name, $1) AND created_at < $2 ORDER BY name`,
    );
    const at = new Date(Date.now() + 60_000);
    const queries = jest.spyOn(Client.prototype, 'query');
    try {
      // One after another, so the connections have the statement prepared from the second round on.
      for (let run = 0; run < 12; run++) {
        const agency = run % 2 ? b! : a!;
        queries.mockClear();
        const seen = await contexts.runForAgency(agency.id, 'test', (ctx) =>
          ctx.query<{ name: string; at: Date }>(statement, [tricky, at]),
        );
        expect(seen).toEqual([{ name: agency.name, at }]);
        if (run >= 4) {
          // The start, the scope and the statement in one message, then the commit.
          expect(queries.mock.calls.map(([sent]) => (typeof sent === 'string' ? sent : 'prepared'))).toEqual([
            expect.stringMatching(/^START TRANSACTION; SET LOCAL .*; EXECUTE p_[0-9a-f]+\(/s),
            'COMMIT',
          ]);
        }
      }
    } finally {
      queries.mockRestore();
    }
  });

  it('rolls the transaction back when the first statement fails, riding with its start or not', async () => {
    const own = await contexts.run(contexts.create(), (ctx) =>
      agencies.create(ctx, { name: `Failing first ${Date.now()}`, timezone: 'UTC', country: 'GB' }),
    );
    const failing = preparedSql(`SELECT 1 / ($1::int - 1) AS quotient FROM agencies WHERE id = $2`);
    for (let run = 0; run < 3; run++) {
      await contexts.runForAgency(own.id, 'test', (ctx) => ctx.query(failing, [2, own.id]));
      const ctx = contexts.create();
      ctx.authenticate({ kind: 'user', agencyId: own.id, userId: own.id, role: Role.ADMIN, sessionId: own.id });
      await expect(ctx.query(failing, [1, own.id])).rejects.toThrow(/division by zero/);
      await expect(ctx.query('SELECT 1')).rejects.toThrow(/division by zero/);
      await ctx.finish(false);
    }
  });
});
