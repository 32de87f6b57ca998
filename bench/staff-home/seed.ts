// The seed page of bench/staff-home.mjs: fills a signed-in curator's device database with a
// big school through the app's own schema (data/context.ts), on the app's origin, so the built
// app then opens exactly this database. 2,000 students, 300 pairs, 50,000 meetings by default.
import { openDataContext } from '@/data/context';
import { userDatabaseName } from '@/data/db';
import { BUILTIN_QUESTIONNAIRES } from '@/domain/questionnaireDefaults';
import { addDays, localIsoDate } from '@/domain/dates';
import type {
  Consent,
  Meeting,
  MentoringForm,
  Pair,
  PairMember,
  Participant,
  PlanTask,
} from '@/domain/types';

export interface SeedParams {
  userId: string;
  schoolId: string;
  students: number;
  pairs: number;
  meetings: number;
}

const uuid = () => crypto.randomUUID();
const STAMP = '2025-09-01T08:00:00.000Z';
const NOTES =
  'Разобрали задачи ОГЭ по геометрии: подобие треугольников, вписанные углы. ' +
  'Наставляемая сама провела разбор у доски, ошибки в оформлении исправили вместе.';
const SURNAMES = ['Иванова', 'Смирнов', 'Кузнецова', 'Попов', 'Соколова', 'Лебедев', 'Козлова'];
const NAMES = ['Анна', 'Илья', 'Мария', 'Пётр', 'Вера', 'Егор', 'Дарья', 'Максим'];

function synced(schoolId: string, version: number) {
  return {
    id: uuid(),
    school_id: schoolId,
    version,
    deleted_at: null,
    created_at: STAMP,
    updated_at: STAMP,
    created_by: null,
  };
}

/** Of the students: the first 45 % are in the base of mentees, the next 5 % mentor peers. */
let MENTEES = 900;
let PEER_MENTORS = 100;

function person(schoolId: string, i: number, kind: 'student' | 'teacher'): Participant {
  const isStudent = kind === 'student';
  return {
    ...synced(schoolId, i + 1),
    kind,
    full_name: `${SURNAMES[i % SURNAMES.length]} ${NAMES[(i * 7) % NAMES.length]} №${i}`,
    class_label: isStudent ? `${5 + (i % 7)}${'АБВ'[i % 3]}` : null,
    birth_year: isStudent ? 2010 + (i % 6) : 1975 + (i % 20),
    is_minor: isStudent,
    subject: isStudent ? null : 'Математика',
    teaching_experience_years: isStudent ? null : i % 25,
    workplace: null,
    position: isStudent ? null : 'Учитель',
    interests: 'Шахматы, робототехника',
    phone: null,
    email: null,
    is_mentor: isStudent ? i >= MENTEES && i < MENTEES + PEER_MENTORS : i < 110,
    is_mentee: isStudent ? i < MENTEES : i >= 130,
    user_id: null,
    consent_covered_until: 'infinity',
    archived_on: null,
  };
}

declare global {
  interface Window {
    seed(params: SeedParams): Promise<Record<string, number>>;
  }
}

window.seed = async ({ userId, schoolId, students, pairs: pairCount, meetings: meetingCount }) => {
  const started = performance.now();
  MENTEES = Math.floor(students * 0.45);
  PEER_MENTORS = Math.max(1, Math.floor(students * 0.05));
  const ctx = await openDataContext(userDatabaseName(userId), schoolId);
  const db = ctx.db;
  const today = localIsoDate(new Date());
  const yearStart = addDays(today, -300);

  const pupils = Array.from({ length: students }, (_, i) => person(schoolId, i, 'student'));
  const teachers = Array.from({ length: 150 }, (_, i) => person(schoolId, students + i, 'teacher'));
  const people = [...pupils, ...teachers];

  const consents: Consent[] = people.flatMap((p, i) => {
    if (i % 37 === 0) return []; // no consent yet
    return [
      {
        ...synced(schoolId, i + 1),
        participant_id: p.id,
        given_by: p.is_minor ? 'representative' : 'self',
        representative_name: p.is_minor ? 'Родитель' : null,
        representative_relation: p.is_minor ? 'мать' : null,
        signed_on: yearStart,
        valid_until: i % 41 === 0 ? addDays(today, 12) : null,
        revoked_on: i % 53 === 0 ? addDays(today, -5) : null,
        scope_note: null,
      },
    ];
  });
  const sensitive = pupils.slice(0, 400).map((p, i) => ({
    ...synced(schoolId, i + 1),
    participant_id: p.id,
    categories: [['gifted'], ['low_results'], ['disengaged', 'behaviour'], ['disabilities']][
      i % 4
    ]!,
    note: null,
    request: null,
  }));

  // 300 pairs: teachers mentor pupils (some in groups of three), older pupils mentor peers,
  // teachers mentor young teachers. Statuses: mostly active, a few approved, drafts, completed.
  const pairs: Pair[] = [];
  const members: PairMember[] = [];
  let menteeCursor = 0;
  for (let i = 0; i < pairCount; i++) {
    const status =
      i % 30 === 0 ? 'draft' : i % 30 === 1 ? 'approved' : i % 30 === 2 ? 'completed' : 'active';
    const form: MentoringForm =
      i % 10 === 0 ? 'uchitel_uchitel' : i % 4 === 0 ? 'uchenik_uchenik' : 'uchitel_uchenik';
    const isGroup = form === 'uchitel_uchenik' && i % 10 === 3;
    const pair: Pair = {
      ...synced(schoolId, i + 1),
      programme_id: null,
      is_group: isGroup,
      form,
      role_model: null,
      title: null,
      status,
      order_number: status === 'draft' ? null : '45-о',
      order_date: status === 'draft' ? null : yearStart,
      started_on: status === 'draft' ? null : addDays(yearStart, 2),
      ended_on: status === 'completed' ? addDays(today, -10) : null,
      end_reason: null,
      replaces_pair_id: null,
      order_history: [],
    };
    pairs.push(pair);
    const member = (participant: Participant, side: 'mentor' | 'mentee'): PairMember => ({
      ...synced(schoolId, members.length + 1),
      pair_id: pair.id,
      participant_id: participant.id,
      side,
      full_name: participant.full_name,
    });
    if (form === 'uchitel_uchitel') {
      members.push(
        member(teachers[i % 100]!, 'mentor'),
        member(teachers[130 + (i % 20)]!, 'mentee'),
      );
    } else if (form === 'uchenik_uchenik') {
      members.push(
        member(pupils[MENTEES + (i % PEER_MENTORS)]!, 'mentor'),
        member(pupils[menteeCursor++ % MENTEES]!, 'mentee'),
      );
    } else {
      members.push(member(teachers[i % 100]!, 'mentor'));
      for (let k = 0; k < (isGroup ? 3 : 1); k++)
        members.push(member(pupils[menteeCursor++ % MENTEES]!, 'mentee'));
    }
  }

  const perPair = Math.ceil(meetingCount / pairCount);
  const meetings: Meeting[] = [];
  for (const [i, pair] of pairs.entries()) {
    if (pair.status === 'draft') continue;
    // Every 15th pair fell silent three weeks ago.
    const last = i % 15 === 5 ? addDays(today, -21) : addDays(today, -(i % 6));
    for (let k = 0; k < perPair && meetings.length < meetingCount; k++) {
      const heldOn = addDays(last, -Math.floor(((perPair - 1 - k) * 290) / perPair));
      const type =
        k === 0
          ? i % 25 === 7
            ? 'trial'
            : 'organisational'
          : k === 2
            ? 'planning'
            : pair.status === 'completed' && k === perPair - 1
              ? 'final'
              : 'regular';
      meetings.push({
        ...synced(schoolId, meetings.length + 1),
        pair_id: pair.id,
        type,
        held_on: heldOn,
        duration_min: 45,
        format: 'in_person',
        topic: 'Подготовка к ОГЭ',
        notes: NOTES,
        agreements: 'К следующей встрече: вариант 12 целиком.',
        entered_by_staff: false,
      });
    }
  }
  const tasks: PlanTask[] = pairs.flatMap((pair, i) =>
    Array.from({ length: 10 }, (_, k) => ({
      ...synced(schoolId, i * 10 + k + 1),
      pair_id: pair.id,
      plan_id: pair.id,
      goal_id: null,
      title: `Задача ${k + 1}`,
      activity: null,
      expected_result: null,
      due_on: addDays(today, (k - 6) * 14),
      status: k < 4 ? 'done' : k === 4 && i % 7 === 0 ? 'todo' : k < 6 ? 'in_progress' : 'todo',
      result: null,
      position: k,
      mentee_done_at: null,
      mentee_comment: null,
    })),
  );
  const entry = BUILTIN_QUESTIONNAIRES.filter((t) => t.kind === 'entry');
  const responses = members
    .filter((_, i) => i % 10 < 7)
    .map((m, i) => ({
      ...synced(schoolId, i + 1),
      template_id: entry[i % entry.length]!.id,
      pair_id: m.pair_id,
      participant_id: m.participant_id,
      answers: {},
      submitted_at: STAMP,
    }));
  const requests = pairs.slice(3, 8).map((pair, i) => ({
    ...synced(schoolId, i + 1),
    pair_id: pair.id,
    requested_by: members.find((m) => m.pair_id === pair.id && m.side === 'mentee')!.participant_id,
    reason: 'Не получается договориться о времени встреч',
    status: 'open',
    resolution_note: null,
    resolved_at: null,
  }));

  const chunked = async (table: string, rows: object[]) => {
    for (let i = 0; i < rows.length; i += 5000) {
      await db.table(table).bulkAdd(rows.slice(i, i + 5000));
    }
  };
  await chunked('participants', people);
  await chunked('consents', consents);
  await chunked('participant_sensitive', sensitive);
  await chunked('pairs', pairs);
  await chunked('pair_members', members);
  await chunked('meetings', meetings);
  await chunked('plan_tasks', tasks);
  await chunked('questionnaire_responses', responses);
  await chunked('mentor_change_requests', requests);
  await db.memberships.add({
    id: uuid(),
    school_id: schoolId,
    user_id: userId,
    role: 'curator',
    participant_id: null,
    revoked_at: null,
    deleted_at: null,
    version: 1,
  });
  db.close();
  return {
    students: pupils.length,
    teachers: teachers.length,
    pairs: pairs.length,
    members: members.length,
    meetings: meetings.length,
    tasks: tasks.length,
    responses: responses.length,
    seedMs: Math.round(performance.now() - started),
  };
};
document.title = 'ready';
