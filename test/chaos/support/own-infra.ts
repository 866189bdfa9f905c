import { ChildProcess, spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureAppLoginRole, runMigrations } from '@lib/database';
import { defaultAppUrl, freePort, LocalPostgres, startEmbeddedPostgres } from '@lib/local-infra';
import Redis from 'ioredis';
import { Client } from 'pg';
import { TestInfra, withDatabase } from '../../support/infra';
import { waitFor } from './wait';

/**
 * The chaos suite's own PostgreSQL and redis-server. The other tiers share one of each (global-setup.ts), so
 * stopping those would break them: these are started on free ports, never on 5432 or 6379, and only this
 * suite stops and restarts them.
 */
export interface ChaosInfra {
  postgres: RestartablePostgres;
  redis: RestartableRedis;
  /**
   * Points TEST_INFRA at these servers, so that createTestDatabase() and startEngineHarness() (which read it)
   * create their databases here. Called at the start of each test that uses this pair.
   */
  activate(): void;
  close(): Promise<void>;
}

/** The ports the default local services use: the chaos suite must never touch them. */
const SHARED_PORTS = new Set([5432, 6379]);

async function ownPort(): Promise<number> {
  const port = await freePort();
  if (SHARED_PORTS.has(port)) throw new Error(`Refusing port ${port}: the shared test services may listen there`);
  return port;
}

/**
 * An embedded PostgreSQL that can be stopped and started again on the same data directory and port, as a
 * server restarted by its operator is. Kept on disk between restarts (persistent), wiped by `destroy`.
 */
export class RestartablePostgres {
  private server?: LocalPostgres;
  private constructor(
    readonly dataDir: string,
    readonly port: number,
  ) {}

  static async launch(name: string): Promise<RestartablePostgres> {
    const postgres = new RestartablePostgres(
      // Under the system temp folder, which PostgreSQL's own user can reach when the suite runs as root.
      join(tmpdir(), `recruiting-chaos-${name}-postgres-${process.pid}`),
      await ownPort(),
    );
    await rm(postgres.dataDir, { recursive: true, force: true });
    await postgres.start();
    return postgres;
  }

  get ownerUrl(): string {
    return `postgres://postgres:postgres@127.0.0.1:${this.port}/postgres`;
  }

  /** A fast shutdown (SIGINT): PostgreSQL ends every session, as a restart by an operator does. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await server?.stop();
  }

  async start(): Promise<void> {
    if (this.server) return;
    this.server = await startEmbeddedPostgres({
      dataDir: this.dataDir,
      port: this.port,
      persistent: true,
      database: 'postgres',
    });
  }

  async destroy(): Promise<void> {
    await this.stop().catch(() => undefined);
    await rm(this.dataDir, { recursive: true, force: true });
  }
}

/** Whether a Redis answers PING at `url`, without retrying. */
async function redisAnswers(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/**
 * A redis-server from the PATH on a port of its own, keeping nothing on disk: a restart comes back empty,
 * as a Redis without persistence does, so queues, schedulers and delayed jobs are gone after it.
 */
export class RestartableRedis {
  private child?: ChildProcess;
  private constructor(readonly port: number) {}

  static async launch(): Promise<RestartableRedis> {
    const redis = new RestartableRedis(await ownPort());
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (this.child) return;
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    let spawnError: Error | undefined;
    child.once('error', (error) => (spawnError = error));
    this.child = child;
    await waitFor(
      async () => {
        if (spawnError) throw new Error(`Cannot start redis-server from the PATH: ${spawnError.message}`);
        if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}`);
        return redisAnswers(this.url);
      },
      `redis-server on port ${this.port}`,
      10000,
    );
  }

  /** SIGKILL by default: Redis dies as in a crash or an OOM kill, without a word to its clients. */
  async stop(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill(signal);
    await exited;
  }
}

/**
 * Starts a PostgreSQL and a Redis of the suite's own, and migrates a template database into that PostgreSQL
 * as global-setup.ts does, with the application role in place.
 */
export async function startChaosInfra(name: string): Promise<ChaosInfra> {
  const started = Date.now();
  const postgres = await RestartablePostgres.launch(name);
  let redis: RestartableRedis | undefined;
  try {
    redis = await RestartableRedis.launch();
    const template = `recruiting_chaos_${name}_${process.pid}_template`;
    const admin = new Client({ connectionString: postgres.ownerUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${template}`);
    await admin.end();
    const templateUrl = withDatabase(postgres.ownerUrl, template);
    const appUrl = withDatabase(defaultAppUrl(postgres.ownerUrl), template);
    await runMigrations(templateUrl);
    await ensureAppLoginRole(templateUrl, appUrl);

    const infra: Omit<TestInfra, 'stopPostgres' | 'stopRedis'> = {
      ownerUrl: postgres.ownerUrl,
      appUrl,
      template,
      redisUrl: redis.url,
    };
    process.stdout.write(
      `[chaos] ${name}: PostgreSQL on port ${postgres.port}, redis-server on port ${redis.port}, ready in ${Date.now() - started} ms\n`,
    );
    const ownRedis = redis;
    return {
      postgres,
      redis,
      activate: () => {
        process.env.TEST_INFRA = JSON.stringify(infra);
      },
      close: async () => {
        await ownRedis.stop('SIGTERM').catch(() => undefined);
        await postgres.destroy();
      },
    };
  } catch (error) {
    await redis?.stop().catch(() => undefined);
    await postgres.destroy();
    throw error;
  }
}
