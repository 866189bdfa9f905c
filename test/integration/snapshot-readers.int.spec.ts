import { randomUUID } from 'node:crypto';
import { RequestContextFactory } from '@lib/context';
import { SnapshotReaders } from '@lib/database';
import { withOwner } from '../support/database';
import { EngineHarness, startEngineHarness } from '../support/engine-harness';
import { insertAgencyWithAdmin } from '../support/seed';

const COUNT_USERS = { sql: `SELECT count(*)::int AS n FROM users`, parameters: [] };
const PID_AFTER_A_PAUSE = { sql: `SELECT pg_backend_pid() AS pid FROM pg_sleep(0.2)`, parameters: [] };

/**
 * The report's figures are read side by side on connections of their own
 * (SnapshotReaders): they must see exactly what the report's transaction saw,
 * under its agency's row-level security, and nothing the readers do may
 * outlive them.
 */
describe('snapshot readers', () => {
  let harness: EngineHarness;
  let readers: SnapshotReaders;
  let contexts: RequestContextFactory;
  let agencyA: string;
  let agencyB: string;

  beforeAll(async () => {
    harness = await startEngineHarness('2027-03-29T09:00:00Z');
    readers = harness.get(SnapshotReaders);
    contexts = harness.get(RequestContextFactory);
    await withOwner(harness.db.ownerUrl, async (owner) => {
      agencyA = (await insertAgencyWithAdmin(owner, `readers-a-${randomUUID().slice(0, 8)}`)).agencyId;
      agencyB = (await insertAgencyWithAdmin(owner, `readers-b-${randomUUID().slice(0, 8)}`)).agencyId;
      await addUser(owner, agencyB);
    });
  });

  afterAll(() => harness.close());

  const addUser = (owner: { query: (sql: string, values: unknown[]) => Promise<unknown> }, agencyId: string) =>
    owner.query(
      `INSERT INTO users (agency_id, id, email, full_name, role, password_hash, created_at)
       VALUES ($1, gen_random_uuid(), gen_random_uuid() || '@readers.test', 'Reader', 'COUNSELOR', '$argon2id$x', now())`,
      [agencyId],
    );

  it("sees the exporting transaction's snapshot, not rows committed after it", async () => {
    const [before, after] = await contexts.runForAgency(agencyA, 'readers-test', async (ctx) => {
      const snapshot = await ctx.exportSnapshot();
      const [[seenAtExport]] = (await readers.read(snapshot, [COUNT_USERS], { connections: 2 })) as [[{ n: number }]];
      await withOwner(harness.db.ownerUrl, (owner) => addUser(owner, agencyA));
      const [[seenLater]] = (await readers.read(snapshot, [COUNT_USERS], { connections: 2 })) as [[{ n: number }]];
      return [seenAtExport!.n, seenLater!.n];
    });
    expect(after).toBe(before);
    const now = await contexts.runForAgency(agencyA, 'readers-test', async (ctx) =>
      readers.read(await ctx.exportSnapshot(), [COUNT_USERS], { connections: 1 }),
    );
    expect((now[0]![0] as { n: number }).n).toBe(before + 1);
  });

  it("holds every reader to the exporter's agency", async () => {
    const rows = await contexts.runForAgency(agencyA, 'readers-test', async (ctx) =>
      readers.read(
        await ctx.exportSnapshot(),
        [1, 2, 3].map(() => ({ sql: `SELECT DISTINCT agency_id FROM users`, parameters: [] })),
        { connections: 3 },
      ),
    );
    expect(rows.flat()).toEqual([{ agency_id: agencyA }, { agency_id: agencyA }, { agency_id: agencyA }]);
  });

  it('reads side by side on as many connections as asked, answering in the order given', async () => {
    const [first, second, third] = (await contexts.runForAgency(agencyA, 'readers-test', async (ctx) =>
      readers.read(
        await ctx.exportSnapshot(),
        [PID_AFTER_A_PAUSE, PID_AFTER_A_PAUSE, { sql: `SELECT 'third' AS answer`, parameters: [] }],
        { connections: 2 },
      ),
    )) as [[{ pid: number }], [{ pid: number }], [{ answer: string }]];
    expect(first[0]!.pid).not.toBe(second[0]!.pid);
    expect(third).toEqual([{ answer: 'third' }]);
  });

  it('refuses writes, and a failing statement fails the read and returns its connections clean', async () => {
    const attempt = (statements: Array<{ sql: string; parameters: unknown[] }>) =>
      contexts.runForAgency(agencyA, 'readers-test', async (ctx) =>
        readers.read(await ctx.exportSnapshot(), statements, { connections: 2, settings: { work_mem: '8MB' } }),
      );
    await expect(attempt([{ sql: `DELETE FROM users`, parameters: [] }])).rejects.toThrow(/read-only transaction/);
    await expect(attempt([COUNT_USERS, { sql: `SELECT 1/0`, parameters: [] }])).rejects.toThrow(/division by zero/);
    // A connection back in the pool carries no scope and no setting of the read it served.
    const leftovers = await contexts.runForAgency(agencyA, 'readers-test', async (ctx) =>
      readers.read(
        await ctx.exportSnapshot(),
        [1, 2, 3, 4].map(() => ({
          sql: `SELECT current_setting('work_mem') AS work_mem, pg_backend_pid() AS pid FROM pg_sleep(0.05)`,
          parameters: [],
        })),
        { connections: 4 },
      ),
    );
    expect(leftovers.flat().map((row) => (row as { work_mem: string }).work_mem)).not.toContain('8MB');
    const users = await withOwner(harness.db.ownerUrl, (owner) =>
      owner.query(`SELECT count(*)::int AS n FROM users WHERE agency_id = $1`, [agencyA]),
    );
    expect(users.rows[0].n).toBeGreaterThan(0);
  });

  it('refuses a snapshot id it would have to trust', async () => {
    await expect(
      readers.read(
        { id: `1'; DROP TABLE users; --`, scope: { agencyId: agencyA, userId: null, role: 'SYSTEM' } },
        [COUNT_USERS],
        { connections: 1 },
      ),
    ).rejects.toThrow(/Not an exported snapshot id/);
  });
});
