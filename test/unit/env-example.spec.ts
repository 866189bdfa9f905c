import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

function sourcesUnder(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => readFileSync(join(ROOT, folder, file), 'utf8'));
}

/** Every variable the code reads: config classes' fields and direct reads in the dev tooling. */
function variablesReadByCode(): Set<string> {
  const names = new Set<string>();
  for (const source of sourcesUnder('libs/config/src')) {
    for (const match of source.matchAll(/^ {2}([A-Z][A-Z0-9_]+)(?::[^=\n]+)? = /gm)) names.add(match[1]!);
  }
  for (const source of [...sourcesUnder('libs/local-infra/src'), ...sourcesUnder('scripts')]) {
    for (const match of source.matchAll(/process\.env\.([A-Z][A-Z0-9_]+)/g)) names.add(match[1]!);
  }
  return names;
}

describe('.env.example', () => {
  it('lists every environment variable the code reads', () => {
    const listed = new Set(
      readFileSync(join(ROOT, '.env.example'), 'utf8')
        .split('\n')
        .map((line) => /^([A-Z][A-Z0-9_]+)=/.exec(line)?.[1])
        .filter(Boolean),
    );
    const read = variablesReadByCode();
    expect(read.size).toBeGreaterThan(15);
    expect([...read].filter((name) => !listed.has(name)).sort()).toEqual([]);
  });
});
