// The municipal coordinator (ИМЦ) on a tablet (1024×768) in Chromium, against the real
// database (support/backend.ts): signed in and in no school, her home leads to the monitoring
// of her municipality; it lists both schools of the seed with the KPI table summed over them —
// numbers only, never a participant's name — and a school's satisfaction of fewer than five
// answers is not shown. The targets she sets for the year reach her schools' KPI tables. A
// curator opening her page is told it is the coordinator's.
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { USERS } from '../factories/seed-ids';
import { seriousAxeViolations } from './support/axe';
import { TABLET } from './support/browser';
import { ARTIFACTS, useSignedInPhones } from './support/phone';
import { readXlsx } from '../unit/exports/readXlsx';

const syncBaseUrl = inject('syncBaseUrl');
const COORDINATOR = { id: USERS.coordinator, email: 'fomina@omr-imc.example' };
const CURATOR = { id: USERS.curator, email: 'nesterenko@luzino1.example' };

const { backend, phoneOf } = useSignedInPhones();

describe('the municipal coordinator', () => {
  it('follows her municipality’s schools, in numbers only', async () => {
    const { page, errors } = await phoneOf(COORDINATOR, TABLET);
    await page.goto(`${syncBaseUrl}/`);
    const card = page.getByTestId('coordinator-card');
    await card.waitFor();
    expect(await card.innerText()).toContain('Омский муниципальный район');
    await card.getByRole('link', { name: 'Открыть мониторинг' }).click();
    await page.waitForURL(/\/municipality$/);

    const schools = page.getByTestId('municipality-schools');
    await schools.waitFor();
    expect((await schools.locator('li').allInnerTexts()).sort()).toEqual([
      'Ачаирская СОШ',
      'Лузинская СОШ №1',
    ]);
    expect(await page.getByTestId('municipality-name').innerText()).toContain(
      'Омский муниципальный район',
    );

    // The teachers' share is the sum over both schools' rolls, as their staff count it.
    const { rows } = await backend().db.query<{ teachers: number }>(
      `select count(*)::int as teachers from public.participants
       where kind = 'teacher' and not coalesce(is_manager, false) and deleted_at is null`,
    );
    const teachers = page.getByTestId('municipal-row-teachers_involved');
    expect(await teachers.getByTestId('municipal-percent').innerText()).toMatch(
      new RegExp(`из ${rows[0]!.teachers}\\)$`),
    );
    // The seed's few satisfaction answers per school: not shown, not summed.
    const satisfaction = page.getByTestId('municipal-row-mentee_satisfaction');
    await satisfaction.getByText('По школам').click();
    const cells = await satisfaction.getByTestId('municipal-school-cell').allInnerTexts();
    expect(cells).toHaveLength(2);
    for (const cell of cells) expect(cell).toMatch(/меньше 5 ответов|нет данных/);

    // Counts only: no participant of either school is named anywhere on the page.
    const names = await backend().db.query<{ full_name: string }>(
      'select full_name from public.participants',
    );
    const text = await page.locator('body').innerText();
    for (const { full_name } of names.rows) expect(text).not.toContain(full_name);

    // This year has no target from the 2020–2024 order: the municipality sets one.
    expect(await teachers.getByTestId('municipal-target').innerText()).toBe('цель не задана');
    await page.getByTestId('municipal-target-teachers_involved').fill('140');
    await page.getByTestId('municipal-targets-save').click();
    await page.getByText('Целевое значение — не больше 100 %.').waitFor();
    expect(await page.getByTestId('municipal-target-teachers_involved').inputValue()).toBe('140');
    await page.getByTestId('municipal-target-teachers_involved').fill('40,5');
    await page.getByTestId('municipal-targets-save').click();
    await page.getByText('Целевые значения сохранены').waitFor();
    await expect(teachers.getByTestId('municipal-target').innerText()).resolves.toMatch(
      /^40[.,]5\u00a0%/,
    );
    expect(await teachers.getByTestId('municipal-target').innerText()).toContain(
      'цель муниципалитета',
    );
    const { rows: set } = await backend().db.query<{ value: string }>(
      `select value::text from public.municipal_kpi_targets
       where indicator = 'teachers_involved' and year = $1`,
      [new Date().getFullYear()],
    );
    expect(set).toEqual([{ value: '40.5' }]);

    // The table as .xlsx for her own report: the total with the new target, each school's
    // numbers, and still no participant's name anywhere in the file.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('municipality-download').click(),
    ]);
    expect(download.suggestedFilename()).toBe(
      `pokazateli-municipalitet-${new Date().getFullYear()}.xlsx`,
    );
    const file = `${ARTIFACTS}/${download.suggestedFilename()}`;
    await download.saveAs(file);
    const book = await readXlsx(new Blob([new Uint8Array(readFileSync(file))]));
    expect(book.sheetNames).toEqual(['Показатели муниципалитета', 'Пояснения']);
    const teacherRows = book.sheets[0]!.filter((r) =>
      String(r[0]).startsWith(
        'Доля педагогических работников, в том числе, узких специалистов, вовлеченных',
      ),
    );
    expect(teacherRows.map((r) => r[1])).toEqual([
      'Все школы',
      'Ачаирская СОШ',
      'Лузинская СОШ №1',
    ]);
    expect(teacherRows[0]!.slice(3, 7)).toEqual([
      rows[0]!.teachers,
      expect.any(Number),
      40.5,
      'муниципалитета',
    ]);
    const everything = Object.values(book.files).join('\n');
    for (const { full_name } of names.rows) expect(everything).not.toContain(full_name);
    await page
      .getByTestId('municipality-file-status')
      .getByText(download.suggestedFilename())
      .waitFor();

    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);

    // The curator of a school of the municipality gets it in her own KPI table, marked as the
    // municipality's.
    const curator = await phoneOf(CURATOR, TABLET);
    await curator.page.goto(`${syncBaseUrl}/kpi`);
    const row = curator.page.getByTestId('kpi-row-teachers_involved');
    await expect
      .poll(() => row.getByTestId('kpi-target').innerText(), { timeout: 15_000 })
      .toMatch(/^40[.,]5\u00a0%$/);
    expect(await row.getByTestId('kpi-target-source').innerText()).toBe('муниципалитета');
    expect(curator.errors).toEqual([]);
    expect(backend().problems).toEqual([]);
  });

  it('is the coordinator’s page, not a curator’s', async () => {
    const { page, errors } = await phoneOf(CURATOR, TABLET);
    await page.goto(`${syncBaseUrl}/municipality`);
    const block = page.getByTestId('municipality-block');
    await block.waitFor();
    expect(await block.innerText()).toContain('для муниципального координатора');
    expect(await page.getByTestId('municipal-shares').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
