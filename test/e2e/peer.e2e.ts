// Peer mentoring on a phone in device-only mode: a student mentor gets wording for teenagers,
// logs a meeting in three taps from home, keeps a half-typed note when the tab dies, is
// reminded of three weeks of silence and, with notifications allowed, notified once.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PHONE, collectErrors, launchChromium, waitForServiceWorker } from './support/browser';
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

/**
 * A time zone where it is now around noon: reminders are never notified 21:00–08:00 local
 * time, and the test must not depend on when CI runs. Etc/GMT-N is UTC+N.
 */
function noonTimeZone(): string {
  const offset = 12 - new Date().getUTCHours(); // -11 … +12
  return offset === 0 ? 'Etc/UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

/** A minor student in one base, with the consent their mother signs. */
async function addStudent(page: Page, name: string, classLabel: string, base: string) {
  await page.goto(`${baseUrl}/people/new`);
  await page.getByLabel('ФИО', { exact: true }).fill(name);
  await page.getByLabel('Класс').fill(classLabel);
  await page.getByLabel(base).check();
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await page.waitForURL(new RegExp(`/people/${UUID}$`));
  await page.getByLabel('ФИО представителя').fill('Родитель Ученика');
  await page.getByLabel('Кем приходится').selectOption('мать');
  await page.getByRole('button', { name: 'Записать согласие' }).click();
  await page.getByTestId('participant-details').getByText('Согласие действует').waitFor();
}

describe('a student mentor of a «ученик – ученик» pair (360×640)', () => {
  it('logs a session in teen wording, is reminded of three weeks of silence, and gets one notification', async () => {
    const context = await browser.newContext({
      viewport: PHONE,
      locale: 'ru-RU',
      serviceWorkers: 'allow',
      timezoneId: noonTimeZone(),
    });
    await context.grantPermissions(['notifications'], { origin: baseUrl });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${baseUrl}/`);
    await waitForServiceWorker(page);

    await addStudent(page, 'Кузнецов Артём', '10А', 'База наставников');
    await addStudent(page, 'Орлов Миша', '6Б', 'База наставляемых');
    await page.goto(`${baseUrl}/pairs/new`);
    await page.locator('label.chip', { hasText: 'ученик – ученик' }).click();
    await page.getByRole('checkbox', { name: /Кузнецов Артём/ }).check();
    await page.getByRole('checkbox', { name: /Орлов Миша/ }).check();
    await page.getByRole('button', { name: 'Создать пару' }).click();
    await page.waitForURL(new RegExp(`/pairs/${UUID}(\\?.*)?$`));
    const approval = page.getByTestId('pair-approval');
    await approval.getByLabel('Приказ №').fill('12-о');
    await approval.getByRole('button', { name: 'Утвердить' }).click();
    await approval.waitFor({ state: 'detached' });

    // The session form speaks to a teenager.
    await page.getByTestId('log-meeting').click();
    await page.getByRole('heading', { name: 'Встреча с подопечным' }).waitFor();
    await expect(page.getByLabel('Когда?').count()).resolves.toBe(1);
    await expectPhoneFriendly(page, 'peer-meeting-form');
    // Three weeks ago on the phone's own calendar.
    const threeWeeksAgo = await page.evaluate(() => {
      const date = new Date();
      date.setDate(date.getDate() - 21);
      const pad = (n: number) => String(n).padStart(2, '0');
      return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
    });
    await page.getByTestId('meeting-date').fill(threeWeeksAgo);
    await page.getByTestId('save-meeting').click();
    await page.waitForURL(new RegExp(`/pairs/${UUID}(\\?.*)?$`));

    // Three weeks without a meeting: the home screen says so, with the way to act.
    await page.goto(`${baseUrl}/`);
    const reminder = page.getByText('Нет встреч уже 21 дн.');
    await reminder.waitFor();
    await expectPhoneFriendly(page, 'peer-home-reminder');

    // Notifications on: the phone shows the reminder once, and not again on the next check.
    await page.goto(`${baseUrl}/settings`);
    await page.getByTestId('notifications-switch').check();
    await page.getByTestId('notifications-state').getByText('Включены').waitFor();
    const shown = async () =>
      page.evaluate(async () => {
        const registration = await navigator.serviceWorker.ready;
        return (await registration.getNotifications()).map((n) => `${n.title} ${n.body}`);
      });
    await expect.poll(shown, { timeout: 10_000 }).toHaveLength(1);
    expect((await shown())[0]).toContain('21');
    await page.reload();
    await page.getByTestId('notifications-switch').waitFor();
    await page.waitForTimeout(1500);
    expect(await shown()).toHaveLength(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('logs a meeting in three taps from the home screen; a half-typed note survives the tab being killed', async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: 'ru-RU' });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${baseUrl}/`);
    await addStudent(page, 'Кузнецов Артём', '10А', 'База наставников');
    await addStudent(page, 'Орлов Миша', '6Б', 'База наставляемых');
    await page.goto(`${baseUrl}/pairs/new`);
    await page.locator('label.chip', { hasText: 'ученик – ученик' }).click();
    await page.getByRole('checkbox', { name: /Кузнецов Артём/ }).check();
    await page.getByRole('checkbox', { name: /Орлов Миша/ }).check();
    await page.getByRole('button', { name: 'Создать пару' }).click();
    await page.waitForURL(new RegExp(`/pairs/${UUID}(\\?.*)?$`));

    // Tap 1: home. Tap 2: the pair card's "log a meeting". Tap 3: save. Everything defaulted.
    await page.getByRole('link', { name: 'Главная' }).first().click();
    await page.getByTestId('pair-card').getByTestId('log-meeting').click();
    await page.getByTestId('save-meeting').click();
    await page.waitForURL(new RegExp(`/pairs/${UUID}(\\?.*)?$`));
    const logged = page.getByTestId('meeting-item');
    // The pair page reads the device's database after the navigation: wait for the list.
    await logged.first().waitFor();
    await expect(logged.count()).resolves.toBe(1);
    await expect(logged.first().innerText()).resolves.toContain('Организационная');

    // A half-typed note, then the tab dies without saving: the draft is there when it comes back.
    await page.getByTestId('log-meeting').click();
    await page.getByText('Ещё (по желанию)').click();
    await page.getByLabel('Что получилось?').fill('Разобрали дроби, Миша');
    const formUrl = page.url();
    await page.waitForTimeout(800);
    await page.close({ runBeforeUnload: false });
    const again = await context.newPage();
    const errorsAgain = collectErrors(again);
    await again.goto(formUrl);
    await again.getByTestId('draft-restored').waitFor();
    await expect(again.getByLabel('Что получилось?').inputValue()).resolves.toBe(
      'Разобрали дроби, Миша',
    );
    expect([...errors, ...errorsAgain]).toEqual([]);
    await context.close();
  });
});
