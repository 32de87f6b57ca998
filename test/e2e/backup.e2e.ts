// A device-only user moves to a new phone (or the browser cleared its storage): the data of the
// old phone — two people entered through the forms and 10,000 more records — is saved from
// Settings as a file, restored on an empty browser, and equal; a file cut short is refused
// with a message and the restored records stay.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PHONE, collectErrors, launchChromium, newContext } from './support/browser';
import { ARTIFACTS, expectPhoneFriendly } from './support/phone';

const baseUrl = inject('baseUrl');
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const MEETINGS = 10_000;
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function addParticipant(page: Page, fill: (page: Page) => Promise<void>): Promise<void> {
  await page.getByRole('link', { name: 'Добавить участника' }).first().click();
  await page.getByRole('heading', { name: 'Новый участник' }).waitFor();
  await fill(page);
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await page.waitForURL(new RegExp(`/people/${UUID}$`));
}

/**
 * A year of one pair's meetings written straight into the device database (the forms would
 * take an hour): the pair of the two people, its members, and MEETINGS meetings.
 */
function writeManyRecords(page: Page): Promise<void> {
  return page.evaluate(async (count) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('nastavnik-device');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const tx = db.transaction(
      ['meta', 'participants', 'pairs', 'pair_members', 'meetings'],
      'readwrite',
    );
    const request = <T>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    const school = (
      (await request(tx.objectStore('meta').get('local_school_id'))) as { value: string }
    ).value;
    const people = (await request(tx.objectStore('participants').getAll())) as {
      id: string;
      kind: string;
    }[];
    const synced = (i: number) => ({
      id: crypto.randomUUID(),
      school_id: school,
      version: 0,
      deleted_at: i % 97 === 0 ? '2026-10-20T08:00:00.000Z' : null,
      created_at: '2026-09-01T08:00:00.000Z',
      updated_at: '2026-09-01T08:00:00.000Z',
      created_by: null,
    });
    const pair = {
      ...synced(1),
      programme_id: null,
      is_group: false,
      form: 'uchitel_uchenik',
      role_model: null,
      title: null,
      status: 'active',
      order_number: '45-о',
      order_date: '2026-09-15',
      started_on: '2026-09-16',
      ended_on: null,
      end_reason: null,
    };
    tx.objectStore('pairs').put(pair);
    for (const person of people) {
      tx.objectStore('pair_members').put({
        ...synced(1),
        pair_id: pair.id,
        participant_id: person.id,
        side: person.kind === 'teacher' ? 'mentor' : 'mentee',
      });
    }
    for (let i = 0; i < count; i++) {
      tx.objectStore('meetings').put({
        ...synced(i),
        pair_id: pair.id,
        type: 'regular',
        held_on: `2026-${String(9 + (i % 3)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
        duration_min: 30 + (i % 30),
        format: 'in_person',
        topic: `Тема ${i}`,
        notes: i % 2 ? `Разобрали «задачу ${i}»,\nдоговорились` : null,
        agreements: null,
      });
    }
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, MEETINGS);
}

/** Every row of the backed-up tables, sorted, without the device's local school id. */
function deviceRows(page: Page): Promise<Record<string, unknown[]>> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('nastavnik-device');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const tables = [
      'participants',
      'participant_sensitive',
      'consents',
      'pairs',
      'pair_members',
      'meetings',
    ];
    const tx = db.transaction(tables, 'readonly');
    const out: Record<string, unknown[]> = {};
    for (const table of tables) {
      const rows = await new Promise<Record<string, unknown>[]>((resolve, reject) => {
        const r = tx.objectStore(table).getAll();
        r.onsuccess = () => resolve(r.result as Record<string, unknown>[]);
        r.onerror = () => reject(r.error);
      });
      out[table] = rows
        .map(({ school_id: _school, ...rest }) => rest)
        .sort((a, b) => String(a.id).localeCompare(String(b.id)));
    }
    db.close();
    return out;
  });
}

async function openSettings(page: Page): Promise<void> {
  await page.goto(`${baseUrl}/settings`);
  await page.getByRole('button', { name: 'Сохранить резервную копию' }).waitFor();
}

describe('a device-only backup moves everything to an empty browser (360×640)', () => {
  it(
    'saves, restores 10,000 records equal, and refuses a truncated file',
    { timeout: 180_000 },
    async () => {
      // The old phone: two people through the forms, then a year of meetings.
      const oldPhone = await newContext(browser, PHONE);
      const page = await oldPhone.newPage();
      const errors = collectErrors(page);
      await page.goto(`${baseUrl}/people`);
      await page.getByRole('heading', { name: 'В базах пока никого нет' }).waitFor();
      await addParticipant(page, async (p) => {
        await p.getByLabel('ФИО', { exact: true }).fill('Петров Сергей Иванович');
        await p.getByLabel('Кто это').selectOption('teacher');
        await p.getByLabel('База наставников').check();
      });
      await page.getByRole('link', { name: 'Все люди' }).click();
      await addParticipant(page, async (p) => {
        await p.getByLabel('ФИО', { exact: true }).fill('Смирнова Анна');
        await p.getByLabel('Класс').fill('6Б');
        await p.getByLabel('База наставляемых').check();
      });
      await writeManyRecords(page);
      const saved = await deviceRows(page);
      expect(saved.meetings).toHaveLength(MEETINGS);

      await openSettings(page);
      await expectPhoneFriendly(page, 'backup-settings');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Сохранить резервную копию' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^nastavnik-backup-\d{4}-\d{2}-\d{2}\.json$/);
      const file = `${ARTIFACTS}/${download.suggestedFilename()}`;
      await download.saveAs(file);
      await page.getByText(`Копия сохранена в файл ${download.suggestedFilename()}`).waitFor();
      const text = readFileSync(file);
      expect(errors).toEqual([]);
      await oldPhone.close();

      // The new phone: an empty browser. The user picks the file in the file dialog.
      const newPhone = await newContext(browser, PHONE);
      const fresh = await newPhone.newPage();
      const freshErrors = collectErrors(fresh);
      await openSettings(fresh);
      const [chooser] = await Promise.all([
        fresh.waitForEvent('filechooser'),
        fresh.getByRole('button', { name: 'Восстановить из копии' }).click(),
      ]);
      await chooser.setFiles({
        name: download.suggestedFilename(),
        mimeType: 'application/json',
        buffer: text,
      });
      const summary = fresh.getByTestId('backup-summary');
      await summary.waitFor();
      await expect(summary.innerText()).resolves.toContain('2 человека');
      await expect(summary.innerText()).resolves.toContain('1 пара');
      const liveMeetings = (saved.meetings ?? []).filter(
        (m) => !(m as { deleted_at: unknown }).deleted_at,
      );
      await expect(summary.innerText()).resolves.toContain(`${liveMeetings.length} встреч`);
      await expectPhoneFriendly(fresh, 'backup-restore-summary');
      await fresh.getByRole('button', { name: 'Восстановить', exact: true }).click();
      await fresh.getByText('Копия восстановлена').waitFor({ timeout: 60_000 });
      expect(await deviceRows(fresh)).toEqual(saved);

      await fresh.goto(`${baseUrl}/people`);
      await fresh.getByText('Петров Сергей Иванович').first().waitFor();
      await fresh.getByText('Смирнова Анна').first().waitFor();

      // A file cut short: refused with the message; the restored records stay.
      await openSettings(fresh);
      await fresh.getByTestId('backup-file').setInputFiles({
        name: 'nastavnik-backup-cut.json',
        mimeType: 'application/json',
        buffer: text.subarray(0, Math.floor(text.length / 2)),
      });
      await fresh.getByRole('alert').getByText('Файл повреждён или обрезан').waitFor();
      await expectPhoneFriendly(fresh, 'backup-refused');
      expect(await deviceRows(fresh)).toEqual(saved);
      await fresh.goto(`${baseUrl}/people`);
      await fresh.getByText('Смирнова Анна').first().waitFor();
      expect(freshErrors).toEqual([]);
      await newPhone.close();
    },
  );
});
