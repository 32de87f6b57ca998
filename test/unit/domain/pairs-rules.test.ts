// validatePairAgainst: a pair as the server would take it, checked against what the device holds.
import { describe, expect, it } from 'vitest';
import {
  archiveEffects,
  pairDateErrors,
  validateApproval,
  validatePairAgainst,
  type PairRulesContext,
} from '@/domain/pairs';
import type { PairMember } from '@/domain/types';
import { aPair, aParticipant } from '../../factories/rows';

const today = '2026-11-25';
const teacher = aParticipant({ kind: 'teacher', full_name: 'Петрова Ольга', is_minor: false });
const young = aParticipant({ kind: 'teacher', full_name: 'Сидоров Илья', is_minor: false });
const maria = aParticipant({ kind: 'student', full_name: 'Иванова Мария' });
const people = new Map([teacher, young, maria].map((p) => [p.id, p]));

function member(pairId: string, participantId: string, side: 'mentor' | 'mentee'): PairMember {
  return {
    id: `${pairId}-${participantId}`,
    school_id: 's',
    version: 1,
    deleted_at: null,
    created_at: '',
    updated_at: '',
    created_by: null,
    pair_id: pairId,
    participant_id: participantId,
    side,
  };
}

const context = (over: Partial<PairRulesContext> = {}): PairRulesContext => ({
  people,
  pairs: [],
  members: [],
  today,
  ...over,
});

describe('the form’s role model', () => {
  it('refuses a student as the mentee of «учитель – учитель», naming her and the rule', () => {
    const errors = validatePairAgainst(
      { form: 'uchitel_uchitel', mentorIds: [teacher.id], menteeIds: [maria.id] },
      context(),
    );
    expect(errors).toEqual([
      { field: 'mentees', key: 'formKind.uchitel_uchitel', params: { names: 'Иванова Мария' } },
    ]);
  });

  it('refuses a student mentoring a teacher', () => {
    const errors = validatePairAgainst(
      { form: 'uchitel_uchitel', mentorIds: [maria.id], menteeIds: [young.id] },
      context(),
    );
    expect(errors.map((e) => [e.field, e.key])).toEqual([['mentors', 'formKind.uchitel_uchitel']]);
  });

  it('accepts two teachers', () => {
    expect(
      validatePairAgainst(
        { form: 'uchitel_uchitel', mentorIds: [teacher.id], menteeIds: [young.id] },
        context(),
      ),
    ).toEqual([]);
  });
});

describe('a second live pair of the same people in the same form', () => {
  const existing = aPair({ form: 'uchitel_uchitel', status: 'active' });
  const members = [
    member(existing.id, teacher.id, 'mentor'),
    member(existing.id, young.id, 'mentee'),
  ];
  const input = {
    form: 'uchitel_uchitel' as const,
    mentorIds: [teacher.id],
    menteeIds: [young.id],
  };

  it('is refused while the first is live', () => {
    const errors = validatePairAgainst(input, context({ pairs: [existing], members }));
    expect(errors).toEqual([
      {
        field: 'mentees',
        key: 'samePeopleTwice',
        params: { names: 'Петрова Ольга – Сидоров Илья' },
      },
    ]);
  });

  it('is accepted once the first has ended, or in another form, or for the pair itself', () => {
    const ended = { ...existing, status: 'completed' as const };
    expect(validatePairAgainst(input, context({ pairs: [ended], members }))).toEqual([]);
    const deleted = { ...existing, deleted_at: '2026-11-01T00:00:00Z' };
    expect(validatePairAgainst(input, context({ pairs: [deleted], members }))).toEqual([]);
    const editing = context({ pairs: [existing], members, pairId: existing.id });
    expect(validatePairAgainst(input, editing)).toEqual([]);
  });

  it('does not count the same people on swapped sides', () => {
    const swapped = { ...input, mentorIds: [young.id], menteeIds: [teacher.id] };
    expect(validatePairAgainst(swapped, context({ pairs: [existing], members }))).toEqual([]);
  });
});

describe('dates', () => {
  it('refuses a start before 2020 and an order date far ahead', () => {
    expect(pairDateErrors({ started_on: '2019-09-01', order_date: '2062-09-01' }, today)).toEqual([
      { field: 'started_on', key: 'dateTooEarly', params: { earliest: '01.01.2020' } },
      { field: 'order_date', key: 'dateTooFarAhead', params: { latest: '26.11.2027' } },
    ]);
  });

  it('refuses a start before the programme’s first day and an end before the start', () => {
    expect(
      pairDateErrors({ started_on: '2026-08-30', ended_on: '2026-08-01' }, today, '2026-09-01'),
    ).toEqual([
      { field: 'started_on', key: 'dateTooEarly', params: { earliest: '01.09.2026' } },
      { field: 'ended_on', key: 'dateTooEarly', params: { earliest: '01.09.2026' } },
      { field: 'ended_on', key: 'endBeforeStart' },
    ]);
  });

  it('refuses an approval order dated before 2020', () => {
    expect(validateApproval({ order_number: '12', order_date: '2019-05-01' }, [], today)).toEqual([
      { field: 'order_date', key: 'dateTooEarly', params: { earliest: '01.01.2020' } },
    ]);
  });
});

describe('someone who left the programme', () => {
  it('cannot join a pair', () => {
    const gone = aParticipant({ kind: 'teacher', full_name: 'Ушла Анна', archived_on: today });
    const errors = validatePairAgainst(
      { form: 'uchitel_uchitel', mentorIds: [gone.id], menteeIds: [young.id] },
      context({ people: new Map([...people, [gone.id, gone]]) }),
    );
    expect(errors).toEqual([
      { field: 'mentors', key: 'personArchived', params: { names: 'Ушла Анна' } },
    ]);
  });
});

describe('archiveEffects', () => {
  it('ends an individual pair and takes her out of a group that goes on', () => {
    const single = aPair({ form: 'uchitel_uchenik', status: 'active' });
    const group = aPair({ form: 'uchitel_uchenik', status: 'approved', is_group: true });
    const done = aPair({ form: 'uchitel_uchenik', status: 'completed' });
    const other = aParticipant({ full_name: 'Козлов Дима' });
    const members = [
      member(single.id, teacher.id, 'mentor'),
      member(single.id, maria.id, 'mentee'),
      member(group.id, teacher.id, 'mentor'),
      member(group.id, maria.id, 'mentee'),
      member(group.id, other.id, 'mentee'),
      member(done.id, teacher.id, 'mentor'),
      member(done.id, maria.id, 'mentee'),
    ];
    const names = new Map([...people.values(), other].map((p) => [p.id, p.full_name]));
    const effects = archiveEffects(maria.id, [single, group, done], members, names);
    expect(effects.map((e) => [e.pairId, e.effect, e.side, e.others])).toEqual(
      expect.arrayContaining([
        [single.id, 'end', 'mentee', ['Петрова Ольга']],
        [group.id, 'leave', 'mentee', ['Козлов Дима', 'Петрова Ольга']],
      ]),
    );
    expect(effects).toHaveLength(2);
    // The group's only mentor leaving ends it.
    expect(archiveEffects(teacher.id, [group], members, names)).toMatchObject([{ effect: 'end' }]);
  });
});
