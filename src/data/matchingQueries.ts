// Owns the live reads behind matching (domain/matching.ts): the workspace school's people, the
// staff's requests about them (participant_sensitive, staff only), the pairs and their members
// and the intake questionnaires, re-read when any of those tables changes; and the read behind
// one person's intake form (data/repos/intakes.ts writes it). One read-only transaction; rows in pages
// (readSchoolRows), so a school of 2,000 students stays a few short tasks.
import { liveQuery } from 'dexie';
import { currentIntake, type IntakeRole } from '@/domain/intake';
import type { MatchingFacts } from '@/domain/matching';
import type { Intake, Pair, PairMember, Participant, ParticipantSensitive } from '@/domain/types';
import type { DataContext } from './context';
import { readSchoolRows } from './overviewQueries';
import type { Observable } from './queries';

const TABLES = ['participants', 'participant_sensitive', 'pairs', 'pair_members', 'intakes'];

/** `schoolId` null reads every row (device-only mode: the device's one school). */
export async function readMatchingFacts(
  ctx: DataContext,
  schoolId: string | null,
): Promise<MatchingFacts> {
  const db = ctx.db;
  return db.transaction('r', TABLES, async () => {
    const [participants, sensitive, pairs, members, intakes] = await Promise.all([
      readSchoolRows<Participant>(db.participants, schoolId),
      readSchoolRows<ParticipantSensitive>(db.participant_sensitive, schoolId),
      readSchoolRows<Pair>(db.pairs, schoolId),
      readSchoolRows<PairMember>(db.pair_members, schoolId),
      readSchoolRows<Intake>(db.intakes, schoolId),
    ]);
    return { participants, sensitive, pairs, members, intakes };
  });
}

export function observeMatchingFacts(
  ctx: DataContext,
  schoolId: string | null,
): Observable<MatchingFacts> {
  return liveQuery(() => readMatchingFacts(ctx, schoolId));
}

/** One person's intake form: her card, her intakes by role, and the mentors she may choose. */
export interface IntakeFormFacts {
  person: Participant | null;
  intakes: Record<IntakeRole, Intake | null>;
  /** The school's live mentors on this device, by name (a mentee's device may know none). */
  mentors: Participant[];
  /** What those mentors offer, by id, where this device reads their intakes (staff). */
  offers: Map<string, string>;
}

const byName = new Intl.Collator('ru').compare;
const NOBODY: IntakeFormFacts = {
  person: null,
  intakes: { mentor: null, mentee: null },
  mentors: [],
  offers: new Map(),
};

export function observeIntakeForm(
  ctx: DataContext,
  participantId: string | null,
): Observable<IntakeFormFacts> {
  return liveQuery(() =>
    ctx.db.transaction('r', ['participants', 'intakes'], async () => {
      const person = participantId ? await ctx.db.participants.get(participantId) : undefined;
      if (!person || person.deleted_at) return NOBODY;
      const [own, people, intakes] = await Promise.all([
        ctx.db.intakes.where('participant_id').equals(person.id).toArray(),
        readSchoolRows<Participant>(ctx.db.participants, person.school_id),
        readSchoolRows<Intake>(ctx.db.intakes, person.school_id),
      ]);
      const mentors = people
        .filter((p) => p.is_mentor && !p.archived_on && p.id !== person.id)
        .sort((a, b) => byName(a.full_name, b.full_name));
      const offers = new Map<string, string>();
      for (const row of intakes) {
        if (row.role === 'mentor' && row.offers) offers.set(row.participant_id, row.offers);
      }
      return {
        person,
        intakes: {
          mentor: currentIntake(own, person.id, 'mentor'),
          mentee: currentIntake(own, person.id, 'mentee'),
        },
        mentors,
        offers,
      };
    }),
  );
}

/** Which of these (participant, role) have no live intake yet (the home screen's card). */
export function observeMissingIntakes(
  ctx: DataContext,
  targets: readonly { participantId: string; role: IntakeRole }[],
): Observable<{ participantId: string; role: IntakeRole }[]> {
  return liveQuery(async () => {
    if (targets.length === 0) return [];
    const ids = [...new Set(targets.map((t) => t.participantId))];
    const rows = await ctx.db.intakes.where('participant_id').anyOf(ids).toArray();
    return targets.filter((t) => !currentIntake(rows, t.participantId, t.role));
  });
}
