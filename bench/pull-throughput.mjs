#!/usr/bin/env node
// The initial pull of 10,000 rows (90% meetings, 10% participants, every column in the
// server's row shape) into a fresh Dexie database in Chromium, in pages of 1,000 applied with
// the real applyPullPage (each page one transaction, with its cursors). Measured without CPU
// throttling and with 4x; rows/s = rows / total applyPullPage time. JSON.parse of the pages
// (what supabase-js does before the engine sees them) is reported beside it, not counted.
// Exits 1 when the throttled run is below the target.
//   PULL_ROWS (10000) PULL_PAGE (1000) PULL_RUNS (3) PULL_CPU_RATE (4) PULL_TARGET (5000)
import { envInt, median, ms, openBenchPage, sum } from './lib/browser-bench.mjs';

const ROWS = envInt('PULL_ROWS', 10_000);
const PAGE = envInt('PULL_PAGE', 1_000);
const RUNS = envInt('PULL_RUNS', 3);
const RATE = envInt('PULL_CPU_RATE', 4);
const TARGET = envInt('PULL_TARGET', 5_000);

const bench = await openBenchPage();
const { page } = bench;
try {
  console.log(`Chromium ${bench.browserVersion}: initial pull of ${ROWS} rows in pages of ${PAGE}`);
  const byRate = new Map();
  for (const rate of [1, RATE]) {
    const runs = [];
    for (let run = 1; run <= RUNS; run++) {
      await bench.throttle(rate);
      const r = await page.evaluate(
        ([rows, size]) => window.bench.runPull(rows, size),
        [ROWS, PAGE],
      );
      await bench.throttle(1);
      if (r.applied !== ROWS || r.stored !== ROWS) {
        throw new Error(`applied ${r.applied} and stored ${r.stored} rows, expected ${ROWS}`);
      }
      const applyMs = sum(r.applyMs);
      const parseMs = sum(r.parseMs);
      runs.push({
        rowsPerSec: (ROWS / applyMs) * 1000,
        applyMs,
        parseMs,
        longest: r.longestTaskMs,
      });
      console.log(
        `  ${rate}x run ${run}: applyPullPage ${ms(applyMs)} total ` +
          `(${((ROWS / applyMs) * 1000).toFixed(0)} rows/s; page p50 ${ms(median(r.applyMs))}), ` +
          `JSON.parse ${ms(parseMs)} (${(r.pageBytes / 1024).toFixed(0)} KB a page), ` +
          `longest main-thread task while applying ${ms(r.longestTaskMs)}`,
      );
    }
    byRate.set(rate, {
      rowsPerSec: median(runs.map((r) => r.rowsPerSec)),
      withParse: median(runs.map((r) => (ROWS / (r.applyMs + r.parseMs)) * 1000)),
      longest: median(runs.map((r) => r.longest)),
    });
  }
  for (const rate of [1, RATE]) {
    await bench.throttle(rate);
    const parts = await page.evaluate(
      ([rows, size, reps]) => window.bench.runPullBreakdown(rows, size, reps),
      [ROWS, PAGE, RUNS],
    );
    await bench.throttle(1);
    console.log(`Where the time goes (${rate}x, the same ${ROWS} rows, median of ${RUNS}):`);
    for (const [label, totals] of Object.entries(parts)) {
      const total = median(totals);
      console.log(
        `  ${label.padEnd(14)} ${ms(total).padStart(11)}  ${((ROWS / total) * 1000).toFixed(0)} rows/s`,
      );
    }
  }
  console.log(
    `Median of ${RUNS} runs (target >= ${TARGET} rows/s, checked with ${RATE}x throttling):`,
  );
  for (const [rate, r] of byRate) {
    console.log(
      `  ${rate === 1 ? 'no throttling' : `${rate}x CPU     `}  ${r.rowsPerSec.toFixed(0)} rows/s ` +
        `(${r.withParse.toFixed(0)} rows/s including JSON.parse; ` +
        `longest main-thread task ${ms(r.longest)})`,
    );
  }
  const throttled = byRate.get(RATE).rowsPerSec;
  if (throttled < TARGET) {
    console.error(`MISSED: ${throttled.toFixed(0)} rows/s with ${RATE}x throttling < ${TARGET}`);
    process.exitCode = 1;
  } else {
    console.log('Target met.');
  }
} finally {
  await bench.close();
}
