// The curator's set-up in device-only mode, on a phone: both bases, consents, a pair, and
// its approval by order — with no server at all.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PHONE, collectErrors, launchChromium, newContext } from './support/browser';
import { expectPhoneFriendly } from './support/phone';

const baseUrl = inject('baseUrl');
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function addParticipant(page: Page, fill: (page: Page) => Promise<void>): Promise<void> {
  await page.getByRole('link', { name: 'Добавить участника' }).first().click();
  await page.getByRole('heading', { name: 'Новый участник' }).waitFor();
  await fill(page);
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await page.waitForURL(new RegExp(`/people/${UUID}$`));
}

describe('the curator sets up a pair on a phone (360×640)', () => {
  it('adds a mentor and a minor mentee, records consents, creates and approves a pair', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${baseUrl}/people`);
    await page.getByRole('heading', { name: 'В базах пока никого нет' }).waitFor();
    await expectPhoneFriendly(page, 'setup-people-empty');

    // The mentor: a teacher who signs the consent himself.
    await addParticipant(page, async (p) => {
      await p.getByLabel('ФИО', { exact: true }).fill('Петров Сергей Иванович');
      await p.getByLabel('Кто это').selectOption('teacher');
      await p.getByLabel('Предмет').fill('Физика');
      await p.getByLabel('База наставников').check();
      await expectPhoneFriendly(p, 'setup-participant-form');
    });
    await page.getByRole('heading', { name: 'Петров Сергей Иванович' }).waitFor();
    await expect(page.getByRole('radio', { name: 'Сам участник' }).isChecked()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Записать согласие' }).click();
    await page.getByTestId('consent-item').waitFor();
    await page.getByTestId('participant-details').getByText('Согласие действует').waitFor();

    // The mentee: a minor student whose mother signs.
    await page.getByRole('link', { name: 'Все люди' }).click();
    await addParticipant(page, async (p) => {
      await p.getByLabel('ФИО', { exact: true }).fill('Смирнова Анна');
      await p.getByLabel('Класс').fill('6Б');
      await expect(p.getByRole('checkbox', { name: /Младше 18 лет/ }).isChecked()).resolves.toBe(
        true,
      );
      await p.getByLabel('База наставляемых').check();
    });
    await page.getByRole('heading', { name: 'Смирнова Анна' }).waitFor();
    await expect(page.getByRole('radio', { name: 'Сам участник' }).count()).resolves.toBe(0);
    await page.getByLabel('ФИО представителя').fill('Смирнова Елена Викторовна');
    await page.getByLabel('Кем приходится').selectOption('мать');
    await expectPhoneFriendly(page, 'setup-participant-page');
    await page.getByRole('button', { name: 'Записать согласие' }).click();
    await page.getByTestId('consent-item').getByText('Смирнова Елена Викторовна, мать').waitFor();
    await page.getByTestId('participant-details').getByText('Согласие действует').waitFor();

    await page.getByRole('link', { name: 'Все люди' }).click();
    await expect(page.getByTestId('participant-item').count()).resolves.toBe(2);
    await expectPhoneFriendly(page, 'setup-people-list');

    // The pair, as a draft, then approved by the director's order.
    await page.goto(`${baseUrl}/pairs/new`);
    await page.getByTestId('pair-form').waitFor();
    await page.locator('label.chip', { hasText: 'учитель – ученик' }).click();
    await page.getByRole('checkbox', { name: /Петров Сергей Иванович/ }).check();
    await page.getByRole('checkbox', { name: /Смирнова Анна/ }).check();
    await expectPhoneFriendly(page, 'setup-pair-form');
    await page.getByRole('button', { name: 'Создать пару' }).click();
    await page.waitForURL(new RegExp(`/pairs/${UUID}(\\?.*)?$`));

    const approval = page.getByTestId('pair-approval');
    await approval.waitFor();
    await approval.getByLabel('Приказ №').fill('45-о');
    await expectPhoneFriendly(page, 'setup-pair-approval');
    await approval.getByRole('button', { name: 'Утвердить' }).click();
    await approval.waitFor({ state: 'detached' });
    expect(new URL(page.url()).pathname).toMatch(new RegExp(`^/pairs/${UUID}$`));
    expect(errors).toEqual([]);
    await context.close();
  });
});
