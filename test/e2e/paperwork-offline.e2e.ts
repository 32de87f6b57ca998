// Paperwork with the network cut: the curator's tablet, signed in against the real database,
// loses its connection after the app has been cached by the service worker; she still
// downloads the order approving the pairs (.docx) and the municipal KPI table (.xlsx), after
// recording the school's regulation on the spot, and the files' contents are read back.
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, inject, it } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { USERS } from '../factories/seed-ids';
import { readXlsx } from '../unit/exports/readXlsx';
import { TABLET, waitForServiceWorker } from './support/browser';
import { ARTIFACTS, expectPhoneFriendly, useSignedInPhones, waitForBadge } from './support/phone';

const syncBaseUrl = inject('syncBaseUrl');
const CURATOR = { id: USERS.curator, email: 'nesterenko@luzino1.example' };

const { phoneOf } = useSignedInPhones();

async function downloaded(page: Page, click: () => Promise<void>): Promise<Download> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return download;
}

async function bytesOf(download: Download): Promise<Uint8Array<ArrayBuffer>> {
  const file = `${ARTIFACTS}/${download.suggestedFilename()}`;
  await download.saveAs(file);
  return new Uint8Array(readFileSync(file));
}

/** The text of a .docx: every run of word/document.xml, paragraphs on their own lines. */
function docxText(bytes: Uint8Array): string {
  const xml = strFromU8(unzipSync(bytes)['word/document.xml']!);
  return xml
    .split(/<\/w:p>/)
    .map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .join('\n');
}

describe('paperwork offline', () => {
  it('downloads the approval order and the KPI table with the network cut', async () => {
    const { page, context, errors } = await phoneOf(CURATOR, TABLET);
    await page.goto(`${syncBaseUrl}/`);
    await waitForBadge(page, 'synced');
    expect(await waitForServiceWorker(page)).toBe('activated');

    await context.setOffline(true);

    // The order approving the seed's pairs (№ 112-О), generated in the browser.
    await page.goto(`${syncBaseUrl}/documents`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByTestId('order-112-О').click();
    await page.getByTestId('document-paper').waitFor();
    const order = await downloaded(page, () => page.getByTestId('document-download').click());
    expect(order.suggestedFilename()).toMatch(/\.docx$/);
    const orderText = docxText(await bytesOf(order));
    expect(orderText).toContain('112-О');
    expect(orderText).toMatch(/Кравцова/);
    expect(orderText).toMatch(/Ларина/);

    // The KPI table: the regulation is recorded offline, and the file says «да» with its number.
    await page.goto(`${syncBaseUrl}/kpi`);
    await page.getByRole('heading', { level: 1, name: 'Показатели мониторинга' }).waitFor();
    const regulation = page.getByTestId('kpi-document-regulation');
    await expect(regulation.getByTestId('kpi-document-adopted').textContent()).resolves.toBe('нет');
    await page.getByTestId('kpi-document-record-regulation').click();
    const form = page.getByTestId('kpi-document-form-regulation');
    await form.getByLabel('Номер').fill('7-О');
    await form.getByLabel('Дата').fill('2026-09-01');
    await form.getByTestId('kpi-document-save').click();
    await expect
      .poll(() => regulation.getByTestId('kpi-document-adopted').textContent())
      .toBe('да');
    await expectPhoneFriendly(page, 'kpi-offline-1024');
    const shown = await page
      .getByTestId('kpi-row-students_involved')
      .getByTestId('kpi-counts')
      .textContent();

    const table = await downloaded(page, () => page.getByTestId('kpi-download').click());
    const year = new Date().getFullYear();
    expect(table.suggestedFilename()).toBe(`pokazateli-${year}.xlsx`);
    const book = await readXlsx(new Blob([await bytesOf(table)]));
    expect(book.sheetNames).toEqual(['Показатели', 'Пояснения']);
    const rows = book.sheets[0]!;
    expect(rows[0]!.slice(0, 4)).toEqual(['Показатель', 'Числитель', 'Знаменатель', 'Значение, %']);
    const rowOf = (start: string) => rows.find((r) => String(r[0]).startsWith(start))!;
    expect(rowOf('Разработано «Положение о наставничестве»')).toEqual(
      expect.arrayContaining(['да', '№ 7-О']),
    );
    const students = rowOf('Доля обучающихся ОО');
    expect(`${students[1]} из ${students[2]}`).toBe(shown?.trim());
    expect(rowOf('Доля обучающихся ДОО')[7]).toBe(
      'Впишите, сколько всего воспитанников ДОО и сколько из них вовлечено.',
    );

    await page.screenshot({ path: `${ARTIFACTS}/kpi-offline.png` });
    expect(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(e))).toEqual([]);
  });
});
