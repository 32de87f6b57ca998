// The documents page in device-only mode (the device is the school's), with the real router,
// i18n, database and docx writer: the curator picks the approval order or a pair, checks the
// preview and downloads the .docx, which says what the preview says. Private notes never
// appear in a document.
import type { VueWrapper } from '@vue/test-utils';
import { flushPromises } from '@vue/test-utils';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appDataContext } from '@/data/context';
import { logMeeting } from '@/data/repos/meetings';
import { approvePair } from '@/data/repos/pairs';
import { addTask, createPlan, addGoal } from '@/data/repos/plans';
import { aPairWithPeople } from '../data/context';
import { mountApp } from '../views/mountApp';

const TODAY = '2026-11-25';
let mounted: VueWrapper | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
  vi.restoreAllMocks();
});

async function open() {
  const app = await mountApp('/documents');
  mounted = app.wrapper;
  return app.wrapper;
}

/** An approved «учитель – ученик» pair with a plan, two meetings and a private note. */
async function aSchoolWithPaperwork() {
  const ctx = await appDataContext();
  const { pair, mentor, mentee } = await aPairWithPeople(ctx);
  await approvePair(ctx, pair.id, { order_number: '45-о', order_date: '2026-09-15' }, TODAY);
  const plan = await createPlan(ctx, pair.id, { title: 'Догнать класс', menteeId: mentee.id });
  const goal = await addGoal(ctx, plan.id, { title: 'Повысить успеваемость по математике' });
  await addTask(ctx, plan.id, goal.id, {
    title: 'Разобрать темы контрольной',
    expected_result: 'Оценка не ниже «4»',
    due_on: '2026-10-20',
    status: 'done',
  });
  const meeting = (type: 'organisational' | 'final', held_on: string, notes: string) =>
    logMeeting(
      ctx,
      pair.id,
      {
        type,
        held_on,
        duration_min: 45,
        format: 'in_person',
        notes,
        private_note: 'Секретная заметка наставника',
      },
      TODAY,
    );
  await meeting('organisational', '2026-09-20', 'Познакомились');
  await meeting('final', '2026-11-20', 'Анна подтянула математику.');
  return { pair, mentor, mentee };
}

/** The file the page handed to the browser, unzipped: word/document.xml's text. */
function captureDownload() {
  const files: { name: string; blob: Blob }[] = [];
  let lastBlob: Blob | null = null;
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    lastBlob = blob as Blob;
    return 'blob:document';
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    files.push({ name: this.download, blob: lastBlob! });
  });
  return {
    files,
    async text(index = 0) {
      const zip = unzipSync(new Uint8Array(await files[index]!.blob.arrayBuffer()));
      return strFromU8(zip['word/document.xml']!).replace(/<[^>]+>/g, ' ');
    },
  };
}

describe('the documents page', () => {
  it('asks to choose while nothing is chosen, and says when there is no order yet', async () => {
    const ctx = await appDataContext();
    await aPairWithPeople(ctx);
    const wrapper = await open();
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="orders-empty"]').exists()).toBe(true),
    );
    expect(wrapper.find('[data-testid="document-choose"]').text()).toContain(
      'Выберите приказ или пару',
    );
    expect(wrapper.find('[data-testid="document-download"]').exists()).toBe(false);
  });

  it('previews the approval order and downloads the same text as .docx', async () => {
    const { pair } = await aSchoolWithPaperwork();
    const download = captureDownload();
    const wrapper = await open();
    await vi.waitFor(() => expect(wrapper.find('[data-testid="order-45-о"]').exists()).toBe(true));
    expect(wrapper.find('[data-testid="order-45-о"]').text()).toContain('1 пара');
    expect(wrapper.find(`[data-testid="pair-${pair.id}"]`).text()).toContain(
      'Петров Сергей Иванович — Смирнова Анна',
    );

    await wrapper.find('[data-testid="order-45-о"]').trigger('click');
    const paper = wrapper.find('[data-testid="document-paper"]');
    expect(paper.text()).toContain('Об утверждении наставнических пар (групп)');
    expect(paper.text()).toContain('15.09.2026');
    expect(paper.text()).toContain('№ 45-о');
    expect(paper.find('tbody').text()).toContain('Петров Сергей Иванович');
    expect(paper.find('tbody').text()).toContain('Смирнова Анна, 6Б класс');
    expect(paper.text()).toContain('Директор ______________ /________________/');
    expect(wrapper.find('[data-testid="document-download"]').attributes('data-action')).toBe(
      'producePaperwork',
    );

    await wrapper.find('[data-testid="document-download"]').trigger('click');
    await vi.waitFor(() => expect(download.files).toHaveLength(1), { timeout: 5000 });
    expect(download.files[0]!.name).toBe('Приказ-45-о-от-15-09-2026-наставнические-пары.docx');
    const xml = await download.text();
    for (const expected of [
      'ПРИКАЗ',
      '№ 45-о',
      '15.09.2026',
      'Петров Сергей Иванович',
      'Смирнова Анна, 6Б класс',
      '«учитель – ученик»',
    ]) {
      expect(xml).toContain(expected);
    }
  });

  it('puts the typed requisites into the header and the signature line', async () => {
    await aSchoolWithPaperwork();
    const wrapper = await open();
    await vi.waitFor(() => expect(wrapper.find('[data-testid="order-45-о"]').exists()).toBe(true));
    await wrapper.find('[data-testid="requisite-name"]').setValue('МБОУ «Лузинская СОШ № 1»');
    await wrapper.find('[data-testid="requisite-place"]').setValue('с. Лузино');
    await wrapper.find('[data-testid="requisite-director"]').setValue('Е.Ф. Задворнова');
    await wrapper.find('[data-testid="document-requisites"] form').trigger('submit');
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="document-requisites"]').text()).toContain(
        'Реквизиты сохранены',
      ),
    );
    await wrapper.find('[data-testid="order-45-о"]').trigger('click');
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="document-paper"]').text()).toContain(
        'Директор ______________ /Е.Ф. Задворнова/',
      ),
    );
    const paper = wrapper.find('[data-testid="document-paper"]').text();
    expect(paper).toContain('МБОУ «Лузинская СОШ № 1»');
    expect(paper).toContain('с. Лузино');
  });

  it('refuses an over-long requisite with a message and keeps the text', async () => {
    await aSchoolWithPaperwork();
    const wrapper = await open();
    await vi.waitFor(() => expect(wrapper.find('[data-testid="order-45-о"]').exists()).toBe(true));
    const long = 'Д'.repeat(201);
    await wrapper.find('[data-testid="requisite-director"]').setValue(long);
    await wrapper.find('[data-testid="document-requisites"] form').trigger('submit');
    await flushPromises();
    expect(wrapper.find('[data-testid="document-requisites"]').text()).toContain(
      'Слишком длинный текст: не больше 200 символов',
    );
    expect(
      (wrapper.find('[data-testid="requisite-director"]').element as HTMLInputElement).value,
    ).toBe(long);
    expect(wrapper.find('[data-testid="document-requisites"]').text()).not.toContain(
      'Реквизиты сохранены',
    );
  });

  it("previews the pair's plan and the mentor's report, never the private note", async () => {
    const { pair } = await aSchoolWithPaperwork();
    const download = captureDownload();
    const wrapper = await open();
    await vi.waitFor(() =>
      expect(wrapper.find(`[data-testid="developmentPlan-${pair.id}"]`).exists()).toBe(true),
    );

    await wrapper.find(`[data-testid="developmentPlan-${pair.id}"]`).trigger('click');
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="document-paper"]').text()).toContain(
        'Цель 1. Повысить успеваемость по математике',
      ),
    );
    const plan = wrapper.find('[data-testid="document-paper"]').text();
    expect(plan).toContain('Разобрать темы контрольной');
    expect(plan).toContain('20.10.2026');
    expect(plan).toContain('Наставляемый ______________ /А. Смирнова/');

    await wrapper.find(`[data-testid="mentorReport-${pair.id}"]`).trigger('click');
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="document-paper"]').text()).toContain('ОТЧЁТ НАСТАВНИКА'),
    );
    const report = wrapper.find('[data-testid="document-paper"]').text();
    expect(report).toContain('Всего проведено встреч: 2');
    expect(report).toContain('20.09.2026');
    expect(report).toContain('Выполнено задач: 1 из 1 (100 %).');
    expect(report).toContain('Анна подтянула математику.');
    expect(report).not.toContain('Секретная заметка');

    await wrapper.find('[data-testid="document-download"]').trigger('click');
    await vi.waitFor(() => expect(download.files).toHaveLength(1), { timeout: 5000 });
    const xml = await download.text();
    expect(xml).toContain('ОТЧЁТ НАСТАВНИКА');
    expect(xml).toContain('Анна подтянула математику.');
    expect(xml).not.toContain('Секретная заметка');
  });
});
