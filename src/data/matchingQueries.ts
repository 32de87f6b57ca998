// Owns the live reads behind matching (domain/matching.ts): the workspace school's people, the
// staff's requests about them (participant_sensitive, staff only), the pairs and their members,
// the intake questionnaires and the consents (staff only: who is not covered today), re-read when any of those tables changes; and the read behind
// one person's intake form (data/repos/intakes.ts writes it), with the school's mentors this
// device knows: their cards (staff, a paired mentee's own mentors) and the last mentor
// directory received from the server (a mentee before pairing). One read-only transaction;
// rows in pages (readSchoolRows), so a school of 2,000 students stays a few short tasks.
import { liveQuery } from 'dexie';
import { currentIntake, type IntakeRole } from '@/domain/intake';
import type { MatchingFacts } from '@/domain/matching';
import type {
  Consent,
  Intake,
  Pair,
  PairMember,
  Participant,
  ParticipantSensitive,
} from '@/domain/types';
import type { DataContext } from './context';
import { readSchoolRows } from './overviewQueries';
import { readMentorDirectory } from './repos/intakes';
import type { Observable } from './queries';

const TABLES = [
  'participants',
  'participant_sensitive',
  'pairs',
  'pair_members',
  'intakes',
  'consents',
];

/** `schoolId` null reads every row (device-only mode: the device's one school). */
export async function readMatchingFacts(
  ctx: DataContext,
  schoolId: string | null,
): Promise<MatchingFacts> {
  const db = ctx.db;
  return db.transaction('r', TABLES, async () => {
    const [participants, sensitive, pairs, members, intakes, consents] = await Promise.all([
      readSchoolRows<Participant>(db.participants, schoolId),
      readSchoolRows<ParticipantSensitive>(db.participant_sensitive, schoolId),
      readSchoolRows<Pair>(db.pairs, schoolId),
      readSchoolRows<PairMember>(db.pair_members, schoolId),
      readSchoolRows<Intake>(db.intakes, schoolId),
      readSchoolRows<Consent>(db.consents, schoolId),
    ]);
    return { participants, sensitive, pairs, members, intakes, consents };
  });
}

export function observeMatchingFacts(
  ctx: DataContext,
  schoolId: string | null,
): Observable<MatchingFacts> {
  return liveQuery(() => readMatchingFacts(ctx, schoolId));
}

/** A mentor she may choose: a card on this device or a row of the school's directory. */
export interface ChoosableMentor {
  id: string;
  full_name: string;
  subject: string | null;
  /** Places left, as the directory said; null: the directory does not list her. */
  hasPlaces: boolean | null;
}

/** One person's intake form: her card, her intakes by role, and the mentors she may choose. */
export interface IntakeFormFacts {
  person: Participant | null;
  intakes: Record<IntakeRole, Intake | null>;
  /** The school's live mentors this device knows, by name (a mentee's device may know none). */
  mentors: ChoosableMentor[];
  /** What those mentors offer, by id, where this device reads their intakes or the directory. */
  offers: Map<string, string>;
  /** When the directory shown was received (ISO), null: none on this device yet. */
  directoryFetchedAt: string | null;
}

const byName = new Intl.Collator('ru').compare;
const NOBODY: IntakeFormFacts = {
  person: null,
  intakes: { mentor: null, mentee: null },
  mentors: [],
  offers: new Map(),
  directoryFetchedAt: null,
};

export function observeIntakeForm(
  ctx: DataContext,
  participantId: string | null,
): Observable<IntakeFormFacts> {
  return liveQuery(() =>
    ctx.db.transaction('r', ['participants', 'intakes', 'meta'], async () => {
      const person = participantId ? await ctx.db.participants.get(participantId) : undefined;
      if (!person || person.deleted_at) return NOBODY;
      const [own, people, intakes, directory] = await Promise.all([
        ctx.db.intakes.where('participant_id').equals(person.id).toArray(),
        readSchoolRows<Participant>(ctx.db.participants, person.school_id),
        readSchoolRows<Intake>(ctx.db.intakes, person.school_id),
        readMentorDirectory(ctx, person.school_id),
      ]);
      const listed = new Map((directory?.mentors ?? []).map((m) => [m.id, m]));
      const byId = new Map<string, ChoosableMentor>();
      for (const p of people) {
        if (!p.is_mentor || p.archived_on || p.id === person.id) continue;
        const hasPlaces = listed.get(p.id)?.hasPlaces ?? null;
        byId.set(p.id, { id: p.id, full_name: p.full_name, subject: p.subject, hasPlaces });
      }
      for (const m of listed.values()) {
        if (m.id === person.id || byId.has(m.id)) continue;
        byId.set(m.id, {
          id: m.id,
          full_name: m.fullName,
          subject: m.subject,
          hasPlaces: m.hasPlaces,
        });
      }
      const mentors = [...byId.values()].sort((a, b) => byName(a.full_name, b.full_name));
      const offers = new Map<string, string>();
      for (const m of listed.values()) if (m.offers) offers.set(m.id, m.offers);
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
        directoryFetchedAt: directory?.fetchedAt ?? null,
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
