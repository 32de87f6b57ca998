// The exports page in device-only mode (the device is the school's), with the real router,
// i18n and database: each spreadsheet with its row count, and a download whose file is read
// back. The browser's download (an object URL and a link's click) is observed, not faked away.
import type { VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appDataContext } from '@/data/context';
import { logMeeting } from '@/data/repos/meetings';
import { approvePair } from '@/data/repos/pairs';
import { localIsoDate } from '@/domain/dates';
import type { ParticipantSensitive } from '@/domain/types';
import { aPairWithPeople } from '../data/context';
import { readXlsx } from '../exports/readXlsx';
import { mountApp } from '../views/mountApp';

const PRIVATE_NOTE = 'Аня переживает из-за оценок — только для меня';
const CATEGORY = 'ОВЗ';

let mounted: VueWrapper | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
  vi.restoreAllMocks();
});

/** A pair with one meeting that has a private note; the mentee has a sensitive category. */
async function aSchoolWithAMeeting() {
  const ctx = await appDataContext();
  const today = localIsoDate(new Date());
  const { pair, mentee } = await aPairWithPeople(ctx);
  await approvePair(ctx, pair.id, { order_number: '45-о', order_date: today }, today);
  await logMeeting(
    ctx,
    pair.id,
    {
      type: 'organisational',
      held_on: today,
      duration_min: 45,
      format: 'in_person',
      topic: 'Знакомство и цели',
      private_note: PRIVATE_NOTE,
    },
    today,
  );
  await ctx.db.participant_sensitive.add({
    id: crypto.randomUUID(),
    school_id: mentee.school_id,
    version: 0,
    deleted_at: null,
    created_at: new Date().toISOString(),
    updated_at: new Date().toISOString(),
    created_by: null,
    participant_id: mentee.id,
    categories: [CATEGORY],
    note: CATEGORY,
    request: CATEGORY,
  } satisfies ParticipantSensitive);
  return { today };
}

/** Captures the files the page hands to the browser: the Blob and the link's file name. */
function watchDownloads() {
  const files: { name: string; blob: Blob }[] = [];
  let last: Blob | null = null;
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    last = blob as Blob;
    return 'blob:export';
  });
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    if (last) files.push({ name: this.download, blob: last });
  });
  return files;
}

async function open() {
  const app = await mountApp('/exports');
  mounted = app.wrapper;
  await vi.waitFor(() =>
    expect(app.wrapper.find('[data-testid="export-meetings"]').exists()).toBe(true),
  );
  return app.wrapper;
}

describe('the exports page', () => {
  it('lists every spreadsheet with what it holds and its row count', async () => {
    await aSchoolWithAMeeting();
    const wrapper = await open();
    expect(wrapper.find('h1').text()).toBe('Выгрузки в Excel');
    const count = (kind: string) =>
      wrapper.find(`[data-testid="export-${kind}"] [data-testid="export-rows"]`).text();
    expect(count('mentors')).toBe('Строк в таблице: 1');
    expect(count('mentees')).toBe('Строк в таблице: 1');
    expect(count('pairs')).toBe('Строк в таблице: 1');
    expect(count('meetings')).toBe('Строк в таблице: 1');
    expect(count('plans')).toBe('Строк в таблице: 0');
    expect(count('questionnaires')).toBe('Строк в таблице: 0');
    expect(count('mentorCard')).toBe('Строк в таблице: 1');
    expect(wrapper.find('[data-testid="export-mentees"]').text()).toContain(
      'Категории наставляемых не выгружаются',
    );
    const buttons = wrapper.findAll('button[data-action="producePaperwork"]');
    expect(buttons).toHaveLength(8);
    expect(buttons.every((b) => b.text() === 'Скачать .xlsx')).toBe(true);
  });

  it('downloads the meeting log as a dated .xlsx without the private note', async () => {
    const { today } = await aSchoolWithAMeeting();
    const files = watchDownloads();
    const wrapper = await open();
    await wrapper.find('[data-testid="export-download-meetings"]').trigger('click');
    await vi.waitFor(() => expect(files).toHaveLength(1));
    expect(files[0]!.name).toBe(`vstrechi-${today}.xlsx`);
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="exports-status"]').text()).toBe(
        `Файл vstrechi-${today}.xlsx сохранён в загрузки.`,
      ),
    );
    const book = await readXlsx(files[0]!.blob);
    expect(book.sheetNames).toEqual(['Встречи', 'Пояснения']);
    expect(book.sheets[0]![0]![0]).toBe('Пара');
    expect(book.sheets[0]![1]!.slice(0, 6)).toEqual([
      'Петров Сергей Иванович — Смирнова Анна',
      { date: today },
      'Организационная',
      'Очно',
      45,
      'Знакомство и цели',
    ]);
    expect(Object.values(book.files).join()).not.toContain(PRIVATE_NOTE);
  });

  it('downloads the mentee base without her sensitive category', async () => {
    const { today } = await aSchoolWithAMeeting();
    const files = watchDownloads();
    const wrapper = await open();
    await wrapper.find('[data-testid="export-download-mentees"]').trigger('click');
    await vi.waitFor(() => expect(files).toHaveLength(1));
    expect(files[0]!.name).toBe(`nastavlyaemye-${today}.xlsx`);
    const book = await readXlsx(files[0]!.blob);
    expect(book.sheets[0]![1]![0]).toBe('Смирнова Анна');
    const cells = book.sheets[0]!.flat().map(String);
    expect(cells).not.toContain(CATEGORY);
    expect(Object.values(book.files).join()).not.toContain(`>${CATEGORY}<`);
  });

  it('says so when the file cannot be written, and the page stays usable', async () => {
    await aSchoolWithAMeeting();
    vi.spyOn(URL, 'createObjectURL').mockImplementation(() => {
      throw new Error('quota');
    });
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const wrapper = await open();
    await wrapper.find('[data-testid="export-download-pairs"]').trigger('click');
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="exports-failed"]').text()).toBe(
        'Не удалось подготовить файл. Попробуйте ещё раз.',
      ),
    );
    expect(
      wrapper.find('[data-testid="export-download-pairs"]').attributes('disabled'),
    ).toBeUndefined();
  });
});
