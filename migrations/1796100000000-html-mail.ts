import { MigrationInterface, QueryRunner } from 'typeorm';

/** An e-mail may carry an HTML alternative to its plain text (the weekly report is both). */
export class HtmlMail1796100000000 implements MigrationInterface {
  name = 'HtmlMail1796100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications ADD COLUMN html_body text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications DROP COLUMN html_body`);
  }
}
