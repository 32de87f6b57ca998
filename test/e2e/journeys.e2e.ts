// Signed-in phone journeys of issue 5 in Chromium against the real database (see
// support/backend.ts): a mentee's home and exit questionnaire, a mentee asking for another
// mentor, and a curator issuing an invite code shown as a QR code.
import { describe, expect, inject, it } from 'vitest';
import { anonymousUser, insertAuthUserSql } from '../factories/actors';
import { PAIRS, PARTICIPANTS, USERS } from '../factories/seed-ids';
import { expectPhoneFriendly, useSignedInPhones, waitForBadge } from './support/phone';

const syncBaseUrl = inject('syncBaseUrl');
const EXIT_TEACHER_TEMPLATE = 'b1000000-0000-4000-8000-000000000007';

const { backend, phoneOf } = useSignedInPhones();

describe('signed-in journeys on a phone (360×640)', () => {
  it('a mentee at the end of the programme fills the exit questionnaire; it reaches the server', async () => {
    const { page, errors } = await phoneOf({
      id: USERS.menteeTeacher2,
      email: 'sidorenko@luzino1.example',
    });
    await page.goto(`${syncBaseUrl}/`);
    await waitForBadge(page, 'synced');
    const card = page.getByTestId('mentee-pair-card');
    await card.waitFor();
    await expect(card.innerText()).resolves.toContain('Кравцова');
    await expectPhoneFriendly(page, 'journey-mentee-home');

    await card.getByRole('link').first().click();
    const exit = page.getByTestId('pair-questionnaire').filter({ hasText: 'Итоговая анкета' });
    await exit.getByText('Пора заполнить').waitFor();
    await exit.getByTestId('questionnaire-fill').click();
    await page.getByTestId('questionnaire-item-q1').waitFor();
    await expectPhoneFriendly(page, 'journey-questionnaire');

    // An open answer typed, a required scale forgotten: the message names it, the text stays.
    await page.getByTestId('open-q8').fill('Пока сложно с документацией');
    for (const item of ['q2', 'q3', 'q4', 'q5', 'q6']) {
      await page.getByTestId(`scale-${item}-8`).click();
    }
    await page.getByTestId('questionnaire-item-q7').getByText('Да', { exact: true }).click();
    await page.getByTestId('submit-questionnaire').click();
    await page.getByTestId('error-q1').getByText('Ответьте на этот вопрос').waitFor();
    await expect(page.getByTestId('open-q8').inputValue()).resolves.toBe(
      'Пока сложно с документацией',
    );
    const responseRows = async () =>
      (
        await backend().db.query<{ answers: Record<string, unknown>; submitted: boolean }>(
          `select answers, submitted_at is not null as submitted
             from public.questionnaire_responses
            where participant_id = $1 and template_id = $2 and deleted_at is null`,
          [PARTICIPANTS.sidorenko, EXIT_TEACHER_TEMPLATE],
        )
      ).rows;
    // Nothing half-filled reaches the server: the answers stay on the phone until submitted.
    await waitForBadge(page, 'synced');
    expect(await responseRows()).toEqual([]);

    // A reload mid-questionnaire: the answers come back, with the draft notice.
    await page.reload();
    await page.getByTestId('draft-restored').waitFor();
    await expect(page.getByTestId('open-q8').inputValue()).resolves.toBe(
      'Пока сложно с документацией',
    );
    await expect(page.getByTestId('scale-q2-8').locator('input').isChecked()).resolves.toBe(true);

    await page.getByTestId('scale-q1-9').click();
    await page.getByTestId('submit-questionnaire').click();
    // Complete: it asks once before sending what cannot be changed afterwards.
    await page.getByTestId('confirm-submit-questionnaire').click();
    await page.getByTestId('questionnaire-submitted').waitFor();
    await waitForBadge(page, 'synced');
    const rows = await responseRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      submitted: true,
      answers: { q1: 9, q2: 8, q6: 8, q7: 'yes', q8: 'Пока сложно с документацией' },
    });
    expect(backend().problems).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('a mentee asks the curator for another mentor; the mentor never receives it', async () => {
    const mentee = await phoneOf({ id: USERS.mentee, email: 'larina@luzino1.example' });
    await mentee.page.goto(`${syncBaseUrl}/pairs/${PAIRS.p1TeacherActive}`);
    await waitForBadge(mentee.page, 'synced');
    await mentee.page.getByTestId('mentor-change-ask').click();
    await mentee.page
      .getByTestId('mentor-change-reason')
      .fill('Хочу наставника, который ведёт тот же предмет');
    await expectPhoneFriendly(mentee.page, 'journey-mentor-change');
    await mentee.page.getByTestId('mentor-change-form').getByRole('button').first().click();
    await mentee.page.getByText('Запрос отправлен куратору').waitFor();
    await waitForBadge(mentee.page, 'synced');
    const { rows } = await backend().db.query<{ reason: string; status: string }>(
      'select reason, status from public.mentor_change_requests where pair_id = $1',
      [PAIRS.p1TeacherActive],
    );
    expect(rows).toEqual([
      { reason: 'Хочу наставника, который ведёт тот же предмет', status: 'open' },
    ]);

    const mentor = await phoneOf({ id: USERS.mentor, email: 'kravtsova@luzino1.example' });
    await mentor.page.goto(`${syncBaseUrl}/pairs/${PAIRS.p1TeacherActive}`);
    await waitForBadge(mentor.page, 'synced');
    await mentor.page.getByTestId('meeting-item').first().waitFor();
    await expect(mentor.page.content()).resolves.not.toContain('тот же предмет');
    const held = await mentor.page.evaluate(async (name) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const count = await new Promise<number>((resolve) => {
        const req = db
          .transaction('mentor_change_requests')
          .objectStore('mentor_change_requests')
          .count();
        req.onsuccess = () => resolve(req.result);
      });
      db.close();
      return count;
    }, `nastavnik-user-${USERS.mentor}`);
    expect(held).toBe(0);
    expect(backend().problems).toEqual([]);
    expect([...mentee.errors, ...mentor.errors]).toEqual([]);
  });

  it('a curator issues an invite code shown as a QR code, and a student can redeem it', async () => {
    const { page, errors } = await phoneOf({
      id: USERS.curator,
      email: 'nesterenko@luzino1.example',
    });
    await page.goto(`${syncBaseUrl}/people/${PARTICIPANTS.kirill}`);
    await waitForBadge(page, 'synced');
    await page.getByTestId('invite-issue').click();
    const code = (await page.getByTestId('invite-code-value').innerText()).trim();
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const qr = page.getByTestId('invite-qr');
    await expect(qr.getAttribute('aria-label')).resolves.toContain(code);
    await expectPhoneFriendly(page, 'journey-invite-qr');

    // The code is live on the server: a student's anonymous account redeems it once.
    const student = 'a3000000-0000-4000-8000-0000000e2e01';
    await backend().db.exec(insertAuthUserSql(student, { anonymous: true }));
    const redeem = () =>
      backend().db.asUser(anonymousUser(student), async (sql) => {
        const { rows } = await sql.query<{ r: { ok: boolean; participant_id?: string } }>(
          'select public.redeem_invite($1) as r',
          [code],
        );
        return rows[0]!.r;
      });
    await expect(redeem()).resolves.toMatchObject({
      ok: true,
      participant_id: PARTICIPANTS.kirill,
    });
    await expect(redeem()).resolves.toMatchObject({ ok: false });
    expect(backend().problems).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('a student who scans the QR lands on sign-in with the code already filled in', async () => {
    const { page, errors } = await phoneOf(null);
    // What a phone camera opens: the join link, here with a code typed in lower case.
    await page.goto(`${syncBaseUrl}/join?code=alsa-5k7m`);
    await expect(page.getByTestId('invite-code').inputValue()).resolves.toBe('ALSA-5K7M');
    await page.getByTestId('invite-prefilled').waitFor();
    await waitForBadge(page, 'signed-out');
    await expectPhoneFriendly(page, 'journey-join-link');
    expect(backend().problems).toEqual([]);
    expect(errors).toEqual([]);
  });
});
