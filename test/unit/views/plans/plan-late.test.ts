// A plan created late counts its template's due dates from today (so it is not born overdue);
// its goals fold to title and progress, the one with work left unfolded; an ended pair is
// offered no plan to write.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { appDataContext } from '@/data/context';
import { createPlan } from '@/data/repos/plans';
import { addDays, localIsoDate } from '@/domain/dates';
import { addWeeks } from '@/domain/plans';
import { aPairWithPeople } from '../../data/context';
import { mountApp } from '../mountApp';

let mounted: VueWrapper | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

async function open(path: string) {
  const app = await mountApp(path);
  mounted = app.wrapper;
  return app;
}

const today = localIsoDate(new Date());

/** A «ученик – ученик» pair that started working ten weeks ago. */
async function aPairStartedLongAgo() {
  const ctx = await appDataContext();
  const people = await aPairWithPeople(ctx);
  await ctx.db.pairs.update(people.pair.id, {
    form: 'uchenik_uchenik',
    status: 'active',
    started_on: addDays(today, -70),
  });
  return { ctx, ...people };
}

async function createFormReady(wrapper: VueWrapper) {
  await vi.waitFor(() => expect(wrapper.find('[data-testid="plan-create"]').exists()).toBe(true));
}

describe('a plan created late', () => {
  it('offers «Считать сроки от сегодняшнего дня», ticked, and counts the due dates from today', async () => {
    const { ctx, pair } = await aPairStartedLongAgo();
    const { wrapper } = await open(`/pairs/${pair.id}/plan`);
    await createFormReady(wrapper);
    const late = wrapper.find('[data-testid="plan-late"]');
    expect(late.text()).toContain('Считать сроки от сегодняшнего дня');
    expect(wrapper.find<HTMLInputElement>('[data-testid="plan-from-today"]').element.checked).toBe(
      true,
    );
    await wrapper.find('[data-testid="plan-create"]').trigger('submit');

    await vi.waitFor(async () => expect(await ctx.db.plan_tasks.count()).toBeGreaterThan(0));
    const dues = (await ctx.db.plan_tasks.toArray()).map((t) => t.due_on!).sort();
    expect(dues[0]).toBe(addWeeks(today, 1));
    expect(dues.every((due) => due >= today)).toBe(true);
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="plan-progress"]').text()).toContain(
        'Просроченных задач нет',
      ),
    );
  });

  it('keeps the pair’s own start when the user unticks it (the plan is then overdue)', async () => {
    const { ctx, pair } = await aPairStartedLongAgo();
    const { wrapper } = await open(`/pairs/${pair.id}/plan`);
    await createFormReady(wrapper);
    await wrapper.find('[data-testid="plan-from-today"]').setValue(false);
    await wrapper.find('[data-testid="plan-create"]').trigger('submit');

    await vi.waitFor(async () => expect(await ctx.db.plan_tasks.count()).toBeGreaterThan(0));
    const dues = (await ctx.db.plan_tasks.toArray()).map((t) => t.due_on!).sort();
    expect(dues[0]).toBe(addWeeks(addDays(today, -70), 1));
  });

  it('does not ask when nothing would be overdue (a pair that starts today)', async () => {
    const ctx = await appDataContext();
    const { pair } = await aPairWithPeople(ctx);
    await ctx.db.pairs.update(pair.id, { form: 'uchenik_uchenik', started_on: today });
    const { wrapper } = await open(`/pairs/${pair.id}/plan`);
    await createFormReady(wrapper);
    expect(wrapper.find('[data-testid="plan-late"]').exists()).toBe(false);
  });
});

describe('the 13-step plan on a phone', () => {
  it('folds every goal to its title and progress but the first with work left', async () => {
    const ctx = await appDataContext();
    const { pair, mentee } = await aPairWithPeople(ctx);
    await createPlan(ctx, pair.id, {
      title: 'ИПР',
      menteeId: mentee.id,
      templateId: 'uchitel_uchitel',
    });
    // The first goal's four tasks are done: the second goal is where the work is.
    const firstFour = (await ctx.db.plan_tasks.toArray())
      .sort((a, b) => a.position - b.position)
      .slice(0, 4);
    for (const task of firstFour) await ctx.db.plan_tasks.update(task.id, { status: 'done' });

    const { wrapper } = await open(`/pairs/${pair.id}/plan`);
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="plan-goal"]')).toHaveLength(4));
    const folds = wrapper.findAll<HTMLDetailsElement>('[data-testid="plan-goal"] > details');
    expect(folds.map((d) => d.element.open)).toEqual([false, true, false, false]);
    const counts = wrapper.findAll('[data-testid="plan-goal-count"]').map((c) => c.text());
    expect(counts[0]).toBe('4 из 4');
    expect(wrapper.findAll('[data-testid="plan-goal-summary"]')[1]!.text()).toContain(
      'Урок по ФГОС и современные технологии',
    );

    // Marking the last open task of the open goal done does not fold it under her finger.
    const openGoal = wrapper.findAll('[data-testid="plan-goal"]')[1]!;
    const tasks = openGoal.findAll('[data-testid="plan-task"]');
    for (const [index] of tasks.entries()) {
      const task = () =>
        wrapper.findAll('[data-testid="plan-goal"]')[1]!.findAll('[data-testid="plan-task"]')[
          index
        ]!;
      await task().find('[data-testid="task-mark-done"]').trigger('click');
      await task().find('form').trigger('submit');
      await vi.waitFor(() =>
        expect(task().find('[data-testid="task-status"]').text()).toBe('Выполнена'),
      );
    }
    expect(
      wrapper.findAll<HTMLDetailsElement>('[data-testid="plan-goal"] > details')[1]!.element.open,
    ).toBe(true);
  });

  it('offers no «Составить план» to a completed pair, here or on the pair page', async () => {
    const ctx = await appDataContext();
    const { pair } = await aPairWithPeople(ctx);
    await ctx.db.pairs.update(pair.id, { status: 'completed', ended_on: '2026-11-20' });
    const { wrapper, router } = await open(`/pairs/${pair.id}/plan`);
    await vi.waitFor(() =>
      expect(wrapper.text()).toContain('Индивидуального плана развития пока нет'),
    );
    expect(wrapper.find('[data-testid="plan-create"]').exists()).toBe(false);

    await router.push(`/pairs/${pair.id}`);
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="plan-summary"]').exists()).toBe(true),
    );
    expect(wrapper.find('[data-testid="open-plan"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="log-meeting"]').exists()).toBe(false);
    expect(wrapper.text()).not.toContain('Составить план');
    expect(wrapper.text()).not.toContain('Записать встречу');
  });
});
