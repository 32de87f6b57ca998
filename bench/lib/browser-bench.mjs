// Shared by the browser benchmarks: builds the bench page (bench/browser/) with Vite's JS
// API into bench/.dist, serves it on 127.0.0.1 with `vite preview`, and opens it in
// Debian's Chromium through playwright-core. Never downloads a browser. Also the static
// server, the CPU-profile hotspots and the trace's longest tasks of the benches that build
// the app itself (kpi, report, roll-import, staff-home).
import { createReadStream, existsSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';

const configFile = fileURLToPath(new URL('../vite.config.ts', import.meta.url));
const outDir = fileURLToPath(new URL('../.dist', import.meta.url));

// The flags of test/e2e/support/browser.ts (CHROMIUM_ARGS); keep the two lists equal.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumPath() {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((path) => !!path && existsSync(path));
  if (!found) {
    console.error(
      "No Chromium found. Install Debian's Chromium (`apt-get install -y chromium`) or set CHROME_PATH.",
    );
    process.exit(2);
  }
  return found;
}

/**
 * Builds and serves the bench page and opens it; returns the page (window.bench ready), a
 * CDP session for throttling, and close().
 */
export async function openBenchPage() {
  const executablePath = chromiumPath();
  await build({ configFile, logLevel: 'warn' });
  const server = await preview({
    configFile,
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port: 4180, strictPort: false, open: false },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') console.error(`console: ${message.text()}`);
  });
  await page.goto(url);
  await page.waitForFunction(() => document.title === 'ready');
  const cdp = await context.newCDPSession(page);
  return {
    page,
    /** CPU throttling of the page's renderer (1 = none). IndexedDB's backend is not throttled. */
    throttle: (rate) => cdp.send('Emulation.setCPUThrottlingRate', { rate }),
    /** A full garbage collection of the page, so a measurement does not pay for earlier garbage. */
    collectGarbage: () => cdp.send('HeapProfiler.collectGarbage'),
    browserVersion: browser.version(),
    /** Runs fn under the V8 CPU profiler of the page; returns fn's result and the top self times. */
    async profile(fn, top = 25) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
      const result = await fn();
      const { profile } = await cdp.send('Profiler.stop');
      return { result, hotspots: hotspots(profile, top) };
    },
    /**
     * Runs fn under a Chromium trace and returns its result with the main-thread tasks of the
     * page's renderer (RunTask events, durations in ms, throttling included): the longest, and
     * the garbage collection inside the longest, and how many took over 50 ms. Unlike PerformanceObserver('longtask'), which reports only
     * tasks over 50 ms, this also measures the longest task when it stays under the budget.
     */
    async traceTasks(fn, gc = process.env.PULL_TRACE_GC === '1') {
      const events = [];
      const collect = ({ value }) => events.push(...value);
      cdp.on('Tracing.dataCollected', collect);
      await cdp.send('Tracing.start', {
        transferMode: 'ReportEvents',
        traceConfig: {
          // devtools.timeline holds the GC events; it slows the page down, so only on request.
          includedCategories: [
            'toplevel',
            'disabled-by-default-devtools.timeline',
            '__metadata',
            ...(gc ? ['devtools.timeline'] : []),
          ],
          excludedCategories: ['*'],
        },
      });
      const result = await fn();
      const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
      await cdp.send('Tracing.end');
      await complete;
      cdp.off('Tracing.dataCollected', collect);
      return { result, ...mainThreadTasks(events) };
    },
    async close() {
      await browser.close();
      await server.close();
      // Built afresh on every run; removed so that lint and format never see the bundle
      // (BENCH_KEEP_DIST=1 keeps it, e.g. to read a BENCH_MINIFY=0 build next to a profile).
      if (process.env.BENCH_KEEP_DIST !== '1') rmSync(outDir, { recursive: true, force: true });
    },
  };
}

const TASK_EVENTS = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

/** The renderer main thread's top-level tasks in a trace (the busiest CrRendererMain). */
function mainThreadTasks(events) {
  const mains = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const byThread = new Map();
  for (const e of events) {
    const thread = `${e.pid}:${e.tid}`;
    if (e.ph !== 'X' || !TASK_EVENTS.has(e.name) || !mains.has(thread)) continue;
    const list = byThread.get(thread) ?? [];
    list.push(e);
    byThread.set(thread, list);
  }
  const ms = (e) => (e.dur ?? 0) / 1000;
  const [thread, tasks] = [...byThread].sort(
    (a, b) => sum(b[1].map(ms)) - sum(a[1].map(ms)),
  )[0] ?? ['', []];
  const longest = tasks.reduce((a, e) => (a && ms(a) >= ms(e) ? a : e), null);
  // Garbage collection inside the longest task (V8's pauses count as the task's time).
  const gcMs = longest
    ? sum(
        events
          .filter(
            (e) =>
              `${e.pid}:${e.tid}` === thread &&
              (e.name === 'MajorGC' || e.name === 'MinorGC') &&
              e.ts >= longest.ts &&
              e.ts < longest.ts + longest.dur,
          )
          .map(ms),
      )
    : 0;
  return {
    tasks: tasks.length,
    longestTaskMs: longest ? ms(longest) : 0,
    longestTaskGcMs: gcMs,
    tasksOver50: tasks.filter((e) => ms(e) > 50).length,
  };
}

/**
 * Time per function (name, file:line) from a V8 CPU profile, largest first, in ms: self time,
 * or with `inclusive` the time of the samples the function was on the stack for. `from`/`to`
 * (µs, the trace's clock) keep the samples of one span, e.g. a long task of printLongestTasks.
 */
export function hotspots(
  profile,
  top = 25,
  { from = -Infinity, to = Infinity, inclusive = false } = {},
) {
  const keyOf = new Map();
  const parentOf = new Map();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.split('/').pop() || '(native)';
    keyOf.set(node.id, `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`);
    for (const child of node.children ?? []) parentOf.set(child, node.id);
  }
  const byName = new Map();
  let total = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    at += us;
    if (at < from || at > to) return;
    total += us;
    const keys = new Set();
    for (let node = id; node !== undefined; node = inclusive ? parentOf.get(node) : undefined) {
      keys.add(keyOf.get(node));
    }
    for (const key of keys) byName.set(key, (byName.get(key) ?? 0) + us);
  });
  return [...byName]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, us]) => ({ name, ms: us / 1000, share: total ? us / total : 0 }));
}

export function printHotspots(title, spots) {
  console.log(title);
  for (const s of spots) {
    console.log(
      `  ${(s.share * 100).toFixed(1).padStart(5)}%  ${s.ms.toFixed(1).padStart(8)} ms  ${s.name}`,
    );
  }
}

/**
 * The longest main-thread tasks (RunTask over `overMs`) of a Chromium trace and what their
 * time went to: the events inside each, summed by name (a script's file named), largest first.
 * Returns the tasks (trace events: ts and dur in µs).
 */
export function printLongestTasks(events, { overMs = 50, count = 3, top = 10 } = {}) {
  const tasks = events
    .filter((e) => e.ph === 'X' && TASK_EVENTS.has(e.name) && e.dur > overMs * 1000)
    .sort((a, b) => b.dur - a.dur)
    .slice(0, count);
  for (const task of tasks) {
    const inside = new Map();
    for (const e of events) {
      if (e.ph !== 'X' || e.tid !== task.tid || e === task) continue;
      if (e.ts < task.ts || e.ts + (e.dur ?? 0) > task.ts + task.dur) continue;
      const name = e.args?.data?.url ? `${e.name} ${e.args.data.url.split('/').pop()}` : e.name;
      inside.set(name, (inside.get(name) ?? 0) + (e.dur ?? 0));
    }
    const spent = [...inside].sort((a, b) => b[1] - a[1]).slice(0, top);
    console.log(
      `  task ${(task.dur / 1000).toFixed(1)} ms (thread ${task.tid}): ` +
        spent.map(([n, d]) => `${n} ${(d / 1000).toFixed(1)}`).join(', '),
    );
  }
  return tasks;
}

// ------------------------------------------------------------------------ static server
const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/**
 * Serves the files of `dir` (a build) on 127.0.0.1 at a free port; resolves to the server and
 * its URL. An unknown path gets `dir`/index.html (the app's history routes), or a 404 with
 * `spa: false`.
 */
export function serveStatic(dir, { spa = true } = {}) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = join(dir, path);
    if (path.endsWith('/')) file = join(file, 'index.html');
    if (!existsSync(file) || !statSync(file).isFile()) {
      if (!spa) {
        res.writeHead(404).end();
        return;
      }
      file = join(dir, 'index.html');
    }
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${server.address().port}` }),
    ),
  );
}

// ------------------------------------------------------------------------ statistics
/** Nearest-rank percentile of a list of numbers. */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export const median = (values) => percentile(values, 50);
export const sum = (values) => values.reduce((a, b) => a + b, 0);
export const ms = (value) => `${value.toFixed(2)} ms`;

/** Positive integer from an environment variable, or the fallback. */
export function envInt(name, fallback) {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
  return value;
}
