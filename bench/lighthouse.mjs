#!/usr/bin/env node
// Lighthouse's mobile preset (simulated slow 4G, 4× CPU slowdown, a phone's screen) on the
// production build, three runs against `vite preview`, in Debian's Chromium. Prints each run
// and the median performance score, first contentful paint, largest contentful paint (and its
// element) and total blocking time; exits 1 when the median misses the target (score ≥ 98,
// FCP ≤ 1.2 s). Run after `npm run build`.
// Options: --dist <dir> (default dist), --runs <n> (default 3), --warmup <n> (default 1),
// --json <file> (median report).
//
// Lighthouse simulates the phone from what it observes here, multiplying the observed task
// times by 4: on a busy machine other processes stretch them, and the first load in a fresh
// Chromium pays the browser's own start-up. So the bench first loads the page `--warmup` times
// unmeasured (every run still loads the app cold: Lighthouse clears the cache and storage), and
// raises its own scheduling priority, which Chromium inherits, where the system allows it.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import lighthouse from 'lighthouse';
import { preview } from 'vite';

const { values: args } = parseArgs({
  options: {
    dist: { type: 'string', default: 'dist' },
    runs: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '1' },
    json: { type: 'string' },
  },
});
const RUNS = Number(args.runs);
const WARMUP = Number(args.warmup);
const TARGET = { score: 98, fcpMs: 1200 };

if (!existsSync(join(args.dist, 'index.html'))) {
  console.error(`No build in ${args.dist}/: run \`npm run build\` first.`);
  process.exit(2);
}

/** The browser tests' flags (test/e2e/support/browser.ts), so both drive Chromium alike. */
function chromiumArgs() {
  const source = readFileSync(new URL('../test/e2e/support/browser.ts', import.meta.url), 'utf8');
  const list = /CHROMIUM_ARGS = \[([\s\S]*?)\]/.exec(source)?.[1];
  if (!list) throw new Error('CHROMIUM_ARGS not found in test/e2e/support/browser.ts');
  return [...list.matchAll(/'([^']+)'/g)].map((m) => m[1]);
}

function chromiumPath() {
  const found = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
    (path) => path && existsSync(path),
  );
  if (!found) {
    throw new Error(
      "No Chromium: install Debian's (`apt-get install -y chromium`) or set CHROME_PATH.",
    );
  }
  return found;
}

/** Starts Chromium with a DevTools port of its choosing; resolves with the port. */
function launchChromium(profileDir) {
  const child = spawn(
    chromiumPath(),
    [
      ...chromiumArgs(),
      '--remote-debugging-port=0',
      `--user-data-dir=${profileDir}`,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not start:\n${output}`)), 30_000);
    child.stderr.on('data', (chunk) => {
      output += chunk;
      const port = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(output)?.[1];
      if (port) {
        clearTimeout(timer);
        resolve({
          port: Number(port),
          close: () =>
            new Promise((done) => {
              child.removeAllListeners('exit');
              child.once('exit', done);
              child.kill();
            }),
        });
      }
    });
    child.on('exit', (code) => reject(new Error(`Chromium exited (${code}):\n${output}`)));
  });
}

/**
 * The element of the largest contentful paint. Lighthouse's own audit needs its TraceElements
 * gatherer, which fails on newer Chromium (a trace field it expects is gone); the trace's last
 * LCP candidate of the page names the element itself (tag and class) in recent Chromium.
 */
function lcpElement(lhr, trace) {
  const item = lhr.audits['largest-contentful-paint-element']?.details?.items?.[0];
  const node = item?.items?.[0]?.node ?? item?.node;
  if (node?.snippet) return node.snippet;
  const candidates = (trace?.traceEvents ?? []).filter(
    (e) => e.name === 'largestContentfulPaint::Candidate' && e.args?.data?.isOutermostMainFrame,
  );
  const last = candidates.at(-1)?.args.data;
  return last ? `${last.nodeName ?? `node ${last.nodeId}`} (${last.type}, ${last.size} px²)` : '?';
}

/** The longest main-thread task as Lighthouse simulated it (ms). */
function longestTask(lhr) {
  const items = lhr.audits['long-tasks']?.details?.items ?? [];
  return Math.round(Math.max(0, ...items.map((item) => item.duration)));
}

/** The simulated long tasks: start (ms), duration (ms) and the script Lighthouse blames. */
function longTasks(lhr) {
  const items = lhr.audits['long-tasks']?.details?.items ?? [];
  if (items.length === 0) return 'none';
  return items
    .map((item) => {
      const file =
        String(item.url ?? '')
          .split('/')
          .pop() || '(page)';
      return `${Math.round(item.startTime)}+${Math.round(item.duration)} ms ${file}`;
    })
    .join(', ');
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

try {
  setPriority(-10);
  console.log('Scheduling priority raised (nice -10) for this process and Chromium.');
} catch {
  console.log('Scheduling priority unchanged (not permitted): expect noise on a busy machine.');
}

const server = await preview({
  build: { outDir: args.dist },
  preview: { port: 4319, strictPort: false, host: '127.0.0.1' },
  logLevel: 'warn',
});
const url = server.resolvedUrls?.local[0];
const profileDir = mkdtempSync(join(tmpdir(), 'lighthouse-chromium-'));
const chromium = await launchChromium(profileDir);

const runs = [];
try {
  for (let i = 0; i < WARMUP; i++) {
    await lighthouse(url, {
      port: chromium.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance'],
    });
  }
  for (let i = 0; i < RUNS; i++) {
    // The default config is the mobile preset: simulated throttling (slow 4G, 4× CPU).
    const result = await lighthouse(url, {
      port: chromium.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance'],
    });
    if (!result) throw new Error('Lighthouse returned no result');
    const { lhr, artifacts } = result;
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.message}`);
    const run = {
      score: Math.round((lhr.categories.performance.score ?? 0) * 100),
      fcpMs: lhr.audits['first-contentful-paint'].numericValue,
      lcpMs: lhr.audits['largest-contentful-paint'].numericValue,
      tbtMs: lhr.audits['total-blocking-time'].numericValue,
      cls: lhr.audits['cumulative-layout-shift'].numericValue,
      longestTaskMs: longestTask(lhr),
      lcpElement: lcpElement(lhr, artifacts?.Trace),
      // Lighthouse's measure of this machine's CPU at the time (an idle desktop: ~1,000–2,000).
      // The simulated phone scales the observed main-thread time by 4, so a busy machine
      // (a low index) inflates TBT and LCP: compare runs at similar indexes.
      benchmarkIndex: Math.round(lhr.environment.benchmarkIndex),
      lhr,
    };
    runs.push(run);
    console.log(
      `run ${i + 1}: score ${run.score}, FCP ${seconds(run.fcpMs)}, LCP ${seconds(run.lcpMs)}, ` +
        `TBT ${Math.round(run.tbtMs)} ms (longest task ${run.longestTaskMs} ms), CLS ${run.cls.toFixed(3)} ` +
        `(CPU benchmark index ${run.benchmarkIndex})\n       LCP element: ${run.lcpElement}` +
        `\n       long tasks: ${longTasks(lhr)}`,
    );
  }
} finally {
  await chromium.close();
  await server.close();
  rmSync(profileDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
}

// The median run by score is reported whole; FCP and LCP are each the median of their own.
const byScore = [...runs].sort((a, b) => a.score - b.score)[Math.floor(runs.length / 2)];
const result = {
  score: median(runs.map((r) => r.score)),
  fcpMs: median(runs.map((r) => r.fcpMs)),
  lcpMs: median(runs.map((r) => r.lcpMs)),
  tbtMs: median(runs.map((r) => r.tbtMs)),
};
console.log(
  `Lighthouse mobile, median of ${runs.length}: performance ${result.score}, ` +
    `FCP ${seconds(result.fcpMs)}, LCP ${seconds(result.lcpMs)}, TBT ${Math.round(result.tbtMs)} ms ` +
    `(target: ≥ ${TARGET.score}, FCP ≤ ${seconds(TARGET.fcpMs)})\n` +
    `LCP element (median run): ${byScore.lcpElement}`,
);
if (args.json) writeFileSync(args.json, JSON.stringify(byScore.lhr, null, 2));
if (result.score < TARGET.score || result.fcpMs > TARGET.fcpMs) {
  console.error('The median misses the target.');
  process.exit(1);
}
