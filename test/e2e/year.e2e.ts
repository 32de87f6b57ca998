// The programme year on the curator's tablet (1024×768), in device-only mode: the school year
// starts in one step with the seeds' seven-stage roadmap, a task is marked done in place, the
// stage's progress follows and survives a reload; the page also fits a 360 px phone.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { PHONE, TABLET, collectErrors, launchChromium, newContext } from './support/browser';
import { expectPhoneFriendly } from './support/phone';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('the programme year on a tablet', () => {
  it('starts the school year, marks a task done and shows the stage’s progress', async () => {
    const context = await newContext(browser, TABLET);
    const page = await context.newPage();
    const errors = collectErrors(page);

    await page.goto(`${baseUrl}/`);
    await page.getByTestId('nav-year').click();
    await page.getByRole('heading', { name: 'Программа наставничества' }).waitFor();
    await page.getByTestId('year-start').waitFor();
    await expectPhoneFriendly(page, 'year-start-1024');
    await page.getByRole('button', { name: /^Начать учебный год \d{4}\/\d{4}$/ }).click();

    const stages = page.getByTestId('year-stage');
    await stages.nth(6).waitFor();
    await expect(stages.count()).resolves.toBe(7);
    const stage1 = page.locator('[data-testid="year-stage"][data-stage="1"]');
    await expect(stage1.getByRole('heading').first().textContent()).resolves.toBe(
      'Этап 1. Подготовка условий для запуска программы наставничества',
    );
    const total = await stage1.getByTestId('year-task').count();
    expect(total).toBeGreaterThan(0);
    await expect(stage1.getByTestId('year-stage-progress').textContent()).resolves.toContain(
      `Выполнено 0 из ${total}`,
    );

    // The first task of the stage, done in place.
    const first = stage1.getByTestId('year-task').first();
    await first.getByRole('combobox', { name: 'Статус' }).selectOption({ label: 'Выполнено' });
    await stage1.getByText(`Выполнено 1 из ${total}`).waitFor();
    await stage1.locator('[data-testid="year-task"][data-status="done"]').waitFor();
    const bar = stage1.getByRole('progressbar');
    expect(Number(await bar.getAttribute('aria-valuenow'))).toBe(Math.round(100 / total));
    await expectPhoneFriendly(page, 'year-roadmap-1024');

    await page.reload();
    await page
      .locator('[data-testid="year-stage"][data-stage="1"]')
      .getByText(`Выполнено 1 из ${total}`)
      .waitFor();

    // The same page on a phone: nothing wider than the screen, controls of 44 px.
    await page.setViewportSize(PHONE);
    await page.getByTestId('year-close').waitFor();
    await expectPhoneFriendly(page, 'year-roadmap-360');
    expect(errors).toEqual([]);
    await context.close();
  });
});
