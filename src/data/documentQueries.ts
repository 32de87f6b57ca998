// Owns the reads behind the school's documents (the school's requisites are
// data/repos/schoolRequisites.ts'): its pairs with their members as papers name them,
// and one pair's plan, meetings and questionnaire results; for the year's documents the
// programme years, the staff to name as curator, the orders' requisites typed on the device,
// and the analytical report's facts with the KPI table. Private notes and sensitive
// categories are never read here: a document must not carry them.
import { liveQuery, type IndexableType, type Table } from 'dexie';
import { type DocumentPair, type DocumentPerson } from '@/domain/documents/common';
import {
  analyticalFacts,
  documentYears,
  isInYear,
  isPairOfYear,
  tallyMeetings,
  type AnalyticalFacts,
  type MeetingTally,
  type DocumentYear,
  type OrderRequisites,
  type YearOrdersInput,
} from '@/domain/documents';
import { localIsoDate } from '@/domain/dates';
import { computeKpis, type KpiInput, type KpiPeriod, type KpiTable } from '@/domain/kpi';
import { monitoringReport, type PersonResult } from '@/domain/monitoring';
import { byRussianName } from '@/domain/collation';
import type {
  DevelopmentPlan,
  Meeting,
  Pair,
  PairMember,
  Participant,
  IsoDate,
  PlanGoal,
  PlanTask,
  SchoolDocument,
} from '@/domain/types';
import { MEETING_TYPES } from '@/domain/types';
import type { DataContext } from './context';
import { readKpiInput } from './kpiQueries';
import type { Observable } from './queries';
import { allTemplates, responsesTable } from './repos/questionnaires';

const alive = <T extends { deleted_at: string | null }>(rows: T[]) =>
  rows.filter((r) => r.deleted_at === null);

export interface DocumentSources {
  /** The school's live pairs with their members. */
  pairs: DocumentPair[];
}

function person(member: PairMember, card: Participant | undefined): DocumentPerson | null {
  if (card) {
    if (card.deleted_at !== null) return null;
    const { id, full_name, kind, class_label, position } = card;
    return { id, full_name, kind, class_label, position };
  }
  // A member whose card the device lacks: the name the server copied, nothing else.
  return member.full_name
    ? { id: member.participant_id, full_name: member.full_name, kind: null }
    : null;
}

/** The pairs with their members (live ones, in membership order). */
export function documentPairs(
  pairs: readonly Pair[],
  members: readonly PairMember[],
  cards: ReadonlyMap<string, Participant>,
): DocumentPair[] {
  return pairs.map((pair) => {
    const mine = members.filter((m) => m.pair_id === pair.id && m.deleted_at === null);
    const side = (s: 'mentor' | 'mentee') =>
      mine
        .filter((m) => m.side === s)
        .map((m) => person(m, cards.get(m.participant_id)))
        .filter((p): p is DocumentPerson => p !== null);
    return { pair, mentors: side('mentor'), mentees: side('mentee') };
  });
}

/** `schoolId` null: the device's own school (device-only mode). */
export function observeDocumentSources(
  ctx: DataContext,
  schoolId: string | null,
): Observable<DocumentSources> {
  return liveQuery(async () => {
    const school = schoolId ?? ctx.schoolId;
    const [pairs, participants] = await Promise.all([
      ctx.db.pairs.where('school_id').equals(school).toArray(),
      ctx.db.participants.where('school_id').equals(school).toArray(),
    ]);
    const live = alive(pairs);
    const members = await ctx.db.pair_members
      .where('pair_id')
      .anyOf(live.map((p) => p.id))
      .toArray();
    return {
      pairs: documentPairs(live, members, new Map(participants.map((p) => [p.id, p]))),
    };
  });
}

export interface PairDocumentFacts {
  plan: DevelopmentPlan | null;
  goals: { goal: PlanGoal; tasks: PlanTask[] }[];
  /** Tasks under no goal (or under a deleted goal). */
  looseTasks: PlanTask[];
  /** Every live task of the plan. */
  tasks: PlanTask[];
  meetings: Meeting[];
  /** Entry and exit averages of the pair's members (submitted questionnaires only). */
  results: PersonResult[];
}

const byPosition = <T extends { position: number; created_at: string }>(a: T, b: T) =>
  a.position - b.position || a.created_at.localeCompare(b.created_at);

/** One pair's plan, meetings and results, live; null when the pair is gone. */
export function observePairDocumentFacts(
  ctx: DataContext,
  pairId: string | null,
): Observable<PairDocumentFacts | null> {
  return liveQuery(async () => {
    if (!pairId) return null;
    const pair = await ctx.db.pairs.get(pairId);
    if (!pair || pair.deleted_at) return null;
    const [plans, goalRows, taskRows, meetings, members, responses, templates] = await Promise.all([
      ctx.db.development_plans.where('pair_id').equals(pairId).toArray(),
      ctx.db.plan_goals.where('pair_id').equals(pairId).toArray(),
      ctx.db.plan_tasks.where('pair_id').equals(pairId).toArray(),
      ctx.db.meetings
        .where('[pair_id+held_on]')
        .between([pairId, ''], [pairId, '\uffff'])
        .toArray(),
      ctx.db.pair_members.where('pair_id').equals(pairId).toArray(),
      responsesTable(ctx).where('pair_id').equals(pairId).toArray(),
      allTemplates(ctx),
    ]);
    const plan = alive(plans).sort((a, b) => a.created_at.localeCompare(b.created_at))[0] ?? null;
    const goals = plan
      ? alive(goalRows)
          .filter((g) => g.plan_id === plan.id)
          .sort(byPosition)
      : [];
    const tasks = plan
      ? alive(taskRows)
          .filter((t) => t.plan_id === plan.id)
          .sort(byPosition)
      : [];
    const goalIds = new Set(goals.map((g) => g.id));
    const cards = alive(
      (await ctx.db.participants.bulkGet(members.map((m) => m.participant_id))).filter(
        (p): p is Participant => !!p,
      ),
    );
    const report = monitoringReport(
      { pairs: [pair], participants: cards, templates, responses: alive(responses) },
      { form: 'all', side: 'all' },
    );
    return {
      plan,
      goals: goals.map((goal) => ({ goal, tasks: tasks.filter((t) => t.goal_id === goal.id) })),
      looseTasks: tasks.filter((t) => !t.goal_id || !goalIds.has(t.goal_id)),
      tasks,
      meetings: alive(meetings),
      results: report.people.filter((p) => p.pairId === pairId),
    };
  });
}

/** What the year's orders need that the school's rows do not say, typed on this device. */
export type YearOrderRequisites = YearOrdersInput;

export const EMPTY_YEAR_ORDERS: YearOrderRequisites = {
  curator: { full_name: '', position: null },
  curatorOrder: { number: '', date: null },
  mentorsOrder: { number: '', date: null },
};

const yearOrdersKey = (schoolId: string, year: string) =>
  `documents.yearOrders.${schoolId}.${year}`;

export interface YearDocumentSources {
  years: DocumentYear[];
  /** Staff who may be named curator (teachers and other adults), by name. */
  staff: DocumentPerson[];
  /** Per year label: what the user typed, over the school's adopted orders of the year. */
  orders: Record<string, YearOrderRequisites>;
}

/** The newest school_documents row of `kind` dated within the year. */
function adoptedOrder(
  documents: readonly SchoolDocument[],
  kind: SchoolDocument['kind'],
  year: DocumentYear,
): OrderRequisites | null {
  const found = documents
    .filter((d) => d.deleted_at === null && d.kind === kind && isInYear(d.dated_on, year))
    .sort((a, b) => (b.dated_on ?? '').localeCompare(a.dated_on ?? ''))[0];
  return found ? { number: found.number ?? '', date: found.dated_on } : null;
}

/** The years to choose from, the staff to name, and the orders' requisites, live. */
export function observeYearDocumentSources(
  ctx: DataContext,
  schoolId: string | null,
): Observable<YearDocumentSources> {
  return liveQuery(async () => {
    const school = schoolId ?? ctx.schoolId;
    const [programmes, participants, documents, saved] = await Promise.all([
      ctx.db.programmes.where('school_id').equals(school).toArray(),
      ctx.db.participants.where('school_id').equals(school).toArray(),
      ctx.db.school_documents.where('school_id').equals(school).toArray(),
      ctx.db.meta.where('key').startsWith(`documents.yearOrders.${school}.`).toArray(),
    ]);
    const years = documentYears(programmes, localIsoDate(new Date()));
    const typed = new Map(saved.map((m) => [m.key, m.value as Partial<YearOrderRequisites>]));
    const orders: Record<string, YearOrderRequisites> = {};
    for (const year of years) {
      const mine = typed.get(yearOrdersKey(school, year.label)) ?? {};
      orders[year.label] = {
        curator: mine.curator ?? EMPTY_YEAR_ORDERS.curator,
        curatorOrder:
          mine.curatorOrder ??
          adoptedOrder(documents, 'curator_order', year) ??
          EMPTY_YEAR_ORDERS.curatorOrder,
        mentorsOrder:
          mine.mentorsOrder ??
          adoptedOrder(documents, 'mentors_order', year) ??
          EMPTY_YEAR_ORDERS.mentorsOrder,
      };
    }
    const staff = alive(participants)
      .filter((p) => p.kind !== 'student' && !p.archived_on)
      .map(({ id, full_name, kind, position }) => ({ id, full_name, kind, position }))
      .sort((a, b) => byRussianName(a.full_name, b.full_name));
    return { years, staff, orders };
  });
}

/** Keeps what the user typed for the year's orders on this device. */
export async function saveYearOrderRequisites(
  ctx: DataContext,
  schoolId: string | null,
  year: string,
  value: YearOrderRequisites,
): Promise<void> {
  await ctx.db.meta.put({
    key: yearOrdersKey(schoolId ?? ctx.schoolId, year),
    value: structuredClone(value),
  });
}

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
const RARE_MEETING_TYPES = MEETING_TYPES.filter((type) => type !== 'regular');

/**
 * The year's meetings by type without reading 50,000 rows (bench/report.mjs): the rare types
 * (organisational, trial, planning, final) are read whole from their [type+held_on] index and
 * tallied pair by pair; the regular ones are counted on that index for the whole device, less
 * the counts of the pairs that are not the year's (other schools, drafts, deleted, other
 * years), each asked on [pair_id+type+held_on]. A pair of the year with no rare meeting is
 * asked too, so that «pairs without meetings» is exact. A regular meeting deleted on another
 * device arrives as the server's tombstone, which keeps its type and date and so is in those
 * indexes: the tombstones (the deleted_at index holds nothing else) are subtracted.
 */
async function readMeetingTallies(
  ctx: DataContext,
  yearPairIds: readonly string[],
  year: DocumentYear,
): Promise<MeetingTally[]> {
  const meetings = ctx.db.meetings;
  const regularOf = (pairId: string) =>
    meetings
      .where('[pair_id+type+held_on]')
      .between([pairId, 'regular', year.from], [pairId, 'regular', year.to], true, true)
      .count();
  const ofYear = new Set(yearPairIds);
  const [rare, regularAll, allPairIds, tombstones] = await Promise.all([
    Promise.all(
      RARE_MEETING_TYPES.map((type) =>
        meetings
          .where('[type+held_on]')
          .between([type, year.from], [type, year.to], true, true)
          .toArray(),
      ),
    ),
    meetings
      .where('[type+held_on]')
      .between(['regular', year.from], ['regular', year.to], true, true)
      .count(),
    ctx.db.pairs.toCollection().primaryKeys(),
    meetings.where('deleted_at').above('').toArray(),
  ]);
  // The year's pairs' regular tombstones within the year, counted by the indexes above (the
  // other pairs' are already left out with their whole counts).
  const deletedOf = new Map<string | null, number>();
  for (const m of tombstones) {
    if (m.type !== 'regular' || typeof m.held_on !== 'string') continue;
    if (m.held_on < year.from || m.held_on > year.to || !ofYear.has(m.pair_id)) continue;
    deletedOf.set(m.pair_id, (deletedOf.get(m.pair_id) ?? 0) + 1);
  }
  const tallies = tallyMeetings(rare.flat(), year).filter(
    (t) => t.pair_id !== null && ofYear.has(t.pair_id),
  );
  const metRarely = new Set(tallies.map((t) => t.pair_id));
  const silent = yearPairIds.filter((id) => !metRarely.has(id));
  const others = allPairIds.filter((id) => !ofYear.has(id));
  const [silentCounts, otherCounts] = await Promise.all([
    Promise.all(silent.map(regularOf)),
    Promise.all(others.map(regularOf)),
  ]);
  const perSilent = silent.map((pairId, i): MeetingTally => ({
    pair_id: pairId,
    type: 'regular',
    count: silentCounts[i]! - (deletedOf.get(pairId) ?? 0),
  }));
  const silentSet = new Set(silent);
  let deletedElsewhere = 0;
  for (const [pairId, n] of deletedOf) if (!silentSet.has(pairId as string)) deletedElsewhere += n;
  const rest =
    regularAll -
    otherCounts.reduce((a, b) => a + b, 0) -
    silentCounts.reduce((a, b) => a + b, 0) -
    deletedElsewhere;
  return [...tallies, ...perSilent, { pair_id: null, type: 'regular', count: Math.max(0, rest) }];
}

/** The rows the report is computed from, read in one transaction. */
interface AnalyticalReportRows {
  input: KpiInput;
  meetings: MeetingTally[];
  plans: DevelopmentPlan[];
  tasks: PlanTask[];
}

/** Rows per read of a whole table read in pages (readInPages). */
export const PAGE_ROWS = 500;

/**
 * Every row of a table, read PAGE_ROWS at a time in primary-key order: each page's rows are
 * unpacked in a task of their own, so a big table (6,000 plan tasks) does not hold the page
 * up for one long task on a slow tablet, as one getAll() of it does (bench/report.mjs).
 */
export async function readInPages<T, K extends IndexableType>(
  table: Table<T, K>,
  keyOf: (row: T) => K,
  size = PAGE_ROWS,
): Promise<T[]> {
  const rows: T[] = [];
  for (let last: K | undefined; ;) {
    const page = await (last === undefined ? table.toCollection() : table.where(':id').above(last))
      .limit(size)
      .toArray();
    rows.push(...page);
    if (page.length < size) return rows;
    last = keyOf(page[page.length - 1]!);
  }
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
