// Fixed ids of supabase/seed.sql, by the names the tests use. Keep in step with the seed's
// header comment.
export const MUNICIPALITY = 'a1000000-0000-4000-8000-000000000001';
export const SCHOOL_A = 'a2000000-0000-4000-8000-00000000000a'; // Лузинская СОШ №1
export const SCHOOL_B = 'a2000000-0000-4000-8000-00000000000b'; // Ачаирская СОШ

export const USERS = {
  schoolAdmin: 'a3000000-0000-4000-8000-000000000001', // Задворнова
  curator: 'a3000000-0000-4000-8000-000000000002', // Нестеренко
  mentor: 'a3000000-0000-4000-8000-000000000003', // Кравцова: pairs P1 (active), P5 (completed)
  mentor2: 'a3000000-0000-4000-8000-000000000004', // Белоусов: pair P4 (draft)
  mentee: 'a3000000-0000-4000-8000-000000000005', // Ларина: mentee of P1
  menteeTeacher2: 'a3000000-0000-4000-8000-000000000006', // Сидоренко: mentee of P5
  anonymousMentee: 'a3000000-0000-4000-8000-000000000007', // Кузнецов Дмитрий (anonymous sign-in)
  groupMentee: 'a3000000-0000-4000-8000-000000000009', // Абрамова Софья: mentee of group P3 (anonymous)
  groupMentee2: 'a3000000-0000-4000-8000-00000000000a', // Мельников Егор: mentee of group P3 (anonymous)
  coordinator: 'a3000000-0000-4000-8000-000000000008', // Фомина
  otherSchoolAdmin: 'a3000000-0000-4000-8000-000000000021',
  otherSchoolCurator: 'a3000000-0000-4000-8000-000000000022', // Савельев
  otherSchoolMentor: 'a3000000-0000-4000-8000-000000000023',
} as const;

export const PARTICIPANTS = {
  kravtsova: 'a4000000-0000-4000-8000-000000000001',
  belousov: 'a4000000-0000-4000-8000-000000000002',
  larina: 'a4000000-0000-4000-8000-000000000003',
  sidorenko: 'a4000000-0000-4000-8000-000000000004', // consent expired 2026-08-31
  artem: 'a4000000-0000-4000-8000-000000000005', // student mentor, minor
  polina: 'a4000000-0000-4000-8000-000000000006',
  dmitry: 'a4000000-0000-4000-8000-000000000007',
  sofya: 'a4000000-0000-4000-8000-000000000008',
  egor: 'a4000000-0000-4000-8000-000000000009',
  alisa: 'a4000000-0000-4000-8000-00000000000a', // minor, no consent yet
  kirill: 'a4000000-0000-4000-8000-00000000000b',
  morozova: 'a4000000-0000-4000-8000-000000000021',
  kovalev: 'a4000000-0000-4000-8000-000000000022',
} as const;

export const PAIRS = {
  p1TeacherActive: 'a9000000-0000-4000-8000-000000000001',
  p2PeerActive: 'a9000000-0000-4000-8000-000000000002',
  p3GroupApproved: 'a9000000-0000-4000-8000-000000000003',
  p4Draft: 'a9000000-0000-4000-8000-000000000004',
  p5Completed: 'a9000000-0000-4000-8000-000000000005',
  p6EndedEarly: 'a9000000-0000-4000-8000-000000000006',
  otherSchool: 'a9000000-0000-4000-8000-000000000021',
} as const;

export const PROGRAMME_A = 'a7000000-0000-4000-8000-000000000001';
export const PLAN_P1 = 'ab000000-0000-4000-8000-000000000001';
export const GOAL_P1 = 'ac000000-0000-4000-8000-000000000001';
export const MEETING_P1 = 'ae000000-0000-4000-8000-000000000001';
export const MEETING_P1_WITH_NOTE = 'ae000000-0000-4000-8000-000000000004';
export const MEETING_P2 = 'ae000000-0000-4000-8000-000000000006';
/** The group P3 (mentor Полина, mentees Софья and Егор): one plan, task and confirmation each. */
export const GROUP = {
  meeting: 'ae000000-0000-4000-8000-000000000008',
  sofyaPlan: 'ab000000-0000-4000-8000-000000000003',
  egorPlan: 'ab000000-0000-4000-8000-000000000004',
  sofyaGoal: 'ac000000-0000-4000-8000-000000000005',
  egorGoal: 'ac000000-0000-4000-8000-000000000006',
  sofyaTask: 'ad000000-0000-4000-8000-000000000301',
  egorTask: 'ad000000-0000-4000-8000-000000000401',
  sofyaConfirmation: 'b8000000-0000-4000-8000-000000000005',
  egorConfirmation: 'b8000000-0000-4000-8000-000000000006',
} as const;
/** Meeting confirmations of the seed (one per mentee and meeting). */
export const CONFIRMATIONS = {
  larinaMeeting1: 'b8000000-0000-4000-8000-000000000001',
  larinaMeeting2: 'b8000000-0000-4000-8000-000000000002',
  dmitryMeetingP2: 'b8000000-0000-4000-8000-000000000003',
} as const;
export const SENSITIVE = {
  dmitry: 'b4000000-0000-4000-8000-000000000001',
  egor: 'b4000000-0000-4000-8000-000000000002',
  larina: 'b4000000-0000-4000-8000-000000000004',
} as const;
export const PRIVATE_NOTE_P1 = 'af000000-0000-4000-8000-000000000001';
export const CHANGE_REQUEST_KIRILL = 'b5000000-0000-4000-8000-000000000001';
export const CONSENT_LARINA = 'a6000000-0000-4000-8000-000000000003';
export const TEMPLATES = {
  satisfactionMenteeStudent: 'b1000000-0000-4000-8000-000000000001',
  entryMenteeStudent: 'b1000000-0000-4000-8000-000000000004',
  entryMenteeTeacher: 'b1000000-0000-4000-8000-000000000006', // has responses
  exitMentor: 'b1000000-0000-4000-8000-000000000009', // no responses
} as const;

export const INVITE_CODES = {
  alisa: 'ALSA-5K7M',
  artem: 'ARTM-4W8P',
  polina: 'PLNA-3V6R',
} as const;
/** P5's final meeting of all pairs, entered by the curator from the paper log (entered_by_staff). */
export const MEETING_PAPER_P5 = 'ae000000-0000-4000-8000-00000000000a';
/** A triage snooze of school A that has run out (2026-08-25). */
export const TRIAGE_SNOOZE_A = 'b9000000-0000-4000-8000-000000000001';
