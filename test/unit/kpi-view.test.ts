// The KPI page in device-only mode (the device is the school's), with the real router, i18n
// and database: the table with what to fill in, a document recorded in place, the values only
// the school knows, a refused value that keeps the user's text, and the .xlsx read back.
import type { VueWrapper } from '@vue/test-utils';
import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appDataContext } from '@/data/context';
import { addParticipant } from '@/data/repos/participants';
import { addTraining } from '@/data/repos/trainings';
import { localIsoDate } from '@/domain/dates';
import { useSessionStore } from '@/stores/session';
import { aPairWithPeople } from './data/context';
import { readXlsx } from './exports/readXlsx';
import { mountApp } from './views/mountApp';

let mounted: VueWrapper | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
  vi.restoreAllMocks();
});

async function open() {
  const app = await mountApp('/kpi');
  mounted = app.wrapper;
  await vi.waitFor(() =>
    expect(app.wrapper.find('[data-testid="kpi-shares"]').exists()).toBe(true),
  );
  return app.wrapper;
}

const rowOf = (wrapper: VueWrapper, key: string) => wrapper.find(`[data-testid="kpi-row-${key}"]`);

function watchDownloads() {
  const files: { name: string; blob: Blob }[] = [];
  let last: Blob | null = null;
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    last = blob as Blob;
    return 'blob:kpi';
  });
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    if (last) files.push({ name: this.download, blob: last });
  });
  return files;
}

describe('the KPI page', { timeout: 30_000 }, () => {
  it('shows every row and says what to fill in where a share cannot be counted', async () => {
    const wrapper = await open();
    expect(wrapper.find('h1').text()).toBe('Показатели мониторинга');
    expect(wrapper.findAll('[data-testid^="kpi-row-"]')).toHaveLength(11);
    for (const kind of [
      'regulation',
      'programme',
      'monitoring_indicators',
      'implementation_order',
      'roadmap',
    ]) {
      const item = wrapper.find(`[data-testid="kpi-document-${kind}"]`);
      expect(item.find('[data-testid="kpi-document-adopted"]').text()).toBe('нет');
    }
    const managers = rowOf(wrapper, 'managers_involved');
    expect(managers.text()).toContain('Нет руководителей в контингенте — отметьте их в карточках.');
    expect(managers.find('[data-testid="kpi-counts"]').text()).toBe('—');
    expect(managers.find('[data-testid="kpi-met"]').text()).toBe('нет данных');
    expect(managers.find('[data-testid="kpi-target"]').text()).toBe('цель не задана');
  });

  it('counts the school’s people: a student of a draft pair is not involved yet', async () => {
    const ctx = await appDataContext();
    await aPairWithPeople(ctx);
    const wrapper = await open();
    // The pair is a draft: nobody is involved yet, and the share is an honest 0 of 1.
    await vi.waitFor(() =>
      expect(rowOf(wrapper, 'students_involved').find('[data-testid="kpi-counts"]').text()).toBe(
        '0 из 1',
      ),
    );
    expect(rowOf(wrapper, 'students_involved').find('[data-testid="kpi-percent"]').text()).toBe(
      '0\u00a0%',
    );
  });

  it('sets how long a course counts: the trained teachers follow; a bad period keeps the text', async () => {
    const ctx = await appDataContext();
    const year = new Date().getFullYear();
    const teacher = await addParticipant(ctx, {
      kind: 'teacher',
      full_name: 'Кузнецова Ольга Петровна',
      is_minor: false,
      is_mentor: true,
      is_mentee: false,
    });
    // 72 hours, completed four years ago: out of date after 3 years, current after 5.
    await addTraining(
      ctx,
      teacher.id,
      {
        title: 'Организация наставничества в школе',
        provider: 'ИРООО',
        hours: 72,
        started_on: `${year - 4}-03-01`,
        completed_on: `${year - 4}-03-20`,
      },
      localIsoDate(new Date()),
    );
    const wrapper = await open();
    const trained = () =>
      rowOf(wrapper, 'teachers_trained').find('[data-testid="kpi-counts"]').text();
    const current = () => wrapper.find('[data-testid="kpi-validity-current"]').text();
    const input = () => wrapper.find('[data-testid="kpi-validity-years"]');
    await vi.waitFor(() => expect(trained()).toBe('0 из 1'));
    expect(current()).toBe('Курс от 36 часов учитывается в показателях 3 года после окончания.');
    expect((input().element as HTMLInputElement).value).toBe('3');

    await input().setValue('11');
    await wrapper.find('[data-testid="kpi-validity-form"]').trigger('submit');
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="kpi-validity"]').text()).toContain(
        'Срок — целое число лет от 1 до 10.',
      ),
    );
    expect(input().attributes('aria-invalid')).toBe('true');
    expect((input().element as HTMLInputElement).value).toBe('11');
    expect(trained()).toBe('0 из 1');

    await input().setValue('5');
    await wrapper.find('[data-testid="kpi-validity-form"]').trigger('submit');
    await vi.waitFor(() => expect(trained()).toBe('1 из 1'));
    expect(current()).toBe('Курс от 36 часов учитывается в показателях 5 лет после окончания.');
    expect(wrapper.find('[data-testid="kpi-validity-status"]').text()).toBe('Срок сохранён.');
    expect(wrapper.find('[data-testid="kpi-validity"]').text()).not.toContain('от 1 до 10.');
  });

  it('a curator reads the period and is told the school admin sets it', async () => {
    const ctx = await appDataContext();
    const app = await mountApp('/');
    mounted = app.wrapper;
    useSessionStore(app.pinia).memberships = [
      { school_id: ctx.schoolId, role: 'curator', participant_id: null },
    ];
    await app.router.push('/kpi');
    await vi.waitFor(() =>
      expect(app.wrapper.find('[data-testid="kpi-validity"]').exists()).toBe(true),
    );
    const card = app.wrapper.find('[data-testid="kpi-validity"]');
    expect(card.text()).toContain('3 года после окончания');
    expect(card.text()).toContain('Срок меняет администратор школы.');
    expect(card.find('form').exists()).toBe(false);
    expect(card.find('[data-action="setTrainingValidity"]').exists()).toBe(false);
  });

  it('records a document in place; a missing date is refused and the number stays', async () => {
    const wrapper = await open();
    const item = wrapper.find('[data-testid="kpi-document-regulation"]');
    expect(item.find('[data-testid="kpi-document-adopted"]').text()).toBe('нет');
    await item.find('[data-testid="kpi-document-record-regulation"]').trigger('click');
    const form = () => wrapper.find('[data-testid="kpi-document-form-regulation"]');
    await form().find('input[name="number"]').setValue('7-О');
    await form().trigger('submit');
    await vi.waitFor(() => expect(form().text()).toContain('Укажите дату документа.'));
    expect((form().find('input[name="number"]').element as HTMLInputElement).value).toBe('7-О');
    await form().find('input[name="dated_on"]').setValue('2026-09-01');
    await form().trigger('submit');
    await vi.waitFor(
      () =>
        expect(
          wrapper
            .find('[data-testid="kpi-document-regulation"] [data-testid="kpi-document-adopted"]')
            .text(),
        ).toBe('да'),
      { timeout: 10_000 },
    );
    expect(wrapper.find('[data-testid="kpi-document-regulation"]').text()).toContain(
      '№ 7-О от 01.09.2026',
    );
    const ctx = await appDataContext();
    const outbox = await ctx.db.outbox.where('table').equals('school_documents').toArray();
    expect(outbox).toHaveLength(1);
  });

  it('takes the ДОО numbers the school enters, and keeps a refused value as typed', async () => {
    const wrapper = await open();
    const field = (name: string) => wrapper.find(`[data-testid="kpi-value-${name}"]`);
    await field('preschool_involved-denominator').setValue('120');
    await field('preschool_involved-numerator').setValue('много');
    await wrapper.find('[data-testid="kpi-values-form"]').trigger('submit');
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="kpi-values-form"]').text()).toContain(
        'Введите число, например 12 или 12,5.',
      ),
    );
    expect((field('preschool_involved-numerator').element as HTMLInputElement).value).toBe('много');
    await field('preschool_involved-numerator').setValue('30');
    await wrapper.find('[data-testid="kpi-values-form"]').trigger('submit');
    await vi.waitFor(() =>
      expect(rowOf(wrapper, 'preschool_involved').find('[data-testid="kpi-counts"]').text()).toBe(
        '30 из 120',
      ),
    );
    expect(rowOf(wrapper, 'preschool_involved').find('[data-testid="kpi-percent"]').text()).toBe(
      '25\u00a0%',
    );
  });

  it('sets a later year’s target, and the seed’s years keep theirs', async () => {
    const wrapper = await open();
    await wrapper.find('[data-testid="kpi-year"]').setValue('2024');
    await flushPromises();
    expect(wrapper.find('[data-testid="kpi-target-students_involved"]').exists()).toBe(false);
    expect(rowOf(wrapper, 'students_involved').find('[data-testid="kpi-target"]').text()).toBe(
      '70\u00a0%',
    );
    await wrapper.find('[data-testid="kpi-year"]').setValue('2026');
    await flushPromises();
    await wrapper.find('[data-testid="kpi-target-students_involved"]').setValue('75');
    await wrapper.find('[data-testid="kpi-values-form"]').trigger('submit');
    await vi.waitFor(() =>
      expect(rowOf(wrapper, 'students_involved').find('[data-testid="kpi-target"]').text()).toBe(
        '75\u00a0%',
      ),
    );
  });

  it('downloads the chosen half-year as an .xlsx whose cells read back', async () => {
    const files = watchDownloads();
    const wrapper = await open();
    await wrapper.find('[data-testid="kpi-year"]').setValue('2025');
    await wrapper.find('[data-testid="kpi-half"]').setValue('1');
    await flushPromises();
    await wrapper.find('[data-testid="kpi-download"]').trigger('click');
    await vi.waitFor(() => expect(files).toHaveLength(1));
    expect(files[0]!.name).toBe('pokazateli-2025-1.xlsx');
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="kpi-status"]').text()).toBe(
        'Файл pokazateli-2025-1.xlsx сохранён в загрузки.',
      ),
    );
    const book = await readXlsx(files[0]!.blob);
    const rows = book.sheets[0]!;
    expect(rows[1]!.slice(0, 2)).toEqual(['I полугодие', 2025]);
    expect(rows[2]![0]).toBe('1. Нормативно-правовая база');
    const managers = rows.find((r) =>
      String(r[0]).startsWith('Доля руководящих работников, вовлеченных'),
    )!;
    expect(rows[0]).toContain('Чья цель');
    expect(managers[7]).toBe('Нет руководителей в контингенте — отметьте их в карточках.');
  });
});
