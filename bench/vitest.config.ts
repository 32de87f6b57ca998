// Runs bench/**/*.bench-run.ts: benchmarks that need the app's TypeScript in Node (the sync
// engine on fake-indexeddb against PostgreSQL). Separate from the root config's projects, so
// `npm test` never runs them. Start them through their driver (bench/push-throughput.mjs),
// which provides the database.
import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  resolve: {
    alias: { '@': fileURLToPath(new URL('../src', import.meta.url)) },
  },
  test: {
    include: ['bench/**/*.bench-run.ts'],
    environment: 'node',
    testTimeout: 600_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    // The numbers are the output: print console.log as it happens.
    disableConsoleIntercept: true,
  },
});
