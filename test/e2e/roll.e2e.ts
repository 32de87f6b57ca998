// The school roll and the class invite sheet on the curator's tablet (1024×768) in Chromium,
// against the real database (support/backend.ts): the school's .xlsx is previewed (columns,
// counts, refused rows), imported, synced to the server, and undone; then a class's invite
// sheet is issued by the server and printed (print CSS: no header, no navigation).
import { resolve } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { anonymousUser, insertAuthUserSql } from '../factories/actors';
import { SCHOOL_A, USERS } from '../factories/seed-ids';
import { TABLET } from './support/browser';
import { expectPhoneFriendly, useSignedInPhones, waitForBadge } from './support/phone';

const syncBaseUrl = inject('syncBaseUrl');
const CURATOR = { id: USERS.curator, email: 'nesterenko@luzino1.example' };
const ROLL = resolve(__dirname, '../fixtures/roll-students.xlsx');
const IMPORTED = [
  'Orlov Ivan',
  'Абрамова Алёна Сергеевна',
  'Иванова Мария Петровна',
  'Ким Виктория',
  'Семёнов Артём Игоревич',
];

const { backend, phoneOf } = useSignedInPhones();

async function serverPeople(names: string[]) {
  const { rows } = await backend().db.query<{ id: string; full_name: string; live: boolean }>(
    `select id, full_name, deleted_at is null as live from public.participants
      where school_id = $1 and full_name = any($2) order by full_name`,
    [SCHOOL_A, names],
  );
  return rows;
}

async function serverLive(ids: string[]) {
  const { rows } = await backend().db.query<{ live: boolean }>(
    `select deleted_at is null as live from public.participants where id = any($1)`,
    [ids],
  );
  return rows.map((row) => row.live);
}

/**
 * Opens a page inside the running app, as a link does: a page load of a staff-only route
 * meets the route guard before the saved session's roles are known, and is sent home.
 */
async function openInApp(page: Page, path: string) {
  await page.evaluate((to) => {
    history.pushState({}, '', to);
    dispatchEvent(new PopStateEvent('popstate'));
  }, path);
}

describe('the school roll on the curator’s tablet', () => {
  it('previews the school’s file, imports it, syncs it and undoes it', async () => {
    const { page, errors } = await phoneOf(CURATOR, TABLET);
    await page.goto(`${syncBaseUrl}/people/import`);
    await waitForBadge(page, 'synced');
    await page.getByTestId('roll-file').setInputFiles(ROLL);

    await page.getByTestId('roll-counts').waitFor();
    await expect(page.getByTestId('roll-count-create').innerText()).resolves.toBe('Новых: 5');
    await expect(page.getByTestId('roll-count-refused').innerText()).resolves.toBe(
      'Не загрузятся: 4',
    );
    await expect(
      page.locator('[data-testid="roll-refused-row"][data-row="12"]').innerText(),
    ).resolves.toContain('невозможная дата рождения «31.02.2013»');
    await expect(page.getByTestId('roll-preview-row').count()).resolves.toBe(5);
    await expectPhoneFriendly(page, 'roll-preview-1024');

    await page.getByTestId('roll-import-run').click();
    await page.getByTestId('roll-result').getByText('Добавлено: 5. Обновлено: 0.').waitFor();
    // The badge may still say «synced» from before the import queued its rows (a loaded
    // machine shows the result first): wait for the rows on the server, then for the badge.
    await expect
      .poll(() => serverPeople(IMPORTED), { timeout: 20_000 })
      .toEqual(IMPORTED.map((full_name) => expect.objectContaining({ full_name, live: true })));
    await waitForBadge(page, 'synced');
    const imported = await serverPeople(IMPORTED);
    await expectPhoneFriendly(page, 'roll-result-1024');

    await page.getByTestId('roll-undo').click();
    await page.getByTestId('roll-result').getByText('Импорт отменён: удалено 5').waitFor();
    // Deleted on the server too (a tombstone keeps no name).
    await expect
      .poll(() => serverLive(imported.map((p) => p.id)), { timeout: 20_000 })
      .toEqual([false, false, false, false, false]);
    await waitForBadge(page, 'synced');
    expect(backend().problems).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('issues a class’s invites and prints the sheet without the app’s navigation', async () => {
    const { page, errors } = await phoneOf(CURATOR, TABLET);
    await page.goto(`${syncBaseUrl}/`);
    await waitForBadge(page, 'synced');
    await openInApp(page, '/people/invites');
    // 7А: Кузнецов signs in already, Мельников does not.
    await page.getByTestId('class-invites-class').selectOption('7А');
    await expect(page.getByTestId('class-invites-count').innerText()).resolves.toBe(
      'Без входа в приложение: 1 из 2',
    );
    await page.getByTestId('class-invites-issue').click();
    const card = page.getByTestId('class-invite-card');
    await card.getByTestId('invite-qr').waitFor();
    await expect(card.count()).resolves.toBe(1);
    await expect(card.innerText()).resolves.toContain('Мельников Егор Сергеевич');
    await expect(card.innerText()).resolves.toContain('Действует до');
    const code = (await card.getByTestId('class-invite-code').innerText()).replace('Код: ', '');
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await expectPhoneFriendly(page, 'class-invites-1024');

    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.app-shell__nav').isVisible()).resolves.toBe(false);
    await expect(page.locator('.app-shell__header').isVisible()).resolves.toBe(false);
    await expect(page.getByTestId('class-invites-issue').isVisible()).resolves.toBe(false);
    await expect(card.getByTestId('invite-qr').isVisible()).resolves.toBe(true);
    await page.screenshot({ path: 'test-results/e2e/class-invites-print.png', fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    await expect(page.locator('.app-shell__nav').isVisible()).resolves.toBe(true);

    // The printed code is live on the server: the student's anonymous account redeems it.
    const student = 'a3000000-0000-4000-8000-0000000e2e12';
    await backend().db.exec(insertAuthUserSql(student, { anonymous: true }));
    const redeemed = await backend().db.asUser(anonymousUser(student), async (sql) => {
      const { rows } = await sql.query<{ r: { ok: boolean } }>(
        'select public.redeem_invite($1) as r',
        [code],
      );
      return rows[0]!.r;
    });
    expect(redeemed).toMatchObject({ ok: true });
    expect(backend().problems).toEqual([]);
    expect(errors).toEqual([]);
  });
});
