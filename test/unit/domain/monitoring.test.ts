import { describe, expect, it } from 'vitest';
import { monitoringReport, type MonitoringFacts } from '@/domain/monitoring';
import { BUILTIN_QUESTIONNAIRES } from '@/domain/questionnaireDefaults';
import type { Answers } from '@/domain/questionnaires';

const T = (n: number) => `b1000000-0000-4000-8000-00000000000${n}`;
const MENTEE_SAT = T(1);
const MENTOR_SAT = T(3);
const STUDENT_ENTRY = T(4);
const STUDENT_EXIT = T(5);
const MENTOR_ENTRY = T(8);
const MENTOR_EXIT = T(9);

const pairs = [
  { id: 'pair-a', form: 'uchitel_uchenik' as const, deleted_at: null },
  { id: 'pair-b', form: 'uchenik_uchenik' as const, deleted_at: null },
  { id: 'pair-gone', form: 'uchenik_uchenik' as const, deleted_at: '2026-10-01T00:00:00Z' },
];
const participants = [
  { id: 'anna', full_name: 'Смирнова Анна', deleted_at: null },
  { id: 'boris', full_name: 'Белов Борис', deleted_at: null },
  { id: 'petrov', full_name: 'Петров Сергей', deleted_at: null },
];

let seq = 0;
function response(
  template: string,
  participant: string,
  pair: string | null,
  answers: Answers,
  { submitted = true, deleted = false, at = '2026-11-20T10:00:00Z' } = {},
) {
  seq += 1;
  return {
    template_id: template,
    participant_id: participant,
    pair_id: pair,
    answers,
    submitted_at: submitted ? at : null,
    updated_at: at,
    deleted_at: deleted ? at : null,
    id: `r${seq}`,
  };
}
/** The six scale answers of the student's self-assessment. */
const student = (...v: number[]) => Object.fromEntries(v.map((x, i) => [`q${i + 1}`, x]));

function facts(responses: MonitoringFacts['responses']): MonitoringFacts {
  return { pairs, participants, templates: BUILTIN_QUESTIONNAIRES, responses };
}
const ALL = { form: 'all', side: 'all' } as const;

describe('entry versus exit per person', () => {
  it('averages the scale answers and shows the change', () => {
    const report = monitoringReport(
      facts([
        response(STUDENT_ENTRY, 'anna', 'pair-a', { ...student(4, 3, 6, 2, 4, 3), q7: 'текст' }),
        response(STUDENT_EXIT, 'anna', 'pair-a', student(7, 6, 8, 5, 7, 6)),
        response(MENTOR_ENTRY, 'petrov', 'pair-a', { q1: 6, q2: 7, q3: 5, q4: 6 }),
      ]),
      ALL,
    );
    expect(report.hasResults).toBe(true);
    const anna = report.people.find((p) => p.participantId === 'anna')!;
    expect(anna).toMatchObject({ name: 'Смирнова Анна', form: 'uchitel_uchenik', side: 'mentee' });
    expect(anna.entry).toBeCloseTo(22 / 6);
    expect(anna.exit).toBeCloseTo(39 / 6);
    expect(anna.change).toBeCloseTo(17 / 6);
    const petrov = report.people.find((p) => p.participantId === 'petrov')!;
    expect(petrov).toMatchObject({ side: 'mentor', entry: 6, exit: null, change: null });
    // Sorted by name in Russian order.
    expect(report.people.map((p) => p.name)).toEqual(['Петров Сергей', 'Смирнова Анна']);
  });

  it('counts only submitted, not deleted responses, the latest submitted one per kind', () => {
    const report = monitoringReport(
      facts([
        response(STUDENT_ENTRY, 'anna', 'pair-a', student(1, 1, 1, 1, 1, 1), { submitted: false }),
        response(STUDENT_ENTRY, 'anna', 'pair-a', student(9, 9, 9, 9, 9, 9), { deleted: true }),
        response(STUDENT_ENTRY, 'anna', 'pair-a', student(2, 2, 2, 2, 2, 2), {
          at: '2026-10-01T00:00:00Z',
        }),
        response(STUDENT_ENTRY, 'anna', 'pair-a', student(4, 4, 4, 4, 4, 4), {
          at: '2026-10-02T00:00:00Z',
        }),
        // A deleted pair's answers are not the school's results.
        response(STUDENT_ENTRY, 'boris', 'pair-gone', student(5, 5, 5, 5, 5, 5)),
      ]),
      ALL,
    );
    expect(report.people).toHaveLength(1);
    expect(report.people[0]!.entry).toBe(4);
    expect(report.questions[0]!.questions[0]!.entry).toEqual({ mean: 4, n: 1 });
  });

  it('has no results when nothing was submitted', () => {
    const report = monitoringReport(
      facts([response(STUDENT_ENTRY, 'anna', 'pair-a', student(3), { submitted: false })]),
      ALL,
    );
    expect(report.hasResults).toBe(false);
    expect(report.people).toEqual([]);
    expect(report.questions).toEqual([]);
    expect(report.satisfaction.all).toEqual({ satisfied: 0, total: 0, percent: null });
  });
});

describe('entry versus exit per question', () => {
  it('averages each question at entry and exit, and the change of those who answered both', () => {
    const report = monitoringReport(
      facts([
        response(STUDENT_ENTRY, 'anna', 'pair-a', student(4, 3, 6, 2, 4, 3)),
        response(STUDENT_EXIT, 'anna', 'pair-a', student(8, 6, 8, 5, 7, 6)),
        response(STUDENT_ENTRY, 'boris', 'pair-b', student(6, 5, 5, 5, 5, 5)),
      ]),
      ALL,
    );
    expect(report.questions.map((g) => g.audience)).toEqual(['mentee_student']);
    const [q1, ...rest] = report.questions[0]!.questions;
    expect(rest.map((q) => q.itemId)).toEqual(['q2', 'q3', 'q4', 'q5', 'q6']);
    expect(q1!.text.ru).toBe('Я хочу учиться и хорошо успевать в школе.');
    expect(q1!.entry).toEqual({ mean: 5, n: 2 });
    expect(q1!.exit).toEqual({ mean: 8, n: 1 });
    // Only Anna answered both: +4, not 8 − 5.
    expect(q1!.change).toEqual({ mean: 4, n: 1 });
  });

  it('keeps mentors and mentees in separate groups, and the side filter picks one', () => {
    const responses = [
      response(STUDENT_ENTRY, 'anna', 'pair-a', student(4, 4, 4, 4, 4, 4)),
      response(MENTOR_ENTRY, 'petrov', 'pair-a', { q1: 6, q2: 7, q3: 5, q4: 6 }),
      response(MENTOR_EXIT, 'petrov', 'pair-a', { q1: 8, q2: 8, q3: 7, q4: 9 }),
    ];
    const all = monitoringReport(facts(responses), ALL);
    expect(all.questions.map((g) => g.audience)).toEqual(['mentee_student', 'mentor']);
    const mentors = monitoringReport(facts(responses), { form: 'all', side: 'mentor' });
    expect(mentors.questions.map((g) => g.audience)).toEqual(['mentor']);
    expect(mentors.people.map((p) => p.participantId)).toEqual(['petrov']);
    expect(mentors.people[0]!.change).toBeCloseTo(8 - 6);
    expect(mentors.questions[0]!.questions.map((q) => q.change.mean)).toEqual([2, 1, 2, 3]);
  });
});

describe('averages per form and the form filter', () => {
  const responses = [
    response(STUDENT_ENTRY, 'anna', 'pair-a', student(4, 4, 4, 4, 4, 4)),
    response(STUDENT_EXIT, 'anna', 'pair-a', student(7, 7, 7, 7, 7, 7)),
    response(STUDENT_ENTRY, 'boris', 'pair-b', student(6, 6, 6, 6, 6, 6)),
    response(STUDENT_EXIT, 'boris', 'pair-b', student(7, 7, 7, 7, 7, 7)),
    response(MENTOR_ENTRY, 'petrov', 'pair-a', { q1: 2, q2: 2, q3: 2, q4: 2 }),
    response(MENTOR_EXIT, 'petrov', 'pair-a', { q1: 4, q2: 4, q3: 4, q4: 4 }),
    response(MENTEE_SAT, 'anna', 'pair-a', { q1: 9 }),
    response(MENTEE_SAT, 'boris', 'pair-b', { q1: 6 }),
  ];

  it('gives each form its people, averages and satisfaction', () => {
    const report = monitoringReport(facts(responses), ALL);
    expect(report.forms).toEqual(['uchenik_uchenik', 'uchitel_uchenik']);
    const teacherStudent = report.byForm.find((f) => f.form === 'uchitel_uchenik')!;
    expect(teacherStudent.people).toBe(2);
    expect(teacherStudent.entry).toEqual({ mean: 3, n: 2 });
    expect(teacherStudent.exit).toEqual({ mean: 5.5, n: 2 });
    expect(teacherStudent.change).toEqual({ mean: 2.5, n: 2 });
    expect(teacherStudent.satisfaction).toEqual({ satisfied: 1, total: 1, percent: 100 });
    const peer = report.byForm.find((f) => f.form === 'uchenik_uchenik')!;
    expect(peer).toMatchObject({ people: 1, change: { mean: 1, n: 1 } });
    expect(peer.satisfaction).toEqual({ satisfied: 0, total: 1, percent: 0 });
  });

  it('the side filter applies to the forms table, the form filter does not', () => {
    const menteesOnly = monitoringReport(facts(responses), {
      form: 'uchenik_uchenik',
      side: 'mentee',
    });
    expect(menteesOnly.byForm.map((f) => [f.form, f.people])).toEqual([
      ['uchenik_uchenik', 1],
      ['uchitel_uchenik', 1],
    ]);
    expect(menteesOnly.people.map((p) => p.participantId)).toEqual(['boris']);
  });
});

describe('the satisfaction share', () => {
  it('uses the KPI rule: the first item answered 7 or more', () => {
    const report = monitoringReport(
      facts([
        response(MENTEE_SAT, 'anna', 'pair-a', { q1: 7 }),
        response(MENTEE_SAT, 'boris', 'pair-b', { q1: 6 }),
        response(MENTEE_SAT, 'boris', 'pair-b', { q1: 10 }, { submitted: false }),
        response(MENTOR_SAT, 'petrov', 'pair-a', { q1: 10 }),
        response(MENTOR_SAT, 'petrov', 'pair-b', { q2: 10 }),
      ]),
      ALL,
    );
    expect(report.satisfaction.mentee).toEqual({ satisfied: 1, total: 2, percent: 50 });
    expect(report.satisfaction.mentor).toEqual({ satisfied: 1, total: 1, percent: 100 });
    expect(report.satisfaction.all).toEqual({ satisfied: 2, total: 3, percent: 67 });
    // Satisfaction alone is a result: the page is not empty.
    expect(report.hasResults).toBe(true);
    expect(report.people).toEqual([]);
    const peer = monitoringReport(facts([response(MENTEE_SAT, 'boris', 'pair-b', { q1: 8 })]), {
      form: 'uchitel_uchenik',
      side: 'all',
    });
    expect(peer.satisfaction.all.total).toBe(0);
  });
});
