#!/usr/bin/env node
// The long run of the randomized convergence test (test/db/sync-random.test.ts): by default
// 100,000 operations of four roles on six devices with faults, one seed, then quiet and the
// row-by-row comparison of every device with the server. `npm test` runs three short seeds;
// this is the soak run. On PGlite unless TEST_DATABASE_URL points at a PostgreSQL superuser
// URL (the test harness reads it). Exits with the test's status.
//   npm run bench:sync-random -- --ops 100000 --seed 7
//   SYNC_RANDOM_OPS=20000 SYNC_RANDOM_SEED=42 npm run bench:sync-random
import { spawnSync } from 'node:child_process';
import { fileURLToPath, URL } from 'node:url';

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

const ops = Number(option('ops', process.env.SYNC_RANDOM_OPS ?? 100_000));
const seed = Number(option('seed', process.env.SYNC_RANDOM_SEED ?? Date.now() % 1_000_000));
if (!Number.isInteger(ops) || ops < 1 || !Number.isInteger(seed)) {
  console.error('usage: sync-random-long.mjs [--ops N] [--seed S]');
  process.exit(2);
}

const root = fileURLToPath(new URL('..', import.meta.url));
const label = process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite';
console.log(`randomized convergence: ${ops} operations, seed ${seed}, on ${label}`);
const started = Date.now();
const result = spawnSync(
  'npx',
  ['vitest', 'run', '--project', 'db', 'test/db/sync-random.test.ts'],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      SYNC_RANDOM_OPS: String(ops),
      SYNC_RANDOM_SEED: String(seed),
      SYNC_RANDOM_VERBOSE: '1',
    },
  },
);
const minutes = ((Date.now() - started) / 60_000).toFixed(1);
console.log(
  `${result.status === 0 ? 'converged' : 'FAILED'}: ${ops} operations, seed ${seed}, ${minutes} min` +
    (result.status === 0
      ? ''
      : ` (re-run: npm run bench:sync-random -- --ops ${ops} --seed ${seed})`),
);
process.exit(result.status ?? 1);
