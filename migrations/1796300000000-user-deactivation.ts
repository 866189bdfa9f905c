import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An admin can deactivate an account (a counselor who leaves, a candidate's
 * portal access): `deactivated_at` is set while it is off. The table keeps its
 * row-level security and grants (UPDATE was granted with it); no index: the
 * queries that filter on it read one agency's few users, or one user by key.
 */
export class UserDeactivation1796300000000 implements MigrationInterface {
  name = 'UserDeactivation1796300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN deactivated_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN deactivated_at`);
  }
}
