import { Test } from '@nestjs/testing';
import { INestApplicationContext } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgenciesModule, AgenciesService } from '@lib/agencies';
import { ClockModule } from '@lib/clock';
import { ConfigModule } from '@lib/config';
import { ContextModule, RequestContext, RequestContextFactory } from '@lib/context';
import { DatabaseModule } from '@lib/database';
import { Employer } from '@lib/employers';
import { paginateByCreation } from '@lib/graphql';
import { randomUUID } from 'node:crypto';
import { createTestDatabase, TestDatabase } from '../support/database';
import { applyTestEnv } from '../support/test-env';

describe('paginateByCreation: pages read as prepared statements of plain rows', () => {
  let db: TestDatabase;
  let app: INestApplicationContext;
  let contexts: RequestContextFactory;
  let agencies: AgenciesService;

  beforeAll(async () => {
    db = await createTestDatabase();
    applyTestEnv(db);
    const moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule,
        ClockModule,
        DatabaseModule,
        ContextModule,
        AgenciesModule,
        TypeOrmModule.forFeature([Employer]),
      ],
    }).compile();
    app = await moduleRef.init();
    contexts = app.get(RequestContextFactory);
    agencies = app.get(AgenciesService);
  });

  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  /** An agency with employers created a minute apart, two of them at the same instant (the id breaks the tie). */
  async function agencyWithEmployers(name: string, count: number): Promise<{ agencyId: string; names: string[] }> {
    const agency = await contexts.run(contexts.create(), (ctx) =>
      agencies.create(ctx, { name, timezone: 'UTC', country: 'GB' }),
    );
    const rows = Array.from({ length: count }, (_, index) => ({
      id: randomUUID(),
      name: `${name} employer ${index}`,
      createdAt: new Date(Date.UTC(2026, 10, 2, 9, Math.min(index, count - 2))),
    }));
    await contexts.runForAgency(agency.id, 'test', async (ctx) => {
      for (const row of rows) {
        await ctx.query(
          `INSERT INTO employers (agency_id, id, name, timezone, is_local, created_at) VALUES ($1, $2, $3, 'UTC', true, $4)`,
          [agency.id, row.id, row.name, row.createdAt],
        );
      }
    });
    const sorted = [...rows].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
    return { agencyId: agency.id, names: sorted.map((row) => row.name) };
  }

  const page = async (ctx: RequestContext, first: number, after?: string) =>
    paginateByCreation(ctx, (await ctx.repository(Employer)).createQueryBuilder('e'), first, after);

  it('walks every row once, in creation order, ties broken by id, whatever the page size', async () => {
    const { agencyId, names } = await agencyWithEmployers('Walked', 7);
    for (const first of [1, 2, 3, 7, 10]) {
      const seen: string[] = [];
      let after: string | undefined;
      await contexts.runForAgency(agencyId, 'test', async (ctx) => {
        for (;;) {
          const connection = await page(ctx, first, after);
          expect(connection.totalCount).toBe(7);
          seen.push(...connection.edges.map((edge) => edge.node.name));
          if (!connection.pageInfo.hasNextPage) break;
          after = connection.pageInfo.endCursor!;
        }
      });
      expect(seen).toEqual(names);
    }
    // Past the last row, the page is empty and the count comes from a statement of its own.
    const beyond = await contexts.runForAgency(agencyId, 'test', async (ctx) => {
      const all = await page(ctx, 7);
      return page(ctx, 2, all.pageInfo.endCursor!);
    });
    expect(beyond).toEqual({ edges: [], totalCount: 7, pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it('hands out the entity as TypeORM would, and nothing of the statement besides', async () => {
    const { agencyId } = await agencyWithEmployers('Shaped', 2);
    const [node] = await contexts.runForAgency(agencyId, 'test', async (ctx) => {
      const viaPage = (await page(ctx, 1)).edges.map((edge) => edge.node);
      const viaTypeOrm = await (
        await ctx.repository(Employer)
      ).find({ order: { createdAt: 'ASC', id: 'ASC' }, take: 1 });
      expect(viaPage).toEqual(viaTypeOrm);
      return viaPage;
    });
    expect(Object.keys(node!).sort()).toEqual(['agencyId', 'createdAt', 'id', 'isLocal', 'name', 'timezone']);
    expect(node!.createdAt).toBeInstanceOf(Date);
  });

  it('prepares one statement for every page size and cursor position, and keeps each agency to its rows', async () => {
    const a = await agencyWithEmployers('Prepared A', 3);
    const b = await agencyWithEmployers('Prepared B', 2);
    const statements = await contexts.runForAgency(a.agencyId, 'test', async (ctx) => {
      const firstPage = await page(ctx, 1);
      await page(ctx, 2, firstPage.pageInfo.endCursor!);
      await page(ctx, 3, firstPage.pageInfo.endCursor!);
      await page(ctx, 5);
      return ctx.query<{ statement: string }>(
        `SELECT statement FROM pg_prepared_statements WHERE statement LIKE '%FROM "employers" "e"%'`,
      );
    });
    // One without a cursor and one with: the page size is bound, not written into the text.
    expect(statements).toHaveLength(2);
    const namesOf = async (agencyId: string) =>
      contexts.runForAgency(agencyId, 'test', async (ctx) => (await page(ctx, 10)).edges.map((edge) => edge.node.name));
    expect(await namesOf(b.agencyId)).toEqual(b.names);
    expect(await namesOf(a.agencyId)).toEqual(a.names);
  });
});
