// Owns the device's IndexedDB schema (Dexie). One database per signed-in user and one for
// device-only mode, so two people sharing a phone never share data or an outbox.
// Schema versions are append-only: never edit a shipped version, add version(n + 1).
import Dexie, { type Table, type Transaction } from 'dexie';
import type {
  Consent,
  DevelopmentPlan,
  Meeting,
  MeetingAttendance,
  MeetingConfirmation,
  MeetingPrivateNote,
  Participant,
  ParticipantSensitive,
  Pair,
  PairMember,
  PlanGoal,
  PlanTask,
  SyncedTable,
  TriageSnooze,
  Programme,
  RoadmapTask,
  MentorTraining,
  Intake,
  SchoolDocument,
  KpiValue,
} from '@/domain/types';
import { legacyAttendanceRows, type LegacyMeeting } from '@/domain/meetings';
import { newId, nowIso } from './ids';
import type { OutboxEntry } from './outbox';

export interface MetaEntry {
  key: string;
  value: unknown;
}

export interface DraftEntry {
  /** e.g. `meeting:new:<pairId>` or `meeting:<meetingId>` */
  key: string;
  value: Record<string, unknown>;
  saved_at: string;
}

/** A mutation the server refused: kept with the user's text until they decide. */
export interface QuarantineEntry {
  mutation_id: string;
  table: string;
  row_id: string;
  op: string;
  fields: Record<string, unknown>;
  base: Record<string, unknown>;
  /** Why: an SQLSTATE or a sync reason code, with the server's message. */
  code: string;
  constraint: string | null;
  message: string;
  /** 'rejected' by the server, or 'scope_lost' when the user lost access offline. */
  reason: 'rejected' | 'scope_lost';
  quarantined_at: string;
}

/** Any row the server sends, for tables the device keeps without a typed screen yet. */
export type ServerRow = Record<string, unknown> & { id: string };

export const DEVICE_DATABASE_NAME = 'nastavnik-device';
export const userDatabaseName = (userId: string) => `nastavnik-user-${userId}`;

/** A device-only participant's old `requests` text as its participant_sensitive row (v3). */
function movedRequest(participant: Participant, request: string): ParticipantSensitive {
  return {
    id: newId(),
    school_id: participant.school_id,
    participant_id: participant.id,
    categories: [],
    note: null,
    request,
    version: 0,
    deleted_at: null,
    created_at: participant.updated_at,
    updated_at: participant.updated_at,
    created_by: null,
  };
}

/** The meta keys of data/outbox.ts (SENT_THROUGH_KEY, shadowKey), which imports this file. */
const SENT_THROUGH = 'outbox_sent_through';
const meetingShadowKey = (id: string) => `shadow:meetings:${id}`;

type StoredMeeting = LegacyMeeting;

/** A meeting's old attendee_ids as its attendance rows, each with its outbox insert (v6). */
function movedAttendance(meeting: StoredMeeting): {
  rows: MeetingAttendance[];
  entries: OutboxEntry[];
} {
  const now = nowIso();
  const rows = legacyAttendanceRows(meeting, now);
  const entries = rows.map((row): OutboxEntry => ({
    mutation_id: newId(),
    table: 'meeting_attendances',
    row_id: row.id,
    op: 'insert',
    fields: {
      school_id: row.school_id,
      pair_id: row.pair_id,
      meeting_id: row.meeting_id,
      participant_id: row.participant_id,
    },
    base: {},
    created_at: now,
  }));
  return { rows, entries };
}

/** An outbox or quarantine entry of a meeting without attendee_ids (v6); null: nothing left. */
function withoutAttendeeIds<T extends { op: string } & Pick<OutboxEntry, 'fields' | 'base'>>(
  entry: T,
): T | null {
  if (!('attendee_ids' in entry.fields) && !('attendee_ids' in entry.base)) return entry;
  const { attendee_ids: _field, ...fields } = entry.fields;
  const { attendee_ids: _base, ...base } = entry.base;
  if (entry.op === 'patch' && Object.keys(fields).length === 0) return null;
  return { ...entry, fields, base };
}

/**
 * v6: a group meeting's attendance leaves the meeting row (every member of the pair reads it)
 * for meeting_attendances (a mentee reads only her own row). The column leaves every row, the
 * queued and refused changes and the shadows, since the server no longer takes it. Who came
 * becomes rows, queued as inserts after everything already queued (the meeting's own insert
 * first), where it is this device's own unsent work: a meeting never sent (version 0) or one
 * with a queued change of it — only a mentor or staff write those, so nothing recorded on the
 * device is lost. A meeting as the server sent it gets no rows here: its attendance is the
 * server's to send (a mentee's device must neither push nor keep the others' ticks). A queued
 * patch of attendee_ids alone is then empty: dropped, unless it may have reached the server
 * (at or below the sent mark), whose answer to it stands.
 */
async function moveAttendanceToRows(tx: Transaction): Promise<void> {
  const unsent = new Set<string>();
  await tx
    .table('outbox')
    .where('table')
    .equals('meetings')
    .each((entry: OutboxEntry) => {
      if ('attendee_ids' in entry.fields) unsent.add(entry.row_id);
    });
  const moved: ReturnType<typeof movedAttendance>[] = [];
  await tx
    .table('meetings')
    .toCollection()
    .modify((row: StoredMeeting) => {
      if (!('attendee_ids' in row)) return;
      if (row.version === 0 || unsent.has(row.id)) moved.push(movedAttendance(row));
      delete row.attendee_ids;
    });
  const sentThrough = (await tx.table('meta').get(SENT_THROUGH))?.value;
  const emptied: number[] = [];
  await tx
    .table('outbox')
    .where('table')
    .equals('meetings')
    .modify((entry: OutboxEntry) => {
      const kept = withoutAttendeeIds(entry);
      if (!kept && (entry.seq ?? 0) > (typeof sentThrough === 'number' ? sentThrough : 0)) {
        emptied.push(entry.seq as number);
      } else if (kept !== entry) {
        entry.fields = kept?.fields ?? {};
        entry.base = kept?.base ?? {};
      }
    });
  await tx.table('outbox').bulkDelete(emptied);
  await tx
    .table('quarantine')
    .where('table')
    .equals('meetings')
    .modify((entry: QuarantineEntry) => {
      const kept = withoutAttendeeIds(entry);
      entry.fields = kept?.fields ?? {};
      entry.base = kept?.base ?? {};
    });
  // A shadow lives exactly while its row has queued entries.
  const shadows = await tx.table('meta').where('key').startsWith('shadow:meetings:').toArray();
  for (const shadow of shadows as MetaEntry[]) {
    const id = shadow.key.slice(meetingShadowKey('').length);
    const queued = await tx
      .table('outbox')
      .where('[table+row_id]')
      .equals(['meetings', id])
      .count();
    if (queued === 0) await tx.table('meta').delete(shadow.key);
    else if (shadow.value && typeof shadow.value === 'object' && 'attendee_ids' in shadow.value) {
      const { attendee_ids: _dropped, ...value } = shadow.value as Record<string, unknown>;
      await tx.table('meta').put({ key: shadow.key, value });
    }
  }
  await tx.table('meeting_attendances').bulkAdd(moved.flatMap((m) => m.rows));
  await tx.table('outbox').bulkAdd(moved.flatMap((m) => m.entries));
}

export class AppDatabase extends Dexie {
  participants!: Table<Participant, string>;
  consents!: Table<Consent, string>;
  pairs!: Table<Pair, string>;
  pair_members!: Table<PairMember, string>;
  development_plans!: Table<DevelopmentPlan, string>;
  plan_goals!: Table<PlanGoal, string>;
  plan_tasks!: Table<PlanTask, string>;
  meetings!: Table<Meeting, string>;
  meeting_private_notes!: Table<MeetingPrivateNote, string>;
  meeting_confirmations!: Table<MeetingConfirmation, string>;
  meeting_attendances!: Table<MeetingAttendance, string>;
  participant_sensitive!: Table<ParticipantSensitive, string>;
  triage_snoozes!: Table<TriageSnooze, string>;
  programmes!: Table<Programme, string>;
  roadmap_tasks!: Table<RoadmapTask, string>;
  mentor_trainings!: Table<MentorTraining, string>;
  intakes!: Table<Intake, string>;
  school_documents!: Table<SchoolDocument, string>;
  kpi_values!: Table<KpiValue, string>;
  outbox!: Table<OutboxEntry, number>;
  drafts!: Table<DraftEntry, string>;
  meta!: Table<MetaEntry, string>;
  quarantine!: Table<QuarantineEntry, string>;
  schools!: Table<ServerRow, string>;
  memberships!: Table<ServerRow, string>;
  sync_conflicts!: Table<ServerRow, string>;

  constructor(name: string) {
    super(name);
    this.version(1).stores({
      participants: 'id, school_id, version, full_name',
      consents: 'id, participant_id, version',
      pairs: 'id, school_id, version',
      pair_members: 'id, pair_id, participant_id, version',
      development_plans: 'id, pair_id, version',
      plan_tasks: 'id, plan_id, pair_id, version',
      meetings: 'id, [pair_id+held_on], version',
      meeting_private_notes: 'id, meeting_id, pair_id, version',
      outbox: '++seq, &mutation_id, [table+row_id]',
      drafts: 'key',
      meta: 'key',
    });
    // v2: the rest of the server's synced tables, and the quarantine of refused mutations.
    this.version(2).stores({
      schools: 'id, version',
      memberships: 'id, school_id, version',
      sync_conflicts: 'id, [table_name+row_id], version',
      participant_sensitive: 'id, participant_id, version',
      programmes: 'id, school_id, version',
      roadmap_tasks: 'id, programme_id, version',
      mentor_change_requests: 'id, pair_id, version',
      plan_goals: 'id, plan_id, pair_id, version',
      questionnaire_templates: 'id, school_id, version',
      questionnaire_responses: 'id, pair_id, participant_id, version',
      mentor_trainings: 'id, participant_id, version',
      quarantine: 'mutation_id, [table+row_id]',
    });
    // v3: one confirmation per mentee per meeting (groups), replacing the meeting's
    // mentee_confirmed_at / mentee_reflection; participants.requests moved to the server's
    // participant_sensitive.request. Columns the server dropped leave the stored rows, so a
    // device-only upload never sends them.
    this.version(3)
      .stores({
        meeting_confirmations: 'id, meeting_id, pair_id, participant_id, version',
      })
      .upgrade(async (tx) => {
        await tx
          .table('meetings')
          .toCollection()
          .modify((row: Record<string, unknown>) => {
            delete row.mentee_confirmed_at;
            delete row.mentee_reflection;
          });
        // Device-only data has no server copy: a request written there moves to its new home.
        const keepRequests = tx.db.name === DEVICE_DATABASE_NAME;
        const moved: ParticipantSensitive[] = [];
        await tx
          .table('participants')
          .toCollection()
          .modify((row: Record<string, unknown>) => {
            const request = typeof row.requests === 'string' ? row.requests : null;
            if (keepRequests && request && !row.deleted_at) {
              moved.push(movedRequest(row as unknown as Participant, request));
            }
            delete row.requests;
          });
        await tx.table('participant_sensitive').bulkAdd(moved);
      });
    // v4: the curator's snoozed triage items (staff only; found by their item's key), and the
    // meetings' indexes that spare the curator's home reading every meeting
    // (data/overviewQueries.ts): held_on reads the last weeks' meetings (this month, the
    // pairs' latest), [type+held_on] the organisational and final meetings ever held, and
    // [pair_id+type+held_on] answers one pair's "organisational / final meeting held?".
    this.version(4).stores({
      triage_snoozes: 'id, school_id, version, item_key',
      meetings: 'id, [pair_id+held_on], version, [pair_id+type+held_on], [type+held_on], held_on',
    });
    // v5: the programme year's intake questionnaires (one per person and role), the school's
    // adopted documents (the KPI table's yes/no rows) and the KPI values it sets (targets,
    // counts the app cannot make). meetings gain a deleted_at index: it holds the tombstones
    // only (a null key is not indexed), which the analytical report's counts subtract.
    this.version(5).stores({
      meetings:
        'id, [pair_id+held_on], version, [pair_id+type+held_on], [type+held_on], held_on, deleted_at',
      intakes: 'id, participant_id, version',
      school_documents: 'id, school_id, version',
      kpi_values: 'id, school_id, version',
    });
    // v6: who of a group came, one row per mentee (moveAttendanceToRows).
    this.version(6)
      .stores({
        meeting_attendances: 'id, meeting_id, pair_id, participant_id, version',
      })
      .upgrade(moveAttendanceToRows);
  }

  /** A table by name, for rows the sync engine moves without knowing their type. */
  anyTable(name: string): Table<ServerRow, string> | undefined {
    return this.tables.find((t) => t.name === name) as Table<ServerRow, string> | undefined;
  }

  syncedTable(name: SyncedTable): Table<Record<string, unknown> & { id: string }, string> {
    return this.table(name);
  }
}
