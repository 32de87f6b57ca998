// Owns the reactive reads of development plans: a pair's plan with its goals and tasks,
// ordered by position, without tombstones.
import { liveQuery } from 'dexie';
import type { PairPerson } from '@/domain/pairs';
import type { PlanGoal } from '@/domain/plans';
import type { DevelopmentPlan, Pair, PlanTask } from '@/domain/types';
import type { DataContext } from './context';
import { membersOf, type Observable } from './queries';

export interface GoalWithTasks {
  goal: PlanGoal;
  tasks: PlanTask[];
}

export interface PairPlan {
  pair: Pair;
  mentors: PairPerson[];
  mentees: PairPerson[];
  /**
   * The pair's plan (the first one created when a group has several; a mentee receives only
   * her own); null before one exists.
   */
  plan: DevelopmentPlan | null;
  goals: GoalWithTasks[];
  /** Tasks under no goal (or under a goal deleted on another device). */
  looseTasks: PlanTask[];
  /** Every live task of the plan, in plan order. */
  tasks: PlanTask[];
}

const alive = <T extends { deleted_at: string | null }>(rows: T[]) =>
  rows.filter((r) => r.deleted_at === null);
const byPosition = <T extends { position: number; created_at: string }>(a: T, b: T) =>
  a.position - b.position || a.created_at.localeCompare(b.created_at);

export function observePairPlan(ctx: DataContext, pairId: string): Observable<PairPlan | null> {
  return liveQuery(async () => {
    const pair = await ctx.db.pairs.get(pairId);
    if (!pair || pair.deleted_at) return null;
    const { mentors, mentees } = await membersOf(ctx, pairId);
    const plan =
      alive(await ctx.db.development_plans.where('pair_id').equals(pairId).toArray()).sort((a, b) =>
        a.created_at.localeCompare(b.created_at),
      )[0] ?? null;
    if (!plan) return { pair, mentors, mentees, plan, goals: [], looseTasks: [], tasks: [] };
    const goals = alive(
      await ctx.db.table<PlanGoal, string>('plan_goals').where('plan_id').equals(plan.id).toArray(),
    ).sort(byPosition);
    const tasks = alive(await ctx.db.plan_tasks.where('plan_id').equals(plan.id).toArray()).sort(
      byPosition,
    );
    const goalIds = new Set(goals.map((g) => g.id));
    return {
      pair,
      mentors,
      mentees,
      plan,
      goals: goals.map((goal) => ({ goal, tasks: tasks.filter((t) => t.goal_id === goal.id) })),
      looseTasks: tasks.filter((t) => !t.goal_id || !goalIds.has(t.goal_id)),
      tasks,
    };
  });
}
