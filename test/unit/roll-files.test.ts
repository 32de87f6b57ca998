// The school's own files through the real import gateway (read-excel-file, papaparse) and the
// roll plan: every fixture is read in Node as the browser reads it, and every refused row is
// named with its reason.
import { describe, expect, it } from 'vitest';
import { readRollFile, RollFileError } from '@/import';
import { decodeCsvBytes, guessDelimiter } from '@/import/csv';
import { fixture, planFixture, readFixture } from './roll-support';

const people = (plan: { create: { person: { full_name: string } }[] }) =>
  plan.create.map((row) => row.person.full_name);

describe('a students’ list with a title line and a header merged over two rows (.xlsx)', () => {
  it('finds the header under the title and guesses every column', async () => {
    const { header, mapping, defaultKind } = await readFixture('roll-students.xlsx');
    expect(header.headerRows).toEqual([3, 4]);
    expect(header.dataStart).toBe(4);
    expect(mapping).toEqual([null, 'full_name', 'class_label', 'birth_date', 'birth_year']);
    expect(defaultKind).toBe('student');
  });

  it('reads dates from date cells, text and bare serial numbers, and a formula’s cached value', async () => {
    const { plan } = await planFixture('roll-students.xlsx');
    const byName = new Map(plan.create.map((row) => [row.person.full_name, row.person]));
    expect(byName.get('Иванова Мария Петровна')).toMatchObject({
      kind: 'student',
      class_label: '5А',
      birth_date: '2014-03-05',
      birth_year: 2014,
      is_minor: true,
    });
    expect(byName.get('Семёнов Артём Игоревич')).toMatchObject({
      class_label: '5А',
      birth_date: '2013-11-12',
    });
    expect(byName.get('Ким Виктория')?.birth_date).toBe('2014-12-15');
    expect(byName.get('Orlov Ivan')).toMatchObject({ birth_date: '2012-06-30', birth_year: 2012 });
    // Eighteen since September: no longer a minor.
    expect(byName.get('Абрамова Алёна Сергеевна')?.is_minor).toBe(false);
  });

  it('names each refused row with its reason and skips the blank line', async () => {
    const { plan } = await planFixture('roll-students.xlsx');
    expect(plan.refused).toEqual([
      { rowNumber: 11, name: null, reason: 'missingName' },
      {
        rowNumber: 12,
        name: 'Петров Пётр',
        reason: 'impossibleDate',
        params: { value: '31.02.2013' },
      },
      {
        rowNumber: 13,
        name: 'иванова мария петровна',
        reason: 'duplicate',
        params: { row: 5 },
      },
      {
        rowNumber: 14,
        name: 'Будущев Олег',
        reason: 'impossibleDate',
        params: { value: '01.01.2031' },
      },
    ]);
    expect(plan.create.map((row) => row.rowNumber)).toEqual([5, 6, 7, 8, 10]);
  });
});

describe('the staff list (.xlsx)', () => {
  it('imports teachers and tells the managers by their position', async () => {
    const { plan, defaultKind } = await planFixture('roll-staff.xlsx');
    expect(defaultKind).toBe('staff');
    const byName = new Map(plan.create.map((row) => [row.person.full_name, row.person]));
    expect(byName.get('Нестеренко Ольга Викторовна')).toMatchObject({
      kind: 'teacher',
      is_manager: true,
      is_minor: false,
      position: 'Заместитель директора по УВР',
      subject: 'Математика',
      teaching_experience_years: 24,
      qualification_category: 'высшая',
      birth_date: '1975-04-18',
      phone: '+7 913 000-00-01',
      email: 'nesterenko@luzino1.example',
    });
    expect(byName.get('Лузин Андрей Павлович')?.is_manager).toBe(true);
    expect(byName.get('Кравцова Елена Николаевна')).toMatchObject({
      is_manager: false,
      teaching_experience_years: 12,
      birth_date: '1985-07-22',
    });
    // «классный руководитель» is a class teacher, not a manager.
    expect(byName.get('Павлова Ирина')?.is_manager).toBe(false);
    expect(plan.refused).toEqual([
      { rowNumber: 7, name: 'Сидоров Глеб', reason: 'badExperience', params: { value: 'много' } },
      { rowNumber: 8, name: 'Громова Нина', reason: 'badEmail', params: { value: 'не почта' } },
    ]);
  });
});

describe('CSV files', () => {
  it('reads a UTF-8 file with a BOM, commas, quotes and a «Вид» column', async () => {
    const { plan, mapping } = await planFixture('roll-mixed-utf8-bom.csv');
    expect(mapping).toEqual([
      'last_name',
      'first_name',
      'middle_name',
      'kind',
      'class_label',
      'position',
      'birth_year',
    ]);
    expect(
      plan.create.map(({ person }) => [person.full_name, person.kind, person.is_manager]),
    ).toEqual([
      ['Лебедева Софья Андреевна', 'student', false],
      ['Гусев Роман', 'student', false],
      ['Зайцева Вера Петровна', 'teacher', false],
      ['Орлов Денис Сергеевич', 'teacher', true],
    ]);
    expect(plan.create[1]!.person.class_label).toBe('10А');
    expect(plan.create[2]!.person.position).toBe('Учитель биологии, химии');
    expect(plan.refused).toEqual([
      {
        rowNumber: 6,
        name: 'Мельникова Инна',
        reason: 'unknownKind',
        params: { value: 'родитель' },
      },
    ]);
  });

  it('reads a Windows-1251 file with semicolons, a title line and an empty row', async () => {
    const { plan, header } = await planFixture('roll-9-classes-1251.csv');
    expect(header.headerRows).toEqual([2]);
    expect(people(plan)).toEqual([
      'Ёлкина Алёна Юрьевна',
      'Щукин Фёдор',
      'Шевчук Злата Эдуардовна',
    ]);
    expect(plan.create.map((row) => row.person.birth_date)).toEqual([
      '2011-05-03',
      '2010-12-17',
      '2011-01-09',
    ]);
    expect(plan.refused).toEqual([]);
  });

  it('tells UTF-8 from Windows-1251 by the bytes and finds the delimiter', () => {
    const utf8 = new TextEncoder().encode('Фамилия;Имя');
    expect(decodeCsvBytes(utf8)).toBe('Фамилия;Имя');
    const cp1251 = Uint8Array.from([0xd4, 0xc8, 0xce, 0x3b, 0xea, 0xeb, 0xe0, 0xf1, 0xf1]);
    expect(decodeCsvBytes(cp1251)).toBe('ФИО;класс');
    expect(guessDelimiter('ФИО\tКласс\nИванов\t5А')).toBe('\t');
    expect(guessDelimiter('ФИО,Класс\n"Иванов, Иван",5А')).toBe(',');
  });
});

describe('a 2,000-row roll', () => {
  it('plans two thousand distinct pupils, namesakes kept apart by their birth dates', async () => {
    const { plan } = await planFixture('roll-2000.xlsx');
    expect(plan.create).toHaveLength(2000);
    expect(plan.refused).toEqual([]);
    expect(new Set(people(plan)).size).toBe(1000);
  });
});

describe('files that are not a roll', () => {
  it('refuses a binary file that is neither .xlsx nor CSV', async () => {
    await expect(readRollFile(fixture('roll-not-a-sheet.pdf'))).rejects.toMatchObject({
      reason: 'unsupported',
    });
    await expect(readRollFile(new Blob([]))).rejects.toBeInstanceOf(RollFileError);
  });
});
