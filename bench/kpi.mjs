#!/usr/bin/env node
// The KPI table (/kpi) of a big school: 2,000 students, 150 teachers, 300 pairs, 50,000
// meetings, a course per teacher and a satisfaction answer per pair member in the device's
// IndexedDB (bench/kpi/seed.ts, on top of bench/staff-home's school), the BUILT app (sync
// mode, started offline with a saved session, as on a tablet without signal), Debian's
// Chromium at 4x CPU throttling. Measured per load:
//   - TABLE: from navigation start until the table's rows are on screen (a MutationObserver
//     sees them), the app's start included; and from the page's start (performance mark
//     kpi:start in composables/useKpis.ts);
//   - PERIOD: choosing the first half-year until the table shows it (recomputed from the
//     rows already read);
//   - FILE: the .xlsx download, from the click until the page says it is saved (the writer's
//     chunk loads then);
//   - long tasks (PerformanceObserver 'longtask', > 50 ms) during each, the longest reported.
// Targets (issue 13): the table in at most 3 s; the page stays responsive (longest task
// reported). Exits 1 when the table misses 3 s.
// KPI_PROFILE=1 prints where the last load's time went (build with minify off to read it:
// KPI_MINIFY=0).
//   KPI_STUDENTS (2000) KPI_PAIRS (300) KPI_MEETINGS (50000) KPI_LOADS (3) KPI_CPU_RATE (4)
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import {
  CHROMIUM_ARGS,
  chromiumPath,
  envInt,
  hotspots,
  median,
  ms,
  printHotspots,
  serveStatic,
} from './lib/browser-bench.mjs';

const STUDENTS = envInt('KPI_STUDENTS', 2000);
const PAIRS = envInt('KPI_PAIRS', 300);
const MEETINGS = envInt('KPI_MEETINGS', 50_000);
const LOADS = envInt('KPI_LOADS', 3);
const RATE = envInt('KPI_CPU_RATE', 4);
const TABLE_BUDGET_MS = 3000;

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, 'bench/.dist/kpi');
const USER_ID = '7a000000-0000-4000-8000-00000000c0de';
const SCHOOL_ID = '5c000000-0000-4000-8000-000000000001';
const OFFLINE_SERVER = 'http://127.0.0.1:9';

const b64url = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (claims) => `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(claims)}.bench`;

async function buildAll() {
  process.env.VITE_SUPABASE_URL = OFFLINE_SERVER;
  process.env.VITE_SUPABASE_ANON_KEY = jwt({ role: 'anon', iss: 'supabase' });
  await build({
    configFile: join(root, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, minify: process.env.KPI_MINIFY !== '0' },
  });
  await build({
    configFile: false,
    root: join(root, 'bench/kpi'),
    base: '/seed/',
    logLevel: 'warn',
    resolve: { alias: { '@': join(root, 'src') } },
    build: { outDir: join(outDir, 'seed'), emptyOutDir: true, target: 'es2022' },
  });
}

function session() {
  const exp = Math.floor(Date.now() / 1000) + 3600;
  return {
    access_token: jwt({ sub: USER_ID, role: 'authenticated', exp }),
    token_type: 'bearer',
    expires_in: 3600,
    expires_at: exp,
    refresh_token: 'bench-refresh',
    user: {
      id: USER_ID,
      aud: 'authenticated',
      role: 'authenticated',
      email: 'curator@school.example',
      is_anonymous: false,
      app_metadata: { provider: 'email', providers: ['email'] },
      user_metadata: {},
      created_at: new Date().toISOString(),
    },
  };
}

await buildAll();
const { server, url } = await serveStatic(outDir);
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
let failed = false;
try {
  const context = await browser.newContext({
    viewport: { width: 1024, height: 768 },
    locale: 'ru-RU',
    serviceWorkers: 'block',
    acceptDownloads: true,
  });
  await context.route(`${OFFLINE_SERVER}/**`, (route) => route.abort('internetdisconnected'));
  await context.addInitScript(
    ({ key, value }) => {
      if (!localStorage.getItem(key)) localStorage.setItem(key, value);
      window.__longtasks = [];
      // The longest task overlapping [from, to] (performance.now() times).
      window.__longestIn = (from, to) =>
        Math.max(
          0,
          ...window.__longtasks
            .filter((t) => t.start + t.duration > from && t.start < to)
            .map((t) => t.duration),
        );
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          window.__longtasks.push({ start: e.startTime, duration: e.duration });
        }
      }).observe({ type: 'longtask', buffered: true });
      // When the table's rows first appear.
      const seen = () => document.querySelector('[data-testid="kpi-row-students_involved"]');
      new MutationObserver((_, observer) => {
        if (window.__kpiReady === undefined && seen()) {
          window.__kpiReady = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    },
    { key: 'nastavnik.auth', value: JSON.stringify(session()) },
  );
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  const cdp = await context.newCDPSession(page);
  console.log(`Chromium ${browser.version()}, CPU throttling ${RATE}x`);

  await page.goto(`${url}/seed/`);
  await page.waitForFunction(() => document.title === 'ready');
  const seeded = await page.evaluate((params) => window.seed(params), {
    userId: USER_ID,
    schoolId: SCHOOL_ID,
    students: STUDENTS,
    pairs: PAIRS,
    meetings: MEETINGS,
  });
  console.log(
    `Seeded ${seeded.students} students, ${seeded.teachers} teachers, ${seeded.pairs} pairs, ` +
      `${seeded.meetings} meetings, ${seeded.trainings} courses, ${seeded.satisfaction} ` +
      `satisfaction answers in ${(seeded.seedMs / 1000).toFixed(1)} s`,
  );

  const loads = [];
  for (let i = 1; i <= LOADS + 1; i++) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: RATE });
    const profiling = process.env.KPI_PROFILE === '1' && i === LOADS + 1;
    if (profiling) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
      await cdp.send('Profiler.start');
    }
    await page.goto(`${url}/kpi`);
    await page.waitForFunction(() => window.__kpiReady !== undefined, undefined, {
      polling: 50,
      timeout: 120_000,
    });
    await page.waitForTimeout(300);
    if (profiling) {
      const { profile } = await cdp.send('Profiler.stop');
      printHotspots('Self time during the last load:', hotspots(profile));
    }
    const table = await page.evaluate(() => ({
      ready: window.__kpiReady,
      start: performance.getEntriesByName('kpi:start')[0]?.startTime ?? Number.NaN,
      longest: window.__longestIn(0, window.__kpiReady + 300),
      // Only while the page works (from its start): the app's own start left out.
      longestOnPage: window.__longestIn(
        performance.getEntriesByName('kpi:start')[0]?.startTime ?? 0,
        window.__kpiReady + 300,
      ),
      cells: document.querySelectorAll('[data-testid="kpi-counts"]').length,
      students: document.querySelector(
        '[data-testid="kpi-row-students_involved"] [data-testid="kpi-counts"]',
      )?.textContent,
    }));
    // The first half-year: recomputed from the rows already read.
    const period = await page.evaluate(async () => {
      const select = document.querySelector('[data-testid="kpi-half"]');
      const shares = document.querySelector('[data-testid="kpi-shares"]');
      const start = performance.now();
      const changed = new Promise((resolve) =>
        new MutationObserver((_, o) => {
          o.disconnect();
          resolve();
        }).observe(shares, { childList: true, subtree: true, characterData: true }),
      );
      select.value = select.options[1].value;
      select.dispatchEvent(new Event('change'));
      await changed;
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const end = performance.now();
      await new Promise((r) => setTimeout(r, 300));
      return {
        time: end - start,
        longest: window.__longestIn(start, end + 300),
      };
    });
    // The .xlsx: from the click until the page says it is saved.
    const fileStart = await page.evaluate(() => performance.now());
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('kpi-download').click(),
    ]);
    await page.getByTestId('kpi-status').filter({ hasText: 'pokazateli' }).waitFor();
    const file = await page.evaluate((start) => {
      const end = performance.now();
      return { time: end - start, longest: window.__longestIn(start, end) };
    }, fileStart);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    const r = { table, period, file, name: download.suggestedFilename() };
    if (i === 1) {
      console.log(`warm-up: table ${ms(table.ready)} from navigation`);
      continue;
    }
    loads.push(r);
    console.log(
      `load ${i - 1}: table ${ms(table.ready)} from navigation, ${ms(table.ready - table.start)} ` +
        `from the page's start (at ${ms(table.start)}) (${table.cells} rows, students ` +
        `${table.students?.trim()}), longest task ${ms(table.longest)} (since the page's start ` +
        `${ms(table.longestOnPage)}) | half-year ` +
        `${ms(period.time)}, longest task ${ms(period.longest)} | ${r.name} ${ms(file.time)}, ` +
        `longest task ${ms(file.longest)}`,
    );
  }
  const tableMs = median(loads.map((l) => l.table.ready));
  const pageMs = median(loads.map((l) => l.table.ready - l.table.start));
  const periodMs = median(loads.map((l) => l.period.time));
  const fileMs = median(loads.map((l) => l.file.time));
  const longest = Math.max(...loads.map((l) => l.table.longest));
  const longestOnPage = Math.max(...loads.map((l) => l.table.longestOnPage));
  const longestPeriod = Math.max(...loads.map((l) => l.period.longest));
  const longestFile = Math.max(...loads.map((l) => l.file.longest));
  console.log(
    `Median of ${LOADS} loads (${STUDENTS} students, ${PAIRS} pairs, ${MEETINGS} meetings, ${RATE}x CPU):\n` +
      `  KPI table on screen ${ms(tableMs)} from navigation (budget <= ${TABLE_BUDGET_MS} ms), ` +
      `${ms(pageMs)} from the page's start, ` +
      `longest task ${ms(longest)} (${ms(longestOnPage)} since the page's start)\n` +
      `  another period ${ms(periodMs)}, longest task ${ms(longestPeriod)}\n` +
      `  the .xlsx ${ms(fileMs)}, longest task ${ms(longestFile)}`,
  );
  if (tableMs > TABLE_BUDGET_MS) {
    console.error(`MISSED: the KPI table took ${ms(tableMs)} > ${TABLE_BUDGET_MS} ms`);
    failed = true;
  }
  if (!failed) console.log('Target met.');
} finally {
  await browser.close();
  server.close();
  if (process.env.BENCH_KEEP_DIST !== '1') rmSync(outDir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
