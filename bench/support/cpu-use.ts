import { readFileSync } from 'node:fs';
import { Client } from 'pg';

/** Linux's USER_HZ: /proc reports CPU time in these ticks (sysconf(_SC_CLK_TCK), 100 wherever Node runs). */
const TICKS_PER_SECOND = 100;

/** User and system CPU a process has used since it started, in ms; undefined once it is gone (or without /proc). */
export function processCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: the fields that follow start after its last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** The PostgreSQL backends a client pool opened under `applicationName` (they run on this machine). */
async function backendPids(ownerUrl: string, applicationName: string): Promise<number[]> {
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    const { rows } = await owner.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`,
      [applicationName],
    );
    return rows.map((row) => row.pid);
  } finally {
    await owner.end();
  }
}

const cpuOf = (pids: readonly number[]) => new Map(pids.map((pid) => [pid, processCpuMs(pid) ?? 0]));

export interface CpuUse {
  /** CPU ms of the server process. */
  server: number;
  /** CPU ms of the PostgreSQL backends of its connection pool. */
  database: number;
}

/**
 * The CPU a server and its database connections spend while `work` runs: a
 * figure the machine's other load moves far less than throughput, since it
 * counts what the work costs, not how long it waited for a core. Backends
 * opened during the work count from zero; one closed during it is lost.
 */
export async function cpuUsedDuring<T>(
  server: { pid: number | undefined },
  database: { ownerUrl: string; applicationName: string },
  work: () => Promise<T>,
): Promise<{ result: T; cpu: CpuUse | undefined }> {
  const pid = server.pid;
  const serverBefore = pid === undefined ? undefined : processCpuMs(pid);
  const backendsBefore = cpuOf(await backendPids(database.ownerUrl, database.applicationName));
  const result = await work();
  const serverAfter = pid === undefined ? undefined : processCpuMs(pid);
  const backendsAfter = cpuOf(await backendPids(database.ownerUrl, database.applicationName));
  if (serverBefore === undefined || serverAfter === undefined) return { result, cpu: undefined };
  let databaseMs = 0;
  for (const [backend, after] of backendsAfter) databaseMs += after - (backendsBefore.get(backend) ?? 0);
  return { result, cpu: { server: serverAfter - serverBefore, database: databaseMs } };
}
