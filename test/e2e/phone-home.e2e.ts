// The first screen on a 360×640 phone (device-only, as a school without a server runs it):
// the device-only notice is one line with «Подробнее»; «Добавить первого участника» is in view
// and opens the form itself; the pair form asks «Выберите форму наставничества».
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PHONE, collectErrors, launchChromium, newContext } from './support/browser';
import { expectPhoneFriendly } from './support/phone';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function addTeacher(page: Page, name: string, base: string): Promise<void> {
  await page.getByLabel('ФИО', { exact: true }).fill(name);
  await page.getByLabel('Кто это').selectOption('teacher');
  await page.getByLabel('Предмет').fill('Математика');
  await page.getByLabel(base).check();
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await page.getByRole('heading', { name }).waitFor();
}

describe('the first screen on a phone (360×640)', () => {
  it('leads straight to adding the first participant, under a one-line device-only notice', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${baseUrl}/`);

    const notice = page.getByTestId('device-only-banner');
    await notice.waitFor();
    const box = (await notice.boundingBox())!;
    expect(box.height).toBeLessThan(80);
    await expect(notice.locator('summary').innerText()).resolves.toContain('Подробнее');
    await notice.locator('summary').click();
    await notice.getByText('администратор подключает сервер').waitFor();
    await notice.locator('summary').click();

    const add = page.getByTestId('home-add-first');
    await add.waitFor();
    await expect(add.innerText()).resolves.toBe('Добавить первого участника');
    // In view on the first screen, above the bottom navigation.
    const button = (await add.boundingBox())!;
    const nav = (await page.locator('.app-shell__nav').boundingBox())!;
    expect(button.y + button.height).toBeLessThanOrEqual(nav.y);
    await expectPhoneFriendly(page, 'phone-home-first');

    await add.click();
    await page.waitForURL(/\/people\/new$/);
    await page.getByRole('heading', { name: 'Новый участник' }).waitFor();
    await addTeacher(page, 'Орлова Ирина Петровна', 'База наставников');
    await page.goto(`${baseUrl}/people/new`);
    await addTeacher(page, 'Кузнецов Артём Олегович', 'База наставляемых');

    // The pair form, its form of mentoring not chosen: the message says what to do.
    await page.goto(`${baseUrl}/pairs/new`);
    await page.getByTestId('pair-form').waitFor();
    await page.getByRole('button', { name: 'Создать пару' }).click();
    await expect(page.getByTestId('error-form').innerText()).resolves.toBe(
      'Выберите форму наставничества',
    );
    await expectPhoneFriendly(page, 'phone-pair-form-choose');
    expect(errors).toEqual([]);
    await context.close();
  });
});
