// Compile-time checks (`npm run typecheck`; nothing here runs): the domain row types of
// src/domain/ and the sync registry agree with the generated `Database` types
// (src/api/database.types.ts, drift-checked against the migrations by .ci/db.sh).
// A failing check reads e.g. `Type '"meetings.topic: nullability differs"' does not satisfy
// the constraint 'never'`.
//
// Per column: present on both sides; same nullability; the domain type is assignable to the
// column's type; and, unless the column is text or text[] (a domain union of the values a
// CHECK allows is fine), the column's type is assignable to the domain type. Deliberate
// differences are listed per table below, each with its reason.
import type { Database } from '@/api/database.types';
import type { MentorChangeRequest } from '@/domain/mentorChange';
import type { QuestionnaireResponse, QuestionnaireTemplate } from '@/domain/questionnaires';
import type { MANAGED_COLUMNS, RegistryTable, SYNC_REGISTRY } from '@/domain/syncRegistry';
import type {
  Consent,
  DevelopmentPlan,
  Intake,
  KpiValue,
  Meeting,
  MeetingAttendance,
  MeetingConfirmation,
  MeetingPrivateNote,
  MentorTraining,
  Pair,
  PairMember,
  Participant,
  ParticipantSensitive,
  PlanGoal,
  PlanTask,
  Programme,
  RoadmapTask,
  SchoolDocument,
  SyncedTable,
  TriageSnooze,
} from '@/domain/types';

type Tables = Database['public']['Tables'];
type RowOf<T extends keyof Tables> = Tables[T]['Row'];

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type OptionalKeys<D> = { [K in keyof D]-?: object extends Pick<D, K> ? K : never }[keyof D];
type Nullable<V> = null extends V ? true : false;

type ColumnProblem<Column extends string, D, R, Optional, Listed, Structured> =
  Same<Optional, Listed> extends false
    ? `${Column}: optional in the domain type without being listed as optional here (or listed but required)`
    : Same<Nullable<D>, Nullable<R>> extends false
      ? `${Column}: nullability differs`
      : Structured extends true
        ? never
        : [D] extends [R]
          ? [NonNullable<R>] extends [string | string[]]
            ? never
            : [NonNullable<R>] extends [NonNullable<D>]
              ? never
              : `${Column}: the domain type is narrower than the column`
          : `${Column}: the domain type does not fit the column`;

/**
 * Everything that differs between a domain row type D and the table's Row R, as messages
 * (never = none). `Optional`: columns the domain type leaves optional on purpose;
 * `Structured`: jsonb columns whose domain type is the structure the server validates.
 */
type ColumnProblems<
  T extends keyof Tables,
  D,
  Optional extends keyof D = never,
  Structured extends keyof D = never,
  R = RowOf<T>,
> =
  | {
      [K in Exclude<keyof R, keyof D> & string]: `${T}.${K}: column missing in the domain type`;
    }[Exclude<keyof R, keyof D> & string]
  | { [K in Exclude<keyof D, keyof R> & string]: `${T}.${K}: not a column of the table` }[Exclude<
      keyof D,
      keyof R
    > &
      string]
  | {
      [K in keyof D & keyof R & string]: ColumnProblem<
        `${T}.${K}`,
        Required<D>[K],
        R[K],
        K extends OptionalKeys<D> ? true : false,
        K extends Optional ? true : false,
        K extends Structured ? true : false
      >;
    }[keyof D & keyof R & string];

type Assert<T extends never> = T;

/** The domain row type of each table that has one. */
interface DomainRows {
  participants: Participant;
  participant_sensitive: ParticipantSensitive;
  consents: Consent;
  intakes: Intake;
  mentor_trainings: MentorTraining;
  programmes: Programme;
  roadmap_tasks: RoadmapTask;
  pairs: Pair;
  pair_members: PairMember;
  mentor_change_requests: MentorChangeRequest;
  development_plans: DevelopmentPlan;
  plan_goals: PlanGoal;
  plan_tasks: PlanTask;
  meetings: Meeting;
  meeting_attendances: MeetingAttendance;
  meeting_confirmations: MeetingConfirmation;
  meeting_private_notes: MeetingPrivateNote;
  triage_snoozes: TriageSnooze;
  school_documents: SchoolDocument;
  kpi_values: KpiValue;
  questionnaire_templates: QuestionnaireTemplate;
  questionnaire_responses: QuestionnaireResponse;
}

/** Registry columns (managed + listed) and the table's columns are the same set. */
type RegistryColumns<T extends RegistryTable> =
  (typeof MANAGED_COLUMNS)[number] | keyof (typeof SYNC_REGISTRY)[T]['columns'];
type RegistryProblems = {
  [T in RegistryTable]:
    | `${T}.${Exclude<keyof RowOf<T> & string, RegistryColumns<T>>}: column missing in supabase/sync-registry.json`
    | `${T}.${Exclude<RegistryColumns<T> & string, keyof RowOf<T>>}: registry column the table does not have`;
}[RegistryTable];

export type DomainRowChecks = [
  Assert<RegistryProblems>,
  // Every table the device writes has a domain row type (sync_conflicts: written only to
  // resolve a conflict, schools: only its requisites patched, both as untyped rows).
  Assert<Exclude<SyncedTable, keyof DomainRows | 'sync_conflicts' | 'schools'>>,
  // consent_covered_until: SERVER-OWNED, absent on rows written on the device until the
  // server sends them back. archived_on, birth_date, is_manager, qualification_category:
  // absent on cards stored before the columns existed (device-only data, earlier pulls);
  // absent = takes part / not known / not a manager, as the server's null and false.
  Assert<
    ColumnProblems<
      'participants',
      Participant,
      | 'consent_covered_until'
      | 'archived_on'
      | 'birth_date'
      | 'is_manager'
      | 'qualification_category'
    >
  >,
  Assert<ColumnProblems<'participant_sensitive', ParticipantSensitive>>,
  Assert<ColumnProblems<'consents', Consent>>,
  Assert<ColumnProblems<'intakes', Intake>>,
  // started_on / certificate_number: absent on courses stored before the columns existed.
  Assert<ColumnProblems<'mentor_trainings', MentorTraining, 'started_on' | 'certificate_number'>>,
  // closed_on: absent on years stored before the column existed (= open).
  Assert<ColumnProblems<'programmes', Programme, 'closed_on'>>,
  // status / note: absent on tasks stored before the columns existed (= planned, no note).
  Assert<ColumnProblems<'roadmap_tasks', RoadmapTask, 'status' | 'note'>>,
  // replaces_pair_id: absent on pairs stored before the column existed (= null).
  // order_history: SERVER-OWNED jsonb (private.keep_pair_order_history), the structure the
  // trigger writes; absent until the server sends it (the device keeps its own copy).
  Assert<ColumnProblems<'pairs', Pair, 'replaces_pair_id' | 'order_history', 'order_history'>>,
  // full_name: SERVER-OWNED copy of the participant's name, absent until the server sends it.
  Assert<ColumnProblems<'pair_members', PairMember, 'full_name'>>,
  Assert<ColumnProblems<'mentor_change_requests', MentorChangeRequest>>,
  Assert<ColumnProblems<'development_plans', DevelopmentPlan>>,
  Assert<ColumnProblems<'plan_goals', PlanGoal>>,
  // mentee_done_at / mentee_comment: optional on tasks written before the columns existed
  // (device-only data, drafts).
  Assert<ColumnProblems<'plan_tasks', PlanTask, 'mentee_done_at' | 'mentee_comment'>>,
  // entered_by_staff: SERVER-OWNED, absent on meetings written on the device until the server
  // sends them back (the device marks its own paper meetings locally).
  Assert<ColumnProblems<'meetings', Meeting, 'entered_by_staff'>>,
  Assert<ColumnProblems<'meeting_attendances', MeetingAttendance>>,
  Assert<ColumnProblems<'meeting_confirmations', MeetingConfirmation>>,
  Assert<ColumnProblems<'meeting_private_notes', MeetingPrivateNote>>,
  Assert<ColumnProblems<'triage_snoozes', TriageSnooze>>,
  Assert<ColumnProblems<'school_documents', SchoolDocument>>,
  Assert<ColumnProblems<'kpi_values', KpiValue>>,
  // items: jsonb validated by private.questionnaire_items_valid (a CHECK).
  Assert<ColumnProblems<'questionnaire_templates', QuestionnaireTemplate, never, 'items'>>,
  // answers: jsonb validated by private.check_questionnaire_answers (a trigger).
  Assert<ColumnProblems<'questionnaire_responses', QuestionnaireResponse, never, 'answers'>>,
];
