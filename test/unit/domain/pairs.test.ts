import { describe, expect, it } from 'vitest';
import { nextSteps, pairPeople, pairRoleOf } from '@/domain/pairs';
import { aMeeting, aPair, aParticipant, aTask } from '../../factories/rows';

const today = '2026-11-25';
const active = aPair({ status: 'active' });

describe('nextSteps', () => {
  it('asks for the organisational meeting first', () => {
    expect(nextSteps({ pair: active, meetings: [], tasks: [] }, today)).toEqual([
      { key: 'organisationalNotHeld' },
    ]);
  });

  it('then for the planning meeting', () => {
    const meetings = [aMeeting({ type: 'organisational', held_on: '2026-11-20' })];
    expect(nextSteps({ pair: active, meetings, tasks: [] }, today)).toEqual([
      { key: 'noPlanningMeeting' },
    ]);
  });

  it('asks for no opening meeting once the final meeting was held', () => {
    const meetings = [
      aMeeting({ type: 'organisational', held_on: '2026-10-01' }),
      aMeeting({ type: 'final', held_on: '2026-11-20' }),
    ];
    expect(nextSteps({ pair: active, meetings, tasks: [] }, today)).toEqual([{ key: 'onTrack' }]);
    const groupFinal = [aMeeting({ type: 'final_group', held_on: '2026-11-24' })];
    expect(nextSteps({ pair: active, meetings: groupFinal, tasks: [] }, today)).toEqual([
      { key: 'onTrack' },
    ]);
  });

  it('notices 14 days of silence', () => {
    const meetings = [
      aMeeting({ type: 'organisational', held_on: '2026-10-01' }),
      aMeeting({ type: 'planning', held_on: '2026-11-11' }),
    ];
    expect(nextSteps({ pair: active, meetings, tasks: [] }, today)).toEqual([
      { key: 'silence', days: 14 },
    ]);
    const recent = [...meetings, aMeeting({ held_on: '2026-11-12' })];
    expect(nextSteps({ pair: active, meetings: recent, tasks: [] }, today)).toEqual([
      { key: 'onTrack' },
    ]);
  });

  it('counts overdue plan tasks that are not done', () => {
    const meetings = [
      aMeeting({ type: 'organisational', held_on: '2026-11-20' }),
      aMeeting({ type: 'planning', held_on: '2026-11-21' }),
    ];
    const tasks = [
      aTask({ due_on: '2026-11-01', status: 'todo' }),
      aTask({ due_on: '2026-11-02', status: 'in_progress' }),
      aTask({ due_on: '2026-11-03', status: 'done' }),
      aTask({ due_on: '2026-12-01', status: 'todo' }),
      aTask({ due_on: '2026-11-01', status: 'todo', deleted_at: '2026-11-02T00:00:00Z' }),
    ];
    expect(nextSteps({ pair: active, meetings, tasks }, today)).toEqual([
      { key: 'taskOverdue', count: 2 },
    ]);
  });

  it('reminds of the exit questionnaire when the pair is over', () => {
    const done = aPair({ status: 'completed' });
    expect(
      nextSteps({ pair: done, meetings: [], tasks: [], exitQuestionnaireMissing: true }, today),
    ).toEqual([{ key: 'exitQuestionnaireDue' }]);
    expect(nextSteps({ pair: done, meetings: [], tasks: [] }, today)).toEqual([]);
  });

  it('says a draft pair still needs the director’s order', () => {
    const draft = aPair({ status: 'draft', order_number: null, order_date: null });
    expect(nextSteps({ pair: draft, meetings: [], tasks: [] }, today)).toEqual([
      { key: 'draftNeedsApproval' },
      { key: 'organisationalNotHeld' },
    ]);
  });
});

describe('pairRoleOf', () => {
  const pair = { mentors: [{ id: 'anna' }], mentees: [{ id: 'vova' }] };
  it('puts the user in their own seat first, whatever else they are', () => {
    expect(pairRoleOf(pair, [{ role: 'mentee', participant_id: 'anna' }])).toBe('mentor');
    expect(pairRoleOf(pair, [{ role: 'curator', participant_id: 'vova' }])).toBe('mentee');
  });
  it('is staff for anyone without a seat, including a device with no account', () => {
    expect(pairRoleOf(pair, [{ role: 'curator', participant_id: null }])).toBe('staff');
    expect(pairRoleOf(pair, [])).toBe('staff');
  });
});

describe('pairPeople', () => {
  const member = (
    participant_id: string,
    side: 'mentor' | 'mentee',
    full_name?: string,
    deleted_at: string | null = null,
  ) => ({ participant_id, side, full_name, deleted_at });

  it('takes the card when the device holds it, else the name the server copied', () => {
    const anna = aParticipant({ full_name: 'Смирнова Анна' });
    const teacher = aParticipant({ kind: 'teacher', full_name: 'Петров С. И.', is_minor: false });
    const people = pairPeople(
      [
        member(teacher.id, 'mentor', 'Петров С. И.'),
        member(anna.id, 'mentee', 'Смирнова Анна'),
        member('kate-id', 'mentee', 'Орлова Катя'),
      ],
      new Map([
        [anna.id, anna],
        [teacher.id, teacher],
      ]),
    );
    expect(people.mentors).toEqual([
      { id: teacher.id, full_name: 'Петров С. И.', kind: 'teacher' },
    ]);
    expect(people.mentees).toEqual([
      { id: anna.id, full_name: 'Смирнова Анна', kind: 'student' },
      { id: 'kate-id', full_name: 'Орлова Катя', kind: null },
    ]);
  });

  it('leaves out removed members, deleted people and members known by nothing', () => {
    const gone = aParticipant({ deleted_at: '2026-11-01T00:00:00Z' });
    const people = pairPeople(
      [
        member(gone.id, 'mentee', 'Удалённая'),
        member('left-id', 'mentee', 'Ушла', '2026-11-01T00:00:00Z'),
        member('unsynced-id', 'mentee'),
      ],
      new Map([[gone.id, gone]]),
    );
    expect(people.mentees).toEqual([]);
  });
});
