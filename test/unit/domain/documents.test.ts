// The documents' text for known rows: the approval order, the development plan and the
// mentor's report, as the preview shows them and the .docx writes them.
import { describe, expect, it } from 'vitest';
import type { MeetingType } from '@/domain/types';
import {
  approvalOrderDocument,
  developmentPlanDocument,
  documentText,
  formatDocDate,
  initialsName,
  mergeRequisites,
  placeFromAddress,
  validateRequisites,
  mentorReportDocument,
  pairsWord,
  CONCLUSION_BLANK,
  type DocumentModel,
  type TableBlock,
} from '@/domain/documents';
import {
  anna,
  deletedPair,
  groupPair,
  individualPair,
  otherOrderPair,
  petrov,
  planGoals,
  school,
} from './documents.fixture';

const tables = (model: DocumentModel) =>
  model.blocks.filter((b): b is TableBlock => b.kind === 'table');

describe('document formatting', () => {
  it('writes dates as dd.mm.yyyy and names as И.О. Фамилия', () => {
    expect(formatDocDate('2026-12-01')).toBe('01.12.2026');
    expect(initialsName('Петров Сергей Иванович')).toBe('С.И. Петров');
    expect(initialsName('Смирнова Анна')).toBe('А. Смирнова');
    expect(initialsName('Иванов')).toBe('Иванов');
    expect([1, 2, 5, 11, 21, 24].map((n) => `${n} ${pairsWord(n)}`)).toEqual([
      '1 пара',
      '2 пары',
      '5 пар',
      '11 пар',
      '21 пара',
      '24 пары',
    ]);
  });
});

describe('the order approving pairs and groups', () => {
  const order = approvalOrderDocument({
    school,
    order: { number: '45-о', date: '2026-09-15' },
    pairs: [groupPair, individualPair, otherOrderPair, deletedPair],
  });
  const text = documentText(order);

  it('carries the school, the date and number, the place, the title and the preamble', () => {
    expect(order.blocks[0]).toMatchObject({ text: school.name, align: 'center', bold: true });
    expect(order.blocks).toContainEqual({ kind: 'splitLine', left: '15.09.2026', right: '№ 45-о' });
    expect(text).toContain('с. Лузино');
    expect(order.blocks).toContainEqual(
      expect.objectContaining({ text: 'Об утверждении наставнических пар (групп)', bold: true }),
    );
    expect(text).toContain('Распоряжения Минпросвещения России от 25.12.2019 № Р-145');
    expect(text).toContain('Положения о наставничестве в МБОУ «Лузинская СОШ № 1»');
    expect(text).toContain('ПРИКАЗЫВАЮ:');
    expect(text).toContain(
      '1. Утвердить наставнические пары (группы) в составе согласно списку (2 пары):',
    );
    expect(text).toContain('2. Назначить наставниками');
    expect(text).toContain('4. Контроль исполнения приказа оставляю за собой.');
    expect(order.blocks.at(-1)).toEqual({
      kind: 'signature',
      role: 'Директор',
      name: 'Е.Ф. Задворнова',
    });
    expect(text).toContain('Директор ______________ /Е.Ф. Задворнова/');
  });

  it("lists the order's pairs only, by mentor, with forms and role models", () => {
    const [list] = tables(order);
    expect(list!.columns.map((c) => c.title)).toEqual([
      '№ п/п',
      'Наставник',
      'Наставляемый',
      'Форма наставничества',
      'Ролевая модель',
    ]);
    expect(list!.rows).toEqual([
      [
        '1',
        'Алексеев Иван, 10А класс',
        'Борисов Олег, 7А класс\nВолкова Мария, 7А класс',
        '«ученик – ученик»',
        'лидер – пассивный',
      ],
      [
        '2',
        'Петров Сергей Иванович, учитель математики',
        'Смирнова Анна, 6Б класс',
        '«учитель – ученик»',
        'успевающий – неуспевающий',
      ],
    ]);
    expect(text).not.toContain('Кузнецова');
    expect(text).not.toContain('Удалённый');
  });

  it('leaves blanks for what the device does not know', () => {
    const bare = approvalOrderDocument({
      school: { name: null, shortName: null, place: null, director: null },
      order: { number: '50-о', date: '2026-10-01' },
      pairs: [otherOrderPair],
    });
    const bareText = documentText(bare);
    expect(bare.blocks[0]).toMatchObject({ text: 'ПРИКАЗ' });
    expect(bareText).toContain('Директор ______________ /________________/');
    expect(bareText).toContain('Положения о наставничестве, в целях');
    expect(bareText).toContain('согласно списку (1 пара)');
    expect(bareText).not.toContain('(группы) в составе');
    expect(bare.fileName).toBe('Приказ-50-о-от-01-10-2026-наставнические-пары');
  });
});

describe('the individual development plan', () => {
  const plan = developmentPlanDocument({
    school,
    pair: individualPair,
    plan: { title: 'Догнать класс по математике', mentee_id: anna.id },
    goals: planGoals,
    looseTasks: [],
  });
  const text = documentText(plan);

  it('names the mentee, the mentor, the form and the period', () => {
    expect(text).toContain('ИНДИВИДУАЛЬНЫЙ ПЛАН РАЗВИТИЯ НАСТАВЛЯЕМОГО');
    expect(text).toContain('«Догнать класс по математике»');
    expect(text).toContain('Наставляемый: Смирнова Анна, 6Б класс');
    expect(text).toContain('Наставник: Петров Сергей Иванович, учитель математики');
    expect(text).toContain(
      'Форма наставничества: «учитель – ученик»; ролевая модель: успевающий – неуспевающий',
    );
    // From the start to the last due date (the pair has not ended).
    expect(text).toContain('Срок реализации плана: с 20.09.2026 по 30.11.2026');
    expect(text).toContain('Приказ об утверждении пары (группы): № 45-о от 15.09.2026');
  });

  it('lists each goal with its live tasks, results and the progress', () => {
    expect(text).toContain('Цель 1. Повысить успеваемость по математике');
    const [tasks] = tables(plan);
    expect(tasks!.rows).toEqual([
      [
        '1',
        'Разобрать темы контрольной\nЗанятия после уроков по вторникам',
        'Оценка не ниже «4»',
        '20.10.2026',
        'Выполнено\nКонтрольная написана на «4»',
      ],
      ['2', 'Подготовиться к олимпиаде', 'Участие в школьном этапе', '30.11.2026', 'В работе'],
    ]);
    expect(text).not.toContain('Удалённая задача');
    expect(text).toContain('Выполнено задач: 1 из 2.');
    expect(plan.blocks.filter((b) => b.kind === 'signature')).toEqual([
      { kind: 'signature', role: 'Наставник', name: 'С.И. Петров' },
      { kind: 'signature', role: 'Наставляемый', name: 'А. Смирнова' },
    ]);
  });

  it('says so when the pair has no plan yet', () => {
    const none = developmentPlanDocument({
      school,
      pair: individualPair,
      plan: null,
      goals: [],
      looseTasks: [],
    });
    expect(documentText(none)).toContain('Индивидуальный план развития ещё не составлен.');
    expect(tables(none)).toEqual([]);
  });
});

describe("the mentor's report", () => {
  const meeting = (type: string, held_on: string, notes: string | null = null) => ({
    type: type as MeetingType,
    held_on,
    duration_min: 45,
    notes,
    deleted_at: null as string | null,
  });
  const meetings = [
    meeting('regular', '2026-10-06'),
    meeting('organisational', '2026-09-22'),
    meeting('regular', '2026-10-13'),
    meeting('final', '2026-11-20', 'Анна подтянула математику.\nРекомендуется продолжить занятия.'),
    { ...meeting('regular', '2026-10-20'), deleted_at: '2026-10-21T00:00:00Z' },
  ];
  const input = {
    school,
    pair: individualPair,
    meetings,
    tasks: planGoals[0]!.tasks,
    hasPlan: true,
    results: [
      { name: anna.full_name, side: 'mentee' as const, entry: 4, exit: 7, change: 3 },
      { name: petrov.full_name, side: 'mentor' as const, entry: 6, exit: null, change: null },
    ],
    today: '2026-12-01',
  };

  it('counts the meetings held by type with their dates', () => {
    const report = mentorReportDocument(input);
    const text = documentText(report);
    expect(text).toContain('ОТЧЁТ НАСТАВНИКА');
    expect(text).toContain('Отчётный период: с 20.09.2026 по 01.12.2026');
    expect(text).toContain('Всего проведено встреч: 4, общей продолжительностью 3 ч.');
    expect(tables(report)[0]!.rows).toEqual([
      ['Организационная встреча', '1', '22.09.2026'],
      ['Регулярные встречи', '2', '06.10.2026, 13.10.2026'],
      ['Итоговая встреча', '1', '20.11.2026'],
    ]);
  });

  it('reports the plan, entry versus exit, and the conclusion from the final meeting', () => {
    const report = mentorReportDocument(input);
    const text = documentText(report);
    expect(text).toContain('Выполнено задач: 1 из 2 (50 %).');
    expect(tables(report)[1]!.rows).toEqual([
      ['Смирнова Анна (наставляемый)', '4,0', '7,0', '+3,0'],
      ['Петров Сергей Иванович (наставник)', '6,0', '—', '—'],
    ]);
    expect(text).toContain(
      '4. Выводы\nАнна подтянула математику.\nРекомендуется продолжить занятия.',
    );
    expect(text).toContain('Дата: 01.12.2026');
    expect(report.blocks.at(-1)).toEqual({
      kind: 'signature',
      role: 'Наставник',
      name: 'С.И. Петров',
    });
  });

  it('leaves the conclusion blank for the mentor when no final meeting has notes', () => {
    const report = mentorReportDocument({
      ...input,
      meetings: meetings.filter((m) => m.type !== 'final'),
      hasPlan: false,
      results: [],
    });
    const text = documentText(report);
    expect(text).toContain(`4. Выводы\n${CONCLUSION_BLANK}\n${CONCLUSION_BLANK}`);
    expect(text).toContain('Индивидуальный план развития не составлен.');
    expect(text).toContain('Анкеты входящего и итогового мониторинга не заполнены.');
  });
});

describe("the school's requisites", () => {
  it('finds the place in a postal address', () => {
    expect(
      placeFromAddress('644504, Омская область, Омский район, с. Лузино, ул. Майорова, д.12'),
    ).toBe('с. Лузино');
    expect(placeFromAddress('г. Хабаровск, ул. Ленина, 5')).toBe('г. Хабаровск');
    expect(placeFromAddress('ул. Ленина, 5')).toBeNull();
    expect(placeFromAddress(null)).toBeNull();
  });

  it("prefers what the user typed over the school's row, blanks falling through", () => {
    const row = { name: 'МБОУ СОШ № 1', short_name: 'СОШ № 1', address: 'г. Омск, ул. Мира, 1' };
    expect(mergeRequisites(row, null)).toEqual({
      name: 'МБОУ СОШ № 1',
      shortName: 'СОШ № 1',
      place: 'г. Омск',
      director: null,
    });
    expect(
      mergeRequisites(row, { name: '  ', place: 'с. Лузино', director: 'Е.Ф. Задворнова' }),
    ).toEqual({
      name: 'МБОУ СОШ № 1',
      shortName: 'СОШ № 1',
      place: 'с. Лузино',
      director: 'Е.Ф. Задворнова',
    });
    expect(mergeRequisites(null, null)).toEqual({
      name: null,
      shortName: null,
      place: null,
      director: null,
    });
  });

  it('refuses over-long requisites, field by field', () => {
    expect(validateRequisites(school)).toEqual([]);
    expect(
      validateRequisites({ ...school, name: 'Ш'.repeat(1001), director: 'Д'.repeat(201) }),
    ).toEqual([
      { field: 'name', key: 'tooLong', params: { max: 1000 } },
      { field: 'director', key: 'tooLong', params: { max: 200 } },
    ]);
  });
});
