import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export interface RunningApp {
  child: ChildProcess;
  messages: string[];
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts an app (`apps/api/src/main.ts`, `apps/worker/src/main.ts`) as `npm run dev` does, collecting its log messages. */
export function startApp(entry: string, env: Record<string, string>): RunningApp {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, entry)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const messages: string[] = [];
  let buffered = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) {
      try {
        messages.push(JSON.parse(line).msg);
      } catch {
        // not a log line
      }
    }
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, messages, exit };
}

export async function until(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 30000,
  everyMs = 100,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await Promise.resolve(condition()).catch(() => false)) return;
    await new Promise((done) => setTimeout(done, everyMs));
  }
  throw new Error(`Timed out waiting for ${what}`);
}
