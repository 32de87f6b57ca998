// A group inside one school, signed in with the real database behind: a mentee knows the other
// mentees by name only (pair_members.full_name), reads only her own reflection, and on her
// plan may only say «Я выполнил(а)»; the curator reads the plan without controls.
import { describe, expect, inject, it } from 'vitest';
import { GROUP, PAIRS, USERS } from '../factories/seed-ids';
import { seriousAxeViolations } from './support/axe';
import { useSignedInPhones, waitForBadge } from './support/phone';

const syncBaseUrl = inject('syncBaseUrl');
const SOFYA = { id: USERS.groupMentee, email: 'sofya@luzino1.example' };
const CURATOR = { id: USERS.curator, email: 'nesterenko@luzino1.example' };

const { backend, phoneOf } = useSignedInPhones();

describe('a mentee of a group (P3) on her phone', () => {
  it('sees the other mentee by name only, her own reflection only, and marks her task done', async () => {
    const { page, errors } = await phoneOf(SOFYA);
    await page.goto(`${syncBaseUrl}/pairs/${PAIRS.p3GroupApproved}`);
    await waitForBadge(page, 'synced');
    await page.locator('.pair-view__people').getByText('Мельников Егор').waitFor();
    await page.getByText('Было интересно, но я стеснялась говорить.').waitFor();
    const html = await page.content();
    expect(html).not.toContain('Скучно, не хочу ходить на уроки.');
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.goto(`${syncBaseUrl}/pairs/${PAIRS.p3GroupApproved}/plan`);
    await page.getByTestId('plan-task').first().waitFor();
    await expect(page.getByTestId('task-mark-done').count()).resolves.toBe(0);
    await page.getByTestId('task-mentee-done').first().click();
    await page.getByTestId('task-mentee-comment').fill('Сделала, но с подсказкой');
    await page.getByTestId('task-mentee-send').click();
    await page.getByText('Вы отметили задачу — наставник подтвердит').waitFor();
    await waitForBadge(page, 'synced');

    const { rows } = await backend().db.query<{
      mentee_done_at: unknown;
      mentee_comment: string | null;
      status: string;
    }>('select mentee_done_at, mentee_comment, status from public.plan_tasks where id = $1', [
      GROUP.sofyaTask,
    ]);
    expect(rows[0]).toMatchObject({ mentee_comment: 'Сделала, но с подсказкой' });
    expect(rows[0]?.mentee_done_at).not.toBeNull();
    expect(rows[0]?.status).not.toBe('done');
    expect(backend().problems).toEqual([]);
    expect(errors).toEqual([]);
  });
});

describe('the curator on a tablet-sized phone', () => {
  it('reads the group’s plan without any control to change it', async () => {
    const { page, errors } = await phoneOf(CURATOR);
    await page.goto(`${syncBaseUrl}/pairs/${PAIRS.p3GroupApproved}/plan`);
    await waitForBadge(page, 'synced');
    await page.getByTestId('plan-read-only').waitFor();
    await page.getByTestId('plan-task').first().waitFor();
    await expect(page.locator('main button').count()).resolves.toBe(0);
    await expect(page.locator('main form').count()).resolves.toBe(0);
    expect(errors).toEqual([]);
  });
});
