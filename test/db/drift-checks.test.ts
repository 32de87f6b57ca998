// The drift checks CI relies on go red on a deliberate drift: the generated migration against
// supabase/schemas/ (build-migration.mjs --check) and what is generated from the sync registry
// (gen-registry.mjs --check). Each runs on a copy of the files, never on the repo itself.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
let copy: string | undefined;
afterEach(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
  copy = undefined;
});

/** A copy of what the scripts read (supabase/, the generated TypeScript, prettier's config). */
function copyOfRepo(): string {
  copy = mkdtempSync(join(tmpdir(), 'nastavnik-drift-'));
  cpSync(join(root, 'supabase'), join(copy, 'supabase'), { recursive: true });
  cpSync(join(root, 'src/domain/syncRegistry.ts'), join(copy, 'src/domain/syncRegistry.ts'));
  cpSync(join(root, '.prettierrc.json'), join(copy, '.prettierrc.json'));
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
  return copy;
}

const check = (dir: string, script: string) =>
  spawnSync(process.execPath, [join(dir, 'supabase', script), '--check'], { encoding: 'utf8' });

describe('the generated migration', () => {
  it('passes as committed and fails when a schema file changes without a rebuild', () => {
    const dir = copyOfRepo();
    expect(check(dir, 'build-migration.mjs').status).toBe(0);
    const file = join(dir, 'supabase/schemas/600_meetings.sql');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n-- drift\n`);
    const drifted = check(dir, 'build-migration.mjs');
    expect(drifted.status).not.toBe(0);
    // and a rebuild makes it pass again
    execFileSync(process.execPath, [join(dir, 'supabase/build-migration.mjs')]);
    expect(check(dir, 'build-migration.mjs').status).toBe(0);
  });
});

describe('the sync registry', () => {
  it('passes as committed and fails when the registry changes without a rebuild', () => {
    const dir = copyOfRepo();
    expect(check(dir, 'gen-registry.mjs').status).toBe(0);
    const file = join(dir, 'supabase/sync-registry.json');
    const registry = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    writeFileSync(file, JSON.stringify(registry, null, 2).replace('"meetings"', '"meetingz"'));
    expect(check(dir, 'gen-registry.mjs').status).not.toBe(0);
  });
});
