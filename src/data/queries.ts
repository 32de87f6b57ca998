// Owns the reactive reads: each returns an observable that re-runs when the tables it read
// change (Dexie liveQuery). Views subscribe through composables; nothing copies tables into
// stores.
import { liveQuery } from 'dexie';
import { pairPeople, type PairPerson } from '@/domain/pairs';
import type {
  Consent,
  Meeting,
  MeetingConfirmation,
  MeetingPrivateNote,
  Pair,
  Participant,
  ParticipantSensitive,
  PlanTask,
} from '@/domain/types';
import type { DataContext } from './context';
import type { QuarantineEntry, ServerRow } from './db';

export interface Observable<T> {
  subscribe(observer: { next: (value: T) => void; error?: (error: unknown) => void }): {
    unsubscribe(): void;
  };
}

const alive = <T extends { deleted_at: string | null }>(rows: T[]) =>
  rows.filter((r) => r.deleted_at === null);

export interface PairSummary {
  pair: Pair;
  mentors: PairPerson[];
  mentees: PairPerson[];
  meetings: Meeting[];
  /** The mentees' confirmations the device holds (a mentee holds only her own). */
  confirmations: MeetingConfirmation[];
  tasks: PlanTask[];
}

/** The pair's members by side: their cards, or the names the server copied (a mentee's view). */
export async function membersOf(ctx: DataContext, pairId: string) {
  const members = await ctx.db.pair_members.where('pair_id').equals(pairId).toArray();
  const cards = await ctx.db.participants.bulkGet(members.map((m) => m.participant_id));
  return pairPeople(
    members,
    new Map(cards.filter((p): p is Participant => !!p).map((p) => [p.id, p])),
  );
}

async function summarise(ctx: DataContext, pair: Pair): Promise<PairSummary> {
  const { mentors, mentees } = await membersOf(ctx, pair.id);
  const meetings = alive(
    await ctx.db.meetings
      .where('[pair_id+held_on]')
      .between([pair.id, ''], [pair.id, '\uffff'])
      .toArray(),
  ).reverse();
  const tasks = alive(await ctx.db.plan_tasks.where('pair_id').equals(pair.id).toArray());
  const confirmations = alive(
    await ctx.db.meeting_confirmations.where('pair_id').equals(pair.id).toArray(),
  );
  return { pair, mentors, mentees, meetings, confirmations, tasks };
}

export function observePairs(ctx: DataContext): Observable<PairSummary[]> {
  return liveQuery(async () => {
    const pairs = alive(await ctx.db.pairs.toArray());
    const summaries = await Promise.all(pairs.map((p) => summarise(ctx, p)));
    return summaries.sort((a, b) => b.pair.created_at.localeCompare(a.pair.created_at));
  });
}

export interface PairDetail extends PairSummary {
  privateNotes: Record<string, MeetingPrivateNote>;
}

export function observePair(ctx: DataContext, pairId: string): Observable<PairDetail | null> {
  return liveQuery(async () => {
    const pair = await ctx.db.pairs.get(pairId);
    if (!pair || pair.deleted_at) return null;
    const summary = await summarise(ctx, pair);
    const notes = alive(
      await ctx.db.meeting_private_notes.where('pair_id').equals(pairId).toArray(),
    );
    return { ...summary, privateNotes: Object.fromEntries(notes.map((n) => [n.meeting_id, n])) };
  });
}

export interface ParticipantWithConsents {
  participant: Participant;
  /** Empty for those who may not read consents (they see participant.consent_covered_until). */
  consents: Consent[];
  /** The staff's request and categories, when the device holds them (staff, the mentors). */
  sensitive: ParticipantSensitive | null;
}

export function observeParticipants(ctx: DataContext): Observable<ParticipantWithConsents[]> {
  return liveQuery(async () => {
    const people = alive(await ctx.db.participants.orderBy('full_name').toArray());
    const consents = alive(await ctx.db.consents.toArray());
    const sensitive = alive(await ctx.db.participant_sensitive.toArray());
    return people.map((participant) => ({
      participant,
      consents: consents.filter((c) => c.participant_id === participant.id),
      sensitive: sensitive.find((row) => row.participant_id === participant.id) ?? null,
    }));
  });
}

/** The user's own participant rows (her cards in her schools), for rules about herself. */
export function observeOwnParticipants(
  ctx: DataContext,
  ids: readonly string[],
): Observable<Participant[]> {
  return liveQuery(async () =>
    (await ctx.db.participants.bulkGet([...ids])).filter((p): p is Participant => !!p),
  );
}

export interface SyncCounts {
  /** Writes waiting for the server. */
  pending: number;
  /** Refused writes in quarantine plus unresolved conflicts: they need the user. */
  issues: number;
}

export function observeSyncCounts(ctx: DataContext): Observable<SyncCounts> {
  return liveQuery(async () => {
    const pending = await ctx.db.outbox.count();
    const quarantined = await ctx.db.quarantine.count();
    const conflicts = await ctx.db.sync_conflicts
      .filter((c) => c.resolved_at === null && c.deleted_at === null)
      .count();
    return { pending, issues: quarantined + conflicts };
  });
}

export interface SyncIssues {
  quarantine: QuarantineEntry[];
  conflicts: ServerRow[];
}

/** Refused writes and unresolved conflicts, newest first. */
export function observeSyncIssues(ctx: DataContext): Observable<SyncIssues> {
  return liveQuery(async () => ({
    quarantine: (await ctx.db.quarantine.toArray()).sort((a, b) =>
      b.quarantined_at.localeCompare(a.quarantined_at),
    ),
    conflicts: (await ctx.db.sync_conflicts.toArray())
      .filter((c) => c.resolved_at === null && c.deleted_at === null)
      .sort((a, b) => String(b.created_at).localeCompare(String(a.created_at))),
  }));
}
