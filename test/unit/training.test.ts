// A course of 36 h+ counts for the school's period from its completion; shorter ones, unfinished
// ones and students' ones never count. The form's rules say what is wrong, field by field.
import { describe, expect, it } from 'vitest';
import {
  addYears,
  parseHours,
  sortTrainings,
  trainingValidity,
  validCourse,
  validateTraining,
  parseValidYears,
  validYearsOf,
} from '@/domain/training';

const course = (fields: { hours: number; completed_on: string | null; title?: string }) => ({
  title: fields.title ?? 'Наставничество в образовательной организации',
  hours: fields.hours,
  completed_on: fields.completed_on,
  started_on: null,
  deleted_at: null as string | null,
});

describe('a course’s validity', () => {
  const done = course({ hours: 72, completed_on: '2025-05-12' });

  it('is valid until the same day three years later, and expired on it', () => {
    expect(trainingValidity(done, 'teacher', '2025-05-12')).toEqual({
      status: 'valid',
      until: '2028-05-12',
    });
    expect(trainingValidity(done, 'teacher', '2028-05-11')).toEqual({
      status: 'valid',
      until: '2028-05-12',
    });
    expect(trainingValidity(done, 'teacher', '2028-05-12')).toEqual({
      status: 'expired',
      until: '2028-05-12',
    });
  });

  it('counts 36 hours and not 35.5', () => {
    const day = '2026-01-10';
    expect(
      trainingValidity(course({ hours: 36, completed_on: '2025-12-01' }), 'teacher', day),
    ).toMatchObject({ status: 'valid' });
    expect(
      trainingValidity(course({ hours: 35.5, completed_on: '2025-12-01' }), 'teacher', day),
    ).toEqual({ status: 'short' });
  });

  it('follows the school’s period', () => {
    expect(trainingValidity(done, 'teacher', '2029-01-01', 5)).toEqual({
      status: 'valid',
      until: '2030-05-12',
    });
    expect(trainingValidity(done, 'teacher', '2026-05-12', 1)).toEqual({
      status: 'expired',
      until: '2026-05-12',
    });
    expect(validYearsOf(5)).toBe(5);
    expect(validYearsOf(null)).toBe(3);
    expect(validYearsOf(0)).toBe(3);
    expect(validYearsOf(11)).toBe(3);
  });

  it('takes a typed period of 1 to 10 whole years, and says why not otherwise', () => {
    expect(parseValidYears(' 5 ')).toEqual({ ok: true, years: 5 });
    expect(parseValidYears('1')).toEqual({ ok: true, years: 1 });
    expect(parseValidYears('10')).toEqual({ ok: true, years: 10 });
    for (const typed of ['', '0', '11', '2,5', '3.0', 'три', '-3', '1e1']) {
      expect({ typed, read: parseValidYears(typed) }).toEqual({
        typed,
        read: {
          ok: false,
          errors: [{ field: 'validYears', key: 'validYearsRange', params: { min: 1, max: 10 } }],
        },
      });
    }
  });

  it('is not yet valid before its completion, nor without one', () => {
    expect(trainingValidity(done, 'teacher', '2025-05-11')).toEqual({ status: 'ongoing' });
    expect(
      trainingValidity(course({ hours: 72, completed_on: null }), 'teacher', '2026-01-01'),
    ).toEqual({ status: 'ongoing' });
  });

  it('never counts a student’s course', () => {
    expect(trainingValidity(done, 'student', '2026-01-01')).toEqual({ status: 'notCounted' });
    expect(validCourse([done], 'student', '2026-01-01')).toBeNull();
    expect(validCourse([done], 'other', '2026-01-01')).not.toBeNull();
  });

  it('takes 29 February to 28 February', () => {
    expect(addYears('2024-02-29', 3)).toBe('2027-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2025-12-31', 3)).toBe('2028-12-31');
  });
});

describe('several courses', () => {
  const older = course({ hours: 72, completed_on: '2023-03-01', title: 'Старый' });
  const newer = course({ hours: 40, completed_on: '2025-10-01', title: 'Новый' });
  const short = course({ hours: 16, completed_on: '2026-02-01', title: 'Короткий' });
  const deleted = { ...course({ hours: 100, completed_on: '2026-03-01' }), deleted_at: 'x' };

  it('the valid one lasting longest is the person’s current course', () => {
    const best = validCourse([older, short, newer, deleted], 'teacher', '2026-04-01');
    expect(best?.training.title).toBe('Новый');
    expect(best?.until).toBe('2028-10-01');
    // After the newer one ends nothing is left (the older ended in 2026, the short never counts).
    expect(validCourse([older, short, newer], 'teacher', '2028-10-01')).toBeNull();
  });

  it('lists the latest completed first, unfinished on top, deleted left out', () => {
    const ongoing = course({ hours: 72, completed_on: null, title: 'Идёт' });
    expect(sortTrainings([older, ongoing, deleted, newer]).map((c) => c.title)).toEqual([
      'Идёт',
      'Новый',
      'Старый',
    ]);
  });
});

describe('the course form’s rules', () => {
  const today = '2026-12-01';
  const valid = {
    title: 'Наставничество',
    provider: 'ИРО',
    hours: 72,
    started_on: '2026-10-01',
    completed_on: '2026-10-20',
    certificate_number: '5524-001',
  };

  it('accepts a full course', () => {
    expect(validateTraining(valid, today)).toEqual([]);
  });

  it('asks for a title and hours from 0.5 to 1000 with one decimal', () => {
    expect(validateTraining({ ...valid, title: '  ' }, today)).toEqual([
      { field: 'title', key: 'required' },
    ]);
    for (const hours of [0, 0.4, 1000.5, 12.25, Number.NaN]) {
      expect(validateTraining({ ...valid, hours }, today)).toMatchObject([
        { field: 'hours', key: 'hoursRange' },
      ]);
    }
    for (const hours of [0.5, 36, 1000, 16.5]) {
      expect(validateTraining({ ...valid, hours }, today)).toEqual([]);
    }
  });

  it('reads hours as typed', () => {
    expect(parseHours('72')).toBe(72);
    expect(parseHours(' 16,5 ')).toBe(16.5);
    expect(parseHours('0.5')).toBe(0.5);
    expect(parseHours('1,25')).toBeNaN();
    expect(parseHours('много')).toBeNaN();
    expect(parseHours('')).toBeNaN();
  });

  it('wants the dates in order and not more than a year ahead', () => {
    expect(validateTraining({ ...valid, completed_on: '2026-09-30' }, today)).toEqual([
      { field: 'completed_on', key: 'endBeforeStart' },
    ]);
    expect(validateTraining({ ...valid, completed_on: '2026-10-01' }, today)).toEqual([]);
    expect(
      validateTraining({ ...valid, started_on: null, completed_on: '2027-12-03' }, today),
    ).toEqual([
      { field: 'completed_on', key: 'dateTooFarAhead', params: { latest: '02.12.2027' } },
    ]);
    expect(
      validateTraining({ ...valid, started_on: null, completed_on: '2027-12-02' }, today),
    ).toEqual([]);
    expect(validateTraining({ ...valid, started_on: '2026-13-01' }, today)).toEqual([
      { field: 'started_on', key: 'date' },
    ]);
  });

  it('limits the texts', () => {
    expect(validateTraining({ ...valid, certificate_number: 'x'.repeat(201) }, today)).toEqual([
      { field: 'certificate_number', key: 'tooLong', params: { max: 200 } },
    ]);
  });
});
