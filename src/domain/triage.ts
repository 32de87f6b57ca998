// Triage (the curator's home): what needs her, most urgent first, each item one tap from its
// fix. Items are derived from the school's rows every time (nothing stored) and carry a
// stable key, so a "not now" (triage_snoozes.item_key) keeps hiding the same item until its
// date, and an item that comes back for a new reason (a new silence, a new consent) has a
// new key.
import { EXPIRY_WARNING_DAYS, isConsentValidOn } from './consent';
import { addDays, daysBetween } from './dates';
import { SILENCE_DAYS } from './pairs';
import { DEFAULT_MENTOR_CAPACITY, mentorCapacities } from './intake';
import { isOpenYear } from './programmeYear';
import { overdueTasks } from './roadmap';
import { MAX_COMMENT_LENGTH } from './limits';
import { byRussianName } from './collation';
import {
  WORKING_STATUSES,
  pairSubject,
  type OverviewConsent,
  type SchoolIndex,
} from './schoolOverview';
import type { IsoDate, Programme, RoadmapTask, Uuid } from './types';
import { cleanText, isIsoDate, type FieldError } from './validation';

/** The entry questionnaire is chased two weeks after the pair starts. */
export const ENTRY_QUESTIONNAIRE_GRACE_DAYS = 14;
/** How many mentees a mentor takes when her intake does not say (domain/intake.ts). */
export { DEFAULT_MENTOR_CAPACITY } from './intake';

/** The kinds of item, most urgent first: the order is the severity rank (1 = first). */
export const TRIAGE_KINDS = [
  'consent_revoked',
  'consent_missing',
  'mentor_change_request',
  'consent_expiring',
  'pair_silent',
  'organisational_not_held',
  'tasks_overdue',
  'entry_questionnaire_missing',
  'exit_questionnaire_due',
  'draft_awaiting_approval',
  'mentor_over_capacity',
  'mentee_without_pair',
  'roadmap_overdue',
] as const;
export type TriageKind = (typeof TRIAGE_KINDS)[number];

/** A route of the app (name, params, query), without depending on the router. */
export interface TriageFix {
  name: 'participant' | 'pair' | 'plan' | 'pairs-approve' | 'matching' | 'year';
  params?: Record<string, string>;
  query?: Record<string, string>;
}

export interface TriageItem {
  key: string;
  kind: TriageKind;
  /** 1 = most urgent (the kind's place in TRIAGE_KINDS). */
  severity: number;
  /** Order inside one severity: larger first (days of silence, overdue tasks…). */
  weight: number;
  target: { type: 'pair' | 'participant' | 'programme'; id: Uuid };
  /** Who it is about: a person's name, or a pair's «mentors → mentees». */
  subject: string;
  fix: TriageFix;
  /** Numbers and dates for the message (days, count, date, pairs…). */
  params: Record<string, string | number>;
  /** Set when a snooze hides the item today (shown only with "show snoozed"). */
  snoozedUntil: IsoDate | null;
  snoozeReason: string | null;
}

const severityOf = (kind: TriageKind) => TRIAGE_KINDS.indexOf(kind) + 1;

/** An item before ranking and snoozes (what each part of the triage finds). */
export type TriageDraft = Omit<
  TriageItem,
  'severity' | 'snoozedUntil' | 'snoozeReason' | 'weight'
> & {
  weight?: number;
};
type Draft = TriageDraft;

const pairFix = (pairId: Uuid): TriageFix => ({ name: 'pair', params: { pairId } });
const personFix = (participantId: Uuid): TriageFix => ({
  name: 'participant',
  params: { participantId },
});

/** The consent that decides why a person is not covered: the latest signed one. */
function latestConsent(list: readonly OverviewConsent[]): OverviewConsent | null {
  return (
    [...list].sort((a, b) =>
      a.signed_on < b.signed_on ? 1 : a.signed_on > b.signed_on ? -1 : 0,
    )[0] ?? null
  );
}

function consentItems(index: SchoolIndex, out: Draft[]): void {
  const soon = addDays(index.today, EXPIRY_WARNING_DAYS);
  // Only people in a live pair: their consent decides whether the pair may be approved or
  // work; the rest of the bases wait for a pair (mentee_without_pair).
  for (const [id, live] of index.livePairsOf) {
    const person = index.people.get(id);
    if (!person) continue;
    const consents = index.consentsOf.get(id) ?? [];
    const paused = live.filter((l) => index.paused.has(l.pairId)).length;
    const base = {
      target: { type: 'participant' as const, id },
      subject: person.full_name,
      fix: personFix(id),
    };
    if (!index.coveredToday.has(id)) {
      const latest = latestConsent(consents);
      const revoked = latest?.revoked_on ?? null;
      out.push(
        revoked
          ? {
              ...base,
              key: `consent_revoked:${id}`,
              kind: 'consent_revoked',
              params: { date: revoked, paused },
            }
          : { ...base, key: `consent_missing:${id}`, kind: 'consent_missing', params: { paused } },
      );
      continue;
    }
    if (consents.some((c) => isConsentValidOn(c, person, soon))) continue;
    // Valid today, not in 30 days: the last day any valid consent covers.
    const until = consents
      .filter((c) => isConsentValidOn(c, person, index.today))
      .map((c) => c.valid_until ?? '')
      .sort()
      .at(-1)!;
    out.push({
      ...base,
      key: `consent_expiring:${id}`,
      kind: 'consent_expiring',
      weight: -daysBetween(index.today, until),
      params: { date: until, days: daysBetween(index.today, until) },
    });
  }
}

function requestItems(index: SchoolIndex, out: Draft[]): void {
  for (const r of index.facts.requests) {
    if (r.deleted_at !== null || r.status !== 'open' || !index.pairById.has(r.pair_id)) continue;
    out.push({
      key: `mentor_change_request:${r.id}`,
      kind: 'mentor_change_request',
      target: { type: 'pair', id: r.pair_id },
      subject: pairSubject(index, r.pair_id),
      fix: pairFix(r.pair_id),
      weight: daysBetween(r.created_at.slice(0, 10), index.today),
      params: { mentee: index.cards.get(r.requested_by)?.full_name ?? '' },
    });
  }
}

function pairItems(index: SchoolIndex, out: Draft[]): void {
  const { today } = index;
  for (const pair of index.pairs) {
    const base = {
      target: { type: 'pair' as const, id: pair.id },
      subject: pairSubject(index, pair.id),
      fix: pairFix(pair.id),
    };
    if (pair.status === 'draft') {
      out.push({
        ...base,
        key: `draft_awaiting_approval:${pair.id}`,
        kind: 'draft_awaiting_approval',
        fix: { name: 'pairs-approve' },
        weight: daysBetween(pair.created_at.slice(0, 10), today),
        params: { since: pair.created_at.slice(0, 10) },
      });
    }
    const slots = index.slotsOf.get(pair.id) ?? [];
    const exitDue = slots.filter((s) => s.kind === 'exit' && s.isDue).length;
    if (exitDue > 0) {
      out.push({
        ...base,
        key: `exit_questionnaire_due:${pair.id}`,
        kind: 'exit_questionnaire_due',
        weight: exitDue,
        params: { count: exitDue },
      });
    }
    if (!WORKING_STATUSES.includes(pair.status)) continue;
    // The same rules as the pair's next steps (domain/pairs.ts nextSteps).
    const meetings = index.meetingsOf.get(pair.id);
    if (!meetings?.organisationalHeld) {
      out.push({
        ...base,
        key: `organisational_not_held:${pair.id}`,
        kind: 'organisational_not_held',
        params: {},
      });
    }
    const last = meetings?.lastHeldOn ?? null;
    if (last && daysBetween(last, today) >= SILENCE_DAYS) {
      const days = daysBetween(last, today);
      out.push({
        ...base,
        // The date of the last meeting is part of the key: a new silence is a new item.
        key: `pair_silent:${pair.id}:${last}`,
        kind: 'pair_silent',
        weight: days,
        params: { days, date: last },
      });
    }
    const overdue = (index.tasksOf.get(pair.id) ?? []).filter(
      (t) =>
        t.due_on !== null &&
        t.due_on < today &&
        (t.status === 'todo' || t.status === 'in_progress'),
    ).length;
    if (overdue > 0) {
      out.push({
        ...base,
        key: `tasks_overdue:${pair.id}`,
        kind: 'tasks_overdue',
        fix: { name: 'plan', params: { pairId: pair.id } },
        weight: overdue,
        params: { count: overdue },
      });
    }
    const start = pair.started_on ?? pair.order_date;
    const entryMissing = slots.filter((s) => s.kind === 'entry' && s.isDue).length;
    if (start && entryMissing > 0 && daysBetween(start, today) >= ENTRY_QUESTIONNAIRE_GRACE_DAYS) {
      out.push({
        ...base,
        key: `entry_questionnaire_missing:${pair.id}`,
        kind: 'entry_questionnaire_missing',
        weight: daysBetween(start, today),
        params: { count: entryMissing, date: start },
      });
    }
  }
}

function peopleItems(
  index: SchoolIndex,
  capacity: number,
  capacities: ReadonlyMap<Uuid, number>,
  out: Draft[],
): void {
  for (const person of index.people.values()) {
    const live = index.livePairsOf.get(person.id) ?? [];
    if (person.is_mentee && !live.some((l) => l.side === 'mentee')) {
      out.push({
        key: `mentee_without_pair:${person.id}`,
        kind: 'mentee_without_pair',
        target: { type: 'participant', id: person.id },
        subject: person.class_label
          ? `${person.full_name}, ${person.class_label}`
          : person.full_name,
        // Mentors ranked for her, with reasons (the matching page opens on her).
        fix: { name: 'matching', query: { mentee: person.id } },
        params: {},
      });
    }
    const mentees = new Set<Uuid>();
    for (const l of live) {
      if (l.side !== 'mentor') continue;
      for (const id of index.sidesOf.get(l.pairId)?.mentees ?? []) mentees.add(id);
    }
    // Her own intake's capacity when she stated one, else the school's default.
    const own = capacities.get(person.id) ?? capacity;
    if (mentees.size > own) {
      out.push({
        key: `mentor_over_capacity:${person.id}`,
        kind: 'mentor_over_capacity',
        target: { type: 'participant', id: person.id },
        subject: person.full_name,
        fix: personFix(person.id),
        weight: mentees.size,
        params: { count: mentees.size, capacity: own },
      });
    }
  }
}

/** The roadmap's rows the triage reads (data/overviewQueries.ts reads them with the work). */
export interface RoadmapTriageFacts {
  roadmapTasks: readonly Pick<
    RoadmapTask,
    'id' | 'programme_id' | 'stage' | 'position' | 'title' | 'due_on' | 'status' | 'deleted_at'
  >[];
  /** The school's programme years (their stage also opens the exit questionnaires). */
  roadmapProgrammes: readonly Pick<
    Programme,
    'id' | 'deleted_at' | 'closed_on' | 'current_stage'
  >[];
}

/** Overdue task titles named in an item's subject; the rest is counted in its message. */
const SUBJECT_TITLES = 2;

/**
 * One item per stage of an open programme year with overdue tasks (past their date, neither
 * done nor skipped), leading to the year's page. The key names the stage and its earliest
 * overdue date: when that task is done, a later one makes a new item.
 */
export function roadmapItems(facts: Partial<RoadmapTriageFacts>, today: IsoDate): TriageDraft[] {
  const open = new Set(
    (facts.roadmapProgrammes ?? []).filter(isOpenYear).map((programme) => programme.id),
  );
  const byStage = new Map<string, RoadmapTriageFacts['roadmapTasks'][number][]>();
  for (const task of overdueTasks(facts.roadmapTasks ?? [], today)) {
    if (!open.has(task.programme_id)) continue;
    const key = `${task.programme_id}:${task.stage}`;
    byStage.set(key, [...(byStage.get(key) ?? []), task]);
  }
  return [...byStage.values()].map((tasks) => {
    const first = tasks[0]!;
    const titles = tasks.slice(0, SUBJECT_TITLES).map((t) => t.title);
    return {
      key: `roadmap_overdue:${first.programme_id}:${first.stage}:${first.due_on}`,
      kind: 'roadmap_overdue',
      target: { type: 'programme', id: first.programme_id },
      subject: tasks.length > SUBJECT_TITLES ? `${titles.join('; ')}; …` : titles.join('; '),
      fix: { name: 'year' },
      weight: tasks.length,
      params: { stage: first.stage, count: tasks.length, date: first.due_on! },
    };
  });
}

export interface TriageOptions {
  /** Show the items a snooze hides today too (marked with their date). */
  showSnoozed?: boolean;
  capacity?: number;
}

export interface Triage {
  /** Ranked: severity, then weight (larger first), then subject, then key. */
  items: TriageItem[];
  /** How many items a snooze hides today (whether shown or not). */
  snoozed: number;
}

/** The snoozes in force today, by item key: the latest date wins. */
export function activeSnoozes(
  snoozes: SchoolIndex['facts']['snoozes'],
  today: IsoDate,
): Map<string, { until: IsoDate; reason: string; id: Uuid }> {
  const out = new Map<string, { until: IsoDate; reason: string; id: Uuid }>();
  for (const s of snoozes) {
    if (s.deleted_at !== null || s.snoozed_until < today) continue;
    const current = out.get(s.item_key);
    if (!current || s.snoozed_until > current.until) {
      out.set(s.item_key, { until: s.snoozed_until, reason: s.reason, id: s.id });
    }
  }
  return out;
}

export function triage(index: SchoolIndex, options: TriageOptions = {}): Triage {
  return rankTriage(
    index,
    triageParts(index, options).flatMap((part) => part()),
    options,
  );
}

/**
 * The triage's parts (consents, requests, pairs, people), each a function finding its items:
 * a caller may run them one task at a time, then rank them all with rankTriage.
 */
export function triageParts(
  index: SchoolIndex,
  options: Pick<TriageOptions, 'capacity'> = {},
): (() => TriageDraft[])[] {
  const part = (find: (out: Draft[]) => void) => () => {
    const out: Draft[] = [];
    find(out);
    return out;
  };
  return [
    part((out) => consentItems(index, out)),
    part((out) => requestItems(index, out)),
    part((out) => pairItems(index, out)),
    part((out) =>
      peopleItems(
        index,
        options.capacity ?? DEFAULT_MENTOR_CAPACITY,
        mentorCapacities(index.facts.intakes ?? []),
        out,
      ),
    ),
    // The roadmap's rows travel with the work facts (data/overviewQueries.ts readSchoolWork).
    part((out) => out.push(...roadmapItems(index.facts, index.today))),
  ];
}

/** The found items ranked, the snoozed ones hidden unless shown (see triage()). */
export function rankTriage(
  index: SchoolIndex,
  drafts: readonly TriageDraft[],
  options: Pick<TriageOptions, 'showSnoozed'> = {},
): Triage {
  const snoozes = activeSnoozes(index.facts.snoozes, index.today);
  let snoozed = 0;
  const items: TriageItem[] = [];
  for (const d of drafts) {
    const snooze = snoozes.get(d.key);
    if (snooze) snoozed += 1;
    if (snooze && !options.showSnoozed) continue;
    items.push({
      ...d,
      severity: severityOf(d.kind),
      weight: d.weight ?? 0,
      snoozedUntil: snooze?.until ?? null,
      snoozeReason: snooze?.reason ?? null,
    });
  }
  items.sort(
    (a, b) =>
      a.severity - b.severity ||
      b.weight - a.weight ||
      byRussianName(a.subject, b.subject) ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  return { items, snoozed };
}

// --------------------------------------------------------------------------- snoozing

export const MAX_SNOOZE_REASON_LENGTH = MAX_COMMENT_LENGTH;
export const MAX_ITEM_KEY_LENGTH = 500;

export interface SnoozeInput {
  itemKey: string;
  until: IsoDate;
  reason: string;
}

/**
 * A snooze needs why (not blank, ≤ 2000 like the server's check) and a day after today (a
 * snooze until today or earlier would hide nothing). Keys are i18n keys under `triage.errors.`.
 */
export function validateSnooze(input: SnoozeInput, today: IsoDate): FieldError[] {
  const errors: FieldError[] = [];
  const key = cleanText(input.itemKey);
  if (!key || key.length > MAX_ITEM_KEY_LENGTH) errors.push({ field: 'item_key', key: 'itemKey' });
  const reason = cleanText(input.reason);
  if (!reason) errors.push({ field: 'reason', key: 'reasonRequired' });
  else if (reason.length > MAX_SNOOZE_REASON_LENGTH) {
    errors.push({
      field: 'reason',
      key: 'reasonTooLong',
      params: { max: MAX_SNOOZE_REASON_LENGTH },
    });
  }
  if (!isIsoDate(input.until)) errors.push({ field: 'snoozed_until', key: 'date' });
  else if (input.until <= today) errors.push({ field: 'snoozed_until', key: 'dateNotFuture' });
  return errors;
}
