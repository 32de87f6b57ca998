// The roadmap seeded per the seeds (seven stages, their tasks, dates in the school year and
// who is responsible), and the rules on it: overdue, progress per stage, edits.
import { describe, expect, it } from 'vitest';
import {
  dueInMonth,
  isOverdue,
  overdueTasks,
  roadmapTaskChanges,
  ROADMAP_STAGES,
  RESPONSIBLE,
  SEED_ROADMAP,
  seedRoadmap,
  stageProgress,
  suggestedStage,
  validateRoadmapTask,
} from '@/domain/roadmap';
import type { RoadmapTask } from '@/domain/types';

const programme = { id: 'prog-1', school_id: 'school-1', academic_year: '2026/2027' };
const seeded = seedRoadmap(programme);
const titlesOf = (stage: number) => seeded.filter((t) => t.stage === stage).map((t) => t.title);

let n = 0;
function aTask(over: Partial<RoadmapTask> = {}): RoadmapTask {
  n += 1;
  return {
    id: `task-${n}`,
    school_id: 'school-1',
    programme_id: 'prog-1',
    stage: 1,
    position: n,
    title: `Задача ${n}`,
    due_on: '2026-09-30',
    done_on: null,
    responsible: null,
    status: 'planned',
    note: null,
    version: 0,
    deleted_at: null,
    created_at: '2026-09-01T08:00:00Z',
    updated_at: '2026-09-01T08:00:00Z',
    created_by: null,
    ...over,
  };
}

describe('the seeded roadmap', () => {
  it('has the seven stages of the seeds, each with tasks, in order', () => {
    expect(ROADMAP_STAGES).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect([...new Set(seeded.map((t) => t.stage))]).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(seeded).toHaveLength(SEED_ROADMAP.length);
    for (const stage of ROADMAP_STAGES) {
      const positions = seeded.filter((t) => t.stage === stage).map((t) => t.position);
      expect(positions).toEqual(positions.map((_, i) => i));
    }
  });

  it('carries the seeds’ tasks word for word (seed 001 with seed 000’s normative ones)', () => {
    // Seed 001 «План внедрения „Дорожной карты“»: 1.1, 2.1, 3.3, 4.4, 5.1, 6.1, 7.8.
    expect(titlesOf(1)).toContain(
      'Информирование педагогического сообщества образовательной организации о реализации программы наставничества',
    );
    expect(titlesOf(2)[0]).toMatch(/^Проведение анкетирования среди обучающихся\/педагогов/);
    expect(titlesOf(3)).toContain(
      'Выбор форм наставничества, реализуемых в рамках текущей программы наставничества',
    );
    expect(titlesOf(4)).toContain('Обучение наставников');
    expect(titlesOf(5)[0]).toBe('Организация групповой встречи наставников и наставляемых');
    expect(titlesOf(6)[0]).toBe(
      'Проведение первой, организационной, встречи наставника и наставляемого',
    );
    expect(titlesOf(7)).toContain('Формирование долгосрочной базы наставников');
    // Seed 000: the regulation, the curator's appointment, rewards.
    expect(titlesOf(1)).toContain('Разработка и утверждение Положения о наставничестве');
    expect(titlesOf(1)).toContain('Назначение куратора внедрения целевой модели наставничества');
    expect(titlesOf(7).join(' ')).toContain('Благодарственные письма');
    expect(seeded.every((t) => t.title.trim().length > 0 && t.title.length <= 500)).toBe(true);
  });

  it('dates each task in the programme’s school year, September to June', () => {
    const due = seeded.map((t) => t.due_on!).sort();
    expect(due[0]).toBe('2026-09-30');
    expect(due.at(-1)).toBe('2027-06-30');
    expect(seeded.find((t) => t.title === 'Обучение наставников')!.due_on).toBe('2026-11-30');
    const regular = seeded.find((t) => t.title === 'Регулярные встречи наставника и наставляемого');
    expect(regular!.due_on).toBe('2027-03-31');
    // The final stage falls in May and June.
    expect(seeded.filter((t) => t.stage === 7).every((t) => t.due_on! >= '2027-05-01')).toBe(true);
  });

  it('names who is responsible, planned and with nothing done yet', () => {
    const who = new Set(seeded.map((t) => t.responsible));
    expect(who).toContain(RESPONSIBLE.curator);
    expect(who).toContain(RESPONSIBLE.director);
    expect(who).toContain(RESPONSIBLE.classTeachers);
    expect(who).toContain(RESPONSIBLE.mentors);
    expect(seeded.every((t) => t.status === 'planned' && t.done_on === null)).toBe(true);
    expect(seeded.every((t) => t.programme_id === 'prog-1' && t.school_id === 'school-1')).toBe(
      true,
    );
  });

  it('puts a month in the right calendar year of the school year', () => {
    expect(dueInMonth('2026/2027', 9)).toBe('2026-09-30');
    expect(dueInMonth('2026/2027', 12)).toBe('2026-12-31');
    expect(dueInMonth('2026/2027', 2)).toBe('2027-02-28');
    expect(dueInMonth('2027/2028', 2)).toBe('2028-02-29');
  });
});

describe('overdue tasks', () => {
  const today = '2026-12-01';

  it('are past their date and neither done nor skipped', () => {
    expect(isOverdue(aTask({ due_on: '2026-11-30' }), today)).toBe(true);
    expect(isOverdue(aTask({ due_on: '2026-11-30', status: 'in_progress' }), today)).toBe(true);
    expect(isOverdue(aTask({ due_on: '2026-11-30', status: undefined }), today)).toBe(true);
    expect(isOverdue(aTask({ due_on: '2026-12-01' }), today)).toBe(false);
    expect(isOverdue(aTask({ due_on: '2026-11-30', status: 'done' }), today)).toBe(false);
    expect(isOverdue(aTask({ due_on: '2026-11-30', status: 'skipped' }), today)).toBe(false);
    expect(isOverdue(aTask({ due_on: null }), today)).toBe(false);
    expect(isOverdue(aTask({ due_on: '2026-11-30', deleted_at: '2026-11-30' }), today)).toBe(false);
  });

  it('come earliest first', () => {
    const late = aTask({ due_on: '2026-11-30' });
    const later = aTask({ due_on: '2026-10-31' });
    const fine = aTask({ due_on: '2027-01-31' });
    expect(overdueTasks([late, fine, later], today).map((t) => t.id)).toEqual([later.id, late.id]);
  });
});

describe('progress per stage', () => {
  it('counts done and skipped of the stage’s live tasks', () => {
    const tasks = [
      aTask({ stage: 1, status: 'done' }),
      aTask({ stage: 1, status: 'skipped' }),
      aTask({ stage: 1, status: 'in_progress', due_on: '2026-10-01' }),
      aTask({ stage: 1, status: 'planned', due_on: '2027-01-01' }),
      aTask({ stage: 1, status: 'done', deleted_at: '2026-10-01' }),
      aTask({ stage: 2, status: 'done' }),
    ];
    const progress = stageProgress(tasks, '2026-12-01');
    expect(progress).toHaveLength(7);
    expect(progress[0]).toEqual({
      stage: 1,
      total: 4,
      finished: 2,
      done: 1,
      skipped: 1,
      overdue: 1,
      share: 0.5,
    });
    expect(progress[1]).toMatchObject({ total: 1, finished: 1, share: 1 });
    expect(progress[2]).toMatchObject({ total: 0, finished: 0, share: 0 });
  });

  it('suggests the first stage with work left', () => {
    expect(suggestedStage([aTask({ stage: 1, status: 'done' }), aTask({ stage: 3 })])).toBe(3);
    expect(suggestedStage([aTask({ stage: 2, status: 'skipped' })])).toBe(7);
  });
});

describe('editing a task', () => {
  it('refuses a blank title, too long texts, a bad date, an unknown status or stage', () => {
    const keys = (input: Parameters<typeof validateRoadmapTask>[0]) =>
      validateRoadmapTask(input).map((e) => `${e.field}:${e.key}`);
    expect(keys({ title: '  ' })).toEqual(['title:required']);
    expect(keys({ title: 'x'.repeat(501) })).toEqual(['title:tooLong']);
    expect(keys({ responsible: 'x'.repeat(501), note: 'x'.repeat(2001) })).toEqual([
      'responsible:tooLong',
      'note:tooLong',
    ]);
    expect(keys({ due_on: '2026-02-30' })).toEqual(['due_on:date']);
    expect(keys({ status: 'late' as never, stage: 8 })).toEqual(['status:status', 'stage:stage']);
    expect(keys({ title: 'Обучение наставников', due_on: '', status: 'done', stage: 4 })).toEqual(
      [],
    );
  });

  it('records the day a task is done, and forgets it when it is reopened', () => {
    const today = '2026-12-01';
    expect(roadmapTaskChanges(aTask(), { status: 'done' }, today)).toEqual({
      status: 'done',
      done_on: today,
    });
    const done = aTask({ status: 'done', done_on: '2026-11-20' });
    expect(roadmapTaskChanges(done, { status: 'done', note: ' ' }, today)).toEqual({
      status: 'done',
      note: null,
    });
    expect(roadmapTaskChanges(done, { status: 'in_progress' }, today)).toEqual({
      status: 'in_progress',
      done_on: null,
    });
    expect(
      roadmapTaskChanges(done, { responsible: ' Директор ', due_on: '', title: ' Т ' }, today),
    ).toEqual({ responsible: 'Директор', due_on: null, title: 'Т' });
  });
});
