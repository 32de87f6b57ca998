// The docx library stays out of every chunk but its own: only src/documents/docx.ts imports
// it, and that module is reached only through a dynamic import().
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(process.cwd(), 'src');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.(ts|vue)$/.test(name) ? [path] : [];
  });
const sources = files(SRC).map((path) => ({
  path: relative(SRC, path),
  text: readFileSync(path, 'utf8'),
}));

describe('the docx gateway', () => {
  it('is the only importer of docx', () => {
    const importers = sources
      .filter((s) => /from\s+['"]docx(\/[^'"]*)?['"]|import\(\s*['"]docx/.test(s.text))
      .map((s) => s.path);
    expect(importers).toEqual(['documents/docx.ts']);
  });

  it('is loaded on demand only', () => {
    const staticImports = sources
      .filter((s) => /from\s+['"](@\/documents\/docx|\.\/docx)['"]/.test(s.text))
      .map((s) => s.path);
    expect(staticImports).toEqual([]);
    expect(readFileSync(join(SRC, 'documents/index.ts'), 'utf8')).toContain("import('./docx')");
  });
});
