// The facts of the curator's analytical report (аналитическая справка) for one programme year:
// who took part (by kind and side), the pairs by form and outcome, the meetings held, the
// development plans' progress, entry versus exit and satisfaction (domain/monitoring.ts, the
// one definition), all in one pass over the school's rows. Pure: arrays in, numbers out.
import { monitoringReport, type FormResult, type SatisfactionShare } from '../monitoring';
import { isOverdue, planProgress } from '../plans';
import type { QuestionnaireResponse, QuestionnaireTemplateDefinition } from '../questionnaires';
import {
  MEETING_TYPES,
  MENTORING_FORMS,
  PARTICIPANT_KINDS,
  type DevelopmentPlan,
  type IsoDate,
  type Meeting,
  type MeetingType,
  type MentoringForm,
  type Pair,
  type PairMember,
  type Participant,
  type ParticipantKind,
  type PlanTask,
} from '../types';
import { isInYear, isPairOfYear, type DocumentYear } from './year';

export interface AnalyticalRows {
  pairs: readonly Pair[];
  members: readonly Pick<PairMember, 'pair_id' | 'participant_id' | 'side' | 'deleted_at'>[];
  participants: readonly Pick<Participant, 'id' | 'kind' | 'full_name' | 'deleted_at'>[];
  /** How many meetings of each type each pair held in the year (tallyMeetings). */
  meetings: readonly MeetingTally[];
  plans: readonly Pick<DevelopmentPlan, 'pair_id' | 'deleted_at'>[];
  tasks: readonly Pick<PlanTask, 'pair_id' | 'status' | 'due_on' | 'deleted_at'>[];
  templates: readonly Pick<QuestionnaireTemplateDefinition, 'id' | 'kind' | 'audience' | 'items'>[];
  responses: readonly Pick<
    QuestionnaireResponse,
    | 'template_id'
    | 'pair_id'
    | 'participant_id'
    | 'answers'
    | 'submitted_at'
    | 'updated_at'
    | 'deleted_at'
  >[];
}

/**
 * Meetings of one type held in the year by a pair; `pair_id` null: by the year's pairs, not
 * said which (counted in the totals, never to tell a pair has met).
 */
export interface MeetingTally {
  pair_id: string | null;
  type: MeetingType;
  count: number;
}

/** Meeting rows as tallies: live ones held within the year, by pair and type. */
export function tallyMeetings(
  meetings: readonly Pick<Meeting, 'pair_id' | 'type' | 'held_on' | 'deleted_at'>[],
  year: DocumentYear,
): MeetingTally[] {
  const counts = new Map<string, MeetingTally>();
  for (const m of meetings) {
    if (m.deleted_at !== null || !isInYear(m.held_on, year)) continue;
    const key = `${m.pair_id}\u0000${m.type}`;
    const tally = counts.get(key) ?? { pair_id: m.pair_id, type: m.type, count: 0 };
    tally.count += 1;
    counts.set(key, tally);
  }
  return [...counts.values()];
}

export interface KindCount {
  /** null: a member whose card the device does not hold. */
  kind: ParticipantKind | null;
  mentors: number;
  mentees: number;
}

export interface FormCount {
  form: MentoringForm;
  pairs: number;
  groups: number;
  completed: number;
  endedEarly: number;
  running: number;
}

export interface AnalyticalFacts {
  year: DocumentYear;
  /** Day the facts are as of (open tasks past due by then are overdue). */
  asOf: IsoDate;
  pairCount: number;
  /** Distinct people on each side (a person on both sides counts on each). */
  mentors: number;
  mentees: number;
  people: number;
  byKind: KindCount[];
  byForm: FormCount[];
  meetings: {
    total: number;
    byType: { type: MeetingType; count: number }[];
    pairsWithout: number;
  };
  plans: { pairsWithPlan: number; done: number; total: number; overdue: number };
  monitoring: { hasResults: boolean; byForm: FormResult[] };
  satisfaction: { all: SatisfactionShare; mentee: SatisfactionShare; mentor: SatisfactionShare };
}

export function analyticalFacts(
  rows: AnalyticalRows,
  year: DocumentYear,
  today: IsoDate,
): AnalyticalFacts {
  const pairs = rows.pairs.filter((p) => isPairOfYear(p, year));
  const pairIds = new Set(pairs.map((p) => p.id));
  const kinds = new Map(
    rows.participants.filter((p) => p.deleted_at === null).map((p) => [p.id, p.kind]),
  );

  const sides = { mentor: new Set<string>(), mentee: new Set<string>() };
  const menteesOf = new Map<string, number>();
  for (const m of rows.members) {
    if (m.deleted_at !== null || !pairIds.has(m.pair_id)) continue;
    sides[m.side].add(m.participant_id);
    if (m.side === 'mentee') menteesOf.set(m.pair_id, (menteesOf.get(m.pair_id) ?? 0) + 1);
  }
  const kindCounts = new Map<ParticipantKind | null, KindCount>();
  const countKind = (id: string, side: 'mentors' | 'mentees') => {
    const kind = kinds.get(id) ?? null;
    const entry = kindCounts.get(kind) ?? { kind, mentors: 0, mentees: 0 };
    entry[side] += 1;
    kindCounts.set(kind, entry);
  };
  for (const id of sides.mentor) countKind(id, 'mentors');
  for (const id of sides.mentee) countKind(id, 'mentees');
  const byKind = [...PARTICIPANT_KINDS, null]
    .map((kind) => kindCounts.get(kind))
    .filter((k): k is KindCount => !!k);

  const byForm: FormCount[] = [];
  for (const form of MENTORING_FORMS) {
    const ofForm = pairs.filter((p) => p.form === form);
    if (ofForm.length === 0) continue;
    byForm.push({
      form,
      pairs: ofForm.length,
      groups: ofForm.filter((p) => p.is_group || (menteesOf.get(p.id) ?? 0) > 1).length,
      completed: ofForm.filter((p) => p.status === 'completed').length,
      endedEarly: ofForm.filter((p) => p.status === 'ended_early').length,
      running: ofForm.filter((p) => p.status === 'approved' || p.status === 'active').length,
    });
  }

  const byType = new Map<MeetingType, number>();
  const met = new Set<string>();
  let total = 0;
  for (const m of rows.meetings) {
    if (m.count <= 0 || (m.pair_id !== null && !pairIds.has(m.pair_id))) continue;
    total += m.count;
    if (m.pair_id !== null) met.add(m.pair_id);
    byType.set(m.type, (byType.get(m.type) ?? 0) + m.count);
  }

  const planned = new Set(
    rows.plans.filter((p) => p.deleted_at === null && pairIds.has(p.pair_id)).map((p) => p.pair_id),
  );
  const tasks = rows.tasks.filter((t) => pairIds.has(t.pair_id) && planned.has(t.pair_id));
  const progress = planProgress(tasks);
  const asOf = today < year.to ? today : year.to;

  const report = monitoringReport(
    {
      pairs,
      participants: rows.participants,
      templates: rows.templates,
      responses: rows.responses.filter((r) => r.pair_id !== null && pairIds.has(r.pair_id)),
    },
    { form: 'all', side: 'all' },
  );

  return {
    year,
    asOf,
    pairCount: pairs.length,
    mentors: sides.mentor.size,
    mentees: sides.mentee.size,
    people: new Set([...sides.mentor, ...sides.mentee]).size,
    byKind,
    byForm,
    meetings: {
      total,
      byType: MEETING_TYPES.filter((t) => byType.has(t)).map((type) => ({
        type,
        count: byType.get(type)!,
      })),
      pairsWithout: pairs.length - met.size,
    },
    plans: {
      pairsWithPlan: planned.size,
      done: progress.done,
      total: progress.total,
      overdue: tasks.filter((t) => isOverdue(t, asOf)).length,
    },
    // Forms with entry or exit answers (satisfaction alone has its own section).
    monitoring: {
      hasResults: report.byForm.some((f) => f.people > 0),
      byForm: report.byForm.filter((f) => f.people > 0),
    },
    satisfaction: report.satisfaction,
  };
}
