// «Индивидуальный план развития» (ИПР) of a pair: its goals with their tasks (activity,
// expected result, due date, status and result) and the signatures of mentor and mentee.
import { planProgress } from '../plans';
import type { DevelopmentPlan, PlanGoal, PlanTask } from '../types';
import {
  formLine,
  namesList,
  orderLine,
  pairStart,
  periodText,
  schoolHeader,
  type DocumentPair,
  type SchoolRequisites,
} from './common';
import { TASK_STATUS_TITLES, formatDocDate, initialsName, safeFileName } from './format';
import type { DocumentBlock, DocumentModel, TableBlock } from './model';

type Task = Pick<
  PlanTask,
  'title' | 'activity' | 'expected_result' | 'due_on' | 'status' | 'result' | 'deleted_at'
>;

export interface DevelopmentPlanInput {
  school: SchoolRequisites;
  pair: DocumentPair;
  plan: Pick<DevelopmentPlan, 'title' | 'mentee_id'> | null;
  goals: readonly { goal: Pick<PlanGoal, 'title'>; tasks: readonly Task[] }[];
  /** Tasks under no goal. */
  looseTasks: readonly Task[];
}

const TASK_COLUMNS = [
  { title: '№', width: 6 },
  { title: 'Задача, мероприятие', width: 32 },
  { title: 'Ожидаемый результат', width: 24 },
  { title: 'Срок', width: 13 },
  { title: 'Отметка о выполнении', width: 25 },
];

function taskTable(tasks: readonly Task[]): TableBlock {
  return {
    kind: 'table',
    columns: TASK_COLUMNS,
    rows: tasks.map((task, index) => [
      String(index + 1),
      [task.title, task.activity?.trim()].filter(Boolean).join('\n'),
      task.expected_result?.trim() || '—',
      formatDocDate(task.due_on) || '—',
      [TASK_STATUS_TITLES[task.status], task.result?.trim()].filter(Boolean).join('\n'),
    ]),
  };
}

export function developmentPlanDocument(input: DevelopmentPlanInput): DocumentModel {
  const { school, pair, plan } = input;
  const live = <T extends { deleted_at: string | null }>(rows: readonly T[]) =>
    rows.filter((r) => r.deleted_at === null);
  const goals = input.goals.map((g) => ({ goal: g.goal, tasks: live(g.tasks) }));
  const loose = live(input.looseTasks);
  const allTasks = [...goals.flatMap((g) => g.tasks), ...loose];
  // A group's plan belongs to one mentee; a pair's plan to its only mentee.
  const planMentees = plan ? pair.mentees.filter((m) => m.id === plan.mentee_id) : [];
  const mentees = planMentees.length > 0 ? planMentees : pair.mentees;
  const dueDates = allTasks
    .map((t) => t.due_on)
    .filter((d): d is string => !!d)
    .sort();
  const period = periodText(pairStart(pair.pair), pair.pair.ended_on ?? dueDates.at(-1) ?? null);
  const order = orderLine(pair.pair);

  const blocks: DocumentBlock[] = [
    ...schoolHeader(school),
    {
      kind: 'paragraph',
      text: 'ИНДИВИДУАЛЬНЫЙ ПЛАН РАЗВИТИЯ НАСТАВЛЯЕМОГО',
      align: 'center',
      bold: true,
      spaced: true,
    },
  ];
  if (plan?.title.trim())
    blocks.push({ kind: 'paragraph', text: `«${plan.title.trim()}»`, align: 'center' });
  blocks.push(
    { kind: 'paragraph', text: `Наставляемый: ${namesList(mentees)}`, spaced: true },
    { kind: 'paragraph', text: `Наставник: ${namesList(pair.mentors)}` },
    { kind: 'paragraph', text: formLine(pair.pair) },
  );
  if (period) blocks.push({ kind: 'paragraph', text: `Срок реализации плана: ${period}` });
  if (order) blocks.push({ kind: 'paragraph', text: order });

  if (!plan || allTasks.length === 0) {
    blocks.push({
      kind: 'paragraph',
      text: plan
        ? 'Цели и задачи плана ещё не внесены.'
        : 'Индивидуальный план развития ещё не составлен.',
      spaced: true,
    });
  }
  goals.forEach(({ goal, tasks }, index) => {
    blocks.push({
      kind: 'paragraph',
      text: `Цель ${index + 1}. ${goal.title}`,
      bold: true,
      spaced: true,
    });
    if (tasks.length > 0) blocks.push(taskTable(tasks));
    else blocks.push({ kind: 'paragraph', text: 'Задачи не внесены.' });
  });
  if (loose.length > 0) {
    blocks.push({
      kind: 'paragraph',
      text: goals.length > 0 ? 'Другие задачи' : 'Задачи',
      bold: true,
      spaced: true,
    });
    blocks.push(taskTable(loose));
  }
  if (allTasks.length > 0) {
    const progress = planProgress(allTasks);
    blocks.push({
      kind: 'paragraph',
      text: `Выполнено задач: ${progress.done} из ${progress.total}.`,
      spaced: true,
    });
  }
  for (const mentor of pair.mentors) {
    blocks.push({ kind: 'signature', role: 'Наставник', name: initialsName(mentor.full_name) });
  }
  for (const mentee of mentees) {
    blocks.push({ kind: 'signature', role: 'Наставляемый', name: initialsName(mentee.full_name) });
  }
  return {
    kind: 'developmentPlan',
    fileName: safeFileName('ИПР', mentees[0]?.full_name ?? 'наставляемого'),
    blocks,
  };
}
