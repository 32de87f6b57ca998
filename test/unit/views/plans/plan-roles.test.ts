// The plan by role: the pair's mentors write it; the mentee reads her plan and says «Я
// выполнил(а)» with a comment; the mentor then sees «Отмечено наставляемым» and confirms by
// marking the task done; staff read it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import type { Membership } from '@/api/auth';
import { appDataContext } from '@/data/context';
import { addTask, createPlan } from '@/data/repos/plans';
import { useSessionStore } from '@/stores/session';
import { aPairWithPeople } from '../../data/context';
import { mountApp } from '../mountApp';

let mounted: VueWrapper | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

async function aPlanWithTask() {
  const ctx = await appDataContext();
  const people = await aPairWithPeople(ctx);
  const plan = await createPlan(ctx, people.pair.id, {
    title: 'План Анны',
    menteeId: people.mentee.id,
  });
  const task = await addTask(ctx, plan.id, null, { title: 'Прочитать главу о дробях' });
  await ctx.db.outbox.clear(); // the plan reached the server
  return { ctx, ...people, plan, task };
}

async function openPlanAs(pairId: string, memberships: Membership[]) {
  const app = await mountApp('/');
  mounted = app.wrapper;
  useSessionStore(app.pinia).memberships = memberships;
  await app.router.push(`/pairs/${pairId}/plan`);
  await vi.waitFor(() => expect(app.wrapper.findAll('[data-testid="plan-task"]')).toHaveLength(1));
  return app.wrapper;
}

describe('the plan by role', () => {
  it('the curator reads it: no controls to create, edit or tick off', async () => {
    const { ctx, pair } = await aPlanWithTask();
    const wrapper = await openPlanAs(pair.id, [
      { school_id: ctx.schoolId, role: 'curator', participant_id: null },
    ]);
    expect(wrapper.find('[data-testid="plan-read-only"]').exists()).toBe(true);
    expect(wrapper.find('main form').exists()).toBe(false);
    expect(wrapper.find('main button').exists()).toBe(false);
  });

  it('the curator is not offered to create a missing plan on the pair page', async () => {
    const ctx = await appDataContext();
    const { pair } = await aPairWithPeople(ctx);
    const app = await mountApp('/');
    mounted = app.wrapper;
    useSessionStore(app.pinia).memberships = [
      { school_id: ctx.schoolId, role: 'curator', participant_id: null },
    ];
    await app.router.push(`/pairs/${pair.id}`);
    await vi.waitFor(() =>
      expect(app.wrapper.find('[data-testid="plan-summary"]').exists()).toBe(true),
    );
    expect(app.wrapper.find('[data-testid="open-plan"]').exists()).toBe(false);
  });

  it('the mentee marks a task «Я выполнил(а)» with a comment, and writes nothing else', async () => {
    const { ctx, pair, mentee, task } = await aPlanWithTask();
    const wrapper = await openPlanAs(pair.id, [
      { school_id: ctx.schoolId, role: 'mentee', participant_id: mentee.id },
    ]);
    expect(wrapper.find('[data-testid="task-mark-done"]').exists()).toBe(false);
    await wrapper.find('[data-testid="task-mentee-done"]').trigger('click');
    await wrapper.find('[data-testid="task-mentee-comment"]').setValue('Прочитала два раза');
    await wrapper.find('form.plan-task-mark').trigger('submit');

    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="task-mentee-marked"]').text()).toContain(
        'Вы отметили задачу — наставник подтвердит',
      ),
    );
    expect(await ctx.db.plan_tasks.get(task.id)).toMatchObject({
      status: 'todo',
      mentee_done_at: expect.any(String),
      mentee_comment: 'Прочитала два раза',
    });
    const entries = await ctx.db.outbox.toArray();
    expect(entries.map((e) => [e.table, Object.keys(e.fields).sort()])).toEqual([
      ['plan_tasks', ['mentee_comment', 'mentee_done_at']],
    ]);
  });

  it('keeps a too long comment with a translated error', async () => {
    const { ctx, pair, mentee } = await aPlanWithTask();
    const wrapper = await openPlanAs(pair.id, [
      { school_id: ctx.schoolId, role: 'mentee', participant_id: mentee.id },
    ]);
    await wrapper.find('[data-testid="task-mentee-done"]').trigger('click');
    const long = 'ю'.repeat(2001);
    await wrapper.find('[data-testid="task-mentee-comment"]').setValue(long);
    await wrapper.find('form.plan-task-mark').trigger('submit');
    await vi.waitFor(() =>
      expect(wrapper.text()).toContain('Слишком длинный текст: не больше 2000 символов'),
    );
    expect(
      wrapper.find<HTMLTextAreaElement>('[data-testid="task-mentee-comment"]').element.value,
    ).toBe(long);
    expect(await ctx.db.outbox.count()).toBe(0);
  });

  it('the mentor sees «Отмечено наставляемым» with the comment and confirms by marking it done', async () => {
    const { ctx, pair, mentor, task } = await aPlanWithTask();
    await ctx.db.plan_tasks.update(task.id, {
      mentee_done_at: '2026-11-24T15:00:00.000Z',
      mentee_comment: 'Прочитала два раза',
    });
    const wrapper = await openPlanAs(pair.id, [
      { school_id: ctx.schoolId, role: 'mentor', participant_id: mentor.id },
    ]);
    const marked = wrapper.get('[data-testid="task-mentee-marked"]').text();
    expect(marked).toContain('Отмечено наставляемым');
    expect(marked).toContain('«Прочитала два раза»');
    expect(wrapper.find('[data-testid="task-mentee-done"]').exists()).toBe(false);

    await wrapper.find('[data-testid="task-mark-done"]').trigger('click');
    await wrapper.find('[data-testid="task-confirm-done"]').trigger('click');
    await wrapper.find('form.plan-task__done').trigger('submit');
    await vi.waitFor(async () =>
      expect((await ctx.db.plan_tasks.get(task.id))?.status).toBe('done'),
    );
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="task-mentee-marked"]').exists()).toBe(false),
    );
  });
});
