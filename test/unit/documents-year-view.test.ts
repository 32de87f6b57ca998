// The year's documents on the documents page (device-only, real router, database and docx
// writer): the curator types her name and the orders' numbers, checks each document in the
// preview and downloads the same text as .docx.
import type { VueWrapper } from '@vue/test-utils';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appDataContext } from '@/data/context';
import { logMeeting } from '@/data/repos/meetings';
import { approvePair } from '@/data/repos/pairs';
import { updateParticipant } from '@/data/repos/participants';
import { localIsoDate } from '@/domain/dates';
import { academicYearOf } from '@/domain/documents';
import { aPairWithPeople } from './data/context';
import { mountApp } from './views/mountApp';

const today = localIsoDate(new Date());
const year = academicYearOf(today);
let mounted: VueWrapper | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
  vi.restoreAllMocks();
});

/** An approved pair of this school year whose mentor has a position, with one meeting. */
async function aSchoolYear() {
  const ctx = await appDataContext();
  const { pair, mentor } = await aPairWithPeople(ctx);
  await updateParticipant(ctx, mentor.id, {
    kind: 'teacher',
    full_name: mentor.full_name,
    is_minor: false,
    is_mentor: true,
    is_mentee: false,
    staff: {
      position: 'учитель математики',
      teaching_experience_years: 12,
      qualification_category: 'высшая',
      is_manager: false,
      birth_date: null,
    },
  });
  await approvePair(ctx, pair.id, { order_number: '45-о', order_date: today }, today);
  await logMeeting(
    ctx,
    pair.id,
    { type: 'organisational', held_on: today, duration_min: 40, format: 'in_person', notes: null },
    today,
  );
  return { pair, mentor };
}

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
    async text(index: number) {
      const zip = unzipSync(new Uint8Array(await files[index]!.blob.arrayBuffer()));
      return strFromU8(zip['word/document.xml']!).replace(/<[^>]+>/g, ' ');
    },
  };
}

const paper = (w: VueWrapper) => w.find('[data-testid="document-paper"]');

describe('the school year’s documents', () => {
  async function openYear() {
    const app = await mountApp('/documents');
    mounted = app.wrapper;
    const wrapper = app.wrapper;
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="year-curatorOrder"]').exists()).toBe(true),
    );
    const set = (name: string, value: string) => wrapper.find(`[name="${name}"]`).setValue(value);
    const save = async () => {
      await wrapper.find('[data-testid="documents-year"] form').trigger('submit');
      await vi.waitFor(() =>
        expect(wrapper.find('[data-testid="documents-year"]').text()).toContain('Сохранено'),
      );
    };
    return { wrapper, set, save };
  }

  it('names the curator typed for the year and downloads the order', async () => {
    await aSchoolYear();
    const download = captureDownload();
    const { wrapper, set, save } = await openYear();
    expect((wrapper.find('[name="document_year"]').element as HTMLSelectElement).value).toBe(
      year.label,
    );
    await set('curator_name', 'Иванова Елена Петровна');
    await set('curator_position', 'заместитель директора по УВР');
    await set('curatorOrder_number', 'Н'.repeat(201));
    await set('curatorOrder_date', today);
    await wrapper.find('[data-testid="documents-year"] form').trigger('submit');
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="documents-year"]').text()).toContain(
        'Слишком длинный текст: не больше 200 символов',
      ),
    );
    expect(wrapper.find('[data-testid="documents-year"]').text()).not.toContain('Сохранено');
    expect((wrapper.find('[name="curatorOrder_number"]').element as HTMLInputElement).value).toBe(
      'Н'.repeat(201),
    );
    await set('curatorOrder_number', '12-о');
    await save();

    await wrapper.find('[data-testid="year-curatorOrder"]').trigger('click');
    await vi.waitFor(() =>
      expect(paper(wrapper).text()).toContain(
        'О назначении куратора целевой модели наставничества',
      ),
    );
    expect(paper(wrapper).text()).toContain(
      `на ${year.label} учебный год (с ${year.from.split('-').reverse().join('.')}`,
    );
    expect(paper(wrapper).text()).toContain('Иванова Елена Петровна, заместитель директора по УВР');
    expect(paper(wrapper).text()).toContain('№ 12-о');
    await wrapper.find('[data-testid="document-download"]').trigger('click');
    await vi.waitFor(() => expect(download.files).toHaveLength(1), { timeout: 5000 });
    expect(download.files[0]!.name).toMatch(
      /^Приказ-12-о-о-назначении-куратора-\d{4}-\d{4}\.docx$/,
    );
    expect(await download.text(0)).toContain(
      'Иванова Елена Петровна, заместитель директора по УВР',
    );
  }, 30_000);

  it('fixes the mentors of the year’s approved pairs with their positions', async () => {
    await aSchoolYear();
    const download = captureDownload();
    const { wrapper, set, save } = await openYear();
    await set('mentorsOrder_number', '60-о');
    await save();
    await wrapper.find('[data-testid="year-mentorsOrder"]').trigger('click');
    await vi.waitFor(() => expect(paper(wrapper).text()).toContain('О закреплении наставников'));
    const rows = paper(wrapper).find('tbody').text();
    expect(rows).toContain('Петров Сергей Иванович');
    expect(rows).toContain('учитель математики');
    expect(rows).toContain('Смирнова Анна, 6Б класс');
    expect(paper(wrapper).text()).toContain('№ 60-о');
    await wrapper.find('[data-testid="document-download"]').trigger('click');
    await vi.waitFor(() => expect(download.files).toHaveLength(1), { timeout: 5000 });
    const xml = await download.text(0);
    expect(xml).toContain('Петров Сергей Иванович');
    expect(xml).toContain('учитель математики');
  }, 30_000);

  it('previews the analytical report with the KPI rows and downloads it', async () => {
    await aSchoolYear();
    const download = captureDownload();
    const { wrapper, set, save } = await openYear();
    await set('curator_name', 'Иванова Елена Петровна');
    await save();
    await wrapper.find('[data-testid="year-analyticalReport"]').trigger('click');
    await vi.waitFor(() => expect(paper(wrapper).text()).toContain('АНАЛИТИЧЕСКАЯ СПРАВКА'));
    const report = paper(wrapper).text();
    expect(report).toContain('по приказам об утверждении: 1.');
    expect(report).toContain('Проведено встреч: 1');
    expect(report).toContain('Показатели эффективности и целевые значения');
    expect(report).toContain('имеющих действующую курсовую подготовку по наставничеству');
    expect(report).toContain('Куратор целевой модели наставничества ______________ /Е.П. Иванова/');
    await wrapper.find('[data-testid="document-download"]').trigger('click');
    await vi.waitFor(() => expect(download.files).toHaveLength(1), { timeout: 5000 });
    expect(download.files[0]!.name).toMatch(/^Аналитическая-справка-\d{4}-\d{4}\.docx$/);
    const xml = await download.text(0);
    expect(xml).toContain('АНАЛИТИЧЕСКАЯ СПРАВКА');
    expect(xml).toContain('Доля педагогических работников');
  }, 30_000);
});
