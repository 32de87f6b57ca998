// The sheets of the pairs' work: the pairs, the meeting log and the development plans (one row
// per task), each ordered by the pairs' name order.
import type { PlanTask } from '../types';
import { alive, col, date, groupBy, label, num, text, yesNo } from './cells';
import type { ExportCell, ExportFacts, ExportSheet } from './types';
import { listedMeetings, world } from './world';

export function pairsSheet(facts: ExportFacts): ExportSheet {
  const w = world(facts);
  const pairs = w.ordered;
  const k = 'pairs';
  return {
    kind: k,
    columns: [
      col(k, 'form', 22),
      col(k, 'group', 12),
      col(k, 'status', 20),
      col(k, 'mentors', 34),
      col(k, 'mentees', 40),
      col(k, 'orderNumber', 14),
      col(k, 'orderDate', 14),
      col(k, 'startedOn', 14),
      col(k, 'endedOn', 14),
      col(k, 'endReason', 36),
    ],
    rows: pairs.map((p) => {
      const { mentors, mentees } = w.sidesOf(p.id);
      return [
        label(`forms.${p.form}`),
        yesNo(p.is_group),
        label(`pairs.status.${p.status}`),
        text(mentors.join(', ')),
        text(mentees.join(', ')),
        text(p.order_number),
        date(p.order_date),
        date(p.started_on),
        date(p.ended_on),
        text(p.end_reason),
      ];
    }),
    notes: [],
  };
}

export function meetingsSheet(facts: ExportFacts): ExportSheet {
  const w = world(facts);
  // By day, then pair: one number per meeting (YYYYMMDD × 10⁶ + the pair's rank), so 50,000
  // meetings sort without comparing strings.
  const meetings = listedMeetings(facts, w.pairs)
    .map((m) => ({
      m,
      key: Number(m.held_on.slice(0, 10).replaceAll('-', '')) * 1e6 + w.pairRank(m.pair_id),
    }))
    .sort((a, b) => a.key - b.key)
    .map(({ m }) => ({ m, pair: w.pairName(m.pair_id) }));
  const k = 'meetings';
  return {
    kind: k,
    columns: [
      col(k, 'pair', 44),
      col(k, 'heldOn', 14),
      col(k, 'type', 22),
      col(k, 'format', 14),
      col(k, 'duration', 14),
      col(k, 'topic', 36),
      col(k, 'notes', 44),
      col(k, 'agreements', 36),
      col(k, 'fromPaper', 16),
    ],
    // Picked column by column: the mentor's private note is another table and never here.
    rows: meetings.map(({ m, pair }) => [
      text(pair),
      date(m.held_on),
      label(`meetings.types.${m.type}`),
      label(`meetings.formats.${m.format}`),
      num(m.duration_min),
      text(m.topic),
      text(m.notes),
      text(m.agreements),
      yesNo(m.entered_by_staff === true),
    ]),
    notes: ['exports.notes.privateNotes'],
  };
}

export function plansSheet(facts: ExportFacts): ExportSheet {
  const w = world(facts);
  const plans = alive(facts.plans)
    .filter((p) => w.pairs.has(p.pair_id))
    .sort(
      (a, b) =>
        w.pairRank(a.pair_id) - w.pairRank(b.pair_id) || a.created_at.localeCompare(b.created_at),
    )
    .map((plan) => ({ plan, pair: w.pairName(plan.pair_id) }));
  const goalsOf = groupBy(alive(facts.goals), (g) => g.plan_id);
  const tasksOf = groupBy(alive(facts.tasks), (t) => t.plan_id);
  const byPosition = <T extends { position: number; created_at: string }>(a: T, b: T) =>
    a.position - b.position || a.created_at.localeCompare(b.created_at);
  const rows: ExportCell[][] = [];
  for (const { plan, pair } of plans) {
    const planGoals = [...(goalsOf.get(plan.id) ?? [])].sort(byPosition);
    const goalTitle = new Map(planGoals.map((g, i) => [g.id, { title: g.title, order: i }]));
    // Tasks under a goal in the goals' order; tasks under no (live) goal last.
    const goalOrder = (t: PlanTask) => goalTitle.get(t.goal_id ?? '')?.order ?? planGoals.length;
    const planTasks = [...(tasksOf.get(plan.id) ?? [])].sort(
      (a, b) => goalOrder(a) - goalOrder(b) || byPosition(a, b),
    );
    const head = [text(pair), text(w.people.get(plan.mentee_id)?.full_name), text(plan.title)];
    if (planTasks.length === 0) rows.push([...head, null, null, null, null, null]);
    for (const t of planTasks) {
      rows.push([
        ...head,
        text(goalTitle.get(t.goal_id ?? '')?.title),
        text(t.title),
        date(t.due_on),
        label(`plans.task.statuses.${t.status}`),
        text(t.result),
      ]);
    }
  }
  const k = 'plans';
  return {
    kind: k,
    columns: [
      col(k, 'pair', 44),
      col(k, 'mentee', 30),
      col(k, 'plan', 30),
      col(k, 'goal', 36),
      col(k, 'task', 40),
      col(k, 'dueOn', 14),
      col(k, 'status', 16),
      col(k, 'result', 40),
    ],
    rows,
    notes: [],
  };
}
