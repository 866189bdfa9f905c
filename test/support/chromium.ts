import { execFileSync } from 'node:child_process';

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'];

/**
 * The headless browser of the browser tests: CHROMIUM_PATH, or Debian's
 * `chromium` (or a Chrome) on the PATH. `.ci/run` installs Debian's package
 * when it is missing.
 */
export function findChromium(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const name of CANDIDATES) {
    try {
      return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || undefined;
    } catch {
      // not this one
    }
  }
  return undefined;
}

export const CHROMIUM_MISSING =
  "No Chromium found: install Debian's package (`apt-get install chromium`) or set CHROMIUM_PATH.";
