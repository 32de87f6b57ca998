#!/usr/bin/env node
// Runs bench/push-throughput.bench-run.ts against PostgreSQL 15 on loopback: the server in
// TEST_DATABASE_URL (a superuser URL) when set, otherwise a throwaway cluster started here
// (initdb as the `postgres` user, a free port from 54340, socket in /tmp), stopped and deleted
// at the end. Without PostgreSQL 15 binaries it falls back to PGlite, labelled as not the
// target. Exits with the benchmark's status (1 when the ratio budget is missed).
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const env = { ...process.env };
// PUSH_PROFILE=1: the bench prints the server's statement and function times (own cluster only).
const PROFILE_OPTIONS =
  process.env.PUSH_PROFILE === '1'
    ? ' -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all -c track_functions=all'
    : '';
let cluster = null;

function run(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
  }
  return result.stdout;
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = createServer()
      .once('error', () => resolve(false))
      .once('listening', () => server.close(() => resolve(true)))
      .listen(port, '127.0.0.1');
  });
}

async function startCluster() {
  let port = 54340;
  while (!(await portIsFree(port))) port++;
  const dir = mkdtempSync(join(tmpdir(), 'nastavnik-bench-pg-'));
  const { uid, gid } = userIds('postgres');
  chownSync(dir, uid, gid);
  const data = join(dir, 'data');
  const asPostgres = (bin, args) =>
    run('runuser', ['-u', 'postgres', '--', join(PG_BIN, bin), ...args]);
  asPostgres('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  asPostgres('pg_ctl', [
    'start',
    '-w',
    '-D',
    data,
    '-l',
    join(dir, 'server.log'),
    '-o',
    `-p ${port} -k /tmp -c listen_addresses=127.0.0.1${PROFILE_OPTIONS}`,
  ]);
  cluster = {
    dir,
    data,
    stop: () => asPostgres('pg_ctl', ['stop', '-w', '-m', 'fast', '-D', data]),
  };
  const version = run(join(PG_BIN, 'postgres'), ['--version']).trim();
  console.log(`Started a throwaway cluster (${version}) on 127.0.0.1:${port} in ${dir}`);
  return `postgres://postgres@127.0.0.1:${port}/postgres`;
}

function userIds(name) {
  const line = run('getent', ['passwd', name]).split(':');
  return { uid: Number(line[2]), gid: Number(line[3]) };
}

function stopCluster() {
  if (!cluster) return;
  const { dir, stop } = cluster;
  cluster = null;
  try {
    stop();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let status = 1;
try {
  if (env.TEST_DATABASE_URL) {
    env.BENCH_DB_LABEL = 'PostgreSQL (TEST_DATABASE_URL)';
  } else if (existsSync(join(PG_BIN, 'initdb'))) {
    env.TEST_DATABASE_URL = await startCluster();
    env.BENCH_DB_LABEL = 'PostgreSQL 15, throwaway cluster on loopback';
  } else {
    env.BENCH_DB_LABEL = 'PGlite, not the target (no PostgreSQL 15 binaries found)';
    console.warn(`No ${PG_BIN}/initdb: running on ${env.BENCH_DB_LABEL}`);
  }
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      stopCluster();
      process.exit(130);
    });
  }
  const vitest = spawn('npx', ['vitest', 'run', '--config', 'bench/vitest.config.ts'], {
    env,
    stdio: 'inherit',
  });
  status = await new Promise((resolve) => vitest.on('exit', (code) => resolve(code ?? 1)));
} finally {
  stopCluster();
}
process.exit(status);
