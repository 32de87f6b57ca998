// A group's weekly meeting on a 360×640 phone against the real database: the student mentor
// logs it with «Группа» and its members ticked, the save button always in reach above the
// bottom navigation; after saving she sees «Встреча записана» on the new meeting without
// scrolling; the server holds who attended (meeting_attendances); a mentee of the group
// confirms it for herself and is not shown who else came.
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { anonymousUser, insertAuthUserSql } from '../factories/actors';
import { PAIRS, PARTICIPANTS, USERS } from '../factories/seed-ids';
import { waitForServiceWorker } from './support/browser';
import { expectPhoneFriendly, useSignedInPhones, waitForBadge } from './support/phone';

const syncBaseUrl = inject('syncBaseUrl');
const POLINA_USER = 'a3000000-0000-4000-8000-0000000e2e31';
const SOFYA = { id: USERS.groupMentee, email: 'sofya@luzino1.example' };

const { backend, phoneOf } = useSignedInPhones();

/**
 * The first visit's «ready to work offline» notice sits over the top of the screen for a few
 * seconds: a user waits or taps «Позже»; so does the test.
 */
async function dismissOfflineNotice(page: Page): Promise<void> {
  await waitForServiceWorker(page);
  const notice = page.getByTestId('update-prompt');
  await notice.waitFor({ timeout: 3000 }).catch(() => undefined);
  if (await notice.isVisible()) await notice.getByRole('button').last().click();
}

/** Полина (the group's student mentor) redeems her invite on a new anonymous account. */
async function polinaSignsUp(): Promise<{ id: string; email: string }> {
  await backend().db.exec(insertAuthUserSql(POLINA_USER, { anonymous: true }));
  const result = await backend().db.asUser(anonymousUser(POLINA_USER), async (sql) => {
    const { rows } = await sql.query<{ r: { ok: boolean } }>(
      'select public.redeem_invite($1) as r',
      ['PLNA-3V6R'],
    );
    return rows[0]!.r;
  });
  expect(result).toMatchObject({ ok: true });
  return { id: POLINA_USER, email: 'polina@luzino1.example' };
}

/** The element's box lies inside the viewport: seen without scrolling. */
async function isInViewport(page: Page, selector: string): Promise<boolean> {
  return page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const box = el.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= window.innerHeight && box.height > 0;
    });
}

describe('a group meeting on a phone (360×640)', () => {
  it('is logged with who attended, confirmed after saving, and confirmed by a mentee for herself', async () => {
    const polina = await polinaSignsUp();
    const { page, errors } = await phoneOf(polina);
    await page.goto(`${syncBaseUrl}/pairs/${PAIRS.p3GroupApproved}/meetings/new`);
    await waitForBadge(page, 'synced');
    await dismissOfflineNotice(page);

    // «Группа» with its members, everyone ticked.
    const attendance = page.getByTestId('meeting-attendance');
    await attendance.waitFor();
    await expect(attendance.locator('legend').textContent()).resolves.toBe('Группа');
    const sofya = attendance.getByRole('checkbox', { name: /Абрамова Софья/ });
    const egor = attendance.getByRole('checkbox', { name: /Мельников Егор/ });
    await expect(sofya.isChecked()).resolves.toBe(true);
    await expect(egor.isChecked()).resolves.toBe(true);
    await egor.uncheck();
    await page.locator('.meeting-form__details > summary').click();
    await page.getByTestId('meeting-topic').fill('Готовим выступления');

    // The save button is in reach without scrolling, above the bottom navigation, not under it.
    const save = page.getByTestId('save-meeting');
    const bar = await save.boundingBox();
    const nav = await page.locator('nav.the-navigation, .app-shell__nav').first().boundingBox();
    expect(bar).not.toBeNull();
    expect(nav).not.toBeNull();
    expect(bar!.y + bar!.height).toBeLessThanOrEqual(nav!.y + 0.5);
    expect(bar!.y).toBeGreaterThanOrEqual(0);
    expect(bar!.height).toBeGreaterThanOrEqual(44);
    await expectPhoneFriendly(page, 'phone-group-meeting-form');

    await save.click();
    await page.waitForURL(/\/pairs\/[0-9a-f-]+\?saved=/);
    // The new meeting is in view with its confirmation, and says who came.
    const saved = page.getByTestId('meeting-saved');
    await saved.waitFor();
    await expect(saved.textContent()).resolves.toContain('Встреча записана');
    await page.waitForFunction(() => {
      const el = document.querySelector('[data-testid="meeting-saved"]');
      const box = el?.getBoundingClientRect();
      return !!box && box.top >= 0 && box.bottom <= window.innerHeight;
    });
    expect(await isInViewport(page, '[data-testid="meeting-saved"]')).toBe(true);
    const item = page.getByTestId('meeting-item').filter({ has: saved });
    await expect(item.getByTestId('meeting-attendance').textContent()).resolves.toMatch(
      /Присутствовали: 1/,
    );
    await expectPhoneFriendly(page, 'phone-group-meeting-saved');
    await waitForBadge(page, 'synced');

    const { rows } = await backend().db.query<{ id: string }>(
      `select id from public.meetings
        where pair_id = $1 and topic = 'Готовим выступления' and deleted_at is null`,
      [PAIRS.p3GroupApproved],
    );
    expect(rows).toHaveLength(1);
    const attended = await backend().db.query<{ participant_id: string }>(
      `select participant_id from public.meeting_attendances
        where meeting_id = $1 and deleted_at is null`,
      [rows[0]!.id],
    );
    expect(attended.rows).toEqual([{ participant_id: PARTICIPANTS.sofya }]);

    // Софья confirms the new meeting and reflects on it, for herself only.
    const mentee = await phoneOf(SOFYA);
    await mentee.page.goto(`${syncBaseUrl}/pairs/${PAIRS.p3GroupApproved}`);
    await waitForBadge(mentee.page, 'synced');
    await dismissOfflineNotice(mentee.page);
    const newMeeting = mentee.page
      .locator('li')
      .filter({ has: mentee.page.getByText('Готовим выступления') });
    await newMeeting.getByTestId('meeting-reflection').fill('Я выступила первой!');
    // Her phone holds her own attendance row only: no count of who came is shown to her.
    await expect(newMeeting.getByTestId('meeting-attendance').count()).resolves.toBe(0);
    await newMeeting.getByTestId('confirm-meeting').click();
    await newMeeting.getByText('Вы подтвердили эту встречу').waitFor();
    await expectPhoneFriendly(mentee.page, 'phone-group-mentee-confirmed');
    await waitForBadge(mentee.page, 'synced');
    const confirmations = await backend().db.query<{ participant_id: string; reflection: string }>(
      `select participant_id, reflection from public.meeting_confirmations
        where meeting_id = $1 and deleted_at is null`,
      [rows[0]!.id],
    );
    expect(confirmations.rows).toEqual([
      { participant_id: PARTICIPANTS.sofya, reflection: 'Я выступила первой!' },
    ]);
    expect(backend().problems).toEqual([]);
    expect([...errors, ...mentee.errors]).toEqual([]);
  }, 150_000);
});
