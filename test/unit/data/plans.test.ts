import { afterEach, describe, expect, it } from 'vitest';
import type { DataContext } from '@/data/context';
import type { AppDatabase } from '@/data/db';
import { observePairPlan, type PairPlan } from '@/data/planQueries';
import {
  addGoal,
  addTask,
  createPlan,
  deleteGoal,
  deleteTask,
  markTaskDoneByMentee,
  renameGoal,
  setPlanStatus,
  updateTask,
} from '@/data/repos/plans';
import type { PlanGoal } from '@/domain/plans';
import { ValidationError } from '@/domain/validation';
import { aPairWithPeople, freshContext } from './context';

const dbs: AppDatabase[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});
async function ctx() {
  const c = await freshContext();
  dbs.push(c.db);
  return c;
}
const goals = (c: DataContext) => c.db.table<PlanGoal, string>('plan_goals');
const planOutbox = async (c: DataContext) =>
  (await c.db.outbox.toArray()).filter((e) =>
    ['development_plans', 'plan_goals', 'plan_tasks'].includes(e.table),
  );

async function aPlan(c: DataContext, templateId: string | null = 'uchitel_uchitel') {
  const people = await aPairWithPeople(c);
  const plan = await createPlan(c, people.pair.id, {
    title: 'ИПР Смирновой Анны',
    menteeId: people.mentee.id,
    templateId,
    startOn: '2026-09-07',
  });
  return { ...people, plan };
}

function firstValue<T>(observable: {
  subscribe(o: { next: (v: T) => void }): { unsubscribe(): void };
}): Promise<T> {
  return new Promise((resolve) => {
    const sub = observable.subscribe({
      next: (value) => {
        resolve(value);
        queueMicrotask(() => sub.unsubscribe());
      },
    });
  });
}

describe('createPlan', () => {
  it('writes the plan, the template’s goals and tasks, each with its outbox entry', async () => {
    const c = await ctx();
    const { pair, mentee, plan } = await aPlan(c);

    expect(plan).toMatchObject({ pair_id: pair.id, mentee_id: mentee.id, status: 'active' });
    const goalRows = await goals(c).toArray();
    const taskRows = await c.db.plan_tasks.toArray();
    expect(goalRows).toHaveLength(4);
    expect(taskRows).toHaveLength(13);
    for (const row of [plan, ...goalRows, ...taskRows]) {
      expect(row).toMatchObject({ school_id: c.schoolId, pair_id: pair.id });
    }
    const goalIds = new Set(goalRows.map((g) => g.id));
    expect(taskRows.every((t) => t.plan_id === plan.id && goalIds.has(t.goal_id!))).toBe(true);
    expect(taskRows.every((t) => t.due_on === null && t.status === 'todo')).toBe(true);

    const entries = await planOutbox(c);
    expect(entries).toHaveLength(1 + 4 + 13);
    expect(entries.every((e) => e.op === 'insert')).toBe(true);
    expect(new Set(entries.map((e) => e.row_id))).toEqual(
      new Set([plan.id, ...goalRows.map((g) => g.id), ...taskRows.map((t) => t.id)]),
    );
  });

  it('writes all of it or nothing: a failure halfway leaves no plan, goal, task or entry', async () => {
    const c = await ctx();
    const { pair, mentee } = await aPairWithPeople(c);
    let calls = 0;
    c.db.plan_tasks.hook('creating', () => {
      calls += 1;
      if (calls === 7) throw new Error('disk full');
    });
    await expect(
      createPlan(c, pair.id, {
        title: 'ИПР',
        menteeId: mentee.id,
        templateId: 'uchitel_uchitel',
      }),
    ).rejects.toThrow('disk full');
    expect(await c.db.development_plans.count()).toBe(0);
    expect(await goals(c).count()).toBe(0);
    expect(await c.db.plan_tasks.count()).toBe(0);
    expect(await planOutbox(c)).toEqual([]);
  });

  it('counts the template’s due dates in weeks from the start', async () => {
    const c = await ctx();
    await aPlan(c, 'uchenik_uchenik');
    const dues = (await c.db.plan_tasks.toArray()).sort((a, b) => a.position - b.position);
    expect(dues[0]?.due_on).toBe('2026-09-14');
    expect(dues.at(-1)?.due_on).toBe('2027-04-19');
  });

  it('refuses a blank title and writes nothing', async () => {
    const c = await ctx();
    const { pair, mentee } = await aPairWithPeople(c);
    const attempt = createPlan(c, pair.id, {
      title: '   ',
      menteeId: mentee.id,
      templateId: 'uchitel_uchitel',
    });
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({ errors: [{ field: 'title', key: 'required' }] });
    expect(await c.db.development_plans.count()).toBe(0);
    expect(await planOutbox(c)).toEqual([]);
  });

  it('refuses a person who is not a mentee of the pair', async () => {
    const c = await ctx();
    const { pair, mentor } = await aPairWithPeople(c);
    await expect(
      createPlan(c, pair.id, { title: 'ИПР', menteeId: mentor.id }),
    ).rejects.toMatchObject({ errors: [{ field: 'mentee_id', key: 'chooseMentee' }] });
    expect(await c.db.development_plans.count()).toBe(0);
  });

  it('keeps the mentee’s existing plan instead of creating a second one', async () => {
    const c = await ctx();
    const { pair, mentee, plan } = await aPlan(c, null);
    const again = await createPlan(c, pair.id, { title: 'Ещё', menteeId: mentee.id });
    expect(again.id).toBe(plan.id);
    expect(await c.db.development_plans.count()).toBe(1);
  });
});

describe('goals and tasks', () => {
  it('deleting a goal tombstones it and its tasks, each with a delete entry', async () => {
    const c = await ctx();
    const { plan } = await aPlan(c);
    const goal = (await goals(c).toArray()).sort((a, b) => a.position - b.position)[0]!;
    await c.db.outbox.clear(); // the plan reached the server
    const before = 0;
    const goalTaskIds = (await c.db.plan_tasks.where('plan_id').equals(plan.id).toArray())
      .filter((t) => t.goal_id === goal.id)
      .map((t) => t.id);
    await deleteGoal(c, goal.id);

    expect((await goals(c).get(goal.id))?.deleted_at).toEqual(expect.any(String));
    const tasks = await c.db.plan_tasks.where('plan_id').equals(plan.id).toArray();
    const underGoal = tasks.filter((t) => goalTaskIds.includes(t.id));
    expect(underGoal).toHaveLength(4);
    expect(underGoal.every((t) => t.deleted_at !== null)).toBe(true);
    expect(
      tasks.filter((t) => !goalTaskIds.includes(t.id)).every((t) => t.deleted_at === null),
    ).toBe(true);
    const entries = (await c.db.outbox.toArray()).slice(before);
    expect(entries.map((e) => [e.table, e.op])).toEqual([
      ...underGoal.map(() => ['plan_tasks', 'delete']),
      ['plan_goals', 'delete'],
    ]);
    // A tombstone keeps the keys and scope, none of the text.
    expect(await goals(c).get(goal.id)).toEqual({
      id: goal.id,
      school_id: c.schoolId,
      pair_id: goal.pair_id,
      plan_id: plan.id,
      version: 0,
      deleted_at: expect.any(String),
    });
    for (const task of underGoal) {
      expect(Object.keys(task).sort()).toEqual(
        ['deleted_at', 'id', 'pair_id', 'plan_id', 'school_id', 'version'].sort(),
      );
    }
  });

  it('adds goals and tasks at the end, with the plan’s school and pair', async () => {
    const c = await ctx();
    const { plan, pair } = await aPlan(c, null);
    const goal = await addGoal(c, plan.id, { title: '  Освоить электронный журнал ' });
    const task = await addTask(c, plan.id, goal.id, {
      title: 'Заполнить журнал за неделю',
      due_on: '2026-12-01',
    });
    const second = await addTask(c, plan.id, goal.id, { title: 'Выставить итоговые', due_on: '' });
    expect(goal).toMatchObject({ title: 'Освоить электронный журнал', position: 0 });
    expect(task).toMatchObject({
      school_id: c.schoolId,
      pair_id: pair.id,
      goal_id: goal.id,
      due_on: '2026-12-01',
      status: 'todo',
      position: 0,
    });
    expect(second).toMatchObject({ due_on: null, position: 1 });
    await expect(addTask(c, plan.id, goal.id, { title: ' ' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(await c.db.plan_tasks.count()).toBe(2);
  });

  it('marks a task done with its result and records what changed', async () => {
    const c = await ctx();
    const { plan } = await aPlan(c, null);
    const task = await addTask(c, plan.id, null, { title: 'Посетить урок наставника' });
    await c.db.outbox.clear(); // the task reached the server
    await updateTask(c, task.id, { status: 'done', result: ' Посетила два урока ' });
    expect(await c.db.plan_tasks.get(task.id)).toMatchObject({
      status: 'done',
      result: 'Посетила два урока',
    });
    const last = (await c.db.outbox.toArray()).at(-1);
    expect(last).toMatchObject({
      table: 'plan_tasks',
      op: 'patch',
      fields: { status: 'done', result: 'Посетила два урока' },
      base: { status: 'todo', result: null },
    });
    await expect(updateTask(c, task.id, { due_on: '2026-13-01' })).rejects.toMatchObject({
      errors: [{ field: 'due_on', key: 'date' }],
    });
  });

  it('renames a goal, deletes a task and changes the plan’s status', async () => {
    const c = await ctx();
    const { plan } = await aPlan(c, null);
    const goal = await addGoal(c, plan.id, { title: 'Цель' });
    await renameGoal(c, goal.id, { title: 'Новая цель' });
    expect((await goals(c).get(goal.id))?.title).toBe('Новая цель');
    await expect(renameGoal(c, goal.id, { title: '' })).rejects.toBeInstanceOf(ValidationError);
    const task = await addTask(c, plan.id, goal.id, { title: 'Задача' });
    await c.db.outbox.clear(); // the task reached the server
    await deleteTask(c, task.id);
    expect((await c.db.plan_tasks.get(task.id))?.deleted_at).toEqual(expect.any(String));
    await setPlanStatus(c, plan.id, 'completed');
    expect((await c.db.development_plans.get(plan.id))?.status).toBe('completed');
  });
});

describe('observePairPlan', () => {
  it('reads the plan with its goals and tasks in order, without tombstones', async () => {
    const c = await ctx();
    const { pair, plan } = await aPlan(c);
    const firstGoal = (await goals(c).toArray()).find((g) => g.position === 0)!;
    const secondStep = (await c.db.plan_tasks.toArray()).find((t) => t.position === 1)!;
    await deleteTask(c, secondStep.id);

    const value = (await firstValue(observePairPlan(c, pair.id))) as PairPlan;
    expect(value.plan?.id).toBe(plan.id);
    expect(value.goals.map((g) => g.goal.position)).toEqual([0, 1, 2, 3]);
    expect(value.goals[0]?.goal.id).toBe(firstGoal.id);
    expect(value.goals[0]?.tasks.map((t) => t.position)).toEqual([0, 2, 3]);
    expect(value.tasks).toHaveLength(12);
    expect(value.mentees.map((m) => m.full_name)).toEqual(['Смирнова Анна']);
  });

  it('gives the pair with no plan yet', async () => {
    const c = await ctx();
    const { pair } = await aPairWithPeople(c);
    const value = await firstValue(observePairPlan(c, pair.id));
    expect(value).toMatchObject({ plan: null, goals: [], tasks: [] });
  });
});

describe('the mentee’s «Я выполнил(а)»', () => {
  it('writes only mentee_done_at and her comment; the mentor confirms by marking it done', async () => {
    const c = await ctx();
    const { plan } = await aPlan(c, null);
    const task = await addTask(c, plan.id, null, { title: 'Прочитать главу' });
    expect(task).not.toHaveProperty('mentee_done_at');
    await c.db.outbox.clear(); // the task reached the server
    await markTaskDoneByMentee(c, task.id, '  Прочитала, было трудно ');

    expect(await c.db.plan_tasks.get(task.id)).toMatchObject({
      status: 'todo',
      mentee_done_at: expect.any(String),
      mentee_comment: 'Прочитала, было трудно',
    });
    const [entry] = await c.db.outbox.toArray();
    expect(entry).toMatchObject({ table: 'plan_tasks', op: 'patch', row_id: task.id });
    expect(Object.keys(entry!.fields).sort()).toEqual(['mentee_comment', 'mentee_done_at']);

    await c.db.outbox.clear(); // her mark reached the server
    await updateTask(c, task.id, { status: 'done' });
    expect(await c.db.plan_tasks.get(task.id)).toMatchObject({ status: 'done' });
  });

  it('refuses a comment over 2,000 characters and writes nothing', async () => {
    const c = await ctx();
    const { plan } = await aPlan(c, null);
    const task = await addTask(c, plan.id, null, { title: 'Прочитать главу' });
    await c.db.outbox.clear();
    await expect(markTaskDoneByMentee(c, task.id, 'а'.repeat(2001))).rejects.toMatchObject({
      errors: [{ field: 'mentee_comment', key: 'tooLong', params: { max: 2000 } }],
    });
    expect(await c.db.outbox.count()).toBe(0);
    expect(await c.db.plan_tasks.get(task.id)).not.toHaveProperty('mentee_done_at');
  });
});
