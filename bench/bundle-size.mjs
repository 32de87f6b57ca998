#!/usr/bin/env node
// Prints the gzip size of the JavaScript a first visit loads (index.html's module script and
// the app frame's chunks it preloads), of the home screen's chunks, and of everything the
// service worker precaches. Exits 1 when the first-visit JavaScript exceeds the budget, or when
// it carries Dexie (the device database loads after the first paint), or when a device-only
// build (no VITE_SUPABASE_URL) precaches supabase-js. Run after `npm run build`.
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

// index.html's loader (vite.config.ts, shellFirst) names what a first visit requests after the
// shell has painted: the entry module, the chunks of its start-up steps ("frame": the messages
// and the app's frame, which src/main.ts imports step by step), then the home screen's chunks
// ("home"). Entry and frame are the budgeted first-visit JavaScript; the home screen is
// reported on its own (its data layer, Dexie, is lazy by design).
const html = readFileSync(join(DIST, 'index.html'), 'utf8');
const entry = /entry="\/([^"]+)"/.exec(html)?.[1];
const preloads = JSON.parse(/preloads=(\[[^;]*?\]\])/.exec(html)?.[1] ?? '[]');
const list = (step) => preloads.filter(([s]) => s === step).map(([, url]) => url.slice(1));
const frameList = list('frame');
const homeList = list('home');
if (!entry) {
  console.error(`No start-up loader in ${DIST}/index.html (vite.config.ts, shellFirst).`);
  process.exit(2);
}
const firstVisit = new Set([entry, ...frameList]);

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

let homeKb = 0;
console.log('Then the home screen (gzip):');
for (const file of homeList) {
  const kb = gzipKb(file);
  homeKb += kb;
  console.log(`  ${fmt(kb).padStart(9)}  ${file}`);
}
console.log(`  ${fmt(homeKb).padStart(9)}  total`);

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
// A device-only build (vite.config.ts stubs supabase-js when VITE_SUPABASE_ is not set)
// neither downloads nor precaches supabase-js: its auth client's name would survive minifying.
const precachedJs = precached.filter((url) => url.endsWith('.js') && existsSync(join(DIST, url)));
const read = (url) => readFileSync(join(DIST, url.replace(/^\//, '')), 'utf8');
const deviceOnly = precachedJs.some((url) => read(url).includes('device-only build: no Supabase'));
const withSupabase = precachedJs.filter((url) => read(url).includes('GoTrueClient'));
console.log(
  deviceOnly
    ? `Device-only build: supabase-js ${withSupabase.length ? 'PRECACHED' : 'not shipped'}`
    : `Sync build: supabase-js in ${withSupabase.join(', ') || 'no file (?)'}`,
);
if (deviceOnly && withSupabase.length > 0) {
  console.error(`supabase-js is precached by a device-only build: ${withSupabase.join(', ')}`);
  process.exit(1);
}
if (firstVisitKb > BUDGET_KB) {
  console.error(`First-visit JavaScript ${fmt(firstVisitKb)} exceeds the ${BUDGET_KB} KB budget.`);
  process.exit(1);
}
