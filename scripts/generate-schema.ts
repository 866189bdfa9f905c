/**
 * `npm run schema:generate`: writes schema.gql, the committed GraphQL contract,
 * from the code-first declarations. Builds the schema from the resolvers
 * without connecting to anything.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printCommittedSchema } from '../apps/api/src/graphql/print-schema';

printCommittedSchema()
  .then((schema) => {
    writeFileSync(join(__dirname, '..', 'schema.gql'), schema);
    process.stdout.write('Wrote schema.gql\n');
  })
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
