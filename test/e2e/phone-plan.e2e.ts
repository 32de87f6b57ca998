// Plans and next steps that stay true, on a 360×640 phone against the real database: a plan
// created late counts its due dates from today; the 13-step plan folds to fit a phone and
// keeps the user where she was after an edit; an ended pair offers no «Записать встречу» or
// «Составить план»; reminders of a past school year do not appear.
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addDays } from '@/domain/dates';
import { schoolYearStart } from '@/domain/reminders';
import { anonymousUser, insertAuthUserSql } from '../factories/actors';
import { GOAL_P1, PAIRS, PLAN_P1, SCHOOL_A, USERS } from '../factories/seed-ids';
import { waitForServiceWorker } from './support/browser';
import { expectPhoneFriendly, useSignedInPhones, waitForBadge } from './support/phone';

const syncBaseUrl = inject('syncBaseUrl');
const ARTEM_USER = 'a3000000-0000-4000-8000-0000000e2e41';
const KRAVTSOVA = { id: USERS.mentor, email: 'kravtsova@luzino1.example' };
const P2_PLAN = 'ab000000-0000-4000-8000-000000000002';

const { backend, phoneOf } = useSignedInPhones();

/**
 * The first visit's «ready to work offline» notice sits over the bottom of the screen for a few
 * seconds: a user waits or taps «Позже»; so does the test.
 */
async function dismissOfflineNotice(page: Page): Promise<void> {
  await waitForServiceWorker(page);
  const notice = page.getByTestId('update-prompt');
  await notice.waitFor({ timeout: 3000 }).catch(() => undefined);
  if (await notice.isVisible()) await notice.getByRole('button').last().click();
}

const isoDay = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** Артём (student mentor of P2 and of P6, ended early) redeems his invite. */
async function artemSignsUp(): Promise<{ id: string; email: string }> {
  await backend().db.exec(insertAuthUserSql(ARTEM_USER, { anonymous: true }));
  const result = await backend().db.asUser(anonymousUser(ARTEM_USER), async (sql) => {
    const { rows } = await sql.query<{ r: { ok: boolean } }>(
      'select public.redeem_invite($1) as r',
      ['ARTM-4W8P'],
    );
    return rows[0]!.r;
  });
  expect(result).toMatchObject({ ok: true });
  return { id: ARTEM_USER, email: 'artem@luzino1.example' };
}

describe('plans on a phone (360×640)', () => {
  it('a plan created late counts from today; an ended pair is offered no plan and no meeting', async () => {
    // P2 (working since 6 October) has no plan yet.
    await backend().db.exec(`
      delete from public.plan_tasks where plan_id = '${P2_PLAN}';
      delete from public.plan_goals where plan_id = '${P2_PLAN}';
      delete from public.development_plans where id = '${P2_PLAN}';`);
    const artem = await artemSignsUp();
    const { page, errors } = await phoneOf(artem);
    await page.goto(`${syncBaseUrl}/pairs/${PAIRS.p2PeerActive}`);
    await waitForBadge(page, 'synced');
    await page.getByTestId('open-plan').click();
    await page.getByTestId('plan-create').waitFor();
    const late = page.getByTestId('plan-late');
    await late.getByText('Считать сроки от сегодняшнего дня').waitFor();
    await expect(page.getByTestId('plan-from-today').isChecked()).resolves.toBe(true);
    await expectPhoneFriendly(page, 'phone-plan-late');
    await page.getByTestId('plan-create-submit').click();
    await page.getByTestId('plan-progress').getByText('Просроченных задач нет').waitFor();
    await waitForBadge(page, 'synced');
    const { rows } = await backend().db.query<{ first: string }>(
      `select min(t.due_on)::text as first from public.plan_tasks t
         join public.development_plans p on p.id = t.plan_id
        where p.pair_id = $1 and t.deleted_at is null`,
      [PAIRS.p2PeerActive],
    );
    expect(rows[0]!.first >= isoDay(new Date())).toBe(true);

    // P6 ended early: nothing to log, no plan to write.
    await page.goto(`${syncBaseUrl}/pairs/${PAIRS.p6EndedEarly}`);
    await page.getByTestId('pair-ended').waitFor();
    await page.getByTestId('plan-summary').waitFor();
    const main = await page.locator('main').innerText();
    expect(main).not.toContain('Записать встречу');
    expect(main).not.toContain('Составить план');
    await expect(page.getByTestId('log-meeting').count()).resolves.toBe(0);
    expect(backend().problems).toEqual([]);
    expect(errors).toEqual([]);
  }, 150_000);

  it('the 13-step plan fits a phone folded, and an edit keeps the user where she was', async () => {
    // Two overdue tasks of P1: one from last school year, one from this one (yesterday).
    const today = isoDay(new Date());
    const lastYear = addDays(schoolYearStart(today), -100);
    const thisYear = addDays(today, -1);
    await backend().db.exec(`
      insert into public.plan_tasks (id, school_id, pair_id, plan_id, goal_id, title, due_on, status, position)
      values
        ('ad000000-0000-4000-8000-0000000e2e01', '${SCHOOL_A}', '${PAIRS.p1TeacherActive}', '${PLAN_P1}', '${GOAL_P1}', 'Прошлогодний отчёт', '${lastYear}', 'todo', 90),
        ('ad000000-0000-4000-8000-0000000e2e02', '${SCHOOL_A}', '${PAIRS.p1TeacherActive}', '${PLAN_P1}', '${GOAL_P1}', 'Ноябрьский открытый урок', '${thisYear}', 'todo', 91);`);
    const { page, errors } = await phoneOf(KRAVTSOVA);
    await page.goto(`${syncBaseUrl}/`);
    await waitForBadge(page, 'synced');
    await dismissOfflineNotice(page);
    // Home: this school year's overdue task is a reminder; last year's is not.
    await page.getByText('Просрочена задача плана «Ноябрьский открытый урок»').waitFor();
    await expect(page.locator('main').innerText()).resolves.not.toContain('Прошлогодний отчёт');
    // The completed pair P5 has no «Записать встречу» on its card.
    const p5 = page.getByTestId('pair-card').filter({ hasText: 'Сидоренко' });
    if ((await p5.count()) > 0)
      await expect(p5.getByTestId('log-meeting').count()).resolves.toBe(0);

    await page.goto(`${syncBaseUrl}/pairs/${PAIRS.p1TeacherActive}/plan`);
    await page.getByTestId('plan-goal').first().waitFor();
    const goals = await page.getByTestId('plan-goal').count();
    const open = await page.locator('[data-testid="plan-goal"] > details[open]').count();
    expect(open).toBe(1);
    expect(goals).toBeGreaterThan(1);
    // Folded, the plan is a fraction of its unfolded length and well under six screens.
    const screens = () =>
      page.evaluate(() => document.documentElement.scrollHeight / window.innerHeight);
    const folded = await screens();
    await page.evaluate(() =>
      document.querySelectorAll('[data-testid="plan-goal"] > details').forEach((d) => {
        (d as HTMLDetailsElement).open = true;
      }),
    );
    const unfolded = await screens();
    await page.reload();
    await page.getByTestId('plan-goal').first().waitFor();
    expect(folded).toBeLessThan(6);
    expect(folded).toBeLessThan(unfolded * 0.6);
    await expectPhoneFriendly(page, 'phone-plan-folded');

    // Down in the open goal, a task marked done: the page stays where it was.
    const openGoal = page.locator('[data-testid="plan-goal"]:has(> details[open])');
    const title = await openGoal
      .getByTestId('plan-task')
      .filter({ has: page.getByTestId('task-mark-done') })
      .last()
      .locator('.plan-task__title')
      .innerText();
    const task = openGoal.getByTestId('plan-task').filter({ hasText: title });
    await task.scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, 40));
    const before = await page.evaluate(() => window.scrollY);
    expect(before).toBeGreaterThan(0);
    await task.getByTestId('task-mark-done').click();
    await task.getByRole('button', { name: 'Отметить выполненной' }).click();
    await task.getByTestId('task-status').getByText('Выполнена').waitFor();
    await waitForBadge(page, 'synced');
    const after = await page.evaluate(() => window.scrollY);
    expect(Math.abs(after - before)).toBeLessThan(200);
    await expect(openGoal.count()).resolves.toBe(1);

    // The completed pair P5: no «Записать встречу», no «Составить план».
    await page.goto(`${syncBaseUrl}/pairs/${PAIRS.p5Completed}`);
    await page.getByTestId('pair-ended').waitFor();
    await page.getByTestId('plan-summary').waitFor();
    const main = await page.locator('main').innerText();
    expect(main).not.toContain('Записать встречу');
    expect(main).not.toContain('Составить план');
    expect(backend().problems).toEqual([]);
    expect(errors).toEqual([]);
  }, 150_000);
});
