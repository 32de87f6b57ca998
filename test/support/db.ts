// The test database fixture: a fresh, migrated database per createTestDb().
//
// PGlite (default, TEST_DATABASE_URL unset): the shim + every migration (+ seed) are
// applied once and the data directory is dumped to node_modules/.cache (keyed by a hash of
// the SQL and the PGlite version, so every worker and later run reuses it); each
// createTestDb() then boots a new in-memory instance from that dump.
// PostgreSQL (TEST_DATABASE_URL = superuser URL): a template database named after a hash
// of the SQL files is built once per server (under an advisory lock, since vitest runs
// files in parallel workers) and each createTestDb() is `CREATE DATABASE ... TEMPLATE`,
// dropped again on close().
// Both paths must behave the same: the suite runs unchanged on either.
import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export interface Sql {
  query<T = Record<string, unknown>>(
    text: string,
    params?: unknown[],
  ): Promise<{ rows: T[]; rowCount: number }>;
  exec(text: string): Promise<void>;
}

export interface Claims {
  sub?: string;
  role: 'anon' | 'authenticated' | 'service_role';
  is_anonymous?: boolean;
  [k: string]: unknown;
}

export interface TestDb extends Sql {
  kind: 'pglite' | 'postgres';
  /** postgres only: the connection string of this test database (for a PostgREST harness). */
  connectionString?: string;
  /**
   * A separate session. On PostgreSQL a real new connection. On PGlite (one connection
   * only) it SHARES the single session: no parallel transactions, and session settings leak.
   */
  connect(): Promise<Sql & { release(): Promise<void> }>;
  /** Run fn as a PostgREST request would: BEGIN; set role + request.jwt.claims locally; fn; COMMIT (ROLLBACK and rethrow on error). */
  asUser<T>(claims: Claims, fn: (sql: Sql) => Promise<T>): Promise<T>;
  /** Like asUser, but always rolls back: for probing what a user could do without changing the database. */
  asUserRolledBack<T>(claims: Claims, fn: (sql: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const root = fileURLToPath(new URL('../..', import.meta.url));

function sqlFiles(seed: boolean): { name: string; text: string }[] {
  const migrationsDir = join(root, 'supabase/migrations');
  const migrations = readdirSync(migrationsDir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => ({ name: `migrations/${f}`, text: readFileSync(join(migrationsDir, f), 'utf8') }));
  const files = [
    {
      name: 'supabase-shim.sql',
      text: readFileSync(join(root, 'test/support/supabase-shim.sql'), 'utf8'),
    },
    ...migrations,
  ];
  if (seed)
    files.push({ name: 'seed.sql', text: readFileSync(join(root, 'supabase/seed.sql'), 'utf8') });
  return files;
}

async function applyFiles(
  exec: (text: string) => Promise<unknown>,
  files: { name: string; text: string }[],
) {
  for (const file of files) {
    try {
      await exec(file.text);
    } catch (error) {
      throw new Error(`applying ${file.name} failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
}

function claimsJson(claims: Claims): string {
  return JSON.stringify(claims);
}

const ROLE_SQL = `select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)`;

class Rollback extends Error {
  constructor(readonly value: unknown) {
    super('rollback');
  }
}

// ---------------------------------------------------------------- PGlite
type PgliteQueryable = Pick<PGlite, 'query' | 'exec'>;

function pgliteSql(db: PgliteQueryable): Sql {
  return {
    async query<T>(text: string, params?: unknown[]) {
      const result = await db.query<T>(text, params as unknown[] | undefined);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
    async exec(text: string) {
      await db.exec(text);
    },
  };
}

const pgliteDumps = new Map<boolean, Promise<Blob | File>>();
const cacheDir = join(root, 'node_modules/.cache/nastavnik-test-db');

function pgliteDump(seed: boolean): Promise<Blob | File> {
  let dump = pgliteDumps.get(seed);
  if (!dump) {
    dump = (async () => {
      const pgliteVersion = JSON.parse(
        readFileSync(join(root, 'node_modules/@electric-sql/pglite/package.json'), 'utf8'),
      ).version as string;
      const file = join(
        cacheDir,
        `pglite-${pgliteVersion}-${templateHash(seed)}${seed ? '-seed' : ''}.tar`,
      );
      if (existsSync(file)) return new Blob([readFileSync(file)]);
      const db = seed ? new PGlite({ loadDataDir: await pgliteDump(false) }) : new PGlite();
      await applyFiles((t) => db.exec(t), seed ? sqlFiles(true).slice(-1) : sqlFiles(false));
      // Analyze so the clones start with the same plans a real server would pick.
      await db.exec('analyze');
      const blob = await db.dumpDataDir('none');
      await db.close();
      // Parallel workers may build the same dump: write aside, then rename atomically.
      mkdirSync(cacheDir, { recursive: true });
      const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
      writeFileSync(partial, new Uint8Array(await blob.arrayBuffer()));
      renameSync(partial, file);
      // Dumps of older SQL are dead weight (~40 MB each); keep the last hour's.
      for (const name of readdirSync(cacheDir)) {
        const path = join(cacheDir, name);
        try {
          if (path !== file && Date.now() - statSync(path).mtimeMs > 3_600_000)
            rmSync(path, { force: true });
        } catch {
          // another worker removed it first
        }
      }
      return blob;
    })();
    pgliteDumps.set(seed, dump);
  }
  return dump;
}

async function createPgliteDb(seed: boolean): Promise<TestDb> {
  const db = new PGlite({ loadDataDir: await pgliteDump(seed), relaxedDurability: true });
  const sql = pgliteSql(db);
  const runAs = <T>(claims: Claims, fn: (sql: Sql) => Promise<T>) =>
    db.transaction(async (tx) => {
      await tx.query(ROLE_SQL, [claims.role, claimsJson(claims)]);
      return fn(pgliteSql(tx));
    });
  return {
    kind: 'pglite',
    ...sql,
    async connect() {
      return { ...sql, async release() {} };
    },
    asUser: runAs,
    async asUserRolledBack(claims, fn) {
      try {
        await runAs(claims, async (s) => {
          throw new Rollback(await fn(s));
        });
      } catch (error) {
        if (error instanceof Rollback) return error.value as Awaited<ReturnType<typeof fn>>;
        throw error;
      }
      throw new Error('unreachable');
    },
    async close() {
      await db.close();
    },
  };
}

// ---------------------------------------------------------------- PostgreSQL
function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

function pgSql(client: pg.ClientBase): Sql {
  return {
    async query<T>(text: string, params?: unknown[]) {
      const result = await client.query(text, params);
      return { rows: result.rows as T[], rowCount: result.rowCount ?? result.rows.length };
    },
    async exec(text: string) {
      await client.query(text);
    },
  };
}

const templateNames = new Map<boolean, Promise<string>>();

function templateHash(seed: boolean): string {
  const hash = createHash('sha256');
  for (const file of sqlFiles(seed))
    hash.update(file.name).update('\0').update(file.text).update('\0');
  return hash.digest('hex').slice(0, 12);
}

async function ensureTemplate(url: string, seed: boolean): Promise<string> {
  const name = `nastavnik_tpl_${templateHash(seed)}${seed ? '_seed' : ''}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    // One builder per server; the others wait here and then find the template ready.
    await admin.query(`select pg_advisory_lock(hashtext('nastavnik test template'))`);
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount) return name;
    const building = `${name}_building`;
    await admin.query(`drop database if exists ${building} with (force)`);
    await admin.query(`create database ${building}`);
    const builder = new pg.Client({ connectionString: withDatabase(url, building) });
    await builder.connect();
    try {
      await applyFiles((t) => builder.query(t), sqlFiles(seed));
      await builder.query('analyze');
    } finally {
      await builder.end();
    }
    // Renamed only when complete: a crashed build never leaves a half-made template.
    await admin.query(`alter database ${building} rename to ${name}`);
    // Templates of older SQL are dead weight. Dropped without FORCE: a template some other
    // run is cloning right now stays (the drop fails) and goes next time.
    const stale = await admin.query<{ datname: string }>(
      `select datname from pg_database
       where datname like 'nastavnik_tpl_%' and datname not like '%_building' and datname not like $1`,
      [`nastavnik_tpl_${templateHash(seed)}%`],
    );
    for (const row of stale.rows) {
      if (row.datname.endsWith('_seed') === seed) {
        await admin.query(`drop database if exists ${row.datname}`).catch(() => undefined);
      }
    }
    return name;
  } finally {
    await admin
      .query(`select pg_advisory_unlock(hashtext('nastavnik test template'))`)
      .catch(() => undefined);
    await admin.end();
  }
}

function templateFor(url: string, seed: boolean): Promise<string> {
  let name = templateNames.get(seed);
  if (!name) {
    name = ensureTemplate(url, seed);
    templateNames.set(seed, name);
  }
  return name;
}

async function createPostgresDb(url: string, seed: boolean): Promise<TestDb> {
  const template = await templateFor(url, seed);
  const database = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    // Two clones of one template at the same moment can collide on its lock; retry briefly.
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`create database ${database} template ${template}`);
        break;
      } catch (error) {
        if (attempt >= 20 || !/being accessed by other users/.test((error as Error).message))
          throw error;
        await new Promise((r) => setTimeout(r, 100 * attempt));
      }
    }
  } finally {
    await admin.end();
  }
  const connectionString = withDatabase(url, database);
  const main = new pg.Client({ connectionString });
  await main.connect();
  const sessions = new Set<pg.Client>();

  async function runAs<T>(
    client: pg.ClientBase,
    claims: Claims,
    fn: (sql: Sql) => Promise<T>,
    commit: boolean,
  ) {
    await client.query('begin');
    try {
      await client.query(ROLE_SQL, [claims.role, claimsJson(claims)]);
      const result = await fn(pgSql(client));
      await client.query(commit ? 'commit' : 'rollback');
      return result;
    } catch (error) {
      await client.query('rollback');
      throw error;
    }
  }

  return {
    kind: 'postgres',
    connectionString,
    ...pgSql(main),
    async connect() {
      const client = new pg.Client({ connectionString });
      await client.connect();
      sessions.add(client);
      return {
        ...pgSql(client),
        async release() {
          sessions.delete(client);
          await client.end();
        },
      };
    },
    asUser: (claims, fn) => runAs(main, claims, fn, true),
    asUserRolledBack: (claims, fn) => runAs(main, claims, fn, false),
    async close() {
      await Promise.all([...sessions].map((c) => c.end().catch(() => undefined)));
      await main.end();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      try {
        // Ended clients' backends can still be exiting; FORCE would have to signal them, which
        // a non-superuser (CI connects as a hosted-like `postgres`) may not do for sessions
        // that switched to another role. Wait for them to go first.
        for (let i = 0; i < 100; i++) {
          const { rows } = await cleanup.query<{ n: number }>(
            'select count(*)::int as n from pg_stat_activity where datname = $1',
            [database],
          );
          if ((rows[0]?.n ?? 0) === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await cleanup.query(`drop database if exists ${database} with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}

export async function createTestDb(opts: { seed?: boolean } = {}): Promise<TestDb> {
  const url = process.env.TEST_DATABASE_URL;
  const seed = opts.seed ?? false;
  return url ? createPostgresDb(url, seed) : createPgliteDb(seed);
}
