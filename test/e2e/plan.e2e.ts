// The development plan (ИПР) of a «учитель – учитель» pair on a phone, in device-only mode:
// the pair is set up through the UI, the plan is created from the programme's 13 steps, a
// task is marked done, and the progress survives a reload.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PHONE, collectErrors, launchChromium, newContext } from './support/browser';
import { ARTIFACTS, expectPhoneFriendly } from './support/phone';

const baseUrl = inject('baseUrl');
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** Adds a teacher to one base and records the consent he signs himself. */
async function addTeacher(page: Page, name: string, base: string): Promise<void> {
  await page.goto(`${baseUrl}/people/new`);
  await page.getByRole('heading', { name: 'Новый участник' }).waitFor();
  await page.getByLabel('ФИО', { exact: true }).fill(name);
  await page.getByLabel('Кто это').selectOption('teacher');
  await page.getByLabel('Предмет').fill('Математика');
  await page.getByLabel(base).check();
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await page.waitForURL(new RegExp(`/people/${UUID}$`));
  await page.getByRole('heading', { name }).waitFor();
  await page.getByRole('button', { name: 'Записать согласие' }).click();
  await page.getByTestId('participant-details').getByText('Согласие действует').waitFor();
}

describe('the development plan on a phone (360×640)', () => {
  it('creates the «учитель – учитель» plan, marks a task done, and keeps it after a reload', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    const errors = collectErrors(page);

    await addTeacher(page, 'Орлова Ирина Петровна', 'База наставников');
    await addTeacher(page, 'Кузнецов Артём Олегович', 'База наставляемых');

    await page.goto(`${baseUrl}/pairs/new`);
    await page.getByTestId('pair-form').waitFor();
    await page.locator('label.chip', { hasText: 'учитель – учитель' }).click();
    await page.getByRole('checkbox', { name: /Орлова Ирина Петровна/ }).check();
    await page.getByRole('checkbox', { name: /Кузнецов Артём Олегович/ }).check();
    await page.getByRole('button', { name: 'Создать пару' }).click();
    await page.waitForURL(new RegExp(`/pairs/${UUID}(\\?.*)?$`));

    // The pair page offers the plan; the plan page preselects the form's template.
    await page.getByTestId('plan-summary').waitFor();
    await page.getByRole('link', { name: 'Составить план' }).click();
    await page.waitForURL(new RegExp(`/pairs/${UUID}/plan$`));
    await page.getByTestId('plan-create').waitFor();
    await expect(
      page.getByRole('radio', { name: 'учитель – учитель: 13 шагов программы' }).isChecked(),
    ).resolves.toBe(true);
    await expectPhoneFriendly(page, 'plan-create');
    await page.getByRole('button', { name: 'Создать план' }).click();
    await page.getByTestId('plan-progress').waitFor();
    await expect(page.getByTestId('plan-task').count()).resolves.toBe(13);
    await expect(page.getByTestId('plan-progress-text').textContent()).resolves.toMatch(
      /Выполнено 0\s%: 0 из 13/,
    );

    // The first step done, with a result.
    const first = page.getByTestId('plan-task').first();
    await first.getByRole('button', { name: 'Выполнено' }).click();
    await first.getByLabel('Результат').fill('Провели анкетирование и собеседование');
    await first.getByRole('button', { name: 'Отметить выполненной' }).click();
    await first.getByTestId('task-status').getByText('Выполнена').waitFor();
    await expectPhoneFriendly(page, 'plan-plan');
    await page.screenshot({ path: `${ARTIFACTS}/plan-plan-top.png` });

    await page.reload();
    await page.getByTestId('plan-progress').waitFor();
    await expect(page.getByTestId('plan-progress-text').textContent()).resolves.toMatch(
      /Выполнено 8\s%: 1 из 13/,
    );
    await expect(
      page.getByTestId('plan-task').first().getByTestId('task-result-text').textContent(),
    ).resolves.toContain('Провели анкетирование и собеседование');

    // Back on the pair page, the summary shows the same progress and the next step.
    await page.getByRole('link', { name: 'К паре' }).click();
    await page.waitForURL(new RegExp(`/pairs/${UUID}(\\?.*)?$`));
    const summary = page.getByTestId('plan-summary');
    await summary.getByText(/Выполнено 8\s%: 1 из 13/).waitFor();
    await expect(summary.getByTestId('plan-next-task').textContent()).resolves.toContain(
      'Изучение нормативно-правовой базы',
    );
    await expectPhoneFriendly(page, 'plan-pair');
    expect(errors).toEqual([]);
    await context.close();
  });
});
