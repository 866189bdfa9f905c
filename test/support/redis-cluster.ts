import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { RedisNode } from '@lib/config';
import { freePort } from '@lib/local-infra';
import Redis from 'ioredis';

/** The shared test Redis and the default one: a cluster of the test's own must never take them. */
const TAKEN = new Set([6379]);

export interface LocalRedisCluster {
  nodes: RedisNode[];
  /** `host:port,host:port`: what REDIS_CLUSTER_NODES takes. */
  seedList: string;
  /** Stops every node and removes their folder; safe to call twice, and after a failed start. */
  stop(): Promise<void>;
}

const run = promisify(execFile);

/** `count` ports nothing listens on, all distinct and none of the shared ones. */
async function ownPorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) {
    const port = await freePort();
    if (!TAKEN.has(port)) ports.add(port);
  }
  return [...ports];
}

async function waitFor(condition: () => Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** One command to one node, without retrying: a node that does not answer yet is a `false`, not a hang. */
async function ask(port: number, ...command: string[]): Promise<string> {
  const client = new Redis({
    host: '127.0.0.1',
    port,
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return String(await client.call(command[0]!, ...command.slice(1)));
  } finally {
    client.disconnect();
  }
}

/**
 * A Redis Cluster of `size` masters (no replicas) from the redis-server on the PATH (7.0 or later, for
 * `--cluster-port`), on free ports, keeping its node files in a temporary folder and nothing else on disk.
 * Ready once every node says `cluster_state:ok`.
 */
export async function startRedisCluster(size = 3): Promise<LocalRedisCluster> {
  const dir = await mkdtemp(join(tmpdir(), 'recruiting-redis-cluster-'));
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(
      children.splice(0).map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGKILL');
        await exited;
      }),
    );
    await rm(dir, { recursive: true, force: true });
  };
  try {
    // Each node needs a client port and a cluster bus port.
    const ports = await ownPorts(size * 2);
    const nodes = Array.from({ length: size }, (_, index) => ({ host: '127.0.0.1', port: ports[index]! }));
    for (const [index, node] of nodes.entries()) {
      const child = spawn(
        'redis-server',
        [
          ...['--port', String(node.port), '--cluster-port', String(ports[size + index])],
          ...['--cluster-enabled', 'yes', '--cluster-config-file', join(dir, `nodes-${node.port}.conf`)],
          ...['--dir', dir, '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        ],
        { stdio: 'ignore' },
      );
      children.push(child);
      await new Promise<void>((spawned, failed) => {
        child.once('spawn', spawned);
        child.once('error', (error) => failed(new Error(`Cannot start redis-server from the PATH: ${error.message}`)));
      });
    }
    for (const node of nodes) {
      await waitFor(async () => (await ask(node.port, 'ping')) === 'PONG', `redis-server on port ${node.port}`, 10000);
    }
    const seeds = nodes.map((node) => `${node.host}:${node.port}`);
    await run('redis-cli', ['--cluster', 'create', ...seeds, '--cluster-replicas', '0', '--cluster-yes'], {
      timeout: 20000,
    });
    for (const node of nodes) {
      await waitFor(
        async () => (await ask(node.port, 'cluster', 'info')).includes('cluster_state:ok'),
        `node ${node.port} to see the cluster ready`,
        20000,
      );
    }
    return { nodes, seedList: seeds.join(','), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
