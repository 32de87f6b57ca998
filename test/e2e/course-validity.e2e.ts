// How long a course counts, in Chromium against the real database: the school admin sets it
// on the KPI page of her laptop (a refused value keeps her text), it reaches the server
// through sync, and the curator's tablet then shows it read-only, told who sets it.
import { describe, expect, inject, it } from 'vitest';
import { SCHOOL_A, USERS } from '../factories/seed-ids';
import { TABLET } from './support/browser';
import { useSignedInPhones, waitForBadge } from './support/phone';

const syncBaseUrl = inject('syncBaseUrl');
const ADMIN = { id: USERS.schoolAdmin, email: 'zadvornova@luzino1.example' };
const CURATOR = { id: USERS.curator, email: 'nesterenko@luzino1.example' };

const { backend, phoneOf } = useSignedInPhones();

async function serverYears(): Promise<number> {
  const { rows } = await backend().db.query<{ years: number }>(
    'select training_valid_years as years from public.schools where id = $1',
    [SCHOOL_A],
  );
  return rows[0]!.years;
}

describe('how long a course counts', () => {
  it('the school admin sets it; the curator’s tablet follows and cannot change it', async () => {
    const admin = await phoneOf(ADMIN, TABLET);
    await admin.page.goto(`${syncBaseUrl}/kpi`);
    await waitForBadge(admin.page, 'synced');
    const card = admin.page.getByTestId('kpi-validity');
    await card.waitFor();
    await expect(admin.page.getByTestId('kpi-validity-current').innerText()).resolves.toBe(
      'Курс от 36 часов учитывается в показателях 3 года после окончания.',
    );

    const years = admin.page.getByTestId('kpi-validity-years');
    await years.fill('11');
    await admin.page.getByTestId('kpi-validity-save').click();
    await card.getByText('Срок — целое число лет от 1 до 10.').waitFor();
    await expect(years.inputValue()).resolves.toBe('11');
    await expect(years.getAttribute('aria-invalid')).resolves.toBe('true');

    await years.fill('5');
    await admin.page.getByTestId('kpi-validity-save').click();
    await admin.page.getByTestId('kpi-validity-status').getByText('Срок сохранён.').waitFor();
    await expect(admin.page.getByTestId('kpi-validity-current').innerText()).resolves.toContain(
      '5 лет',
    );
    await expect.poll(serverYears, { timeout: 20_000 }).toBe(5);
    await waitForBadge(admin.page, 'synced');

    const curator = await phoneOf(CURATOR, TABLET);
    await curator.page.goto(`${syncBaseUrl}/kpi`);
    await waitForBadge(curator.page, 'synced');
    const shown = curator.page.getByTestId('kpi-validity');
    await expect
      .poll(() => curator.page.getByTestId('kpi-validity-current').innerText(), {
        timeout: 20_000,
      })
      .toContain('5 лет');
    await shown.getByText('Срок меняет администратор школы.').waitFor();
    await expect(shown.locator('form').count()).resolves.toBe(0);

    expect(admin.errors).toEqual([]);
    expect(curator.errors).toEqual([]);
    expect(backend().problems).toEqual([]);
  });
});
