/**
 * `npm run migration:generate -- <Name>`: drafts migrations/<timestamp>-<Name>.ts
 * from the difference between the entities and the database at DATABASE_URL
 * (migrated to the latest). Review it by hand: row-level security, policies,
 * grants and expression indexes are not in the entities, and every new tenant
 * table needs them (see migrations/1795315200000-foundation.ts).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const name = process.argv[2];
if (!name || !/^[A-Za-z][A-Za-z0-9]*$/.test(name)) {
  process.stderr.write('Usage: npm run migration:generate -- <PascalCaseName>\n');
  process.exit(1);
}
const root = join(__dirname, '..');
const result = spawnSync(
  process.execPath,
  [
    '-r',
    '@swc-node/register',
    join(root, 'node_modules/typeorm/cli.js'),
    'migration:generate',
    '--pretty',
    '--dataSource',
    join(root, 'scripts/data-source.ts'),
    join(root, 'migrations', name),
  ],
  { stdio: 'inherit', cwd: root },
);
process.exit(result.status ?? 1);
