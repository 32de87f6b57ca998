// Owns the live read behind matching (domain/matching.ts): the workspace school's people, the
// staff's requests about them (participant_sensitive, staff only), the pairs and their members,
// re-read when any of those tables changes. One read-only transaction; rows in pages
// (readSchoolRows), so a school of 2,000 students stays a few short tasks.
import { liveQuery } from 'dexie';
import type { MatchingFacts } from '@/domain/matching';
import type { Pair, PairMember, Participant, ParticipantSensitive } from '@/domain/types';
import type { DataContext } from './context';
import { readSchoolRows } from './overviewQueries';
import type { Observable } from './queries';

const TABLES = ['participants', 'participant_sensitive', 'pairs', 'pair_members'];

/** `schoolId` null reads every row (device-only mode: the device's one school). */
export async function readMatchingFacts(
  ctx: DataContext,
  schoolId: string | null,
): Promise<MatchingFacts> {
  const db = ctx.db;
  return db.transaction('r', TABLES, async () => {
    const [participants, sensitive, pairs, members] = await Promise.all([
      readSchoolRows<Participant>(db.participants, schoolId),
      readSchoolRows<ParticipantSensitive>(db.participant_sensitive, schoolId),
      readSchoolRows<Pair>(db.pairs, schoolId),
      readSchoolRows<PairMember>(db.pair_members, schoolId),
    ]);
    return { participants, sensitive, pairs, members };
  });
}

export function observeMatchingFacts(
  ctx: DataContext,
  schoolId: string | null,
): Observable<MatchingFacts> {
  return liveQuery(() => readMatchingFacts(ctx, schoolId));
}
