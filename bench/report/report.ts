// The page of bench/report.mjs: seeds a big school with bench/staff-home's seed (the app's
// own schema), then makes the curator's analytical report as the documents page does —
// readAnalyticalReport (the device's rows, the facts and the KPI table), the document's
// content model, and the .docx file — timing each step and watching the main thread.
import '../staff-home/seed';
import { openDataContext } from '@/data/context';
import { userDatabaseName } from '@/data/db';
import { readAnalyticalReport, readInPages } from '@/data/documentQueries';
import { readKpiInput } from '@/data/kpiQueries';
import { responsesTable } from '@/data/repos/questionnaires';
import { computeKpis } from '@/domain/kpi';
import { addDays, localIsoDate } from '@/domain/dates';
import { analyticalReportDocument, documentText } from '@/domain/documents';
import { documentDocx } from '@/documents';

declare global {
  interface Window {
    runReport(params: { userId: string; schoolId: string }): Promise<Record<string, number>>;
  }
}

window.runReport = async ({ userId, schoolId }) => {
  const ctx = await openDataContext(userDatabaseName(userId), schoolId);
  const today = localIsoDate(new Date());
  // A year ending today: every seeded meeting (the last 290 days) falls inside it.
  const year = { label: '2025/2026', from: addDays(today, -364), to: today };
  // The main thread's longest stall: a timer every 10 ms notes how late it fires.
  let longestGap = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    longestGap = Math.max(longestGap, now - last - 10);
    last = now;
  }, 10);
  const started = performance.now();
  const data = await readAnalyticalReport(ctx, schoolId, year, today);
  const read = performance.now();
  const model = analyticalReportDocument({
    school: {
      name: 'МБОУ СОШ № 1',
      shortName: null,
      place: 'г. Омск',
      director: 'Е.Ф. Задворнова',
    },
    facts: data.facts,
    kpis: data.kpis,
    curator: { full_name: 'Иванова Елена Петровна', position: 'заместитель директора по УВР' },
    today,
  });
  const built = performance.now();
  const blob = await documentDocx(model);
  const written = performance.now();
  clearInterval(timer);
  ctx.db.close();
  return {
    readMs: read - started,
    modelMs: built - read,
    docxMs: written - built,
    totalMs: written - started,
    longestGapMs: longestGap,
    bytes: blob.size,
    meetings: data.facts.meetings.total,
    pairs: data.facts.pairCount,
    people: data.facts.people,
    kpiRows: data.kpis.shares.length + data.kpis.documents.length,
    textLength: documentText(model).length,
  };
};

declare global {
  interface Window {
    profileReport(params: { userId: string; schoolId: string }): Promise<Record<string, number>>;
  }
}

/** Where the time goes: the parts of readAnalyticalReport alone, then all of it (REPORT_PROFILE=1). */
window.profileReport = async ({ userId, schoolId }) => {
  const ctx = await openDataContext(userDatabaseName(userId), schoolId);
  const today = localIsoDate(new Date());
  const from = addDays(today, -364);
  const time = async (work: () => Promise<unknown>) => {
    const t = performance.now();
    await work();
    return performance.now() - t;
  };
  const year = { label: 'bench', from, to: today };
  let input: Awaited<ReturnType<typeof readKpiInput>> | undefined;
  const out = {
    kpiInput: await time(async () => {
      input = await readKpiInput(ctx, schoolId);
    }),
    computeKpis: await time(async () => computeKpis(input!, { year: 2026, half: null })),
    tasksAll: await time(() => ctx.db.plan_tasks.toArray()),
    tasksPaged: await time(() => readInPages(ctx.db.plan_tasks, (t) => t.id)),
    participants: await time(() =>
      ctx.db.participants.where('school_id').equals(schoolId).toArray(),
    ),
    pairMembers: await time(() => ctx.db.pair_members.toArray()),
    responses: await time(() => responsesTable(ctx).toArray()),
    trainings: await time(() => ctx.db.mentor_trainings.toArray()),
    plans: await time(() => ctx.db.development_plans.toArray()),
    tombstones: await time(() => ctx.db.meetings.where('deleted_at').above('').toArray()),
    regularCount: await time(() =>
      ctx.db.meetings
        .where('[type+held_on]')
        .between(['regular', from], ['regular', today], true, true)
        .count(),
    ),
    rareTypes: await time(() =>
      Promise.all(
        (['organisational', 'trial', 'planning', 'final', 'final_group'] as const).map((type) =>
          ctx.db.meetings
            .where('[type+held_on]')
            .between([type, from], [type, today], true, true)
            .toArray(),
        ),
      ),
    ),
    wholeReport: await time(() => readAnalyticalReport(ctx, schoolId, year, today)),
  };
  ctx.db.close();
  return out;
};
document.title = 'ready';
