// Owns the analytical report's read: its rows (the KPI input, the year's meeting tallies, the
// plans and tasks of the year's pairs) in one read-only transaction, and the facts with the
// KPI table computed from them, once or live.
import { liveQuery } from 'dexie';
import {
  analyticalFacts,
  isPairOfYear,
  type AnalyticalFacts,
  type MeetingTally,
  type DocumentYear,
} from '@/domain/documents';
import { localIsoDate } from '@/domain/dates';
import { computeKpis, type KpiInput, type KpiPeriod, type KpiTable } from '@/domain/kpi';
import type { DevelopmentPlan, IsoDate, PlanTask } from '@/domain/types';
import type { DataContext } from '../context';
import { readKpiInput } from '../kpiQueries';
import type { Observable } from '../queries';
import { readMeetingTallies } from './meetingTallies';
import { readInPages } from './pages';

export interface AnalyticalReportData {
  facts: AnalyticalFacts;
  /** The KPI table of the calendar year the programme year ends in. */
  kpis: KpiTable;
}

/** The calendar year whose KPI table the report of a programme year cites: its last year. */
export const kpiPeriodOf = (year: DocumentYear): KpiPeriod => ({
  year: Number(year.to.slice(0, 4)),
  half: null,
});

/** The tables the analytical report reads, in one read-only transaction. */
const REPORT_TABLES = [
  'schools',
  'participants',
  'pairs',
  'pair_members',
  'mentor_trainings',
  'questionnaire_templates',
  'questionnaire_responses',
  'school_documents',
  'kpi_values',
  // The municipality's targets kept for the school (data/kpiQueries readKpiInput).
  'meta',
  'meetings',
  'development_plans',
  'plan_tasks',
];

/** The rows the report is computed from, read in one transaction. */
interface AnalyticalReportRows {
  input: KpiInput;
  meetings: MeetingTally[];
  plans: DevelopmentPlan[];
  tasks: PlanTask[];
}

/**
 * The report's rows, in one read-only transaction (Dexie then neither opens one per query nor
 * clones each result).
 */
async function readAnalyticalReportRows(
  ctx: DataContext,
  school: string,
  year: DocumentYear,
): Promise<AnalyticalReportRows> {
  return ctx.db.transaction('r', REPORT_TABLES, async () => {
    const input = await readKpiInput(ctx, school);
    const pairIds = input.pairs.filter((p) => isPairOfYear(p, year)).map((p) => p.id);
    // The plans and tasks whole (the tasks in pages), then kept by pair: an anyOf() over
    // hundreds of pairs costs several times more than one read of every task (bench/report.mjs).
    const ofYear = new Set(pairIds);
    const [meetings, plans, tasks] = await Promise.all([
      readMeetingTallies(ctx, pairIds, year),
      ctx.db.development_plans.toArray(),
      readInPages(ctx.db.plan_tasks, (t) => t.id),
    ]);
    return {
      input,
      meetings,
      plans: plans.filter((p) => ofYear.has(p.pair_id)),
      tasks: tasks.filter((t) => ofYear.has(t.pair_id)),
    };
  });
}

/** Lets the page paint and take input before the next step of the report's work. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The facts and the KPI table from the rows, each in a task of its own (together they hold
 * the page up for a third of a second at 4x CPU, bench/report.mjs).
 */
async function analyticalReportOf(
  rows: AnalyticalReportRows,
  year: DocumentYear,
  today: IsoDate,
): Promise<AnalyticalReportData> {
  await nextTask();
  const { input } = rows;
  const facts = analyticalFacts(
    {
      pairs: input.pairs,
      members: input.members,
      participants: input.participants,
      meetings: rows.meetings,
      plans: rows.plans,
      tasks: rows.tasks,
      templates: input.templates,
      responses: input.responses,
    },
    year,
    today,
  );
  await nextTask();
  return { facts, kpis: computeKpis(input, kpiPeriodOf(year)) };
}

/**
 * The analytical report's facts for one programme year, once: the KPI rows (data/kpiQueries),
 * the year's meetings as counts, the plans and their tasks of the year's pairs.
 */
export async function readAnalyticalReport(
  ctx: DataContext,
  schoolId: string | null,
  year: DocumentYear,
  today: IsoDate,
): Promise<AnalyticalReportData> {
  const rows = await readAnalyticalReportRows(ctx, schoolId ?? ctx.schoolId, year);
  return analyticalReportOf(rows, year, today);
}

/**
 * The same, live (null: no year chosen). The live query reads the rows; the sums run after it
 * (in tasks of their own), and only the latest rows' report is passed on.
 */
export function observeAnalyticalReport(
  ctx: DataContext,
  source: { schoolId: string | null; year: DocumentYear } | null,
): Observable<AnalyticalReportData | null> {
  const rows = liveQuery(async () =>
    source ? readAnalyticalReportRows(ctx, source.schoolId ?? ctx.schoolId, source.year) : null,
  );
  return {
    subscribe(observer) {
      let latest = 0;
      let isClosed = false;
      const subscription = rows.subscribe({
        next: (read) => {
          const mine = ++latest;
          const made =
            read && source
              ? analyticalReportOf(read, source.year, localIsoDate(new Date()))
              : Promise.resolve(null);
          made.then(
            (data) => {
              if (!isClosed && mine === latest) observer.next(data);
            },
            (error: unknown) => {
              if (!isClosed && mine === latest) observer.error?.(error);
            },
          );
        },
        error: (error: unknown) => observer.error?.(error),
      });
      return {
        unsubscribe() {
          isClosed = true;
          subscription.unsubscribe();
        },
      };
    },
  };
}
