/**
 * The owner's DataSource, with every entity: what `npm run migration:generate`
 * compares with the database to draft a migration.
 */
import { loadDotEnv } from '@lib/config';
import { ownerDataSource } from '@lib/database';
import { ENTITIES } from './entities';

loadDotEnv();
const url = process.env.DATABASE_URL;
if (!url) throw new Error('Invalid configuration: DATABASE_URL is required (the owner role)');

export default ownerDataSource(url, ENTITIES);
