#!/usr/bin/env node
// Generates the `Database` types for schema public from a running PostgreSQL, as
// `supabase gen types typescript` does (same engine: @supabase/postgrest-typegen, the
// library inside @supabase/postgres-meta), but without Docker. Output is formatted with
// the repo's prettier config so the committed file is byte-for-byte what this prints.
//
//   node supabase/gen-types.mjs "postgresql://postgres@127.0.0.1:54322/postgres" --out src/api/database.types.ts
//   node supabase/gen-types.mjs "$DB_URL" --check src/api/database.types.ts   # exit 1 + diff on drift
//   node supabase/gen-types.mjs "$DB_URL" > src/api/database.types.ts
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import * as prettier from 'prettier';
import { generateTypescript, introspect, sortGeneratorMetadata } from '@supabase/postgrest-typegen';

const USAGE =
  'usage: node supabase/gen-types.mjs <db-url> [--out FILE | --check FILE] [--schema public] [--postgrest-version 12]';
const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));

function parseArgs(argv) {
  const args = {
    url: undefined,
    out: undefined,
    check: undefined,
    schemas: [],
    postgrestVersion: '12',
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) fail(`${arg} needs a value\n${USAGE}`);
      return v;
    };
    if (arg === '--out') args.out = value();
    else if (arg === '--check') args.check = value();
    else if (arg === '--schema') args.schemas.push(value());
    else if (arg === '--postgrest-version') args.postgrestVersion = value();
    else if (arg === '-h' || arg === '--help') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else if (!arg.startsWith('-') && args.url === undefined) args.url = arg;
    else fail(`unexpected argument ${arg}\n${USAGE}`);
  }
  args.url ??= process.env.DATABASE_URL;
  if (!args.url) fail(`no database URL\n${USAGE}`);
  if (args.out && args.check) fail('--out and --check exclude each other');
  if (args.schemas.length === 0) args.schemas = ['public'];
  return args;
}

function fail(message) {
  console.error(`gen-types: ${message}`);
  process.exit(2);
}

async function formatTs(code) {
  const config = (await prettier.resolveConfig(join(repoRoot, 'src/api/database.types.ts'))) ?? {};
  return prettier.format(code, { ...config, parser: 'typescript' });
}

async function generate({ url, schemas, postgrestVersion }) {
  // A pool: introspect() runs its catalog queries concurrently.
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  try {
    const metadata = sortGeneratorMetadata(await introspect(pool, { includedSchemas: schemas }));
    return await generateTypescript(metadata, { postgrestVersion, format: formatTs });
  } finally {
    await pool.end();
  }
}

const args = parseArgs(process.argv.slice(2));
const types = await generate(args);

if (args.check) {
  let committed;
  try {
    committed = await formatTs(readFileSync(args.check, 'utf8'));
  } catch (e) {
    console.error(`gen-types: cannot read ${args.check}: ${e.message}`);
    process.exit(1);
  }
  if (committed === types) {
    console.error(`gen-types: ${args.check} matches the database`);
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'gen-types-'));
    try {
      writeFileSync(join(dir, 'committed.ts'), committed);
      writeFileSync(join(dir, 'generated.ts'), types);
      spawnSync(
        'diff',
        [
          '-u',
          '--label',
          `${args.check} (committed)`,
          '--label',
          'generated from the database',
          join(dir, 'committed.ts'),
          join(dir, 'generated.ts'),
        ],
        { stdio: 'inherit' },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    console.error(
      `gen-types: ${args.check} has drifted from the migrations. Regenerate it:\n` +
        `  node supabase/gen-types.mjs "<db-url>" --out ${args.check}`,
    );
    process.exit(1);
  }
} else if (args.out) {
  writeFileSync(args.out, types);
  console.error(`gen-types: wrote ${args.out}`);
} else {
  process.stdout.write(types);
}
