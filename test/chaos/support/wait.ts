export const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/**
 * Polls `condition` until it holds. Unlike `until` in test/support/processes.ts, an error the condition
 * throws ends the wait at once: for conditions that can tell that what they wait for will never come.
 */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs: number,
  everyMs = 50,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

/**
 * Runs every clean-up step even when one fails, so that one stuck resource does not leave the processes after
 * it running; what failed is printed, not thrown, so that it never hides the failure of the test itself.
 */
export async function releaseAll(steps: Record<string, () => Promise<unknown>>): Promise<void> {
  const failures: string[] = [];
  for (const [what, step] of Object.entries(steps)) {
    try {
      await step();
    } catch (error) {
      failures.push(`${what}: ${(error as Error).message}`);
    }
  }
  if (failures.length > 0) process.stdout.write(`[chaos] clean-up trouble: ${failures.join('; ')}\n`);
}
