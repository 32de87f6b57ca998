// The year's page in the whole app (real router and guard, i18n, a real device database):
// start the school year, follow the roadmap (status in place, edits, a new task), close the
// year with a confirmation that says what moves; and on a pair's page, when the exit
// questionnaire opens — by the calendar, or at once at the year's final stage.
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appDataContext } from '@/data/context';
import { approvePair } from '@/data/repos/pairs';
import { setCurrentStage, startProgrammeYear, updateProgrammeDates } from '@/data/repos/programmes';
import { addDays, localIsoDate } from '@/domain/dates';
import { academicYearOf, nextAcademicYear } from '@/domain/programmeYear';
import { SEED_ROADMAP } from '@/domain/roadmap';
import { aPairWithPeople } from './data/context';
import { mountApp } from './views/mountApp';

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

const LONG = { timeout: 15_000 };
const today = localIsoDate(new Date());
const stage = (w: VueWrapper, n: number) => w.get(`[data-testid="year-stage"][data-stage="${n}"]`);

describe('the programme year page', () => {
  it('starts the school year in one step, with the seven stages and their tasks', async () => {
    const { wrapper } = await open('/year');
    const year = academicYearOf(today);
    await vi.waitFor(
      () => expect(wrapper.find('[data-testid="year-start"]').exists()).toBe(true),
      LONG,
    );
    expect(wrapper.get('h1').text()).toBe('Программа наставничества');
    const action = wrapper.get('[data-testid="year-start-action"]');
    expect(action.text()).toBe(`Начать учебный год ${year}`);
    expect(action.attributes('data-action')).toBe('manageProgrammeYear');
    await action.trigger('click');
    await vi.waitFor(
      () => expect(wrapper.findAll('[data-testid="year-stage"]')).toHaveLength(7),
      LONG,
    );
    expect(wrapper.get('[data-testid="year-summary"]').text()).toContain(`${year} учебный год`);
    expect(stage(wrapper, 1).text()).toContain(
      'Этап 1. Подготовка условий для запуска программы наставничества',
    );
    expect(stage(wrapper, 7).text()).toContain('Этап 7. Завершение наставничества');
    expect(wrapper.findAll('[data-testid="year-task"]')).toHaveLength(SEED_ROADMAP.length);
    expect(stage(wrapper, 1).find('[data-testid="year-stage-current"]').exists()).toBe(true);
    const first = SEED_ROADMAP.filter((t) => t.stage === 1).length;
    expect(stage(wrapper, 1).get('[data-testid="year-stage-progress"]').text()).toContain(
      `Выполнено 0 из ${first}`,
    );
  }, 45_000);

  it('marks a task done in place and the stage’s progress follows', async () => {
    const ctx = await appDataContext();
    await startProgrammeYear(ctx, { academicYear: academicYearOf(today) });
    const { wrapper } = await open('/year');
    await vi.waitFor(
      () => expect(wrapper.findAll('[data-testid="year-task"]').length).toBeGreaterThan(0),
      LONG,
    );
    const task = stage(wrapper, 2).get('[data-testid="year-task"]');
    await task.get('[data-testid="year-task-status"]').setValue('done');
    await vi.waitFor(() =>
      expect(stage(wrapper, 2).get('[data-testid="year-stage-progress"]').text()).toContain(
        `Выполнено 1 из ${SEED_ROADMAP.filter((t) => t.stage === 2).length}`,
      ),
    );
    const done = stage(wrapper, 2).get('[data-testid="year-task"][data-status="done"]');
    expect(done.text()).toContain('Выполнено');
    const bar = stage(wrapper, 2).get('[role="progressbar"]');
    expect(Number(bar.attributes('aria-valuenow'))).toBeGreaterThan(0);
  }, 45_000);

  it('edits a task inline, keeping what was typed when it is refused', async () => {
    const ctx = await appDataContext();
    await startProgrammeYear(ctx, { academicYear: academicYearOf(today) });
    const { wrapper } = await open('/year');
    await vi.waitFor(
      () => expect(wrapper.findAll('[data-testid="year-task"]').length).toBeGreaterThan(0),
      LONG,
    );
    const first = () => stage(wrapper, 3).get('[data-testid="year-task"]');
    await first().get('[data-testid="year-task-edit"]').trigger('click');
    await first().get('[data-testid="year-task-title"]').setValue('  ');
    await first().get('[data-testid="year-task-responsible"]').setValue('Педагог-психолог');
    await first().get('[data-testid="year-task-form"]').trigger('submit');
    await flushPromises();
    expect(first().text()).toContain('Заполните это поле');
    expect(
      (first().get('[data-testid="year-task-responsible"]').element as HTMLInputElement).value,
    ).toBe('Педагог-психолог');
    await first().get('[data-testid="year-task-title"]').setValue('Выбор форм наставничества');
    await first().get('[data-testid="year-task-note"]').setValue('https://school.example/forms');
    await first().get('[data-testid="year-task-form"]').trigger('submit');
    await vi.waitFor(() =>
      expect(first().find('[data-testid="year-task-form"]').exists()).toBe(false),
    );
    expect(first().text()).toContain('Выбор форм наставничества');
    expect(first().text()).toContain('Педагог-психолог');
    expect(first().get('a').attributes('href')).toBe('https://school.example/forms');
  }, 45_000);

  it('adds a task to a stage and deletes it after a confirmation', async () => {
    const ctx = await appDataContext();
    await startProgrammeYear(ctx, { academicYear: academicYearOf(today) });
    const { wrapper } = await open('/year');
    await vi.waitFor(
      () => expect(wrapper.findAll('[data-testid="year-task"]').length).toBeGreaterThan(0),
      LONG,
    );
    const count = () => stage(wrapper, 4).findAll('[data-testid="year-task"]').length;
    const before = count();
    await stage(wrapper, 4).get('[data-testid="year-task-add"]').trigger('click');
    await stage(wrapper, 4)
      .get('[data-testid="year-task-title"]')
      .setValue('Курсы 36 ч для наставников');
    await stage(wrapper, 4).get('[data-testid="year-task-form"]').trigger('submit');
    await vi.waitFor(() => expect(count()).toBe(before + 1));
    const added = stage(wrapper, 4).findAll('[data-testid="year-task"]').at(-1)!;
    expect(added.text()).toContain('Курсы 36 ч для наставников');
    await added.get('[data-testid="year-task-delete"]').trigger('click');
    await stage(wrapper, 4).get('[data-testid="year-task-delete-confirm"]').trigger('click');
    await vi.waitFor(() => expect(count()).toBe(before));
  }, 45_000);

  it('marks overdue tasks and counts them', async () => {
    const ctx = await appDataContext();
    const { programme } = await startProgrammeYear(ctx, {
      academicYear: nextAcademicYear(academicYearOf(today)),
    });
    const [task] = await ctx.db.roadmap_tasks.where('programme_id').equals(programme.id).toArray();
    await ctx.db.roadmap_tasks.update(task!.id, { due_on: addDays(today, -1) });
    const { wrapper } = await open('/year');
    await vi.waitFor(
      () => expect(wrapper.find('[data-testid="year-overdue"]').exists()).toBe(true),
      LONG,
    );
    expect(wrapper.get('[data-testid="year-overdue"]').text()).toBe(
      'Просрочено задач дорожной карты: 1',
    );
    const late = wrapper.findAll('[data-testid="year-task"][data-overdue="true"]');
    expect(late).toHaveLength(1);
    expect(late[0]!.text()).toContain('Просрочено');
  }, 45_000);

  it('closes the year after saying what happens, moving the unfinished pairs', async () => {
    const ctx = await appDataContext();
    const year = academicYearOf(today);
    const { programme } = await startProgrammeYear(ctx, { academicYear: year });
    const { pair } = await aPairWithPeople(ctx);
    await ctx.db.pairs.update(pair.id, { programme_id: programme.id });
    const { wrapper } = await open('/year');
    await vi.waitFor(
      () => expect(wrapper.find('[data-testid="year-close"]').exists()).toBe(true),
      LONG,
    );
    const close = wrapper.get('[data-testid="year-close"]');
    expect(close.text()).toContain('Базы наставников и наставляемых общие для школы');
    await close.get('[data-testid="year-close-action"]').trigger('click');
    const next = nextAcademicYear(year);
    expect(wrapper.get('[data-testid="year-close"]').text()).toContain(
      `Закрыть ${year} учебный год? Начнётся ${next} учебный год с новой дорожной картой. Незавершённые пары (1) перейдут в него`,
    );
    await wrapper.get('[data-testid="year-close-confirm"]').trigger('click');
    await vi.waitFor(
      () =>
        expect(wrapper.get('[data-testid="year-closed"]').text()).toBe(
          `${year} учебный год закрыт. Пар перешло в ${next} учебный год: 1.`,
        ),
      LONG,
    );
    await vi.waitFor(() =>
      expect(wrapper.get('[data-testid="year-summary"]').text()).toContain(`${next} учебный год`),
    );
    expect((await ctx.db.pairs.get(pair.id))!.programme_id).not.toBe(programme.id);
  }, 45_000);
});

describe('a pair’s exit questionnaire', () => {
  it('says when it opens, and opens at once when the year reaches its final stage', async () => {
    const ctx = await appDataContext();
    const { programme } = await startProgrammeYear(ctx, { academicYear: academicYearOf(today) });
    await updateProgrammeDates(ctx, programme.id, {
      starts_on: addDays(today, -60),
      ends_on: addDays(today, 120),
    });
    const { pair } = await aPairWithPeople(ctx);
    await ctx.db.pairs.update(pair.id, { programme_id: programme.id });
    await approvePair(
      ctx,
      pair.id,
      { order_number: '45-о', order_date: addDays(today, -30) },
      today,
    );
    const { wrapper } = await open(`/pairs/${pair.id}`);
    const exits = () => wrapper.findAll('[data-testid="pair-questionnaire"][data-kind="exit"]');
    await vi.waitFor(() => expect(exits()).toHaveLength(2), LONG);
    const opensOn = new Intl.DateTimeFormat('ru', {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
    }).format(new Date(`${addDays(today, 90)}T00:00:00`));
    expect(exits()[0]!.get('[data-testid="questionnaire-opens"]').text()).toBe(
      `Итоговая анкета откроется ${opensOn}`,
    );
    expect(exits()[0]!.find('[data-testid="questionnaire-fill"]').exists()).toBe(false);

    await setCurrentStage(ctx, programme.id, 7);
    await vi.waitFor(() =>
      expect(exits()[0]!.find('[data-testid="questionnaire-fill"]').exists()).toBe(true),
    );
    expect(exits()[0]!.find('[data-testid="questionnaire-opens"]').exists()).toBe(false);
  }, 45_000);
});
