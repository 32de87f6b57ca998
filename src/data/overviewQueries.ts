// Owns the reactive reads behind the school at a glance and its triage: the workspace school's
// rows as domain/schoolOverview.ts facts, re-read when any of those tables changes.
// Built for 2,000 students and 50,000 meetings on a tablet (bench/staff-home.mjs), where every
// IndexedDB request costs the main thread about a millisecond and every row read some 30 µs:
//  * three live reads, each started when the one before it delivered, so the home shows its
//    first numbers early: the pairs (observeSchoolPairs), the people and the pairs' members
//    (observeSchoolPeople), then the consents and the pairs' work (observeSchoolWork);
//  * each read runs in ONE read-only transaction: Dexie then neither opens an IndexedDB
//    transaction per query nor deep-clones every result into its live-query cache (both cost
//    seconds over thousands of reads; the live query still tracks what it read);
//  * rows come in pages of at most PAGE_SIZE (each page its own short main-thread task), all
//    pages of a table asked at once (their bounds from the table's keys);
//  * meetings are never read whole, nor asked about pair by pair: the last weeks' meetings
//    (held_on index) give this month's counts and most pairs' latest meeting, the
//    organisational and final meetings come from the [type+held_on] index, and only pairs
//    silent for those weeks are asked for their latest meeting, a few at a time.
import { liveQuery, type Table } from 'dexie';
import { addDays } from '@/domain/dates';
import { SILENCE_DAYS } from '@/domain/pairs';
import type { QuestionnaireResponse } from '@/domain/questionnaires';
import type { RoadmapTriageFacts } from '@/domain/triage';
import type {
  PairMeetingFacts,
  PairsFacts,
  PeopleRows,
  SchoolFacts,
  WorkFacts,
} from '@/domain/schoolOverview';
import type {
  Consent,
  Intake,
  IsoDate,
  Meeting,
  Pair,
  PairMember,
  Participant,
  ParticipantSensitive,
  PlanTask,
  Programme,
  RoadmapTask,
  TriageSnooze,
} from '@/domain/types';
import type { MentorChangeRequest } from '@/domain/mentorChange';
import type { DataContext } from './context';
import type { Observable } from './queries';
import { allTemplates, responsesTable } from './repos/questionnaires';

/** Rows per read: small enough that decoding a page stays far below a 50 ms task. */
export const PAGE_SIZE = 400;
/** Pairs asked for their latest meeting at once (one request each). */
export const PAIR_BATCH = 10;

type Row = { id: string; school_id: string; deleted_at: string | null };
type Source = { schoolId: string | null; today: IsoDate };

/**
 * Every live row of the school (null: every row, device-only mode), in primary-key pages of
 * `pageSize` rows: the first page, then (if it was full) the keys after it and every further
 * page at once (each page one getAll, decoded in its own task; the transaction keeps keys and
 * pages consistent).
 */
export async function readSchoolRows<T extends Row>(
  table: Table<T, string>,
  schoolId: string | null,
  pageSize = PAGE_SIZE,
): Promise<T[]> {
  // A table of one page (the pairs, most small tables) in one read.
  const first = await table.orderBy(':id').limit(pageSize).toArray();
  const pages: Promise<T[]>[] = [Promise.resolve(first)];
  if (first.length === pageSize) {
    const after = first[first.length - 1]!.id;
    const keys = (await table.where(':id').above(after).primaryKeys()) as string[];
    for (let i = 0; i < keys.length; i += pageSize) {
      const last = keys[Math.min(i + pageSize, keys.length) - 1]!;
      pages.push(table.where(':id').between(keys[i]!, last, true, true).toArray());
    }
  }
  const out: T[] = [];
  for (const page of await Promise.all(pages)) {
    for (const row of page) {
      if (row.deleted_at === null && (schoolId === null || row.school_id === schoolId)) {
        out.push(row);
      }
    }
  }
  return out;
}

/**
 * The meetings of `index` whose key is [...prefix, held_on] with held_on from `from` to `to`
 * (both included), at most PAGE_SIZE rows a read: a page ends inside a day, so the next one
 * starts at that day again (its rows already read are dropped); a day holding a whole page is
 * read at once.
 */
export async function readMeetingDays(
  table: Table<Meeting, string>,
  index: string,
  prefix: readonly string[],
  from: IsoDate,
  to: IsoDate,
  pageSize = PAGE_SIZE,
): Promise<Meeting[]> {
  const key = (day: IsoDate) => (prefix.length === 0 ? day : [...prefix, day]);
  const out: Meeting[] = [];
  let lower = from;
  let afterLower = false;
  for (;;) {
    const page = await table
      .where(index)
      .between(key(lower), key(to), !afterLower, true)
      .limit(pageSize)
      .toArray();
    if (page.length < pageSize) {
      out.push(...page);
      return out;
    }
    const lastDay = page[page.length - 1]!.held_on;
    if (page[0]!.held_on === lastDay) {
      // One day fills the page: that day whole, then on after it.
      out.push(...(await table.where(index).equals(key(lastDay)).toArray()));
      afterLower = true;
    } else {
      out.push(...page.filter((m) => m.held_on < lastDay));
      afterLower = false;
    }
    lower = lastDay;
  }
}

const alive = (m: Pick<Meeting, 'deleted_at'>) => m.deleted_at === null;

/**
 * Each pair's meeting facts (the rule of domain/schoolOverview.ts meetingFactsOf) without
 * reading every meeting: the meetings held since the start of the month or SILENCE_DAYS ago
 * (whichever is earlier), the organisational and final meetings ever held up to today, and
 * for pairs with no meeting in those weeks their latest one, PAIR_BATCH pairs at a time.
 */
async function meetingFacts(
  ctx: DataContext,
  pairIds: readonly string[],
  today: IsoDate,
): Promise<PairMeetingFacts[]> {
  const meetings = ctx.db.meetings;
  const monthStart = `${today.slice(0, 7)}-01`;
  const silenceFrom = addDays(today, -SILENCE_DAYS);
  const since = silenceFrom < monthStart ? silenceFrom : monthStart;
  const facts = new Map<string, PairMeetingFacts>(
    pairIds.map((pairId) => [
      pairId,
      {
        pairId,
        lastHeldOn: null,
        organisationalHeld: false,
        finalHeld: false,
        heldThisMonth: 0,
      },
    ]),
  );
  const [recent, organisational, final, finalGroup] = await Promise.all([
    readMeetingDays(meetings, 'held_on', [], since, today),
    ...(['organisational', 'final', 'final_group'] as const).map((type) =>
      readMeetingDays(meetings, '[type+held_on]', [type], '', today),
    ),
  ]);
  for (const m of recent) {
    const f = facts.get(m.pair_id);
    if (!f || !alive(m)) continue;
    if (f.lastHeldOn === null || m.held_on > f.lastHeldOn) f.lastHeldOn = m.held_on;
    if (m.held_on >= monthStart) f.heldThisMonth += 1;
  }
  for (const m of organisational!) {
    const f = facts.get(m.pair_id);
    if (f && alive(m)) f.organisationalHeld = true;
  }
  for (const m of [...final!, ...finalGroup!]) {
    const f = facts.get(m.pair_id);
    if (f && alive(m)) f.finalHeld = true;
  }
  // Pairs silent since `since`: their latest meeting before it, if any.
  const silent = [...facts.values()].filter((f) => f.lastHeldOn === null);
  for (let i = 0; i < silent.length; i += PAIR_BATCH) {
    await Promise.all(
      silent.slice(i, i + PAIR_BATCH).map(async (f) => {
        const last = await meetings
          .where('[pair_id+held_on]')
          .between([f.pairId, ''], [f.pairId, since], true, false)
          .reverse()
          .filter(alive)
          .first();
        f.lastHeldOn = last?.held_on ?? null;
      }),
    );
  }
  return pairIds.map((id) => facts.get(id)!);
}

const PEOPLE_TABLES = ['participants', 'participant_sensitive', 'pair_members'];
const WORK_TABLES = [
  'pairs',
  'consents',
  'meetings',
  'plan_tasks',
  'questionnaire_responses',
  'questionnaire_templates',
  'programmes',
  'roadmap_tasks',
  'mentor_change_requests',
  'intakes',
];

/** The school's pairs: the first numbers of the home (pairs by form). */
export async function readSchoolPairs(ctx: DataContext, source: Source): Promise<PairsFacts> {
  const db = ctx.db;
  return db.transaction('r', db.pairs, async () => ({
    today: source.today,
    pairs: await readSchoolRows<Pair>(db.pairs, source.schoolId),
  }));
}

/** The school's people and the pairs' members. */
export async function readSchoolPeople(ctx: DataContext, source: Source): Promise<PeopleRows> {
  const { schoolId } = source;
  const db = ctx.db;
  return db.transaction('r', PEOPLE_TABLES, async () => {
    const [participants, sensitive, members] = await Promise.all([
      readSchoolRows<Participant>(db.participants, schoolId),
      readSchoolRows<ParticipantSensitive>(db.participant_sensitive, schoolId),
      readSchoolRows<PairMember>(db.pair_members, schoolId),
    ]);
    return { participants, sensitive, members };
  });
}

/**
 * The consents and the pairs' work: meeting facts, plan tasks, questionnaires, requests…, and
 * the programme years' roadmap tasks (the triage's overdue roadmap items).
 */
export async function readSchoolWork(
  ctx: DataContext,
  source: Source,
): Promise<WorkFacts & RoadmapTriageFacts & Required<Pick<WorkFacts, 'intakes'>>> {
  const { schoolId, today } = source;
  const db = ctx.db;
  const table = <T extends Row>(name: string) => db.table<T, string>(name);
  const hasSnoozes = db.tables.some((t) => t.name === 'triage_snoozes');
  const tables = hasSnoozes ? [...WORK_TABLES, 'triage_snoozes'] : WORK_TABLES;
  return db.transaction('r', tables, async () => {
    // The school's pairs by key alone (their rows are the people read's).
    const pairIds = (await (
      schoolId === null ? db.pairs.toCollection() : db.pairs.where('school_id').equals(schoolId)
    ).primaryKeys()) as string[];
    const [
      consents,
      meetings,
      tasks,
      responses,
      templates,
      programmes,
      requests,
      snoozes,
      roadmapTasks,
      intakes,
    ] = await Promise.all([
      readSchoolRows<Consent>(db.consents, schoolId),
      meetingFacts(ctx, pairIds, today),
      readSchoolRows<PlanTask>(db.plan_tasks, schoolId),
      readSchoolRows<QuestionnaireResponse>(responsesTable(ctx), schoolId),
      allTemplates(ctx),
      readSchoolRows<Programme>(db.programmes, schoolId),
      readSchoolRows<MentorChangeRequest>(table('mentor_change_requests'), schoolId),
      hasSnoozes
        ? readSchoolRows<TriageSnooze>(table('triage_snoozes'), schoolId)
        : Promise.resolve([]),
      readSchoolRows<RoadmapTask>(db.roadmap_tasks, schoolId),
      readSchoolRows<Intake>(db.intakes, schoolId),
    ]);
    const programmeEnds = new Map<string, IsoDate>();
    for (const p of programmes)
      if (typeof p.ends_on === 'string') programmeEnds.set(p.id, p.ends_on);
    return {
      consents,
      meetings,
      tasks,
      templates,
      responses,
      programmeEnds,
      requests,
      snoozes,
      roadmapTasks,
      roadmapProgrammes: programmes,
      intakes,
    };
  });
}

/** The school's pairs, live. */
export function observeSchoolPairs(ctx: DataContext, source: Source): Observable<PairsFacts> {
  return liveQuery(() => readSchoolPairs(ctx, source));
}

/** The school's people and the pairs' members, live. */
export function observeSchoolPeople(ctx: DataContext, source: Source): Observable<PeopleRows> {
  return liveQuery(() => readSchoolPeople(ctx, source));
}

/** The consents and the pairs' work, live (re-read when a meeting, task, consent… changes). */
export function observeSchoolWork(ctx: DataContext, source: Source): Observable<WorkFacts> {
  return liveQuery(() => readSchoolWork(ctx, source));
}

/**
 * The school's rows for the overview and the triage, live, in one value (the three reads
 * above). `schoolId` null reads every row (device-only mode: the device's one school). `today`
 * is the caller's local day.
 */
export function observeSchoolFacts(ctx: DataContext, source: Source): Observable<SchoolFacts> {
  return liveQuery(async () => {
    const pairs = await readSchoolPairs(ctx, source);
    const people = await readSchoolPeople(ctx, source);
    const work = await readSchoolWork(ctx, source);
    return { ...pairs, ...people, ...work } satisfies SchoolFacts;
  });
}
