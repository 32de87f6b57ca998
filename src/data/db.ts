// Owns the device's IndexedDB schema (Dexie). One database per signed-in user and one for
// device-only mode, so two people sharing a phone never share data or an outbox.
// Schema versions are append-only: never edit a shipped version, add version(n + 1).
import Dexie, { type Table } from 'dexie';
import type {
  Consent,
  DevelopmentPlan,
  Meeting,
  MeetingPrivateNote,
  Participant,
  Pair,
  PairMember,
  PlanTask,
  SyncedTable,
} from '@/domain/types';
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

export const DEVICE_DATABASE_NAME = 'nastavnik-device';
export const userDatabaseName = (userId: string) => `nastavnik-user-${userId}`;

export class AppDatabase extends Dexie {
  participants!: Table<Participant, string>;
  consents!: Table<Consent, string>;
  pairs!: Table<Pair, string>;
  pair_members!: Table<PairMember, string>;
  development_plans!: Table<DevelopmentPlan, string>;
  plan_tasks!: Table<PlanTask, string>;
  meetings!: Table<Meeting, string>;
  meeting_private_notes!: Table<MeetingPrivateNote, string>;
  outbox!: Table<OutboxEntry, number>;
  drafts!: Table<DraftEntry, string>;
  meta!: Table<MetaEntry, string>;

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
  }

  syncedTable(name: SyncedTable): Table<Record<string, unknown> & { id: string }, string> {
    return this.table(name);
  }
}
