#!/usr/bin/env node
// Prints the gzip size of the JavaScript a first visit loads (index.html's module script and
// its static imports, followed transitively) and of everything the service worker precaches.
// Exits 1 when the first-visit JavaScript exceeds the budget, or when it carries Dexie (the
// device database loads after the first paint). Run after `npm run build`.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const DIST = process.argv[2] ?? 'dist';
const BUDGET_KB = Number(process.env.FIRST_VISIT_JS_BUDGET_KB ?? 100);

if (!existsSync(join(DIST, 'index.html'))) {
  console.error(`No build in ${DIST}/: run \`npm run build\` first.`);
  process.exit(2);
}

const gzipKb = (file) => gzipSync(readFileSync(join(DIST, file)), { level: 9 }).length / 1024;
const fmt = (kb) => `${kb.toFixed(1)} KB`;

// Vite's build manifest: the entry chunk and its static imports, followed transitively, are
// what a first visit loads; dynamic imports (routes, locales, supabase-js) are not.
const manifestFile = join(DIST, '.vite', 'manifest.json');
if (!existsSync(manifestFile)) {
  console.error(`No ${manifestFile}: the build must run with build.manifest enabled.`);
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
const firstVisit = new Set();
const queue = Object.keys(manifest).filter((key) => manifest[key].isEntry);
while (queue.length > 0) {
  const chunk = manifest[queue.shift()];
  if (!chunk || firstVisit.has(chunk.file)) continue;
  firstVisit.add(chunk.file);
  queue.push(...(chunk.imports ?? []));
}

// The service worker's precache manifest lists every precached URL.
const swFile = join(DIST, 'sw.js');
const precached = existsSync(swFile)
  ? [...readFileSync(swFile, 'utf8').matchAll(/url:\s*"([^"]+)"/g)].map((m) => m[1])
  : [];

let firstVisitKb = 0;
console.log('First visit JavaScript (gzip):');
for (const file of firstVisit) {
  const kb = gzipKb(file);
  firstVisitKb += kb;
  console.log(`  ${fmt(kb).padStart(9)}  ${file}`);
}
console.log(`  ${fmt(firstVisitKb).padStart(9)}  total (budget ${BUDGET_KB} KB)`);

let precacheKb = 0;
let precacheRaw = 0;
for (const url of precached) {
  const file = url.replace(/^\//, '');
  if (!existsSync(join(DIST, file))) continue;
  precacheKb += gzipKb(file);
  precacheRaw += statSync(join(DIST, file)).size / 1024;
}
console.log(
  `Service worker precache: ${precached.length} files, ${fmt(precacheKb)} gzip (${fmt(precacheRaw)} raw)`,
);

// Dexie's own error names survive minification: their presence means IndexedDB code is on the
// critical path again (it happened once through a header component that read school names).
const withDexie = [...firstVisit].filter((file) =>
  readFileSync(join(DIST, file), 'utf8').includes('DatabaseClosedError'),
);
if (withDexie.length > 0) {
  console.error(`Dexie is in the first visit's JavaScript: ${withDexie.join(', ')}`);
  process.exit(1);
}
if (firstVisitKb > BUDGET_KB) {
  console.error(`First-visit JavaScript ${fmt(firstVisitKb)} exceeds the ${BUDGET_KB} KB budget.`);
  process.exit(1);
}
