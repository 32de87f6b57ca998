// Owns the pair-level reads behind the documents: the school's pairs with their members as
// papers name them, and one pair's plan, meetings and questionnaire results. Private notes
// and sensitive categories are never read here: a document must not carry them.
import { liveQuery } from 'dexie';
import { type DocumentPair, type DocumentPerson } from '@/domain/documents/common';
import { monitoringReport, type PersonResult } from '@/domain/monitoring';
import type {
  DevelopmentPlan,
  Meeting,
  Pair,
  PairMember,
  Participant,
  PlanGoal,
  PlanTask,
} from '@/domain/types';
import type { DataContext } from '../context';
import type { Observable } from '../queries';
import { allTemplates, responsesTable } from '../repos/questionnaires';
import { alive } from './alive';

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
