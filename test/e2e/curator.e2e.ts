// The curator's tablet in Chromium against the real database (support/backend.ts): triage,
// approvals under one order, ending a pair early, replacing a mentor after a request, and a
// meeting entered from the paper log that reaches the mentor's phone. Every screen is checked
// in landscape (1024×768) or portrait (768×1024): no sideways scroll, 44 px controls, axe.
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PAIRS, PARTICIPANTS, PROGRAMME_A, SCHOOL_A, USERS } from '../factories/seed-ids';
import { TABLET } from './support/browser';
import { expectPhoneFriendly, useSignedInPhones, waitForBadge } from './support/phone';

const syncBaseUrl = inject('syncBaseUrl');
const CURATOR = { id: USERS.curator, email: 'nesterenko@luzino1.example' };
const MENTOR = { id: USERS.mentor, email: 'kravtsova@luzino1.example' };
const PORTRAIT = { width: 768, height: 1024 } as const;
const LARINA_CONSENT = 'a6000000-0000-4000-8000-000000000003';

const { backend, phoneOf } = useSignedInPhones();

async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const { rows } = await backend().db.query<T>(sql, params);
  return rows;
}

/** Five draft «учитель – ученик» pairs of new people, each with a valid consent. */
async function fiveDraftPairs(): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 1; i <= 5; i++) {
    const n = String(i).padStart(2, '0');
    const teacher = `c4000000-0000-4000-8000-0000000000${n}`;
    const student = `c4000000-0000-4000-8000-0000000001${n}`;
    const pair = `c9000000-0000-4000-8000-0000000000${n}`;
    await query(
      `insert into public.participants (id, school_id, kind, full_name, class_label, is_minor, is_mentor, is_mentee)
       values ($1, $3, 'teacher', $4, null, false, true, false),
              ($2, $3, 'student', $5, '11А', false, false, true)`,
      [teacher, student, SCHOOL_A, `Учителева${i} Мария`, `Ученикова${i} Вера`],
    );
    await query(
      `insert into public.consents (school_id, participant_id, given_by, signed_on, valid_until)
       values ($1, $2, 'self', current_date - 10, current_date + 300),
              ($1, $3, 'self', current_date - 10, current_date + 300)`,
      [SCHOOL_A, teacher, student],
    );
    await query(
      `insert into public.pairs (id, school_id, programme_id, form, title, status)
       values ($1, $2, $3, 'uchitel_uchenik', $4, 'draft')`,
      [pair, SCHOOL_A, PROGRAMME_A, `Пара ${i}`],
    );
    await query(
      `insert into public.pair_members (school_id, pair_id, participant_id, side)
       values ($1, $2, $3, 'mentor'), ($1, $2, $4, 'mentee')`,
      [SCHOOL_A, pair, teacher, student],
    );
    ids.push(pair);
  }
  return ids;
}

function triageItem(page: Page, kind: string, text: string) {
  return page.locator(`[data-testid="triage-item"][data-kind="${kind}"]`).filter({ hasText: text });
}

describe('the curator on a tablet with the real database behind', () => {
  it('triages a revoked consent, approves five pairs under one order and ends a pair early', async () => {
    await query(`update public.consents set revoked_on = current_date where id = $1`, [
      LARINA_CONSENT,
    ]);
    const drafts = await fiveDraftPairs();
    const { page, errors } = await phoneOf(CURATOR, TABLET);
    await page.goto(`${syncBaseUrl}/`);
    await waitForBadge(page, 'synced');

    // The school at a glance and the triage: Ларина's revoked consent pauses her pair.
    await page.getByTestId('school-overview').waitFor();
    const revoked = triageItem(page, 'consent_revoked', 'Ларина');
    await revoked.waitFor();
    await expectPhoneFriendly(page, 'curator-home-1024');
    await page.goto(`${syncBaseUrl}/pairs/${PAIRS.p1TeacherActive}`);
    await page.getByText('Приостановлена').first().waitFor();
    await expectPhoneFriendly(page, 'curator-pair-paused-1024');

    // One tap to its fix: her card, where a new consent is recorded.
    await page.goto(`${syncBaseUrl}/`);
    await revoked.getByTestId('triage-fix').click();
    await page.waitForURL(new RegExp(`/people/${PARTICIPANTS.larina}$`));
    const form = page.getByTestId('consent-form');
    await form.locator('button[type="submit"]').click();
    await page.locator('.consent-form__saved').waitFor();
    // The badge may still say «synced» from before the save: wait for the row itself.
    await expect
      .poll(
        async () =>
          (
            await query<{ n: number }>(
              `select count(*)::int as n from public.consents
               where participant_id = $1 and revoked_on is null and deleted_at is null`,
              [PARTICIPANTS.larina],
            )
          )[0]?.n,
        { timeout: 30_000 },
      )
      .toBe(1);
    await waitForBadge(page, 'synced');
    await page.goto(`${syncBaseUrl}/`);
    await page.getByTestId('triage').waitFor();
    await expect.poll(() => triageItem(page, 'consent_revoked', 'Ларина').count()).toBe(0);

    // Approve every draft under one order: five approved, Тимофеева's pair refused by name.
    await page.goto(`${syncBaseUrl}/pairs/approve`);
    const approve = page.getByTestId('approve-form');
    await approve.waitFor();
    await approve.locator('input[name="order_number"]').fill('15-О');
    await approve.getByRole('button', { name: 'Выбрать все' }).click();
    await page.getByTestId('approve-submit').click();
    const results = page.getByTestId('approve-results');
    await results.waitFor();
    await expect
      .poll(() => results.locator('[data-outcome="approved"]').count())
      .toBe(drafts.length);
    expect(await results.locator('[data-outcome="refused"]').textContent()).toContain('Тимофеева');
    await expectPhoneFriendly(page, 'curator-approved-1024');
    await waitForBadge(page, 'synced');
    const approved = await query<{ id: string }>(
      `select id from public.pairs where order_number = '15-О' and status = 'approved' order by id`,
    );
    expect(approved.map((p) => p.id)).toEqual([...drafts].sort());

    // End a running pair early, with the reason.
    await page.goto(`${syncBaseUrl}/pairs/${PAIRS.p2PeerActive}`);
    await page.getByTestId('pair-end-open').click();
    const end = page.getByTestId('pair-end');
    await end.locator('input[value="ended_early"]').check({ force: true });
    await end.locator('textarea[name="end_reason"]').fill('Семья переехала в другой район');
    await end.locator('button[type="submit"]').click();
    await page.getByTestId('pair-end-confirm').click();
    await page.getByTestId('pair-ended').waitFor();
    await waitForBadge(page, 'synced');
    const [p2] = await query<{ status: string; end_reason: string }>(
      `select status, end_reason from public.pairs where id = $1`,
      [PAIRS.p2PeerActive],
    );
    expect(p2).toEqual({ status: 'ended_early', end_reason: 'Семья переехала в другой район' });
    await expectPhoneFriendly(page, 'curator-pair-ended-1024');

    // The same screens in portrait.
    await page.setViewportSize(PORTRAIT);
    for (const [path, screen] of [
      ['/', 'curator-home-768'],
      ['/pairs', 'curator-pairs-768'],
      [`/pairs/${PAIRS.p1TeacherActive}`, 'curator-pair-768'],
      ['/orders', 'curator-orders-768'],
      ['/monitoring', 'curator-monitoring-768'],
    ] as const) {
      await page.goto(`${syncBaseUrl}${path}`);
      await page.locator('main h1').first().waitFor();
      await expectPhoneFriendly(page, screen);
    }
    expect(backend().problems).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('replaces a mentor after a request and enters a paper meeting that reaches the mentor’s phone', async () => {
    await query(
      `insert into public.mentor_change_requests (school_id, pair_id, requested_by, reason)
       values ($1, $2, $3, 'Хочу заниматься с Полиной, мы вместе в школьном парламенте')`,
      [SCHOOL_A, PAIRS.p2PeerActive, PARTICIPANTS.dmitry],
    );
    const curator = await phoneOf(CURATOR, PORTRAIT);
    const page = curator.page;
    await page.goto(`${syncBaseUrl}/`);
    await waitForBadge(page, 'synced');
    await triageItem(page, 'mentor_change_request', 'Кузнецов').waitFor();
    await expectPhoneFriendly(page, 'curator-home-request-768');

    // Accept the request, then choose the new mentor: the old pair is kept, ended early.
    await page.goto(`${syncBaseUrl}/pairs/${PAIRS.p2PeerActive}`);
    await page.getByTestId('mentor-change-accept').click();
    const replace = page.getByTestId('pair-replace');
    await replace.waitFor();
    await replace
      .locator('select[name="new_mentor"]')
      .selectOption({ label: 'Вершинина Полина Андреевна' });
    await replace.locator('button[type="submit"]').click();
    await page.getByTestId('pair-replace-confirm').click();
    await waitForBadge(page, 'synced');
    await expect
      .poll(async () =>
        query<{ status: string; side: string; participant_id: string }>(
          `select p.status, m.side, m.participant_id from public.pairs p
           join public.pair_members m on m.pair_id = p.id and m.deleted_at is null
           where p.replaces_pair_id = $1 order by m.side`,
          [PAIRS.p2PeerActive],
        ),
      )
      .toEqual([
        { status: 'draft', side: 'mentee', participant_id: PARTICIPANTS.dmitry },
        { status: 'draft', side: 'mentor', participant_id: PARTICIPANTS.polina },
      ]);
    const [old] = await query<{ status: string }>(`select status from public.pairs where id = $1`, [
      PAIRS.p2PeerActive,
    ]);
    expect(old?.status).toBe('ended_early');
    await expectPhoneFriendly(page, 'curator-replaced-768');

    // A meeting from the paper log of Кравцова's pair, marked as entered by the curator.
    await page.goto(`${syncBaseUrl}/pairs/${PAIRS.p1TeacherActive}`);
    await page.getByTestId('paper-meeting').click();
    await page.getByTestId('paper-notice').waitFor();
    await page.locator('details.meeting-form__details > summary').click();
    await page.getByLabel('Заметки о встрече').fill('Из бумажного журнала: открытый урок в 6Б');
    await expectPhoneFriendly(page, 'curator-paper-meeting-768');
    await page.getByTestId('save-meeting').click();
    await page.waitForURL(new RegExp(`/pairs/${PAIRS.p1TeacherActive}(\\?.*)?$`));
    await expect
      .poll(
        async () =>
          query<{ entered_by_staff: boolean }>(
            `select entered_by_staff from public.meetings
             where notes = 'Из бумажного журнала: открытый урок в 6Б'`,
          ),
        { timeout: 15_000 },
      )
      .toEqual([{ entered_by_staff: true }]);

    // The mentor's phone receives it, marked, and may edit it.
    const mentor = await phoneOf(MENTOR);
    await mentor.page.goto(`${syncBaseUrl}/pairs/${PAIRS.p1TeacherActive}`);
    await waitForBadge(mentor.page, 'synced');
    const item = mentor.page
      .getByTestId('meeting-item')
      .filter({ hasText: 'Из бумажного журнала: открытый урок в 6Б' });
    await item.waitFor();
    await item.getByTestId('paper-mark').waitFor();
    await expectPhoneFriendly(mentor.page, 'mentor-paper-meeting-360');
    expect(backend().problems).toEqual([]);
    expect(curator.errors).toEqual([]);
    expect(mentor.errors).toEqual([]);
  });
});
