// The coordinator's .xlsx of the municipal KPI table, written in Node and read back: the
// period, the documents with the schools that lack them, each indicator's total over the
// schools counted with its target, and every school's own numbers — counts and school names
// only.
import { describe, expect, it } from 'vitest';
import { municipalKpiFileName, municipalKpiSheet } from '@/domain/municipalExport';
import { municipalKpiTable, type MunicipalKpiInputRow } from '@/domain/municipality';
import { KPI_DOCUMENT_KINDS, KPI_SHARE_KEYS } from '@/domain/kpi';
import { localizeSheet } from '@/exports/sheetText';
import { workbookBlob } from '@/exports/xlsx';
import { createAppI18n, loadFeatureMessages } from '@/i18n';
import { padded, readXlsx } from './readXlsx';

await loadFeatureMessages(['exports']);
const { t } = createAppI18n().global;

const NAMES = { a: 'Лузинская СОШ №1', b: 'Ачаирская СОШ' } as const;
const cell = (
  school: keyof typeof NAMES,
  indicator: string,
  numerator: number | null,
  denominator: number | null,
): MunicipalKpiInputRow => ({
  school_id: `school-${school}`,
  school_name: NAMES[school],
  indicator,
  numerator,
  denominator,
});
const ROWS = [
  cell('a', 'teachers_involved', 12, 40),
  cell('b', 'teachers_involved', 3, 20),
  cell('a', 'mentee_satisfaction', null, null), // fewer than five answers: suppressed
  cell('b', 'mentee_satisfaction', 8, 10),
  cell('a', 'doc_regulation', 1, 1),
  cell('b', 'doc_regulation', 0, 1),
];

async function readBack(half: 1 | 2 | null) {
  const table = municipalKpiTable(ROWS, (key) =>
    key === 'teachers_involved' ? { value: 20, source: 'municipality' } : null,
  );
  const sheet = localizeSheet(municipalKpiSheet(table, { year: 2026, half }), (key) => t(key));
  const book = await readXlsx(await workbookBlob(sheet));
  const [header, ...rows] = book.sheets[0]!;
  return { sheet, book, header: header!, rows: padded(rows, sheet.headers.length) };
}

const rowsOf = (rows: unknown[][], indicator: string) =>
  rows.filter((r) => r[0] === t(`exports.kpi.indicators.${indicator}`));

describe('the municipal KPI table as .xlsx', () => {
  it('reads back every header and cell as written, the period first', async () => {
    const { sheet, book, header, rows } = await readBack(1);
    expect(book.sheetNames).toEqual(['Показатели муниципалитета', 'Пояснения']);
    expect(header).toEqual([
      'Показатель',
      'Школа',
      'Числитель',
      'Знаменатель',
      'Значение, %',
      'Целевое значение, %',
      'Чья цель',
      'Достигнуто',
      'Не учтены / нет документа',
    ]);
    expect(rows).toEqual(sheet.rows);
    expect(rows[0]!.slice(0, 2)).toEqual(['I полугодие', 2026]);
    // 5 documents, 11 indicators each with a total and one row per school, 3 headings.
    expect(rows).toHaveLength(3 + KPI_DOCUMENT_KINDS.length + KPI_SHARE_KEYS.length * 3);
    expect(book.sheets[1]!.map((r) => r[0])).toEqual(sheet.notes);
  });

  it('names the schools without a document', async () => {
    const { rows } = await readBack(null);
    const regulation = rows.find((r) => r[0] === t('exports.kpi.documents.regulation'))!;
    expect(regulation).toEqual([
      'Разработано «Положение о наставничестве» (да/нет)',
      'Все школы',
      1,
      2,
      null,
      null,
      null,
      'нет',
      'Ачаирская СОШ',
    ]);
    const roadmap = rows.find((r) => r[0] === t('exports.kpi.documents.roadmap'))!;
    expect(roadmap.slice(2)).toEqual([
      0,
      2,
      null,
      null,
      null,
      'нет',
      'Ачаирская СОШ, Лузинская СОШ №1',
    ]);
  });

  it('totals each indicator over the schools counted, then each school, in name order', async () => {
    const { rows } = await readBack(null);
    expect(rowsOf(rows, 'teachers_involved').map((r) => r.slice(1))).toEqual([
      ['Все школы', 15, 60, 25, 20, 'муниципалитета', 'да', null],
      ['Ачаирская СОШ', 3, 20, 15, null, null, null, null],
      ['Лузинская СОШ №1', 12, 40, 30, null, null, null, null],
    ]);
    // A suppressed satisfaction cell is neither shown nor summed, and its school is named.
    expect(rowsOf(rows, 'mentee_satisfaction').map((r) => r.slice(1))).toEqual([
      ['Все школы', 8, 10, 80, null, null, null, 'Лузинская СОШ №1'],
      ['Ачаирская СОШ', 8, 10, 80, null, null, null, null],
      ['Лузинская СОШ №1', null, null, null, null, null, null, null],
    ]);
    // No school counted: the total stays empty rather than a silent 0.
    expect(rowsOf(rows, 'enterprises_mentoring')[0]!.slice(1)).toEqual([
      'Все школы',
      null,
      null,
      null,
      null,
      null,
      null,
      'Ачаирская СОШ, Лузинская СОШ №1',
    ]);
  });

  it('names the file by the period', () => {
    expect(municipalKpiFileName({ year: 2026, half: null })).toBe(
      'pokazateli-municipalitet-2026.xlsx',
    );
    expect(municipalKpiFileName({ year: 2026, half: 2 })).toBe(
      'pokazateli-municipalitet-2026-2.xlsx',
    );
  });
});
