// Signed-in journeys in Chromium against the real database: the built app (configured for
// the test backend) syncs through the real supabase-js with the PostgREST harness over HTTP.
// See support/backend.ts for what is real and why sign-in is a stored session.
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PAIRS, PARTICIPANTS, SCHOOL_A, USERS } from '../factories/seed-ids';
import { seriousAxeViolations } from './support/axe';
import { collectErrors, waitForServiceWorker } from './support/browser';
import { ARTIFACTS, useSignedInPhones, waitForBadge } from './support/phone';

const syncBaseUrl = inject('syncBaseUrl');
const MENTOR = { id: USERS.mentor, email: 'kravtsova@luzino1.example' };
const MENTEE = { id: USERS.mentee, email: 'larina@luzino1.example' };
const OTHER_SCHOOL_MENTOR = { id: USERS.otherSchoolMentor, email: 'morozova@achair.example' };

const { backend, phoneOf } = useSignedInPhones();

function badge(page: Page) {
  return page.getByTestId('sync-status');
}

interface ServerMeeting {
  id: string;
  notes: string | null;
}

async function serverMeetings(pairId: string): Promise<ServerMeeting[]> {
  const { rows } = await backend().db.query<ServerMeeting>(
    `select id, notes from public.meetings
     where pair_id = $1 and deleted_at is null order by created_at`,
    [pairId],
  );
  return rows;
}

interface ServerConfirmation {
  participant_id: string;
  confirmed_at: string | null;
  reflection: string | null;
}

/** Each mentee's confirmation of a meeting (one row per mentee: meeting_confirmations). */
async function serverConfirmations(meetingId: string): Promise<ServerConfirmation[]> {
  const { rows } = await backend().db.query<ServerConfirmation>(
    `select participant_id, confirmed_at, reflection from public.meeting_confirmations
     where meeting_id = $1 and deleted_at is null`,
    [meetingId],
  );
  return rows;
}

describe('a signed-in mentor on a phone (360×640) with the real database behind', () => {
  it('logs a meeting offline, reloads offline, reconnects, and the meeting is on the server once', async () => {
    const before = await serverMeetings(PAIRS.p1TeacherActive);
    const { page, errors, context } = await phoneOf(MENTOR);
    await page.goto(`${syncBaseUrl}/`);
    await waitForServiceWorker(page);
    // The first worker takes the page it installed from: this very visit works offline.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await waitForBadge(page, 'synced');
    // The pair came down from the server: the mentor's active pair with her mentee.
    const card = page.getByTestId('pair-card').filter({ hasText: 'Ларина' });
    await card.waitFor();

    await context.setOffline(true);
    await waitForBadge(page, 'offline');
    await card.getByTestId('log-meeting').click();
    await page.getByTestId('save-meeting').waitFor();
    await page.getByText('Подробнее (необязательно)').click();
    await page.getByLabel('Заметки о встрече').fill('Разобрали план открытого урока без связи');
    await page.getByTestId('save-meeting').click();
    await page.waitForURL(new RegExp(`/pairs/${PAIRS.p1TeacherActive}(\\?.*)?$`));
    await expect(badge(page).textContent()).resolves.toContain('не отправлено: 1');

    // The app restarts with no signal: the meeting and its pending state survive.
    await page.reload();
    await page.getByText('Разобрали план открытого урока без связи').waitFor();
    await waitForBadge(page, 'offline');
    expect(await serverMeetings(PAIRS.p1TeacherActive)).toHaveLength(before.length);
    await page.screenshot({ path: `${ARTIFACTS}/sync-offline-pending.png`, fullPage: true });

    // Signal returns: the scheduler sends it by itself.
    await context.setOffline(false);
    await waitForBadge(page, 'synced');
    const after = await serverMeetings(PAIRS.p1TeacherActive);
    const logged = after.filter((m) => m.notes === 'Разобрали план открытого урока без связи');
    expect(logged).toHaveLength(1);
    expect(after).toHaveLength(before.length + 1);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(backend().problems).toEqual([]);
    expect(
      errors.filter(
        (e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|Failed to load resource/.test(e),
      ),
    ).toEqual([]);
  });

  it('two phones as mentor and mentee see each other: a meeting, its confirmation, never the private note', async () => {
    const mentor = await phoneOf(MENTOR);
    const mentee = await phoneOf(MENTEE);

    await mentor.page.goto(`${syncBaseUrl}/pairs/${PAIRS.p1TeacherActive}/meetings/new`);
    await mentor.page.getByTestId('save-meeting').waitFor();
    await mentor.page.getByText('Подробнее (необязательно)').click();
    await mentor.page
      .getByLabel('Заметки о встрече')
      .fill('Посетили урок в 7А, обсудили дисциплину');
    await mentor.page
      .getByLabel('Личная заметка наставника')
      .fill('Очень волнуется перед аттестацией');
    await mentor.page.getByTestId('save-meeting').click();
    await mentor.page.waitForURL(new RegExp(`/pairs/${PAIRS.p1TeacherActive}(\\?.*)?$`));
    await waitForBadge(mentor.page, 'synced');
    const onServer = (await serverMeetings(PAIRS.p1TeacherActive)).find(
      (m) => m.notes === 'Посетили урок в 7А, обсудили дисциплину',
    );
    expect(onServer).toBeDefined();

    // The mentee opens the app: the meeting is there, the private note is not.
    await mentee.page.goto(`${syncBaseUrl}/pairs/${PAIRS.p1TeacherActive}`);
    await waitForBadge(mentee.page, 'synced');
    const item = mentee.page
      .getByRole('listitem')
      .filter({ hasText: 'Посетили урок в 7А, обсудили дисциплину' });
    await item.waitFor();
    await expect(mentee.page.getByTestId('log-meeting').count()).resolves.toBe(0);
    await expect(mentee.page.content()).resolves.not.toContain('Очень волнуется');
    expect(await seriousAxeViolations(mentee.page)).toEqual([]);

    await item.getByTestId('meeting-reflection').fill('Поняла, как начинать урок спокойно');
    await item.getByTestId('confirm-meeting').click();
    await item.getByText('Вы подтвердили эту встречу').waitFor();
    await waitForBadge(mentee.page, 'synced');
    await mentee.page.screenshot({
      path: `${ARTIFACTS}/sync-mentee-confirmed.png`,
      fullPage: true,
    });

    // Back on the mentor's phone, the confirmation arrives at the next sync (app reopened).
    await mentor.page.reload();
    await waitForBadge(mentor.page, 'synced');
    await mentor.page
      .getByTestId('meeting-item')
      .filter({ hasText: 'Посетили урок в 7А' })
      .getByText('Наставляемый подтвердил встречу')
      .waitFor();
    const confirmations = await serverConfirmations(onServer!.id);
    expect(confirmations).toMatchObject([
      { participant_id: PARTICIPANTS.larina, reflection: 'Поняла, как начинать урок спокойно' },
    ]);
    expect(confirmations[0]?.confirmed_at).not.toBeNull();
    expect(backend().problems).toEqual([]);
    expect(mentor.errors).toEqual([]);
    expect(mentee.errors).toEqual([]);
  });

  it('three tabs open: a meeting logged in any tab reaches the server once and shows in all', async () => {
    const { page: first, context } = await phoneOf(MENTOR);
    await first.goto(`${syncBaseUrl}/pairs/${PAIRS.p1TeacherActive}`);
    await waitForBadge(first, 'synced');
    const second = await context.newPage();
    const third = await context.newPage();
    const tabErrors = [collectErrors(second), collectErrors(third)];
    for (const tab of [second, third]) {
      await tab.goto(`${syncBaseUrl}/pairs/${PAIRS.p1TeacherActive}`);
      await waitForBadge(tab, 'synced');
    }
    const before = (await serverMeetings(PAIRS.p1TeacherActive)).length;

    async function logIn(tab: Page, notes: string): Promise<void> {
      await tab.getByTestId('log-meeting').click();
      await tab.getByText('Подробнее (необязательно)').click();
      await tab.getByLabel('Заметки о встрече').fill(notes);
      await tab.getByTestId('save-meeting').click();
      await tab.waitForURL(new RegExp(`/pairs/${PAIRS.p1TeacherActive}(\\?.*)?$`));
    }
    async function onServer(notes: string): Promise<number> {
      for (let i = 0; i < 100; i++) {
        const found = (await serverMeetings(PAIRS.p1TeacherActive)).filter(
          (m) => m.notes === notes,
        );
        if (found.length > 0) return found.length;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      return 0;
    }

    await logIn(third, 'Записано в третьей вкладке');
    expect(await onServer('Записано в третьей вкладке')).toBe(1);
    for (const tab of [first, second, third]) {
      await tab.getByText('Записано в третьей вкладке').waitFor();
      await waitForBadge(tab, 'synced');
    }

    // The tab that opened first closes; the others carry on.
    await first.close();
    await logIn(second, 'Записано во второй вкладке');
    expect(await onServer('Записано во второй вкладке')).toBe(1);
    await third.getByText('Записано во второй вкладке').waitFor();
    expect(await serverMeetings(PAIRS.p1TeacherActive)).toHaveLength(before + 2);
    expect(backend().problems).toEqual([]);
    expect(tabErrors.flat()).toEqual([]);
  });

  it('a mentor of another school gets her own pair and nothing of this school', async () => {
    const { page, errors } = await phoneOf(OTHER_SCHOOL_MENTOR);
    await page.goto(`${syncBaseUrl}/`);
    await waitForBadge(page, 'synced');
    await page.getByTestId('pair-card').filter({ hasText: 'Ковалёв' }).waitFor();
    const everything = await page.evaluate(async () => {
      // What this user's device database holds, whatever the screens show.
      const names = (await indexedDB.databases()).map((d) => d.name ?? '');
      const dumps: string[] = [];
      for (const name of names) {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const open = indexedDB.open(name);
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error);
        });
        for (const store of [...db.objectStoreNames]) {
          const rows = await new Promise<unknown[]>((resolve, reject) => {
            const req = db.transaction(store).objectStore(store).getAll();
            req.onsuccess = () => resolve(req.result);
            req.onerror = () => reject(req.error);
          });
          dumps.push(JSON.stringify(rows));
        }
        db.close();
      }
      return { names, dump: dumps.join('\n') };
    });
    expect(everything.names.some((n) => n.includes(USERS.otherSchoolMentor))).toBe(true);
    expect(everything.dump).toContain('Ковалёв');
    expect(everything.dump).not.toContain('Ларина');
    expect(everything.dump).not.toContain(PARTICIPANTS.larina);
    expect(everything.dump).not.toContain(SCHOOL_A);
    expect(backend().problems).toEqual([]);
    expect(errors).toEqual([]);
  });
});
