import { afterEach, describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { appDataContext } from '@/data/context';
import { createPlan } from '@/data/repos/plans';
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

async function aPairWithTeacherPlan() {
  const ctx = await appDataContext();
  const people = await aPairWithPeople(ctx);
  const plan = await createPlan(ctx, people.pair.id, {
    title: 'ИПР Смирновой Анны',
    menteeId: people.mentee.id,
    templateId: 'uchitel_uchitel',
  });
  return { ctx, ...people, plan };
}

describe('the plan page', () => {
  it('creates the plan from a template, the pair’s form preselected', async () => {
    const ctx = await appDataContext();
    const { pair } = await aPairWithPeople(ctx);
    const { wrapper } = await open(`/pairs/${pair.id}/plan`);
    await vi.waitFor(() => expect(wrapper.find('[data-testid="plan-create"]').exists()).toBe(true));

    const checked = wrapper.find<HTMLInputElement>('[data-testid="plan-templates"] input:checked');
    expect(checked.element.value).toBe('uchitel_uchenik');
    expect(wrapper.find<HTMLInputElement>('[data-testid="plan-title"]').element.value).toBe(
      'Индивидуальный план развития: Смирнова Анна',
    );
    await wrapper.find('[data-testid="plan-templates"] input[value="uchitel_uchitel"]').setValue();
    await wrapper.find('[data-testid="plan-create"]').trigger('submit');

    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="plan-task"]')).toHaveLength(13));
    expect(wrapper.findAll('[data-testid="plan-goal"]')).toHaveLength(4);
    expect(wrapper.find('h1').text()).toBe('Индивидуальный план развития: Смирнова Анна');
    expect(wrapper.find('[data-testid="plan-progress-text"]').text()).toMatch(
      /^Выполнено 0\s%: 0 из 13$/,
    );
    expect(await ctx.db.plan_tasks.count()).toBe(13);
  });

  it('marks a task done with its result and shows the progress', async () => {
    const { ctx, pair } = await aPairWithTeacherPlan();
    const { wrapper } = await open(`/pairs/${pair.id}/plan`);
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="plan-task"]')).toHaveLength(13));

    const first = () => wrapper.findAll('[data-testid="plan-task"]')[0]!;
    await first().find('[data-testid="task-mark-done"]').trigger('click');
    await first().find('[data-testid="task-done-result"]').setValue('Составили анкету, прошла');
    await first().find('form').trigger('submit');

    await vi.waitFor(() =>
      expect(first().find('[data-testid="task-status"]').text()).toBe('Выполнена'),
    );
    expect(first().find('[data-testid="task-result-text"]').text()).toContain(
      'Составили анкету, прошла',
    );
    expect(wrapper.find('[data-testid="plan-progress-text"]').text()).toMatch(
      /^Выполнено 8\s%: 1 из 13$/,
    );
    const done = (await ctx.db.plan_tasks.toArray()).filter((t) => t.status === 'done');
    expect(done.map((t) => [t.position, t.result])).toEqual([[0, 'Составили анкету, прошла']]);
  });

  it('shows a translated error and keeps what was typed when the task has no title', async () => {
    const { ctx, pair } = await aPairWithTeacherPlan();
    const { wrapper } = await open(`/pairs/${pair.id}/plan`);
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="plan-goal"]')).toHaveLength(4));

    const goal = () => wrapper.findAll('[data-testid="plan-goal"]')[0]!;
    await goal().find('[data-testid="goal-add-task"]').trigger('click');
    await goal().find('[data-testid="task-title"]').setValue('   ');
    await goal().find('[data-testid="task-due"]').setValue('2026-12-15');
    await goal().find('[data-testid="task-form"]').trigger('submit');

    await vi.waitFor(() => expect(goal().text()).toContain('Заполните это поле'));
    expect(goal().find<HTMLInputElement>('[data-testid="task-due"]').element.value).toBe(
      '2026-12-15',
    );
    expect(await ctx.db.plan_tasks.count()).toBe(13);

    await goal().find('[data-testid="task-title"]').setValue('Посетить уроки коллег');
    await goal().find('[data-testid="task-form"]').trigger('submit');
    await vi.waitFor(() => expect(goal().findAll('[data-testid="plan-task"]')).toHaveLength(5));
    expect(goal().text()).toContain('Посетить уроки коллег');
  });

  it('deletes a goal with its tasks once confirmed, keeping none of their text', async () => {
    const { ctx, pair } = await aPairWithTeacherPlan();
    await ctx.db.outbox.clear(); // the plan is on the server: deletes leave tombstones
    const { wrapper } = await open(`/pairs/${pair.id}/plan`);
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="plan-goal"]')).toHaveLength(4));

    const goal = () => wrapper.findAll('[data-testid="plan-goal"]')[0]!;
    const edit = goal()
      .findAll('button')
      .find((b) => b.text() === 'Изменить цель');
    await edit!.trigger('click');
    await goal().find('[data-testid="goal-delete"]').trigger('click');
    expect(goal().text()).toContain('Удалить цель «Адаптация в школе и нормативная база»');
    await goal().find('[data-testid="goal-confirm-delete"]').trigger('click');

    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="plan-goal"]')).toHaveLength(3));
    expect(wrapper.findAll('[data-testid="plan-task"]')).toHaveLength(9);
    expect(wrapper.find('[data-testid="plan-progress-text"]').text()).toMatch(/0 из 9$/);
    const deleted = (await ctx.db.plan_tasks.toArray()).filter((t) => t.deleted_at);
    expect(deleted).toHaveLength(4);
    for (const task of deleted) expect(task).not.toHaveProperty('title');
  });

  it('shows the plan’s progress and next task on the pair page', async () => {
    const { pair } = await aPairWithTeacherPlan();
    const { wrapper, router } = await open(`/pairs/${pair.id}`);
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="plan-next-task"]').text()).toBe(
        'Следующая задача: Выявление профессиональных проблем и образовательных запросов наставляемого педагога',
      ),
    );
    await wrapper.find('[data-testid="open-plan"]').trigger('click');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('plan'));
  });

  it('is read-only for the mentee: no forms, no buttons', async () => {
    const { pair } = await aPairWithTeacherPlan();
    const { wrapper, router } = await open(`/pairs/${pair.id}/plan`);
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="plan-task"]')).toHaveLength(13));
    router.addRoute({
      path: '/my/plan/:pairId',
      name: 'my-plan',
      component: () => import('@/views/plans/PlanView.vue'),
      props: (route) => ({ pairId: route.params.pairId, readonly: true }),
    });
    await router.push(`/my/plan/${pair.id}`);
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="task-mark-done"]').exists()).toBe(false),
    );
    expect(wrapper.findAll('[data-testid="plan-task"]')).toHaveLength(13);
    expect(wrapper.find('main').exists()).toBe(true);
    expect(wrapper.find('main form').exists()).toBe(false);
    expect(wrapper.find('main button').exists()).toBe(false);
  });
});
