// The spreadsheet row builders: known rows in, known cells out; what a staff export must
// never carry (the mentor's private note, a mentee's sensitive categories) never appears.
import { describe, expect, it } from 'vitest';
import {
  EXPORT_KINDS,
  buildExport,
  exportFileName,
  exportRowCount,
  type ExportKind,
} from '@/domain/exports';
import { localizeSheet, type PlainCell } from '@/exports/sheetText';
import { createAppI18n, loadFeatureMessages } from '@/i18n';
import { aResponse } from '../../factories/questionnaires';
import { aSchool, SECRET_CATEGORY, SECRET_NOTE } from '../exports/fixture';

const identity = (key: string) => key;
const rowsOf = (kind: ExportKind, facts = aSchool()) =>
  localizeSheet(buildExport(kind, facts), identity).rows;
const allText = (cells: PlainCell[][]) => JSON.stringify(cells);

describe('the bases', () => {
  it('lists mentors with their card, consent and until when', () => {
    expect(rowsOf('mentors')).toEqual([
      [
        'Петров Сергей Иванович',
        'people.kinds.teacher',
        null,
        null,
        'учитель математики',
        'Математика',
        '+7 900 000-00-01',
        'petrov@school.ru',
        'exports.values.yes',
        'exports.values.noEndDate',
        null,
      ],
    ]);
  });

  it('lists mentees by name, archived ones with the day they left, deleted ones never', () => {
    const rows = rowsOf('mentees');
    expect(rows.map((r) => r[0])).toEqual(['Абрамов Борис', 'Смирнова Анна']);
    expect(rows[0]).toEqual([
      'Абрамов Борис',
      'people.kinds.student',
      '7А',
      null,
      null,
      'exports.values.yes',
      'exports.values.no',
      null,
      { date: '2026-11-20' },
    ]);
    expect(rows[1]?.slice(5, 8)).toEqual([
      'exports.values.yes',
      'exports.values.yes',
      { date: '2027-08-31' },
    ]);
  });

  it('never carries a mentee’s sensitive categories, and says so in a note', () => {
    const sheet = buildExport('mentees', aSchool());
    expect(allText(localizeSheet(sheet, identity).rows)).not.toContain(SECRET_CATEGORY);
    expect(sheet.notes).toContain('exports.notes.sensitive');
    expect(sheet.columns.map((c) => c.header).join()).not.toMatch(/categor|sensitive|request/i);
  });
});

describe('pairs, meetings and plans', () => {
  it('lists each live pair with its people, order and end', () => {
    const rows = rowsOf('pairs');
    expect(rows).toHaveLength(3);
    const active = rows.find((r) => r[2] === 'pairs.status.active');
    expect(active).toEqual([
      'forms.uchitel_uchenik',
      'exports.values.no',
      'pairs.status.active',
      'Петров Сергей Иванович',
      'Смирнова Анна',
      '45-о',
      { date: '2026-09-15' },
      { date: '2026-09-16' },
      null,
      null,
    ]);
    const ended = rows.find((r) => r[2] === 'pairs.status.ended_early');
    expect(ended?.slice(8)).toEqual([{ date: '2026-11-20' }, 'Участник выбыл из программы']);
  });

  it('lists meetings with the shared notes and never the mentor’s private note', () => {
    const rows = rowsOf('meetings');
    expect(rows).toEqual([
      [
        'Петров Сергей Иванович — Смирнова Анна',
        { date: '2026-09-20' },
        'meetings.types.organisational',
        'meetings.formats.in_person',
        40,
        'Знакомство',
        'Обсудили цели',
        'Встречаемся по средам',
        'exports.values.no',
      ],
    ]);
    expect(allText(rows)).not.toContain(SECRET_NOTE);
    expect(buildExport('meetings', aSchool()).notes).toContain('exports.notes.privateNotes');
  });

  it('lists the plan’s tasks under their goal, in plan order', () => {
    expect(rowsOf('plans')).toEqual([
      [
        'Петров Сергей Иванович — Смирнова Анна',
        'Смирнова Анна',
        'План Анны',
        'Подтянуть дроби',
        'Повторить правила',
        { date: '2026-10-01' },
        'plans.task.statuses.todo',
        null,
      ],
      [
        'Петров Сергей Иванович — Смирнова Анна',
        'Смирнова Анна',
        'План Анны',
        'Подтянуть дроби',
        'Решить 10 задач',
        { date: '2026-10-15' },
        'plans.task.statuses.done',
        'Решила все',
      ],
    ]);
  });
});

describe('questionnaire results', () => {
  it('gives one row per answered question of submitted questionnaires only', () => {
    const rows = rowsOf('questionnaires');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual([
      'Смирнова Анна',
      'exports.values.mentee',
      'Петров Сергей Иванович — Смирнова Анна',
      'questionnaires.kinds.entry',
      { date: '2026-09-25' },
      1,
      'Я хочу учиться и хорошо успевать в школе.',
      4,
    ]);
    expect(rows[1]?.slice(5, 6)).toEqual([2]);
    expect(rows[1]?.[7]).toBe(5);
  });

  it('keeps only the latest of two submitted responses and shows a choice by its text', () => {
    const facts = aSchool();
    const satisfaction = facts.templates.find((t) => t.kind === 'satisfaction')!;
    const choiceItem = satisfaction.items.find((i) => i.type === 'choice')!;
    const anna = facts.participants[1]!;
    const pairId = facts.pairs[0]!.id;
    facts.responses = [
      aResponse(satisfaction, {
        pair_id: pairId,
        participant_id: anna.id,
        answers: { q1: 3 },
        submitted_at: '2026-11-01T10:00:00.000Z',
      }),
      aResponse(satisfaction, {
        pair_id: pairId,
        participant_id: anna.id,
        answers: { q1: 8, [choiceItem.id]: 'yes' },
        submitted_at: '2026-11-02T10:00:00.000Z',
      }),
    ];
    const rows = rowsOf('questionnaires', facts);
    expect(rows.map((r) => r[7])).toEqual([8, 'Да']);
  });
});

describe('the municipal mentor card', () => {
  it('has the columns of the registry, in its order and wording', async () => {
    await loadFeatureMessages(['exports']);
    const { t } = createAppI18n().global;
    const sheet = localizeSheet(buildExport('mentorCard', aSchool()), (key) => t(key));
    expect(sheet.headers).toEqual([
      '№ п/п',
      'Ф.И.О.',
      'Место работы',
      'Должность',
      'Преподаваемый предмет/направление деятельности',
      'Формы наставничества',
      'Квалификационная категория (при наличии)',
      'Эффективное владение технологиями (указать)',
      'Содержание методического сопровождения *',
      'Готовность к сетевому формату работы (да/нет, дистанционно/очно)',
      'Активные ссылки на социальные сети',
      'Телефон',
      'E-mail',
    ]);
    expect(sheet.name).toBe('Карта наставника');
    // The forms of her approved pairs only (the draft «ученик – ученик» is not one yet); the
    // school is a teacher's workplace; what the app does not keep stays blank.
    expect(sheet.rows).toEqual([
      [
        1,
        'Петров Сергей Иванович',
        'МБОУ «Лузинская СОШ №1»',
        'учитель математики',
        'Математика',
        'учитель – ученик',
        null,
        null,
        null,
        null,
        null,
        '+7 900 000-00-01',
        'petrov@school.ru',
      ],
    ]);
    expect(sheet.notes.join(' ')).toContain('заполните их вручную');
  });

  it('leaves out archived mentors', () => {
    const facts = aSchool();
    facts.participants = facts.participants.map((p) =>
      p.is_mentor ? { ...p, archived_on: '2026-11-30' } : p,
    );
    expect(rowsOf('mentorCard', facts)).toEqual([]);
  });
});

describe('the KPI table', () => {
  it('holds each target against whoever set it: the school, the municipality or the order', async () => {
    await loadFeatureMessages(['exports']);
    const { t } = createAppI18n().global;
    const year = 2023;
    const facts = aSchool();
    facts.today = `${year}-06-01`;
    facts.kpi = {
      trainings: [],
      documents: [],
      kpiValues: [],
      municipalTargets: [{ indicator: 'teachers_involved', year, value: 42 }],
      trainingValidYears: null,
    };
    const sheet = localizeSheet(buildExport('kpi', facts), (key) => t(key));
    expect(sheet.headers).toContain('Чья цель');
    const at = sheet.headers.indexOf('Чья цель');
    const rowOf = (start: string) => sheet.rows.find((r) => String(r[0]).startsWith(start))!;
    const teachers = rowOf('Доля педагогических работников');
    expect([teachers[at - 1], teachers[at]]).toEqual([42, 'муниципалитета']);
    // The seed's 2020–2024 order sets the others.
    expect(rowOf('Доля обучающихся ОО')[at]).toBe('по приказу (по умолчанию)');
  });
});

describe('every export', () => {
  it('never holds a private note or a sensitive category, whatever the sheet', () => {
    const facts = aSchool();
    for (const kind of EXPORT_KINDS) {
      expect(allText(rowsOf(kind, facts)), kind).not.toContain(SECRET_NOTE);
      expect(allText(rowsOf(kind, facts)), kind).not.toContain(SECRET_CATEGORY);
    }
  });

  it('has every header, note and label in both languages, and a dated file name', async () => {
    await loadFeatureMessages(['exports']);
    const i18n = createAppI18n();
    const { setLocaleMessage } = i18n.global;
    setLocaleMessage('en', (await import('@/i18n/en')).default);
    for (const locale of ['ru', 'en'] as const) {
      const translate = (key: string) =>
        i18n.global.te(key, locale) ? i18n.global.t(key, {}, { locale }) : `MISSING ${key}`;
      for (const kind of EXPORT_KINDS) {
        const sheet = localizeSheet(buildExport(kind, aSchool()), translate);
        const words = [sheet.name, sheet.notesTitle, ...sheet.headers, ...sheet.notes];
        for (const word of [...words, ...allText(sheet.rows).match(/"[^"]*"/g)!])
          expect(word, `${locale} ${kind}`).not.toMatch(/^"?MISSING/);
        expect(
          sheet.rows.every((row) => row.length === sheet.headers.length),
          kind,
        ).toBe(true);
      }
    }
    expect(exportFileName('mentors', '2026-12-01')).toBe('nastavniki-2026-12-01.xlsx');
  });

  it('counts exactly the rows the sheet will have', () => {
    const facts = aSchool();
    const counts = EXPORT_KINDS.map((kind) => exportRowCount(kind, facts));
    expect(counts).toEqual(EXPORT_KINDS.map((kind) => buildExport(kind, facts).rows.length));
    expect(counts).toEqual([1, 2, 3, 1, 2, 2, 1, 19]);
  });
});
