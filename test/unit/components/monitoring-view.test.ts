// The monitoring page in device-only mode (the device is the school's), with the real router,
// i18n and database: the numbers a curator reads in the tables. Charts need a canvas, which
// happy-dom lacks: the tables must carry the page on their own.
import type { VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appDataContext } from '@/data/context';
import { approvePair } from '@/data/repos/pairs';
import { submitQuestionnaire } from '@/data/repos/questionnaires';
import { aPairWithPeople } from '../data/context';
import { mountApp } from '../views/mountApp';

const T = (n: number) => `b1000000-0000-4000-8000-00000000000${n}`;
const MENTEE_SATISFACTION = T(1);
const STUDENT_ENTRY = T(4);
const STUDENT_EXIT = T(5);
const MENTOR_ENTRY = T(8);
const MENTOR_SATISFACTION = T(3);

const all = (value: number, count: number) =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [`q${i + 1}`, value]));
/** Intl puts (narrow) no-break spaces in «100 %»: compare text with plain spaces. */
const text = (wrapper: { text(): string }) => wrapper.text().replace(/[\u00a0\u202f]/g, ' ');

let mounted: VueWrapper | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
  vi.unstubAllGlobals();
});

async function open() {
  const app = await mountApp('/monitoring');
  mounted = app.wrapper;
  return app.wrapper;
}

/** A «учитель – ученик» pair whose mentee filled entry and exit, the mentor entry only. */
async function aSchoolWithResults() {
  const ctx = await appDataContext();
  const { pair, mentor, mentee } = await aPairWithPeople(ctx);
  await approvePair(ctx, pair.id, { order_number: '45-о', order_date: '2026-09-15' }, '2026-11-25');
  const submit = (
    templateId: string,
    participantId: string,
    answers: Record<string, number | string>,
  ) => submitQuestionnaire(ctx, { pairId: pair.id, participantId, templateId, answers });
  await submit(STUDENT_ENTRY, mentee.id, all(4, 6));
  await submit(STUDENT_EXIT, mentee.id, all(7, 6));
  await submit(MENTOR_ENTRY, mentor.id, { q1: 6, q2: 7, q3: 5, q4: 6 });
  await submit(MENTEE_SATISFACTION, mentee.id, { ...all(8, 4), q7: 'yes', q8: 'not_sure' });
  await submit(MENTOR_SATISFACTION, mentor.id, { ...all(5, 5), q8: 'no' });
  return { pair, mentor, mentee };
}

describe('the monitoring page', () => {
  it('says what to do while no questionnaire is submitted', async () => {
    const ctx = await appDataContext();
    await aPairWithPeople(ctx);
    const wrapper = await open();
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="monitoring-empty"]').exists()).toBe(true),
    );
    expect(wrapper.text()).toContain('Результатов мониторинга пока нет');
    expect(wrapper.text()).toContain('заполните входящую анкету');
    expect(wrapper.find('[data-testid="monitoring-empty"] a').attributes('href')).toBe('/pairs');
    expect(wrapper.find('table').exists()).toBe(false);
  });

  it('shows each person at entry and exit, each question, the forms and satisfaction', async () => {
    const { mentee, mentor } = await aSchoolWithResults();
    const wrapper = await open();
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="monitoring-people"]').exists()).toBe(true),
    );
    const anna = wrapper.find(`[data-testid="person-${mentee.id}"]`);
    expect(text(anna)).toContain('Смирнова Анна');
    expect(anna.findAll('td').map((td) => td.text())).toEqual([
      'учитель – ученик',
      '4,0',
      '7,0',
      '+3,0',
    ]);
    expect(anna.find('a').attributes('href')).toMatch(/^\/pairs\//);
    const petrov = wrapper.find(`[data-testid="person-${mentor.id}"]`);
    expect(petrov.findAll('td').map((td) => td.text())).toEqual([
      'учитель – ученик',
      '6,0',
      '—',
      '—',
    ]);

    const q1 = wrapper.find('[data-testid="question-mentee_student-q1"]');
    expect(q1.find('th').text()).toBe('1. Я хочу учиться и хорошо успевать в школе.');
    expect(q1.findAll('td').map((td) => td.text())).toEqual([
      '4,0 ответов: 1',
      '7,0 ответов: 1',
      '+3,0 ответов: 1',
    ]);
    expect(wrapper.find('[data-testid="questions-mentor"]').text()).toContain('Активное слушание');

    const form = wrapper.find('[data-testid="form-row-uchitel_uchenik"]');
    // Anna 4 → 7, Petrov 6 at entry: (4 + 6) / 2 = 5 at entry, 7 at exit (Anna), +3 (Anna).
    expect(form.findAll('th, td').map((cell) => text(cell).replace(/\s+/g, ' '))).toEqual([
      'учитель – ученик',
      '2',
      '5,0',
      '7,0',
      '+3,0',
      '50 % 1 из 2',
    ]);

    expect(text(wrapper.find('[data-testid="satisfaction-mentee"]'))).toContain('100 %');
    expect(text(wrapper.find('[data-testid="satisfaction-mentor"]'))).toContain('0 %');
    expect(text(wrapper.find('[data-testid="satisfaction-all"]'))).toContain('1 из 2');
    expect(wrapper.find('[data-testid="satisfaction-rule"]').text()).toContain(
      'на первый вопрос анкеты удовлетворённости (насколько он доволен участием в программе) ответил 7 или выше',
    );
  });

  it('filters by mentors or mentees and by form', async () => {
    const { mentee, mentor } = await aSchoolWithResults();
    const wrapper = await open();
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="monitoring-people"]').exists()).toBe(true),
    );
    await wrapper.find('[data-testid="monitoring-side-mentor"]').trigger('click');
    expect(wrapper.find('[data-testid="monitoring-side-mentor"]').attributes('aria-pressed')).toBe(
      'true',
    );
    expect(wrapper.find(`[data-testid="person-${mentee.id}"]`).exists()).toBe(false);
    expect(wrapper.find(`[data-testid="person-${mentor.id}"]`).exists()).toBe(true);
    expect(wrapper.find('[data-testid="questions-mentee_student"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="satisfaction-mentee"]').exists()).toBe(false);
    expect(text(wrapper.find('[data-testid="satisfaction-mentor"]'))).toContain('0 из 1');

    await wrapper.find('[data-testid="monitoring-side-all"]').trigger('click');
    const select = wrapper.find<HTMLSelectElement>('[data-testid="monitoring-form"]');
    expect(select.findAll('option').map((o) => o.text())).toEqual([
      'Все формы',
      'учитель – ученик',
    ]);
    await select.setValue('uchitel_uchenik');
    expect(wrapper.find(`[data-testid="person-${mentee.id}"]`).exists()).toBe(true);
  });

  it('keeps the tables when the browser cannot draw the chart', async () => {
    // No IntersectionObserver: the chart loads at once; happy-dom has no 2D canvas.
    vi.stubGlobal('IntersectionObserver', undefined);
    await aSchoolWithResults();
    const wrapper = await open();
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="monitoring-people"]').exists()).toBe(true),
    );
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="monitoring-chart"]').exists()).toBe(false),
    );
    expect(wrapper.findAll('table').length).toBeGreaterThanOrEqual(4);
  });
});
