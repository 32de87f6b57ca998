// The entities a device keeps, in the server's row shape (snake_case columns of
// supabase/migrations). Rows cross the sync boundary unchanged, so one shape serves the
// server, IndexedDB and the domain rules; `SyncedRow` is the sync contract every table shares.

export type Uuid = string;
/** An ISO date, `YYYY-MM-DD`. */
export type IsoDate = string;
/** An ISO timestamp. */
export type IsoTimestamp = string;

export interface SyncedRow {
  id: Uuid;
  school_id: Uuid;
  /** Server version; 0 until the server has stamped the row. */
  version: number;
  deleted_at: IsoTimestamp | null;
  created_at: IsoTimestamp;
  updated_at: IsoTimestamp;
  created_by: Uuid | null;
}

export const PARTICIPANT_KINDS = [
  'student',
  'teacher',
  'parent',
  'graduate',
  'employer_staff',
  'other',
] as const;
export type ParticipantKind = (typeof PARTICIPANT_KINDS)[number];

export interface Participant extends SyncedRow {
  kind: ParticipantKind;
  full_name: string;
  class_label: string | null;
  birth_year: number | null;
  is_minor: boolean;
  subject: string | null;
  teaching_experience_years: number | null;
  workplace: string | null;
  position: string | null;
  interests: string | null;
  phone: string | null;
  email: string | null;
  is_mentor: boolean;
  is_mentee: boolean;
  user_id: Uuid | null;
  /**
   * SERVER-OWNED: the last day a valid consent covers the person ('infinity': no end date;
   * null: not covered). How a mentor (who never reads consent rows) and the person herself
   * know; absent on rows written on this device until the server sends them back.
   */
  consent_covered_until?: IsoDate | 'infinity' | null;
  /** The day the person left the programme (archived by staff); null while she takes part. */
  archived_on?: IsoDate | null;
  /** Full birth date when the roll gives one (birth_year then holds its year). */
  birth_date?: IsoDate | null;
  /** A manager (руководящий работник: director, deputy), told apart from teachers in KPIs. */
  is_manager?: boolean;
  /** Квалификационная категория as the school writes it («высшая», «первая», …). */
  qualification_category?: string | null;
}

/**
 * What only staff and the person's mentors read (mentees never): need-to-know categories,
 * a note, and the staff's request/assessment about the person. One row per participant.
 */
export interface ParticipantSensitive extends SyncedRow {
  participant_id: Uuid;
  categories: string[];
  note: string | null;
  request: string | null;
}

export interface Consent extends SyncedRow {
  participant_id: Uuid;
  given_by: 'self' | 'representative';
  representative_name: string | null;
  representative_relation: string | null;
  signed_on: IsoDate;
  valid_until: IsoDate | null;
  revoked_on: IsoDate | null;
  scope_note: string | null;
}

export const MENTORING_FORMS = [
  'uchenik_uchenik',
  'uchitel_uchitel',
  'uchitel_uchenik',
  'student_uchenik',
  'rabotodatel_uchenik',
  'rabotodatel_student',
] as const;
export type MentoringForm = (typeof MENTORING_FORMS)[number];

export const PAIR_STATUSES = ['draft', 'approved', 'active', 'completed', 'ended_early'] as const;
export type PairStatus = (typeof PAIR_STATUSES)[number];

export interface Pair extends SyncedRow {
  programme_id: Uuid | null;
  is_group: boolean;
  form: MentoringForm;
  role_model: string | null;
  title: string | null;
  status: PairStatus;
  order_number: string | null;
  order_date: IsoDate | null;
  started_on: IsoDate | null;
  ended_on: IsoDate | null;
  end_reason: string | null;
  /** The pair this one continues (a new mentor after an accepted request); kept for history. */
  replaces_pair_id?: Uuid | null;
  /**
   * SERVER-OWNED (written locally too, never sent): the earlier number and date of the order,
   * one entry per correction, oldest first, with who corrected it and when.
   */
  order_history?: OrderCorrection[];
}

/** One correction of an approval order's number or date: the values BEFORE the correction. */
export interface OrderCorrection {
  number: string | null;
  date: IsoDate | null;
  changed_at: IsoTimestamp;
  changed_by: Uuid | null;
}

export interface PairMember extends SyncedRow {
  pair_id: Uuid;
  participant_id: Uuid;
  side: 'mentor' | 'mentee';
  /**
   * SERVER-OWNED copy of the participant's name: how a mentee learns the names of the other
   * members of her group, whose participant rows she does not receive. Never sent by the
   * client (absent on rows written on this device until the server sends them back).
   */
  full_name?: string;
}

export const MEETING_TYPES = [
  'organisational',
  'trial',
  'planning',
  'regular',
  'final',
  'final_group',
] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];

export const MEETING_FORMATS = ['in_person', 'online', 'phone', 'mixed'] as const;
export type MeetingFormat = (typeof MEETING_FORMATS)[number];

export interface Meeting extends SyncedRow {
  pair_id: Uuid;
  type: MeetingType;
  held_on: IsoDate;
  duration_min: number;
  format: MeetingFormat;
  topic: string | null;
  notes: string | null;
  agreements: string | null;
  /**
   * SERVER-OWNED (written locally too, never sent): entered by staff from a paper log on the
   * pair's behalf, not by a mentor of the pair.
   */
  entered_by_staff?: boolean;
}

/**
 * A mentee of a group who came to a meeting: one row each, written by the pair's mentor (or
 * staff from the paper log); a mentee's device holds only her own. No rows: not recorded (a
 * one-to-one meeting, or an older one) — everyone counts as present. Unticked: a tombstone.
 */
export interface MeetingAttendance extends SyncedRow {
  pair_id: Uuid;
  meeting_id: Uuid;
  participant_id: Uuid;
}

/**
 * A mentee's "the meeting took place", with her reflection: one row per mentee per meeting
 * (a group meeting has several). Written only by that mentee; a tombstone withdraws it.
 */
export interface MeetingConfirmation extends SyncedRow {
  pair_id: Uuid;
  meeting_id: Uuid;
  participant_id: Uuid;
  confirmed_at: IsoTimestamp;
  reflection: string | null;
}

export interface MeetingPrivateNote extends SyncedRow {
  pair_id: Uuid;
  meeting_id: Uuid;
  body: string;
}

export interface DevelopmentPlan extends SyncedRow {
  pair_id: Uuid;
  mentee_id: Uuid;
  title: string;
  status: 'draft' | 'active' | 'completed' | 'cancelled';
}

export interface PlanGoal extends SyncedRow {
  pair_id: Uuid;
  plan_id: Uuid;
  title: string;
  position: number;
}

export const PLAN_TASK_STATUSES = ['todo', 'in_progress', 'done', 'cancelled'] as const;
export type PlanTaskStatus = (typeof PLAN_TASK_STATUSES)[number];

export interface PlanTask extends SyncedRow {
  pair_id: Uuid;
  plan_id: Uuid;
  goal_id: Uuid | null;
  title: string;
  activity: string | null;
  expected_result: string | null;
  due_on: IsoDate | null;
  status: PlanTaskStatus;
  result: string | null;
  position: number;
  /** The mentee's "I did it", for the mentor to confirm (the only fields a mentee writes). */
  mentee_done_at?: IsoTimestamp | null;
  mentee_comment?: string | null;
}

/** The curator's "not now" on one triage item, with why and until when (staff only). */
export interface TriageSnooze extends SyncedRow {
  /** The triage item's stable key, e.g. `consent_missing:<participant id>` (domain/triage.ts). */
  item_key: string;
  snoozed_until: IsoDate;
  reason: string;
}

/** A programme year (программа наставничества на учебный год) with its dates. */
export interface Programme extends SyncedRow {
  /** `2026/2027`. */
  academic_year: string;
  title: string;
  forms: MentoringForm[];
  /** The roadmap stage the school is at (1..7), set by the curator. */
  current_stage: number;
  starts_on: IsoDate | null;
  ends_on: IsoDate | null;
  /** The day the year was closed (its unfinished pairs carried into the next); null: open. */
  closed_on?: IsoDate | null;
}

export const ROADMAP_TASK_STATUSES = ['planned', 'in_progress', 'done', 'skipped'] as const;
export type RoadmapTaskStatus = (typeof ROADMAP_TASK_STATUSES)[number];

/** A task of the programme year's roadmap (дорожная карта), in one of its seven stages. */
export interface RoadmapTask extends SyncedRow {
  programme_id: Uuid;
  stage: number;
  position: number;
  title: string;
  due_on: IsoDate | null;
  done_on: IsoDate | null;
  responsible: string | null;
  status?: RoadmapTaskStatus;
  /** A note, or a link to the document the task produced (≤ 2000). */
  note?: string | null;
}

/** A course a teacher or manager took (курсовая подготовка); 36 h+ and valid counts in KPIs. */
export interface MentorTraining extends SyncedRow {
  participant_id: Uuid;
  title: string;
  provider: string | null;
  hours: number;
  started_on?: IsoDate | null;
  completed_on: IsoDate | null;
  certificate_number?: string | null;
}

/**
 * A person's intake questionnaire (анкета): the mentor's «Чем я могу быть полезен как
 * наставник?» (offers, capacity, forms) or the mentee's request, interests, preferred forms
 * and, after the group meeting, her chosen mentors in order of preference. One live row per
 * participant and role; read and written by the person herself and by staff, nobody else.
 */
export interface Intake extends SyncedRow {
  participant_id: Uuid;
  role: 'mentor' | 'mentee';
  /** Mentor: what she can help with (≤ 2000). */
  offers: string | null;
  /** Mentor: how many mentees she can take (1..30); null: not said. */
  capacity: number | null;
  /** The forms of mentoring she prefers (MENTORING_FORMS values). */
  forms: MentoringForm[];
  /** Mentee: her own request, in her words (≤ 2000). */
  request: string | null;
  /** Interests, hobbies, subjects (≤ 2000). */
  interests: string | null;
  /** Mentee: the mentors she chose after the group meeting, most wanted first (participant ids). */
  preferred_mentor_ids: Uuid[];
}

export const SCHOOL_DOCUMENT_KINDS = [
  'regulation', // Положение о наставничестве
  'programme', // Программа целевой модели наставничества
  'monitoring_indicators', // Показатели мониторинга
  'implementation_order', // Приказ о внедрении (с указанием куратора)
  'roadmap', // Дорожная карта
  'curator_order', // Приказ о назначении куратора
  'mentors_order', // Приказ о закреплении наставников
] as const;
export type SchoolDocumentKind = (typeof SCHOOL_DOCUMENT_KINDS)[number];

/** A school document adopted (the KPI table's yes/no rows): its number, date and a link. */
export interface SchoolDocument extends SyncedRow {
  kind: SchoolDocumentKind;
  number: string | null;
  dated_on: IsoDate | null;
  /** A title or a link to the published document (≤ 2000). */
  note: string | null;
}

export const KPI_VALUE_KINDS = ['target', 'numerator', 'denominator'] as const;
export type KpiValueKind = (typeof KPI_VALUE_KINDS)[number];

/**
 * A KPI value the school sets: a yearly target for an indicator (the seed's 2020–2024 values
 * are the default), or a numerator/denominator the app cannot count (e.g. preschool children,
 * enterprises). One live row per (indicator, year, kind).
 */
export interface KpiValue extends SyncedRow {
  /** An indicator key of domain/kpi.ts. */
  indicator: string;
  year: number;
  kind: KpiValueKind;
  value: number;
}

/**
 * The tables a device writes and syncs, in the order rows must be written (parents first):
 * generated from the sync registry (supabase/sync-registry.json). sync_conflicts is written
 * only to resolve a conflict (resolved_at, resolution); the server creates its rows.
 */
export { SYNCED_TABLES, type SyncedTable } from './syncRegistry';

/** Membership roles that run the school's programme: they see and set up every pair. */
export function isStaffRole(role: string): boolean {
  return role === 'curator' || role === 'school_admin';
}
