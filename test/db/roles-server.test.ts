// The role rule table (src/domain/access.ts) against the server's policies: for every action
// and every signed-in role, the SQL that action performs (as PostgREST or sync_push would run
// it, under RLS with the role's JWT) is accepted exactly when `can()` offers the action, plus
// the documented SERVER_ALSO_ACCEPTS. One table for the UI, the guards and this test.
// Device-only mode has no server account: its column is checked by the unit tests only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACTIONS,
  SERVER_ALSO_ACCEPTS,
  can,
  workspaceOf,
  type AccessContext,
  type Action,
  type MembershipRole,
} from '@/domain/access';
import { createTestDb, type Claims, type Sql, type TestDb } from '../support/db';
import { actors } from '../factories/actors';
import {
  CHANGE_REQUEST_KIRILL,
  CONSENT_LARINA,
  MEETING_P1,
  PAIRS,
  PARTICIPANTS,
  PLAN_P1,
  PROGRAMME_A,
  SCHOOL_A,
  TEMPLATES,
} from '../factories/seed-ids';

const A = `'${SCHOOL_A}'`;
const P1 = PAIRS.p1TeacherActive;
/** A meeting of P1 that Ларина has not confirmed yet. */
const MEETING_P1_PLANNING = 'ae000000-0000-4000-8000-000000000003';
/** P1 as the app sees it: Кравцова mentors Ларина. */
const PAIR_P1 = {
  mentors: [{ id: PARTICIPANTS.kravtsova }],
  mentees: [{ id: PARTICIPANTS.larina }],
};

/** P2 as the app sees it: Артём mentors Дмитрий. */
const PAIR_P2 = {
  mentors: [{ id: PARTICIPANTS.artem }],
  mentees: [{ id: PARTICIPANTS.dmitry }],
};

/** The seed's people of school A, each with the one seat she acts in. */
const ROLES: Record<MembershipRole, { claims: Claims; participantId: string | null }> = {
  school_admin: { claims: actors.school_admin, participantId: null },
  curator: { claims: actors.curator, participantId: null },
  mentor: { claims: actors.mentor, participantId: PARTICIPANTS.kravtsova },
  mentee: { claims: actors.mentee, participantId: PARTICIPANTS.larina },
};

interface Probe {
  /** What the screen passes to can(): the pair and the person the action is about. */
  context: (self: string | null) => AccessContext;
  /** The statements the app's write (or read) sends for that person. */
  sql: (self: string | null) => string;
}

const who = (self: string | null) => self ?? PARTICIPANTS.larina;

/** Each action of the table, as the UI performs it on P1 / Ларина. */
const PROBES: Record<Action, Probe> = {
  viewConsents: {
    context: () => ({}),
    sql: () => `select id from public.consents where school_id = ${A}`,
  },
  createParticipant: {
    context: () => ({}),
    sql: () =>
      `insert into public.participants (school_id, kind, full_name) values (${A}, 'student', 'Новикова Ева')`,
  },
  editParticipant: {
    context: (self) => ({ participantId: who(self) }),
    sql: (self) =>
      `update public.participants set subject = 'Литература' where id = '${who(self)}'`,
  },
  editOwnContacts: {
    context: (self) => ({ participantId: who(self) }),
    sql: (self) =>
      `update public.participants set phone = '+7 900 000-00-00' where id = '${who(self)}'`,
  },
  editSensitive: {
    context: () => ({ participantId: PARTICIPANTS.larina }),
    sql: () =>
      `update public.participant_sensitive set request = 'Запрос' where participant_id = '${PARTICIPANTS.larina}'`,
  },
  recordConsent: {
    context: () => ({ participantId: PARTICIPANTS.larina }),
    sql: () =>
      `insert into public.consents (school_id, participant_id, given_by, signed_on) values (${A}, '${PARTICIPANTS.larina}', 'self', current_date)`,
  },
  revokeConsent: {
    context: () => ({ participantId: PARTICIPANTS.larina }),
    sql: () =>
      `update public.consents set revoked_on = current_date where id = '${CONSENT_LARINA}'`,
  },
  issueInvite: {
    context: () => ({ participantId: PARTICIPANTS.larina }),
    sql: () => `select public.create_invite('${PARTICIPANTS.larina}', 'mentee')`,
  },
  createPair: {
    context: () => ({}),
    sql: () => `insert into public.pairs (school_id, form) values (${A}, 'uchitel_uchenik')`,
  },
  approvePair: {
    context: () => ({
      pair: { mentors: [{ id: PARTICIPANTS.belousov }], mentees: [{ id: PARTICIPANTS.alisa }] },
    }),
    sql: () =>
      `update public.pairs set status = 'approved', order_number = '131-О', order_date = current_date where id = '${PAIRS.p4Draft}'`,
  },
  editPair: {
    context: () => ({}),
    sql: () =>
      `update public.pairs set title = 'Белоусов А.В. – Тимофеева А.Р.', role_model = 'адаптация' where id = '${PAIRS.p4Draft}'`,
  },
  endPair: {
    context: () => ({}),
    sql: () =>
      `update public.pairs set status = 'ended_early', ended_on = current_date, end_reason = 'Участник выбыл из программы' where id = '${P1}'`,
  },
  correctOrder: {
    context: () => ({}),
    sql: () => `update public.pairs set order_number = '112/1-О' where order_number = '112-О'`,
  },
  replaceMentor: {
    context: () => ({}),
    // The new draft pair continues P6 (ended early on the mentee's request).
    sql: () =>
      `insert into public.pairs (school_id, programme_id, form, replaces_pair_id) values (${A}, '${PROGRAMME_A}', 'uchenik_uchenik', '${PAIRS.p6EndedEarly}')`,
  },
  archiveParticipant: {
    // A mentor tries it on her own card (the only one she may update at all).
    context: (self) => ({ participantId: who(self) }),
    sql: (self) =>
      `update public.participants set archived_on = current_date where id = '${who(self)}'`,
  },
  viewSchoolOverview: {
    // Participants by category: the staff assessments of every student of the school.
    context: () => ({}),
    sql: () =>
      `select categories from public.participant_sensitive where participant_id = '${PARTICIPANTS.egor}'`,
  },
  snoozeTriage: {
    context: () => ({}),
    sql: () =>
      `insert into public.triage_snoozes (school_id, item_key, snoozed_until, reason) values (${A}, 'consent_missing:${PARTICIPANTS.alisa}', current_date + 7, 'Родители придут на собрание')`,
  },
  viewMonitoring: {
    // Entry versus exit of every participant: answers of people outside one's own pairs.
    context: () => ({}),
    sql: () =>
      `select answers from public.questionnaire_responses where participant_id = '${PARTICIPANTS.dmitry}'`,
  },
  producePaperwork: {
    // The approval order lists every pair of the school with its mentors' cards.
    context: () => ({}),
    sql: () =>
      `select full_name, position from public.participants where id = '${PARTICIPANTS.dmitry}'`,
  },
  matchPairs: {
    // Matching reads every mentee's request (the staff's note about her) to rank mentors.
    context: () => ({}),
    sql: () =>
      `select request from public.participant_sensitive where participant_id = '${PARTICIPANTS.egor}'`,
  },
  importRoll: {
    // A pupil of the roll, with the columns the importer fills.
    context: () => ({}),
    sql: () =>
      `insert into public.participants (school_id, kind, full_name, class_label, birth_year, birth_date) values (${A}, 'student', 'Петров Иван Олегович', '5А', 2015, '2015-03-02')`,
  },
  manageProgrammeYear: {
    // The next year and the first task of its roadmap, in one statement.
    context: () => ({}),
    sql: () =>
      `with p as (insert into public.programmes (school_id, academic_year, title, starts_on, ends_on) values (${A}, '2027/2028', 'Программа наставничества', '2027-09-01', '2028-05-31') returning id, school_id)
       insert into public.roadmap_tasks (school_id, programme_id, stage, title, status, note) select school_id, id, 1, 'Приказ о внедрении', 'planned', 'Приказ №1' from p`,
  },
  fillIntake: {
    // Her own анкета, in the role of her seat (staff have no seat: Ларина's, from paper).
    context: (self) => ({ participantId: who(self) }),
    sql: (self) =>
      `insert into public.intakes (school_id, participant_id, role, request, interests) values (${A}, '${who(self)}', '${
        self === PARTICIPANTS.kravtsova ? 'mentor' : 'mentee'
      }', 'Хочу разобраться', 'Шахматы')`,
  },
  enterIntake: {
    // Someone else's анкета (Егор's), entered from paper.
    context: () => ({ participantId: PARTICIPANTS.egor }),
    sql: () =>
      `insert into public.intakes (school_id, participant_id, role, request) values (${A}, '${PARTICIPANTS.egor}', 'mentee', 'Подтянуть математику')`,
  },
  recordTraining: {
    context: () => ({ participantId: PARTICIPANTS.kravtsova }),
    sql: () =>
      `insert into public.mentor_trainings (school_id, participant_id, title, provider, hours, started_on, completed_on, certificate_number) values (${A}, '${PARTICIPANTS.kravtsova}', 'Наставничество в школе', 'ИРО', 36, '2026-10-01', '2026-10-20', '552400012345')`,
  },
  viewKpis: {
    // The KPI table of the school for the programme year (public.school_kpis, staff only).
    context: () => ({}),
    sql: () => `select * from public.school_kpis(${A}, '2026-09-01', '2027-05-31')`,
  },
  setKpiValues: {
    context: () => ({}),
    sql: () =>
      `insert into public.kpi_values (school_id, indicator, year, kind, value) values (${A}, 'teachers_in_mentoring', 2026, 'target', 45)`,
  },
  recordSchoolDocument: {
    context: () => ({}),
    sql: () =>
      `insert into public.school_documents (school_id, kind, number, dated_on, note) values (${A}, 'regulation', '12-О', current_date, 'Положение о наставничестве')`,
  },
  setTrainingValidity: {
    context: () => ({}),
    sql: () => `update public.schools set training_valid_years = 5 where id = ${A}`,
  },
  enterPaperMeeting: {
    // A pair the seeded mentor does not mentor (P2: Гришин Артём – Кузнецов Дмитрий).
    context: () => ({ pair: PAIR_P2 }),
    sql: () =>
      `insert into public.meetings (school_id, pair_id, type, held_on, duration_min) values (${A}, '${PAIRS.p2PeerActive}', 'regular', current_date, 45)`,
  },
  logMeeting: {
    context: () => ({ pair: PAIR_P1 }),
    sql: () =>
      `insert into public.meetings (school_id, pair_id, type, held_on, duration_min) values (${A}, '${P1}', 'regular', current_date, 45)`,
  },
  editMeeting: {
    context: () => ({ pair: PAIR_P1 }),
    sql: () => `update public.meetings set topic = 'Дроби' where id = '${MEETING_P1}'`,
  },
  writePrivateNote: {
    context: () => ({ pair: PAIR_P1 }),
    sql: () =>
      `insert into public.meeting_private_notes (school_id, pair_id, meeting_id, body) values (${A}, '${P1}', '${MEETING_P1_PLANNING}', 'Заметка')`,
  },
  confirmMeeting: {
    context: (self) => ({ pair: PAIR_P1, participantId: who(self) }),
    sql: (self) =>
      `insert into public.meeting_confirmations (school_id, pair_id, meeting_id, participant_id) values (${A}, '${P1}', '${MEETING_P1_PLANNING}', '${who(self)}')`,
  },
  writePlan: {
    context: () => ({ pair: PAIR_P1 }),
    sql: () =>
      `insert into public.plan_goals (school_id, pair_id, plan_id, title) values (${A}, '${P1}', '${PLAN_P1}', 'Новая цель')`,
  },
  markTaskDone: {
    context: () => ({ pair: PAIR_P1, participantId: PARTICIPANTS.larina }),
    sql: () =>
      `update public.plan_tasks set mentee_done_at = now(), mentee_comment = 'Сделала' where plan_id = '${PLAN_P1}'`,
  },
  requestMentorChange: {
    context: () => ({ pair: PAIR_P1, participantId: PARTICIPANTS.larina }),
    sql: () =>
      `insert into public.mentor_change_requests (school_id, pair_id, requested_by, reason) values (${A}, '${P1}', '${PARTICIPANTS.larina}', 'Не совпадаем по графику')`,
  },
  resolveMentorChange: {
    context: () => ({}),
    sql: () =>
      `update public.mentor_change_requests set status = 'declined', resolution_note = 'Обсудим', resolved_at = now() where id = '${CHANGE_REQUEST_KIRILL}'`,
  },
  fillQuestionnaire: {
    context: (self) => ({ pair: PAIR_P1, participantId: who(self) }),
    sql: (self) =>
      `insert into public.questionnaire_responses (school_id, template_id, pair_id, participant_id, answers) values (${A}, '${
        self === PARTICIPANTS.kravtsova ? TEMPLATES.exitMentor : TEMPLATES.entryMenteeTeacher
      }', '${P1}', '${who(self)}', '{}')`,
  },
};

let db: TestDb;
beforeAll(async () => {
  db = await createTestDb({ seed: true });
  // Алиса (P4, draft) gets her parent's consent, so approving P4 is a question of role only.
  await db.query(
    `insert into public.consents (school_id, participant_id, given_by, representative_name, representative_relation, signed_on, valid_until)
     values (${A}, '${PARTICIPANTS.alisa}', 'representative', 'Тимофеева Наталья Ивановна', 'мать', current_date, current_date + 365)`,
  );
});
afterAll(async () => {
  await db?.close();
});

/** Accepted: no error, and the statement reached a row (RLS hides rows silently from updates). */
async function isAccepted(claims: Claims, statement: string): Promise<boolean> {
  try {
    const result = await db.asUserRolledBack(claims, (sql: Sql) => sql.query(statement));
    return Math.max(result.rowCount ?? 0, result.rows.length) > 0;
  } catch (error) {
    const code = (error as { code?: string }).code;
    // Refusals: RLS, column privileges and the role checks of functions (all 42501).
    if (code === '42501') return false;
    throw error;
  }
}

describe('the role rule table matches the server', () => {
  for (const [role, { claims, participantId }] of Object.entries(ROLES) as [
    MembershipRole,
    (typeof ROLES)[MembershipRole],
  ][]) {
    const workspace = workspaceOf(
      [{ school_id: SCHOOL_A, role, participant_id: participantId }],
      null,
    );
    it.each(ACTIONS)(`${role}: %s is accepted exactly when the UI offers it`, async (action) => {
      const probe = PROBES[action];
      const offered = can(workspace, action, probe.context(participantId));
      const alsoAccepted = SERVER_ALSO_ACCEPTS[action]?.includes(role) ?? false;
      const accepted = await isAccepted(claims, probe.sql(participantId));
      expect({ action, role, accepted }).toEqual({
        action,
        role,
        accepted: offered || alsoAccepted,
      });
    });
  }

  it('a mentor of ANOTHER pair is refused what she may do in her own', async () => {
    const other = {
      mentors: [{ id: PARTICIPANTS.belousov }],
      mentees: [{ id: PARTICIPANTS.alisa }],
    };
    const workspace = workspaceOf(
      [{ school_id: SCHOOL_A, role: 'mentor', participant_id: PARTICIPANTS.kravtsova }],
      null,
    );
    expect(can(workspace, 'logMeeting', { pair: other })).toBe(false);
    expect(
      await isAccepted(
        actors.mentor,
        `insert into public.meetings (school_id, pair_id, type, held_on, duration_min) values (${A}, '${PAIRS.p4Draft}', 'regular', current_date, 45)`,
      ),
    ).toBe(false);
  });
});
