// The roll plan as pure functions: headers in Russian and English, values as schools write
// them, and the second year's roll matching the people already there instead of doubling them.
import { describe, expect, it } from 'vitest';
import {
  findHeader,
  guessMapping,
  isManagerPosition,
  isMinorOn,
  nameKey,
  normaliseClassLabel,
  parseKind,
  parseRollDate,
  planRoll,
  type ExistingPerson,
  type RollPerson,
} from '@/domain/roll';
import { planFixture, TODAY } from './roll-support';

describe('guessing the columns', () => {
  it('reads Russian and English headers, abbreviations and extra words', () => {
    expect(
      guessMapping([
        '№',
        'Ф.И.О.',
        'Класс (литера)',
        'Число, месяц, год рождения',
        'Педагогический стаж (лет)',
        'Преподаваемый предмет',
        'Моб. телефон',
        'Электронная почта',
        'Роль',
        'Примечание',
      ]),
    ).toEqual([
      null,
      'full_name',
      'class_label',
      'birth_date',
      'teaching_experience_years',
      'subject',
      'phone',
      'email',
      'kind',
      null,
    ]);
    expect(
      guessMapping([
        'Last name',
        'First name',
        'Middle name',
        'Date of birth',
        'Position',
        'Class',
      ]),
    ).toEqual(['last_name', 'first_name', 'middle_name', 'birth_date', 'position', 'class_label']);
  });

  it('gives a field to its first column only', () => {
    expect(guessMapping(['ФИО', 'Телефон', 'Телефон родителя'])).toEqual([
      'full_name',
      'phone',
      null,
    ]);
  });

  it('finds no header in a sheet that names no person', () => {
    expect(findHeader([['Итого'], ['Класс', 'Количество'], ['5А', 25]])).toBeNull();
  });
});

describe('values as schools write them', () => {
  it('reads dates in every shape and refuses impossible ones', () => {
    expect(parseRollDate('05.03.2014')).toEqual({ kind: 'date', date: '2014-03-05' });
    expect(parseRollDate('5/3/2014')).toEqual({ kind: 'date', date: '2014-03-05' });
    expect(parseRollDate('2014-03-05')).toEqual({ kind: 'date', date: '2014-03-05' });
    expect(parseRollDate(new Date(Date.UTC(2014, 2, 5)))).toEqual({
      kind: 'date',
      date: '2014-03-05',
    });
    expect(parseRollDate(41703)).toEqual({ kind: 'date', date: '2014-03-05' });
    expect(parseRollDate('41703')).toEqual({ kind: 'date', date: '2014-03-05' });
    expect(parseRollDate(2014)).toEqual({ kind: 'year', year: 2014 });
    expect(parseRollDate('2014 г.')).toEqual({ kind: 'year', year: 2014 });
    expect(parseRollDate('30.02.2014')).toEqual({ kind: 'invalid' });
    expect(parseRollDate('весной')).toEqual({ kind: 'invalid' });
    expect(parseRollDate('')).toBeNull();
  });

  it('normalises class labels and tells managers from class teachers', () => {
    expect(normaliseClassLabel('5 а')).toBe('5А');
    expect(normaliseClassLabel('10 "Б"')).toBe('10Б');
    expect(normaliseClassLabel('5-А')).toBe('5А');
    expect(normaliseClassLabel('подготовительная группа')).toBe('подготовительная группа');
    expect(isManagerPosition('Заместитель директора по УВР')).toBe(true);
    expect(isManagerPosition('завуч')).toBe(true);
    expect(isManagerPosition('Учитель математики, классный руководитель 7Б')).toBe(false);
    expect(parseKind('Обучающийся')).toEqual({ kind: 'student', isManager: false });
    expect(parseKind('педагог')).toEqual({ kind: 'teacher', isManager: false });
    expect(parseKind('Директор')).toEqual({ kind: 'teacher', isManager: true });
    expect(parseKind('выпускник')).toBe('unknown');
  });

  it('takes a student as a minor unless her birth says otherwise', () => {
    expect(isMinorOn('2008-12-01', null, TODAY)).toBe(false);
    expect(isMinorOn('2008-12-02', null, TODAY)).toBe(true);
    expect(isMinorOn(null, 2008, TODAY)).toBe(true);
    expect(isMinorOn(null, 2007, TODAY)).toBe(false);
    expect(isMinorOn(null, null, TODAY)).toBe(true);
  });

  it('folds case, spaces and ё in the name key', () => {
    expect(nameKey(' СЕМЕНОВ  Артем ')).toBe(nameKey('Семёнов Артём'));
  });

  it('refuses a birth year that contradicts the birth date', () => {
    const plan = planRoll(
      [
        ['ФИО', 'Дата рождения', 'Год рождения'],
        ['Лосева Ия', '01.02.2012', 2013],
      ],
      1,
      ['full_name', 'birth_date', 'birth_year'],
      'student',
      [],
      TODAY,
    );
    expect(plan.refused).toEqual([
      { rowNumber: 2, name: 'Лосева Ия', reason: 'yearMismatch', params: { year: 2013 } },
    ]);
  });
});

/** The people of the first year's roll as they stand in the app. */
async function firstYear(): Promise<ExistingPerson[]> {
  const { plan } = await planFixture('roll-students.xlsx');
  return plan.create.map((row, i) => ({ id: `p${i + 1}`, ...row.person }) as ExistingPerson);
}

describe('next year’s roll', () => {
  it('matches everyone already there, updates their class and adds only the newcomers', async () => {
    const existing = await firstYear();
    const { plan } = await planFixture('roll-students-next-year.xlsx', existing);
    expect(plan.refused).toEqual([]);
    expect(plan.unchanged).toEqual([7]);
    const updates = Object.fromEntries(plan.update.map((u) => [u.full_name, u.changes]));
    expect(updates).toEqual({
      'Иванова Мария Петровна': { class_label: '6А' },
      'Семёнов Артём Игоревич': { class_label: '6А' },
      'Ким Виктория': { class_label: '7Б', phone: '+7 900 000-00-07' },
      'Orlov Ivan': { class_label: '8В' },
    });
    // A namesake born in 2019 is another girl; Новикова is new.
    expect(plan.create.map(({ person }) => [person.full_name, person.birth_date])).toEqual([
      ['Новикова Дарья', '2015-04-20'],
      ['Иванова Мария Петровна', '2019-02-02'],
    ]);
  });

  it('never empties a field the sheet leaves blank', async () => {
    const existing = (await firstYear()).map((p) =>
      p.full_name === 'Orlov Ivan' ? { ...p, phone: '+7 900 111-11-11' } : p,
    );
    const { plan } = await planFixture('roll-students-next-year.xlsx', existing);
    expect(plan.update.find((u) => u.full_name === 'Orlov Ivan')?.changes).toEqual({
      class_label: '8В',
    });
  });

  it('refuses a row two people already there could be', () => {
    const twin = (id: string): ExistingPerson =>
      ({
        id,
        kind: 'student',
        full_name: 'Ли Ан',
        class_label: '5А',
        birth_year: null,
        birth_date: null,
      }) as Partial<RollPerson> as ExistingPerson;
    const plan = planRoll(
      [
        ['ФИО', 'Класс'],
        ['Ли Ан', '6А'],
      ],
      1,
      ['full_name', 'class_label'],
      'student',
      [twin('a'), twin('b')],
      TODAY,
    );
    expect(plan.refused).toEqual([
      { rowNumber: 2, name: 'Ли Ан', reason: 'ambiguous', params: { count: 2 } },
    ]);
  });
});
