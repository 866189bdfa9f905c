import { randomBytes } from 'node:crypto';
import { ensureAppLoginRole, runMigrations } from '@lib/database';
import { withOwner } from '../support/database';
import { testInfra, withDatabase } from '../support/infra';

/**
 * A managed PostgreSQL gives no superuser: the owner of the migrations is a
 * role that may create roles, nothing more. Every migration, and the login
 * role's set-up, must run as such an owner, more than once.
 */
describe('Migrations run by an owner that is not a superuser', () => {
  const suffix = randomBytes(4).toString('hex');
  const owner = `owner_${suffix}`;
  const login = `app_${suffix}`;
  const database = `unprivileged_${suffix}`;
  const superuserUrl = testInfra().ownerUrl;
  const asOwner = () => {
    const url = new URL(withDatabase(superuserUrl, database));
    url.username = owner;
    url.password = 'owner-password';
    return url.toString();
  };
  const appUrl = () => {
    const url = new URL(asOwner());
    url.username = login;
    url.password = 'app-password';
    return url.toString();
  };

  beforeAll(async () => {
    await withOwner(superuserUrl, async (client) => {
      await client.query(`CREATE ROLE ${owner} LOGIN CREATEROLE PASSWORD 'owner-password'`);
      await client.query(`CREATE DATABASE ${database} OWNER ${owner}`);
      // What creating the group roles would have given it, had another database of this cluster not done so first.
      const [{ version }] = (await client.query(`SELECT current_setting('server_version_num')::int AS version`)).rows;
      const adminOnly = version >= 160000 ? 'ADMIN OPTION, INHERIT FALSE, SET FALSE' : 'ADMIN OPTION';
      await client.query(`GRANT recruiting_app, recruiting_sweep_probe TO ${owner} WITH ${adminOnly}`);
    });
    await withOwner(withDatabase(superuserUrl, database), (client) =>
      client.query(`ALTER SCHEMA public OWNER TO ${owner}`),
    );
  });

  afterAll(async () => {
    await withOwner(superuserUrl, async (client) => {
      await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await client.query(`DROP ROLE IF EXISTS ${login}`);
      await client.query(`DROP ROLE IF EXISTS ${owner}`);
    });
  });

  it('migrates, gives the sweep probe its own owner, and sets the login role up twice over', async () => {
    expect((await runMigrations(asOwner())).length).toBeGreaterThan(0);
    await ensureAppLoginRole(asOwner(), appUrl());
    await ensureAppLoginRole(asOwner(), appUrl());
    expect(await runMigrations(asOwner())).toEqual([]);

    const catalog = await withOwner(withDatabase(superuserUrl, database), async (client) => ({
      probeOwner: (
        await client.query(
          `SELECT proowner::regrole::text AS owner FROM pg_proc WHERE proname = 'agencies_with_due_escalations'`,
        )
      ).rows[0]?.owner,
      ownerKeptProbe: (
        await client.query(
          `SELECT count(*)::int AS grants FROM pg_auth_members
            WHERE roleid = 'recruiting_sweep_probe'::regrole AND member = $1::regrole AND grantor = $1::regrole`,
          [owner],
        )
      ).rows[0].grants,
      login: (
        await client.query(
          `SELECT rolcanlogin, rolsuper, rolbypassrls, pg_has_role(rolname, 'recruiting_app', 'MEMBER') AS app
             FROM pg_roles WHERE rolname = $1`,
          [login],
        )
      ).rows[0],
    }));
    expect(catalog).toEqual({
      probeOwner: 'recruiting_sweep_probe',
      ownerKeptProbe: 0,
      login: { rolcanlogin: true, rolsuper: false, rolbypassrls: false, app: true },
    });
  }, 120_000);
});
