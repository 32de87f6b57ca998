// The programme year's rules: the academic year of a day, a new year's dates, the open year,
// closing a year (only unfinished pairs move), and the exit questionnaires opening at the
// year's end or its final stage — with the day the app announces.
import { describe, expect, it } from 'vitest';
import {
  academicYearOf,
  defaultYearDates,
  isAcademicYear,
  nextAcademicYear,
  openProgramme,
  planCloseYear,
  validateYearDates,
} from '@/domain/programmeYear';
import {
  exitOpensOn,
  isProgrammeEnding,
  pairQuestionnaires,
  type QuestionnaireTemplate,
} from '@/domain/questionnaires';
import { BUILTIN_QUESTIONNAIRES } from '@/domain/questionnaireDefaults';
import type { Pair, Programme } from '@/domain/types';
import { aPair, aParticipant } from '../factories/rows';

function aProgramme(over: Partial<Programme> = {}): Programme {
  return {
    id: crypto.randomUUID(),
    school_id: 'school-1',
    academic_year: '2026/2027',
    title: 'Программа наставничества на 2026/2027 учебный год',
    forms: ['uchenik_uchenik'],
    current_stage: 1,
    starts_on: '2026-09-01',
    ends_on: '2027-05-31',
    closed_on: null,
    version: 0,
    deleted_at: null,
    created_at: '2026-09-01T08:00:00Z',
    updated_at: '2026-09-01T08:00:00Z',
    created_by: null,
    ...over,
  };
}

describe('the academic year', () => {
  it('runs from 1 September to 31 August', () => {
    expect(academicYearOf('2026-09-01')).toBe('2026/2027');
    expect(academicYearOf('2026-12-01')).toBe('2026/2027');
    expect(academicYearOf('2027-08-31')).toBe('2026/2027');
    expect(academicYearOf('2026-08-31')).toBe('2025/2026');
    expect(nextAcademicYear('2026/2027')).toBe('2027/2028');
    expect(isAcademicYear('2026/2027')).toBe(true);
    expect(isAcademicYear('2026/2028')).toBe(false);
  });

  it('starts a new programme on 1 September and ends it on 31 May', () => {
    expect(defaultYearDates('2026/2027')).toEqual({
      starts_on: '2026-09-01',
      ends_on: '2027-05-31',
    });
  });

  it('needs both dates, real ones, the end not before the start', () => {
    const keys = (starts_on: string | null, ends_on: string | null) =>
      validateYearDates({ starts_on, ends_on }).map((e) => `${e.field}:${e.key}`);
    expect(keys('2026-09-01', '2027-05-31')).toEqual([]);
    expect(keys(null, '2027-05-31')).toEqual(['starts_on:required']);
    expect(keys('2026-09-31', '2027-05-31')).toEqual(['starts_on:date']);
    expect(keys('2019-09-01', '2027-05-31')).toEqual(['starts_on:dateTooEarly']);
    expect(keys('2026-09-01', '2026-08-31')).toEqual(['ends_on:endBeforeStart']);
  });
});

describe('the year to work in', () => {
  it('is the open programme holding today, else the latest open one; closed ones never', () => {
    const old = aProgramme({
      academic_year: '2025/2026',
      starts_on: '2025-09-01',
      ends_on: '2026-05-31',
    });
    const current = aProgramme();
    expect(openProgramme([old, current], '2026-12-01')?.id).toBe(current.id);
    // In summer no year holds the day: the latest open one.
    expect(openProgramme([old, current], '2027-07-15')?.id).toBe(current.id);
    const closed = { ...current, closed_on: '2026-11-30' };
    expect(openProgramme([closed], '2026-12-01')).toBeNull();
    expect(openProgramme([{ ...current, deleted_at: '2026-11-30T00:00:00Z' }], '2026-12-01')).toBe(
      null,
    );
  });
});

describe('closing a year', () => {
  const programme = aProgramme();
  const pair = (status: Pair['status'], programmeId = programme.id) =>
    aPair({ status, programme_id: programmeId });
  const draft = pair('draft');
  const approved = pair('approved');
  const active = pair('active');
  const completed = pair('completed');
  const endedEarly = pair('ended_early');
  const deleted = { ...pair('active'), deleted_at: '2026-11-01T00:00:00Z' };
  const otherYear = pair('active', 'another-programme');
  const pairs = [draft, approved, active, completed, endedEarly, deleted, otherYear];

  it('moves the unfinished pairs only (draft, approved, active) into a new next year', () => {
    const plan = planCloseYear(programme, [programme], pairs, '2027-06-01');
    expect(plan.movingPairIds.sort()).toEqual([draft.id, approved.id, active.id].sort());
    expect(plan.closedOn).toBe('2027-06-01');
    expect(plan.existingNextId).toBeNull();
    expect(plan.nextFields).toEqual({
      academic_year: '2027/2028',
      title: 'Программа наставничества на 2027/2028 учебный год',
      forms: ['uchenik_uchenik'],
      current_stage: 1,
      starts_on: '2027-09-01',
      ends_on: '2028-05-31',
    });
  });

  it('reuses the next year when the school has it open already', () => {
    const next = aProgramme({ academic_year: '2027/2028', starts_on: '2027-09-01' });
    const plan = planCloseYear(programme, [programme, next], pairs, '2027-06-01');
    expect(plan.existingNextId).toBe(next.id);
    expect(plan.nextFields).toBeNull();
  });
});

describe('the exit questionnaires open', () => {
  const mid = '2026-12-01';
  const facts = (over: Partial<Parameters<typeof isProgrammeEnding>[0]> = {}) => ({
    pair: aPair({ status: 'active' }),
    meetings: [],
    programmeEndsOn: '2027-05-31',
    ...over,
  });

  it('at the year’s end: from 30 days before the programme’s last day', () => {
    expect(isProgrammeEnding(facts(), '2027-04-30')).toBe(false);
    expect(isProgrammeEnding(facts(), '2027-05-01')).toBe(true);
    expect(exitOpensOn(facts())).toBe('2027-05-01');
  });

  it('at the year’s final stage, whatever the dates (not for a draft pair)', () => {
    expect(isProgrammeEnding(facts(), mid)).toBe(false);
    expect(isProgrammeEnding(facts({ programmeAtFinalStage: true }), mid)).toBe(true);
    expect(
      isProgrammeEnding(
        facts({ programmeAtFinalStage: true, pair: aPair({ status: 'draft' }) }),
        mid,
      ),
    ).toBe(false);
  });

  it('say when by the earlier of the pair’s and the year’s end; nothing known, no day', () => {
    const pair = aPair({ status: 'active', ended_on: '2027-03-15' });
    expect(exitOpensOn({ pair, programmeEndsOn: '2027-05-31' })).toBe('2027-02-13');
    expect(exitOpensOn({ pair: aPair({ ended_on: null }), programmeEndsOn: null })).toBeNull();
  });

  it('make the pair’s exit and satisfaction slots open at the final stage', () => {
    const mentor = aParticipant({ kind: 'teacher', is_minor: false });
    const mentee = aParticipant();
    const base = {
      ...facts(),
      pair: aPair({ status: 'active', form: 'uchitel_uchenik' }),
      members: [
        { participant: mentor, side: 'mentor' as const },
        { participant: mentee, side: 'mentee' as const },
      ],
      templates: BUILTIN_QUESTIONNAIRES.map((t): QuestionnaireTemplate => ({
        ...t,
        school_id: null,
        based_on: null,
        version: 0,
        deleted_at: null,
        created_at: '2026-09-01T00:00:00Z',
        updated_at: '2026-09-01T00:00:00Z',
        created_by: null,
      })),
      responses: [],
    };
    const exits = (atFinal: boolean) =>
      pairQuestionnaires({ ...base, programmeAtFinalStage: atFinal }, mid).filter(
        (s) => s.kind === 'exit',
      );
    expect(exits(false).map((s) => s.isOpen)).toEqual([false, false]);
    expect(exits(true).map((s) => [s.isOpen, s.isDue])).toEqual([
      [true, true],
      [true, true],
    ]);
  });
});
