// Each export written as a real .xlsx in Node, then read back (unzipped, its XML parsed): the
// headers, every cell, dates as dates and the notes sheet, not just that a file exists.
import { describe, expect, it } from 'vitest';
import { EXPORT_KINDS, buildExport, type ExportKind } from '@/domain/exports';
import { localizeSheet } from '@/exports/sheetText';
import { XLSX_MIME, workbookBlob } from '@/exports/xlsx';
import { createAppI18n, loadFeatureMessages } from '@/i18n';
import { aSchool, SECRET_CATEGORY, SECRET_NOTE } from './fixture';
import { padded, readXlsx } from './readXlsx';

await loadFeatureMessages(['exports']);
const { t } = createAppI18n().global;
const sheetOf = (kind: ExportKind) => localizeSheet(buildExport(kind, aSchool()), (key) => t(key));

describe('the .xlsx files', () => {
  it.each(EXPORT_KINDS)('%s: every header and cell reads back as written', async (kind) => {
    const sheet = sheetOf(kind);
    const blob = await workbookBlob(sheet);
    expect(blob.type).toBe(XLSX_MIME);
    const book = await readXlsx(blob);
    expect(book.sheetNames[0]).toBe(sheet.name);
    const [header, ...rows] = book.sheets[0]!;
    expect(header).toEqual(sheet.headers);
    expect(padded(rows, sheet.headers.length)).toEqual(sheet.rows);
    if (sheet.notes.length > 0) {
      expect(book.sheetNames[1]).toBe('Пояснения');
      expect(book.sheets[1]!.map((r) => r[0])).toEqual(sheet.notes);
    }
    const everything = Object.values(book.files).join('\n');
    expect(everything).not.toContain(SECRET_NOTE);
    expect(everything).not.toContain(SECRET_CATEGORY);
  });

  it('writes dates as spreadsheet dates shown as ДД.ММ.ГГГГ and numbers as numbers', async () => {
    const book = await readXlsx(await workbookBlob(sheetOf('meetings')));
    const xml = book.files['xl/worksheets/sheet1.xml']!;
    // 2026-09-20 is day 46285 of the 1900 date system; 40 minutes is the number 40.
    expect(xml).toMatch(/<c r="B2" s="\d+"><v>46285<\/v><\/c>/);
    expect(xml).toMatch(/<c r="E2"[^>]*><v>40<\/v><\/c>/);
    expect(book.files['xl/styles.xml']).toContain('formatCode="dd.mm.yyyy"');
    expect(book.sheets[0]![1]).toEqual([
      'Петров Сергей Иванович — Смирнова Анна',
      { date: '2026-09-20' },
      'Организационная',
      'Очно',
      40,
      'Знакомство',
      'Обсудили цели',
      'Встречаемся по средам',
      'нет',
    ]);
  });

  it('says in the mentees’ file that their categories are left out, in Russian', async () => {
    const book = await readXlsx(await workbookBlob(sheetOf('mentees')));
    expect(book.sharedStrings).toContain('Смирнова Анна');
    expect(book.sharedStrings).toContain('Согласие действует до');
    expect(book.sheets[1]!.flat().join(' ')).toContain(
      'Категории наставляемых (одарённые, с ОВЗ, в трудной жизненной ситуации и другие)',
    );
  });

  it('gives the municipal card the registry’s header row and freezes it', async () => {
    const book = await readXlsx(await workbookBlob(sheetOf('mentorCard')));
    expect(book.sheets[0]![0]![1]).toBe('Ф.И.О.');
    expect(book.sheets[0]![0]![12]).toBe('E-mail');
    expect(book.sheets[0]![1]![5]).toBe('учитель – ученик');
    expect(book.files['xl/worksheets/sheet1.xml']).toContain('state="frozen"');
  });
});
