// One small school with a known answer for every number of the overview and every triage
// item (today 2026-11-25). Shared by schoolOverview.test.ts and triage.test.ts.
import { satisfactionItemId } from '@/domain/questionnaires';
import { meetingFactsOf, type SchoolFacts } from '@/domain/schoolOverview';
import type {
  Meeting,
  Pair,
  PairMember,
  Participant,
  ParticipantSensitive,
  TriageSnooze,
} from '@/domain/types';
import type { MentorChangeRequest } from '@/domain/mentorChange';
import { aBuiltinTemplate, aResponse, builtinTemplates } from '../../factories/questionnaires';
import {
  aConsent,
  aMeeting,
  aPair,
  aParticipant,
  aTask,
  SCHOOL_ID,
  uuid,
} from '../../factories/rows';

export const TODAY = '2026-11-25';

const teacher = (full_name: string, o: Partial<Participant> = {}) =>
  aParticipant({
    kind: 'teacher',
    full_name,
    class_label: null,
    birth_year: 1980,
    is_minor: false,
    is_mentor: true,
    is_mentee: false,
    ...o,
  });
const student = (full_name: string, o: Partial<Participant> = {}) =>
  aParticipant({ full_name, ...o });

export function aSchool() {
  const petrov = teacher('Петров Сергей Иванович');
  const kravtsova = teacher('Кравцова Татьяна Николаевна');
  const novikova = teacher('Новикова Ольга Андреевна', { is_mentor: false, is_mentee: true });
  const smirnova = student('Смирнова Анна');
  const volkov = student('Волков Вова');
  const orlova = student('Орлова Дарья');
  const belov = student('Белов Илья', { class_label: '8В' });
  const zaitseva = student('Зайцева Мария', { archived_on: '2026-10-01' });
  const sokolov = student('Соколов Пётр');
  const egorova = student('Егорова Вера');
  const people = {
    petrov,
    kravtsova,
    novikova,
    smirnova,
    volkov,
    orlova,
    belov,
    zaitseva,
    sokolov,
    egorova,
  };

  const consents = [
    aConsent(petrov, { valid_until: null }),
    aConsent(kravtsova, { signed_on: '2025-12-10', valid_until: '2026-12-10' }),
    aConsent(novikova),
    aConsent(smirnova),
    aConsent(volkov, { revoked_on: '2026-11-20' }),
    aConsent(belov),
    aConsent(zaitseva),
    aConsent(sokolov),
    aConsent(egorova),
    // A consent signed by the minor herself does not count (a parent signs for a minor).
    aConsent(orlova, {
      given_by: 'self',
      representative_name: null,
      representative_relation: null,
    }),
  ];
  const sensitive: ParticipantSensitive[] = [
    [smirnova, ['gifted']],
    [volkov, ['low_results', 'behaviour']],
    [orlova, ['low_results']],
    [zaitseva, ['gifted']],
  ].map(([p, categories]) => ({
    id: uuid(),
    school_id: SCHOOL_ID,
    version: 0,
    deleted_at: null,
    created_at: '2026-09-01T08:00:00.000Z',
    updated_at: '2026-09-01T08:00:00.000Z',
    created_by: null,
    participant_id: (p as Participant).id,
    categories: categories as string[],
    note: null,
    request: null,
  }));

  const p1 = aPair({ form: 'uchitel_uchenik', status: 'active' });
  const p2 = aPair({ form: 'uchitel_uchenik', status: 'active' });
  const p3 = aPair({
    form: 'uchitel_uchitel',
    status: 'approved',
    order_date: '2026-11-18',
    started_on: '2026-11-20',
  });
  const p4 = aPair({
    form: 'uchitel_uchenik',
    status: 'draft',
    order_number: null,
    order_date: null,
    started_on: null,
    created_at: '2026-11-10T09:00:00.000Z',
  });
  const p5 = aPair({ form: 'uchitel_uchenik', status: 'active', is_group: true });
  const p6 = aPair({ form: 'uchitel_uchenik', status: 'completed', ended_on: '2026-06-30' });
  const p7 = aPair({ status: 'active', deleted_at: '2026-10-01T08:00:00.000Z' });
  const pairs = { p1, p2, p3, p4, p5, p6, p7 };

  const member = (pair: Pair, p: Participant, side: 'mentor' | 'mentee'): PairMember => ({
    id: uuid(),
    school_id: SCHOOL_ID,
    version: 0,
    deleted_at: null,
    created_at: '2026-09-01T08:00:00.000Z',
    updated_at: '2026-09-01T08:00:00.000Z',
    created_by: null,
    pair_id: pair.id,
    participant_id: p.id,
    side,
  });
  const members = [
    member(p1, petrov, 'mentor'),
    member(p1, smirnova, 'mentee'),
    member(p2, petrov, 'mentor'),
    member(p2, volkov, 'mentee'),
    member(p3, kravtsova, 'mentor'),
    member(p3, novikova, 'mentee'),
    member(p4, kravtsova, 'mentor'),
    member(p4, orlova, 'mentee'),
    member(p5, petrov, 'mentor'),
    member(p5, sokolov, 'mentee'),
    member(p5, egorova, 'mentee'),
    member(p6, kravtsova, 'mentor'),
    member(p6, belov, 'mentee'),
    member(p7, petrov, 'mentor'),
    member(p7, belov, 'mentee'),
    // Removed from the group: counts nowhere.
    { ...member(p5, belov, 'mentee'), deleted_at: '2026-10-02T08:00:00.000Z' },
  ];

  const meeting = (pair: Pair, type: Meeting['type'], held_on: string, o: Partial<Meeting> = {}) =>
    aMeeting({ pair_id: pair.id, type, held_on, ...o });
  const meetings = [
    meeting(p1, 'organisational', '2026-09-20'),
    meeting(p1, 'regular', '2026-11-03'),
    meeting(p1, 'regular', '2026-11-20'),
    meeting(p1, 'regular', '2026-11-24', { deleted_at: '2026-11-24T10:00:00.000Z' }),
    meeting(p2, 'organisational', '2026-09-25'),
    meeting(p2, 'regular', '2026-10-20'),
    meeting(p5, 'organisational', '2026-09-18'),
    meeting(p5, 'final_group', '2026-11-24'),
  ];
  const meetingFacts = Object.values(pairs).map((p) =>
    meetingFactsOf(
      p.id,
      meetings.filter((m) => m.pair_id === p.id),
      TODAY,
    ),
  );

  const tasks = [
    ...[1, 2, 3].map(() => aTask({ pair_id: p1.id, status: 'done' })),
    aTask({ pair_id: p1.id, status: 'todo', due_on: '2026-11-01' }),
    aTask({ pair_id: p1.id, status: 'in_progress', due_on: '2026-12-01' }),
    aTask({ pair_id: p1.id, status: 'cancelled', due_on: '2026-10-01' }),
    aTask({ pair_id: p1.id, status: 'done', deleted_at: '2026-10-05T08:00:00.000Z' }),
  ];

  const templates = builtinTemplates();
  const menteeSatisfaction = aBuiltinTemplate('satisfaction', 'mentee_student');
  const mentorSatisfaction = aBuiltinTemplate('satisfaction', 'mentor');
  const first = (t: typeof menteeSatisfaction) => satisfactionItemId(t)!;
  const submitted = '2026-11-24T12:00:00.000Z';
  const responses = [
    aResponse(aBuiltinTemplate('entry', 'mentee_student'), {
      pair_id: p1.id,
      participant_id: smirnova.id,
      submitted_at: '2026-09-30T12:00:00.000Z',
    }),
    // A draft left on the server by an older version: still outstanding.
    aResponse(aBuiltinTemplate('entry', 'mentor'), { pair_id: p1.id, participant_id: petrov.id }),
    aResponse(aBuiltinTemplate('exit', 'mentor'), {
      pair_id: p6.id,
      participant_id: kravtsova.id,
      submitted_at: '2026-06-25T12:00:00.000Z',
    }),
    aResponse(aBuiltinTemplate('exit', 'mentee_student'), {
      pair_id: p6.id,
      participant_id: belov.id,
      submitted_at: '2026-06-25T12:00:00.000Z',
    }),
    aResponse(menteeSatisfaction, {
      pair_id: p5.id,
      participant_id: sokolov.id,
      answers: { [first(menteeSatisfaction)]: 8 },
      submitted_at: submitted,
    }),
    aResponse(menteeSatisfaction, {
      pair_id: p5.id,
      participant_id: egorova.id,
      answers: { [first(menteeSatisfaction)]: 5 },
      submitted_at: submitted,
    }),
    aResponse(mentorSatisfaction, {
      pair_id: p6.id,
      participant_id: kravtsova.id,
      answers: { [first(mentorSatisfaction)]: 9 },
      submitted_at: '2026-06-25T12:00:00.000Z',
    }),
    // Not submitted: never counted.
    aResponse(mentorSatisfaction, {
      pair_id: p5.id,
      participant_id: petrov.id,
      answers: { [first(mentorSatisfaction)]: 2 },
    }),
  ];

  const request = (o: Partial<MentorChangeRequest>): MentorChangeRequest => ({
    id: uuid(),
    school_id: SCHOOL_ID,
    version: 0,
    deleted_at: null,
    created_at: '2026-11-22T08:00:00.000Z',
    updated_at: '2026-11-22T08:00:00.000Z',
    created_by: null,
    pair_id: p5.id,
    requested_by: egorova.id,
    reason: 'Не получается договориться о времени встреч',
    status: 'open',
    resolution_note: null,
    resolved_at: null,
    ...o,
  });
  const openRequest = request({});
  const requests = [openRequest, request({ status: 'declined', requested_by: sokolov.id })];

  const facts: SchoolFacts = {
    today: TODAY,
    participants: Object.values(people),
    sensitive,
    consents,
    pairs: Object.values(pairs),
    members,
    meetings: meetingFacts,
    tasks,
    templates,
    responses,
    programmeEnds: new Map(),
    requests,
    snoozes: [],
  };
  return { facts, people, pairs, openRequest };
}

export function aSnooze(item_key: string, snoozed_until: string, o: Partial<TriageSnooze> = {}) {
  return {
    id: uuid(),
    item_key,
    snoozed_until,
    reason: 'Родители принесут согласие после каникул',
    deleted_at: null,
    ...o,
  };
}
