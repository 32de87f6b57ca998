// The year's documents built from known rows, written as real .docx files and read back:
// the order naming the curator, the order fixing the mentors of the year's approved pairs,
// and the curator's analytical report with its KPI rows against the targets.
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { documentDocx } from '@/documents';
import {
  academicYearOf,
  analyticalFacts,
  tallyMeetings,
  analyticalReportDocument,
  curatorOrderDocument,
  documentText,
  documentYears,
  mentorsOrderDocument,
  validateYearOrders,
  type AnalyticalRows,
  type DocumentModel,
  type DocumentPair,
} from '@/domain/documents';
import { computeKpis, type KpiInput } from '@/domain/kpi';
import { BUILTIN_QUESTIONNAIRES } from '@/domain/questionnaireDefaults';
import type { QuestionnaireResponse } from '@/domain/questionnaires';
import type { Meeting, Pair, PairMember, Participant, PlanTask } from '@/domain/types';
import { school } from './domain/documents.fixture';

async function docxText(model: DocumentModel): Promise<string> {
  const files = unzipSync(new Uint8Array(await (await documentDocx(model)).arrayBuffer()));
  return strFromU8(files['word/document.xml']!)
    .replace(/<w:tab\/>/g, '\t')
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** Table cells as the .docx text gives them: one paragraph each. */
const cells = (...texts: string[]) => texts.join('\n');
const year = academicYearOf('2026-12-01');
const sync = (id: string) => ({
  id,
  school_id: 'school',
  version: 1,
  deleted_at: null,
  created_at: '2026-09-01T10:00:00Z',
  updated_at: '2026-09-01T10:00:00Z',
  created_by: null,
});
function person(id: string, fields: Partial<Participant>): Participant {
  return {
    ...sync(id),
    kind: 'teacher',
    full_name: id,
    class_label: null,
    birth_year: null,
    is_minor: false,
    subject: null,
    teaching_experience_years: null,
    workplace: null,
    position: null,
    interests: null,
    phone: null,
    email: null,
    is_mentor: false,
    is_mentee: false,
    user_id: null,
    ...fields,
  };
}
function pair(id: string, fields: Partial<Pair>): Pair {
  return {
    ...sync(id),
    programme_id: null,
    is_group: false,
    form: 'uchitel_uchenik',
    role_model: null,
    title: null,
    status: 'active',
    order_number: '45-о',
    order_date: '2026-09-15',
    started_on: '2026-09-20',
    ended_on: null,
    end_reason: null,
    ...fields,
  };
}
const member = (pairId: string, participantId: string, side: 'mentor' | 'mentee'): PairMember => ({
  ...sync(`${pairId}-${participantId}`),
  pair_id: pairId,
  participant_id: participantId,
  side,
});

const people = [
  person('kuz', {
    full_name: 'Кузнецова Ольга Петровна',
    position: 'учитель математики',
    is_mentor: true,
  }),
  person('orl', {
    full_name: 'Орлова Ирина Сергеевна',
    position: 'учитель физики',
    is_mentor: true,
  }),
  person('nov', {
    full_name: 'Новикова Дарья Андреевна',
    position: 'учитель начальных классов',
    teaching_experience_years: 1,
    birth_year: 2000,
    is_mentee: true,
  }),
  person('alex', {
    full_name: 'Алексеев Иван',
    kind: 'student',
    class_label: '10А',
    is_mentor: true,
  }),
  person('anna', {
    full_name: 'Смирнова Анна',
    kind: 'student',
    class_label: '6Б',
    is_mentee: true,
  }),
  person('bor', { full_name: 'Борисов Олег', kind: 'student', class_label: '7А', is_mentee: true }),
  person('vol', {
    full_name: 'Волкова Мария',
    kind: 'student',
    class_label: '7А',
    is_mentee: true,
  }),
  person('draft', { full_name: 'Черновой Наставник', is_mentor: true }),
  person('old', { full_name: 'Прошлогодний Наставник', is_mentor: true }),
];
const pairs = [
  pair('p-teach', { form: 'uchitel_uchitel' }),
  pair('p-stud', { status: 'completed', ended_on: '2027-05-20' }),
  pair('p-group', {
    form: 'uchenik_uchenik',
    is_group: true,
    order_number: '50-о',
    order_date: '2026-10-01',
    started_on: null,
  }),
  pair('p-draft', { status: 'draft', order_number: null, order_date: null, started_on: null }),
  pair('p-old', {
    status: 'completed',
    order_date: '2025-09-10',
    started_on: '2025-09-15',
    ended_on: '2026-05-25',
  }),
];
const members = [
  member('p-teach', 'kuz', 'mentor'),
  member('p-teach', 'nov', 'mentee'),
  member('p-stud', 'orl', 'mentor'),
  member('p-stud', 'anna', 'mentee'),
  member('p-group', 'alex', 'mentor'),
  member('p-group', 'bor', 'mentee'),
  member('p-group', 'vol', 'mentee'),
  member('p-draft', 'draft', 'mentor'),
  member('p-old', 'old', 'mentor'),
];
const documentPairs: DocumentPair[] = pairs.map((p) => {
  const side = (s: 'mentor' | 'mentee') =>
    members
      .filter((m) => m.pair_id === p.id && m.side === s)
      .map((m) => people.find((x) => x.id === m.participant_id)!)
      .map(({ id, full_name, kind, class_label, position }) => ({
        id,
        full_name,
        kind,
        class_label,
        position,
      }));
  return { pair: p, mentors: side('mentor'), mentees: side('mentee') };
});

const meeting = (id: string, pairId: string, type: Meeting['type'], held_on: string): Meeting => ({
  ...sync(id),
  pair_id: pairId,
  type,
  held_on,
  duration_min: 45,
  format: 'in_person',
  topic: null,
  notes: null,
  agreements: null,
});
const task = (id: string, pairId: string, status: PlanTask['status'], due_on: string) => ({
  pair_id: pairId,
  status,
  due_on,
  deleted_at: null,
  id,
});
const T = (n: number) => `b1000000-0000-4000-8000-00000000000${n}`;
const answer = (
  template: string,
  participant: string,
  pairId: string,
  answers: Record<string, number>,
): QuestionnaireResponse => ({
  ...sync(`r-${template}-${participant}`),
  template_id: template,
  participant_id: participant,
  pair_id: pairId,
  answers,
  submitted_at: '2027-05-20T10:00:00Z',
  updated_at: '2027-05-20T10:00:00Z',
  deleted_at: null,
});
const student = (...v: number[]) => Object.fromEntries(v.map((x, i) => [`q${i + 1}`, x]));

const responses = [
  answer(T(4), 'anna', 'p-stud', student(4, 3, 6, 2, 4, 3)),
  answer(T(5), 'anna', 'p-stud', student(7, 6, 8, 5, 7, 6)),
  answer(T(1), 'anna', 'p-stud', { q1: 9 }),
  answer(T(1), 'bor', 'p-group', { q1: 5 }),
  answer(T(3), 'orl', 'p-stud', { q1: 8 }),
  answer(T(1), 'old', 'p-old', { q1: 10 }),
];

const rows: AnalyticalRows = {
  pairs,
  members,
  participants: people,
  meetings: tallyMeetings(
    [
      meeting('m1', 'p-teach', 'organisational', '2026-09-22'),
      meeting('m2', 'p-teach', 'regular', '2026-10-06'),
      meeting('m3', 'p-stud', 'organisational', '2026-09-25'),
      meeting('m4', 'p-stud', 'final', '2027-05-18'),
      { ...meeting('m5', 'p-stud', 'regular', '2026-10-10'), deleted_at: '2026-10-11T00:00:00Z' },
      meeting('m6', 'p-old', 'regular', '2026-03-01'),
      meeting('m7', 'p-draft', 'regular', '2026-10-01'),
    ],
    year,
  ),
  plans: [
    { pair_id: 'p-teach', deleted_at: null },
    { pair_id: 'p-stud', deleted_at: null },
  ],
  tasks: [
    task('t1', 'p-teach', 'done', '2026-10-01'),
    task('t2', 'p-teach', 'todo', '2026-11-01'),
    task('t3', 'p-stud', 'done', '2026-12-20'),
    task('t4', 'p-stud', 'cancelled', '2026-10-20'),
  ],
  templates: BUILTIN_QUESTIONNAIRES,
  responses,
};

describe('the programme years to choose from', () => {
  it('run from 1 September to 31 August, programmes first, newest first', () => {
    expect(academicYearOf('2026-08-31')).toEqual({
      label: '2025/2026',
      from: '2025-09-01',
      to: '2026-08-31',
    });
    expect(academicYearOf('2026-09-01').label).toBe('2026/2027');
    const years = documentYears(
      [
        {
          academic_year: '2026/2027',
          starts_on: '2026-09-01',
          ends_on: '2027-05-31',
          deleted_at: null,
        },
      ],
      '2026-12-01',
    );
    expect(years).toEqual([
      { label: '2026/2027', from: '2026-09-01', to: '2027-05-31' },
      { label: '2025/2026', from: '2025-09-01', to: '2026-08-31' },
    ]);
  });
});

describe('the order naming the curator', () => {
  it('names her with her position for the year, with the requisites and signatures', async () => {
    const model = curatorOrderDocument({
      school,
      order: { number: '12-о', date: '2026-09-01' },
      year,
      curator: { full_name: 'Иванова Елена Петровна', position: 'заместитель директора по УВР' },
    });
    const text = await docxText(model);
    expect(text).toContain(school.name);
    expect(text).toContain('ПРИКАЗ');
    expect(text).toContain('01.09.2026\t№ 12-о');
    expect(text).toContain('с. Лузино');
    expect(text).toContain('О назначении куратора целевой модели наставничества');
    expect(text).toContain('Распоряжения Минпросвещения России от 25.12.2019 № Р-145');
    expect(text).toContain(
      'Назначить куратором целевой модели наставничества на 2026/2027 учебный год (с 01.09.2026 по 31.08.2027) Иванова Елена Петровна, заместитель директора по УВР.',
    );
    expect(text).toContain('2.5. по итогам учебного года подготовить аналитическую справку');
    expect(text).toContain('Директор ______________ /Е.Ф. Задворнова/');
    expect(text).toContain('С приказом ознакомлен(а): ______________ /Е.П. Иванова/');
    expect(model.fileName).toBe('Приказ-12-о-о-назначении-куратора-2026-2027');
  });

  it('leaves lines for the pen where the number, date and name are not known', () => {
    const text = documentText(
      curatorOrderDocument({
        school,
        order: { number: '', date: null },
        year,
        curator: { full_name: '', position: null },
      }),
    );
    expect(text).toContain('«___» ____________ 20__ г. № ______');
    expect(text).toContain('2026/2027 учебный год (с 01.09.2026 по 31.08.2027) ________________.');
    expect(text).toContain('С приказом ознакомлен(а): ______________ /________________/');
  });

  it('refuses too long texts and a wrong date', () => {
    expect(
      validateYearOrders({
        curator: { full_name: 'x'.repeat(201), position: null },
        curatorOrder: { number: '1', date: '2026-02-30' },
        mentorsOrder: { number: '', date: null },
      }),
    ).toEqual([
      { field: 'curator_name', key: 'tooLong', params: { max: 200 } },
      { field: 'curatorOrder_date', key: 'date' },
    ]);
  });
});

describe('the order fixing the mentors', () => {
  it('lists the mentors of the year’s approved pairs with positions, mentees and orders', async () => {
    const model = mentorsOrderDocument({
      school,
      order: { number: '60-о', date: '2026-10-05' },
      year,
      pairs: documentPairs,
      curator: { full_name: 'Иванова Елена Петровна', position: null },
    });
    const table = model.blocks.find((b) => b.kind === 'table');
    expect(table?.kind === 'table' && table.rows).toEqual([
      [
        '1',
        'Алексеев Иван',
        'обучающийся 10А класса',
        'Борисов Олег, 7А класс\nВолкова Мария, 7А класс',
        '«ученик – ученик»',
        '№ 50-о от 01.10.2026',
      ],
      [
        '2',
        'Кузнецова Ольга Петровна',
        'учитель математики',
        'Новикова Дарья Андреевна, учитель начальных классов',
        '«учитель – учитель»',
        '№ 45-о от 15.09.2026',
      ],
      [
        '3',
        'Орлова Ирина Сергеевна',
        'учитель физики',
        'Смирнова Анна, 6Б класс',
        '«учитель – ученик»',
        '№ 45-о от 15.09.2026',
      ],
    ]);
    const text = await docxText(model);
    expect(text).toContain('О закреплении наставников');
    expect(text).toContain('05.10.2026\t№ 60-о');
    expect(text).toContain('согласно списку (3 наставника)');
    expect(text).toContain('Куратору целевой модели наставничества Иванова Елена Петровна');
    expect(text).toContain('Наставник ______________ /О.П. Кузнецова/');
    expect(text).not.toContain('Черновой');
    expect(text).not.toContain('Прошлогодний');
  });
});

describe('the curator’s analytical report', () => {
  const facts = analyticalFacts(rows, year, '2026-12-01');

  it('counts the year’s participants, pairs, meetings, plans and results', () => {
    expect(facts.pairCount).toBe(3);
    expect({ mentors: facts.mentors, mentees: facts.mentees, people: facts.people }).toEqual({
      mentors: 3,
      mentees: 4,
      people: 7,
    });
    expect(facts.byKind).toEqual([
      { kind: 'student', mentors: 1, mentees: 3 },
      { kind: 'teacher', mentors: 2, mentees: 1 },
    ]);
    expect(facts.byForm).toEqual([
      { form: 'uchenik_uchenik', pairs: 1, groups: 1, completed: 0, endedEarly: 0, running: 1 },
      { form: 'uchitel_uchitel', pairs: 1, groups: 0, completed: 0, endedEarly: 0, running: 1 },
      { form: 'uchitel_uchenik', pairs: 1, groups: 0, completed: 1, endedEarly: 0, running: 0 },
    ]);
    expect(facts.meetings).toEqual({
      total: 4,
      byType: [
        { type: 'organisational', count: 2 },
        { type: 'regular', count: 1 },
        { type: 'final', count: 1 },
      ],
      pairsWithout: 1,
    });
    expect(facts.plans).toEqual({ pairsWithPlan: 2, done: 2, total: 3, overdue: 1 });
    expect(facts.monitoring.byForm).toHaveLength(1); // the peer group answered satisfaction only
    expect(facts.monitoring.byForm[0]).toMatchObject({ form: 'uchitel_uchenik', people: 1 });
    expect(facts.satisfaction.mentee).toEqual({ satisfied: 1, total: 2, percent: 50 });
    expect(facts.satisfaction.mentor).toEqual({ satisfied: 1, total: 1, percent: 100 });
  });

  it('writes every section and the KPI rows against their targets', async () => {
    const trainings = [
      {
        ...sync('c1'),
        participant_id: 'kuz',
        title: 'Наставничество',
        provider: null,
        hours: 72,
        completed_on: '2026-03-01',
      },
      {
        ...sync('c2'),
        participant_id: 'alex',
        title: 'Лидерство',
        provider: null,
        hours: 72,
        completed_on: '2026-03-01',
      },
    ];
    const input: KpiInput = {
      participants: people,
      pairs,
      members,
      trainings,
      templates: BUILTIN_QUESTIONNAIRES,
      responses,
      documents: [],
      // The seed's targets end in 2024: the school set 2027's for one row.
      kpiValues: [
        { ...sync('v1'), indicator: 'teachers_trained', year: 2027, kind: 'target', value: 35 },
      ],
      trainingValidYears: 3,
    };
    const kpis = computeKpis(input, { year: 2027, half: null });
    const model = analyticalReportDocument({
      school,
      facts,
      kpis,
      curator: { full_name: 'Иванова Елена Петровна', position: 'заместитель директора по УВР' },
      today: '2026-12-01',
    });
    const text = await docxText(model);
    for (const expected of [
      'АНАЛИТИЧЕСКАЯ СПРАВКА',
      'о реализации целевой модели наставничества в МБОУ «Лузинская СОШ № 1» за 2026/2027 учебный год',
      'Наставнических пар (групп), работавших в 2026/2027 учебном году по приказам об утверждении: 3.',
      'Участников программ наставничества: 7 чел., из них наставников — 3, наставляемых — 4.',
      cells('Обучающиеся', '1', '3'),
      cells('Педагогические работники', '2', '1'),
      cells('«ученик – ученик»', '1', '1', '1', '0', '0'),
      'Проведено встреч: 4; в среднем 1,3 встречи на пару (группу). Пар (групп) без встреч: 1.',
      cells('Организационная встреча', '2'),
      'Индивидуальные планы развития составлены у 2 из 3 пар (групп) (67 %).',
      'Выполнено задач планов: 2 из 3 (67 %); просрочено на 01.12.2026: 1.',
      cells('«учитель – ученик»', '1', '3,7', '6,5', '+2,8'),
      cells('Наставляемые', '2', '1', '50 %'),
      cells('Наставники', '1', '1', '100 %'),
      'Показатели мониторинга эффективности реализации целевой модели наставничества за 2027 год (с 01.01.2027 по 31.12.2027)',
      cells('Разработано «Положение о наставничестве» (да/нет)', 'да', 'нет', 'нет'),
      cells(
        'Доля педагогических работников, в том числе узких специалистов, имеющих действующую курсовую подготовку по наставничеству (36 ч. и более), %',
        '35 %',
        '20 % (1 из 5)',
        'нет',
      ),
      cells(
        'Уровень удовлетворенности наставляемых участием в программах наставничества, %',
        '—',
        '67 % (2 из 3)', // the KPI counts every answer of 2027, the old pair's too
        '—',
      ),
      cells(
        'Доля обучающихся ДОО, вовлеченных в различные формы сопровождения, наставничества и шефства, %',
        '—',
        'нет данных',
        '—',
      ),
      'Выводы и предложения',
      'Куратор целевой модели наставничества ______________ /Е.П. Иванова/',
    ]) {
      expect(text).toContain(expected);
    }
    const teachersTrained = kpis.shares.find((s) => s.key === 'teachers_trained')!;
    expect(text).toContain(
      `${teachersTrained.percent} % (${teachersTrained.numerator} из ${teachersTrained.denominator})`,
    );
    expect(model.fileName).toBe('Аналитическая-справка-2026-2027');
  });

  it('says what is missing when nothing happened in the year', () => {
    const empty = analyticalFacts({ ...rows, pairs: [] }, year, '2026-12-01');
    const text = documentText(
      analyticalReportDocument({
        school,
        facts: empty,
        kpis: null,
        curator: null,
        today: '2026-12-01',
      }),
    );
    expect(text).toContain(
      'В 2026/2027 учебном году наставнические пары (группы) не утверждались.',
    );
    expect(text).toContain('Встречи наставнических пар (групп) не проводились.');
    expect(text).toContain('Анкеты входящего и итогового мониторинга не заполнены.');
    expect(text).toContain('Анкеты удовлетворённости не заполнены.');
    expect(text).not.toContain('Показатели эффективности');
    expect(text).toContain('7. Выводы и предложения');
    expect(text).toContain(
      'Куратор целевой модели наставничества ______________ /________________/',
    );
  });
});
