import { describe, expect, it } from 'vitest';
import {
  addWeeks,
  awaitsMentorConfirmation,
  nextDueTask,
  overdueTasks,
  planProgress,
  taskFields,
  validateGoal,
  validateMenteeComment,
  validatePlan,
  validateTask,
} from '@/domain/plans';
import {
  PLAN_TEMPLATES,
  planTemplate,
  templateForForm,
  templateSteps,
} from '@/domain/planTemplates';
import { isIsoDate } from '@/domain/validation';
import { aTask } from '../../factories/rows';

const today = '2026-11-25';

describe('planProgress', () => {
  it('counts done tasks out of all that were not cancelled', () => {
    const progress = planProgress([
      aTask({ status: 'done' }),
      aTask({ status: 'todo' }),
      aTask({ status: 'in_progress' }),
      aTask({ status: 'cancelled' }),
    ]);
    expect(progress).toEqual({ done: 1, total: 3, ratio: 1 / 3 });
  });

  it('ignores deleted tasks', () => {
    const progress = planProgress([
      aTask({ status: 'done' }),
      aTask({ status: 'todo', deleted_at: '2026-11-01T10:00:00Z' }),
    ]);
    expect(progress).toEqual({ done: 1, total: 1, ratio: 1 });
  });

  it('is zero for a plan with nothing to do, not a division by zero', () => {
    expect(planProgress([])).toEqual({ done: 0, total: 0, ratio: 0 });
    expect(planProgress([aTask({ status: 'cancelled' })]).ratio).toBe(0);
  });
});

describe('overdueTasks', () => {
  it('lists open tasks due before today', () => {
    const late = aTask({ due_on: '2026-11-24', status: 'todo' });
    const lateInProgress = aTask({ due_on: '2026-10-01', status: 'in_progress' });
    const tasks = [
      late,
      lateInProgress,
      aTask({ due_on: today }),
      aTask({ due_on: '2026-12-01' }),
      aTask({ due_on: null }),
      aTask({ due_on: '2026-11-01', status: 'done' }),
      aTask({ due_on: '2026-11-01', status: 'cancelled' }),
      aTask({ due_on: '2026-11-01', deleted_at: '2026-11-02T10:00:00Z' }),
    ];
    expect(overdueTasks(tasks, today)).toEqual([late, lateInProgress]);
  });
});

describe('nextDueTask', () => {
  it('is the open task due soonest; undated tasks follow in plan order', () => {
    const first = aTask({ due_on: '2026-12-01', position: 5 });
    expect(
      nextDueTask([
        aTask({ due_on: '2026-11-01', status: 'done', position: 0 }),
        aTask({ due_on: null, position: 1 }),
        aTask({ due_on: '2026-12-20', position: 2 }),
        first,
      ]),
    ).toBe(first);
    const undated = aTask({ due_on: null, position: 1 });
    expect(nextDueTask([aTask({ due_on: null, position: 2 }), undated])).toBe(undated);
    expect(nextDueTask([aTask({ status: 'done' })])).toBeUndefined();
  });
});

describe('validation', () => {
  it('requires a plan title and a goal title', () => {
    expect(validatePlan({ title: '   ' })).toEqual([{ field: 'title', key: 'required' }]);
    expect(validatePlan({ title: 'ИПР Смирновой Анны' })).toEqual([]);
    expect(validateGoal({ title: '' })).toEqual([{ field: 'title', key: 'required' }]);
  });

  it('requires a task title and a real due date when one is given', () => {
    expect(validateTask({ title: '', due_on: '2026-02-30' })).toEqual([
      { field: 'title', key: 'required' },
      { field: 'due_on', key: 'date' },
    ]);
    expect(validateTask({ title: 'Посетить урок', due_on: '' })).toEqual([]);
    expect(validateTask({ title: 'Посетить урок', due_on: null })).toEqual([]);
  });

  it('refuses an unknown status', () => {
    expect(validateTask({ title: 'Урок', status: 'later' as never })).toEqual([
      { field: 'status', key: 'required' },
    ]);
  });

  it('does not require a result for a done task', () => {
    expect(validateTask({ title: 'Урок', status: 'done', result: '' })).toEqual([]);
  });

  it('maps input to columns: trimmed, blanks as null, absent fields left out', () => {
    expect(taskFields({ title: '  Урок ', due_on: '', result: '  ' })).toEqual({
      title: 'Урок',
      due_on: null,
      result: null,
    });
    expect(taskFields({ status: 'done' })).toEqual({ status: 'done' });
  });
});

describe('plan templates', () => {
  it('the «учитель – учитель» template has the 13 steps of the programme, in order', () => {
    const template = templateForForm('uchitel_uchitel');
    expect(template?.id).toBe('uchitel_uchitel');
    const steps = templateSteps(template!);
    expect(steps).toHaveLength(13);
    expect(steps[0]?.title).toBe(
      'Выявление профессиональных проблем и образовательных запросов наставляемого педагога',
    );
    expect(steps[12]?.title).toBe('Итоги реализации программы');
    // The document gives no periods for the steps: no invented due dates.
    expect(steps.every((s) => s.dueWeeks === undefined)).toBe(true);
  });

  it('offers short templates for students, 3–5 goals each, every goal with tasks', () => {
    for (const id of ['uchenik_uchenik', 'uchitel_uchenik']) {
      const template = planTemplate(id)!;
      expect(template.goals.length).toBeGreaterThanOrEqual(3);
      expect(template.goals.length).toBeLessThanOrEqual(5);
      for (const goal of template.goals) expect(goal.tasks.length).toBeGreaterThan(0);
    }
  });

  it('every template text passes the task and goal validation', () => {
    for (const template of PLAN_TEMPLATES) {
      for (const goal of template.goals) {
        expect(validateGoal(goal)).toEqual([]);
        for (const task of goal.tasks) expect(validateTask(task)).toEqual([]);
      }
    }
  });

  it('has no template for forms without one', () => {
    expect(templateForForm('rabotodatel_student')).toBeUndefined();
  });
});

describe('addWeeks', () => {
  it('counts calendar weeks across months and years', () => {
    expect(addWeeks('2026-09-01', 0)).toBe('2026-09-01');
    expect(addWeeks('2026-12-28', 1)).toBe('2027-01-04');
    expect(isIsoDate(addWeeks('2026-09-01', 32))).toBe(true);
  });
});

describe('the mentee’s «Я выполнил(а)»', () => {
  it('waits for the mentor while the task is open; marking it done confirms it', () => {
    const marked = { mentee_done_at: '2026-11-20T10:00:00Z' };
    expect(awaitsMentorConfirmation({ status: 'todo', ...marked })).toBe(true);
    expect(awaitsMentorConfirmation({ status: 'in_progress', ...marked })).toBe(true);
    expect(awaitsMentorConfirmation({ status: 'done', ...marked })).toBe(false);
    expect(awaitsMentorConfirmation({ status: 'todo', mentee_done_at: null })).toBe(false);
    expect(awaitsMentorConfirmation({ status: 'todo' })).toBe(false);
  });

  it('keeps her comment optional and under 2,000 characters', () => {
    expect(validateMenteeComment(null)).toEqual([]);
    expect(validateMenteeComment('а'.repeat(2000))).toEqual([]);
    expect(validateMenteeComment('а'.repeat(2001))).toEqual([
      { field: 'mentee_comment', key: 'tooLong', params: { max: 2000 } },
    ]);
  });
});
