// Properties of "suggest for everyone" on random schools (fast-check): no mentor above her
// free places, no couple outside its form's role model, every couple explained, and no
// blocking couple under the stated scores (stability). The bare deferred acceptance is also
// checked on random score tables, and against the one stable answer when all scores differ.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitsForm } from '@/domain/formRules';
import {
  COMPONENT_NAMES,
  coupleScore,
  deferredAcceptance,
  indexMatching,
  scoreCouple,
  suggestForEveryone,
  type MatchingFacts,
  type MatchingIndex,
} from '@/domain/matching';
import { PARTICIPANT_KINDS, type Participant } from '@/domain/types';
import en from '@/i18n/locales/en/matching.json';
import ru from '@/i18n/locales/ru/matching.json';
import { aPair, aParticipant } from '../../factories/rows';

/** The message at a dotted path of a locale file, or undefined. */
const message = (messages: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], messages);

const WORDS = ['математика', 'математике', 'олимпиада', 'шахматы', 'физика', 'чтение', 'спорт'];
const text = fc.option(fc.subarray(WORDS, { maxLength: 3 }).map((w) => w.join(', ')));

const personArb = fc.record({
  kind: fc.constantFrom(...PARTICIPANT_KINDS),
  grade: fc.option(fc.integer({ min: 1, max: 11 })),
  years: fc.option(fc.integer({ min: 0, max: 30 })),
  subject: fc.option(fc.constantFrom('Математика', 'Физика', 'История')),
  interests: text,
  request: text,
  role: fc.constantFrom('mentor', 'mentee', 'both'),
  archived: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
});

/** A random school: people, some live or ended pairs among them, and a capacity. */
const schoolArb = fc
  .record({
    people: fc.array(personArb, { minLength: 1, maxLength: 30 }),
    pairs: fc.array(
      fc.record({
        mentor: fc.nat(),
        mentees: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
        status: fc.constantFrom('draft', 'approved', 'active', 'completed', 'ended_early'),
      }),
      { maxLength: 10 },
    ),
    capacity: fc.integer({ min: 1, max: 4 }),
  })
  .map(({ people, pairs, capacity }) => {
    const participants: Participant[] = people.map((p, i) =>
      aParticipant({
        full_name: `Участник ${String(i).padStart(2, '0')}`,
        kind: p.kind,
        class_label: p.grade === null ? null : `${p.grade}А`,
        teaching_experience_years: p.years,
        subject: p.subject,
        interests: p.interests,
        is_mentor: p.role !== 'mentee',
        is_mentee: p.role !== 'mentor',
        archived_on: p.archived ? '2026-10-01' : null,
      }),
    );
    const facts: MatchingFacts = {
      participants,
      sensitive: people.flatMap((p, i) =>
        p.request
          ? [{ participant_id: participants[i]!.id, request: p.request, deleted_at: null }]
          : [],
      ),
      pairs: [],
      members: [],
    };
    const rows = pairs.map((p) => ({ pair: aPair({ status: p.status }), spec: p }));
    const at = (n: number) => participants[n % participants.length]!.id;
    return {
      capacity,
      facts: {
        ...facts,
        pairs: rows.map((r) => r.pair),
        members: rows.flatMap(({ pair, spec }) => [
          {
            pair_id: pair.id,
            participant_id: at(spec.mentor),
            side: 'mentor' as const,
            deleted_at: null,
          },
          ...spec.mentees.map((n) => ({
            pair_id: pair.id,
            participant_id: at(n),
            side: 'mentee' as const,
            deleted_at: null,
          })),
        ]),
      },
    };
  });

function blockingCouples(index: MatchingIndex): string[] {
  const { assignments } = suggestForEveryone(index);
  const mentorOf = new Map(assignments.map((s) => [s.menteeId, s]));
  const heldBy = new Map<string, number[]>();
  for (const s of assignments) heldBy.set(s.mentorId, [...(heldBy.get(s.mentorId) ?? []), s.score]);
  const out: string[] = [];
  for (const mentee of index.mentees) {
    for (const mentor of index.mentors) {
      const couple = scoreCouple(index, mentee, mentor);
      const mine = mentorOf.get(mentee.person.id);
      if (!couple || mine?.mentorId === mentor.person.id) continue;
      const menteeWants = !mine || couple.score > mine.score;
      const held = heldBy.get(mentor.person.id) ?? [];
      const mentorWants = held.length < mentor.left || held.some((score) => couple.score > score);
      if (menteeWants && mentorWants)
        out.push(`${mentee.person.full_name}–${mentor.person.full_name}`);
    }
  }
  return out;
}

describe('suggest for everyone on random schools', () => {
  it('puts no mentor above her capacity', () => {
    fc.assert(
      fc.property(schoolArb, ({ facts, capacity }) => {
        const index = indexMatching(facts, { capacity });
        const proposed = new Map<string, number>();
        for (const s of suggestForEveryone(index).assignments) {
          proposed.set(s.mentorId, (proposed.get(s.mentorId) ?? 0) + 1);
        }
        for (const mentor of index.mentors) {
          const n = proposed.get(mentor.person.id) ?? 0;
          expect(n).toBeLessThanOrEqual(mentor.left);
          if (n > 0) expect(mentor.load + n).toBeLessThanOrEqual(capacity);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every couple inside its form’s role model, once per waiting mentee', () => {
    fc.assert(
      fc.property(schoolArb, ({ facts, capacity }) => {
        const index = indexMatching(facts, { capacity });
        const people = new Map(facts.participants.map((p) => [p.id, p]));
        const waiting = new Set(index.mentees.map((m) => m.person.id));
        const { assignments, unmatched } = suggestForEveryone(index);
        for (const s of assignments) {
          expect(s.menteeId).not.toBe(s.mentorId);
          expect(fitsForm(s.form, 'mentor', people.get(s.mentorId)!.kind)).toBe(true);
          expect(fitsForm(s.form, 'mentee', people.get(s.menteeId)!.kind)).toBe(true);
          expect(waiting.has(s.menteeId)).toBe(true);
          expect(people.get(s.mentorId)!.is_mentor).toBe(true);
          expect(people.get(s.mentorId)!.archived_on).toBeNull();
        }
        const all = [...assignments.map((s) => s.menteeId), ...unmatched];
        expect(new Set(all).size).toBe(all.length);
        expect(new Set(all)).toEqual(waiting);
      }),
      { numRuns: 300 },
    );
  });

  it('explains every proposed couple: each component with its reason, summing to the score', () => {
    fc.assert(
      fc.property(schoolArb, ({ facts, capacity }) => {
        const index = indexMatching(facts, { capacity });
        for (const s of suggestForEveryone(index).assignments) {
          expect(s.components.map((c) => c.name)).toEqual([...COMPONENT_NAMES]);
          for (const c of s.components) {
            // Said in words in both languages.
            expect(typeof message(ru, `reason.${c.reason.key}`)).toBe('string');
            expect(typeof message(en, `reason.${c.reason.key}`)).toBe('string');
          }
          expect(s.components.reduce((sum, c) => sum + c.points, 0)).toBe(s.score);
          expect(s.components.find((c) => c.name === 'form')!.points).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('ranks by the same score it explains', () => {
    fc.assert(
      fc.property(schoolArb, ({ facts, capacity }) => {
        const index = indexMatching(facts, { capacity });
        for (const mentee of index.mentees) {
          for (const mentor of index.mentors) {
            expect(coupleScore(mentee, mentor)).toBe(
              scoreCouple(index, mentee, mentor)?.score ?? null,
            );
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('is stable: no mentee and mentor both prefer each other to what they were given', () => {
    fc.assert(
      fc.property(schoolArb, ({ facts, capacity }) => {
        expect(blockingCouples(indexMatching(facts, { capacity }))).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});

/** A random table of acceptable couples with scores, and each mentor's capacity. */
const tableArb = (distinct: boolean) =>
  fc
    .record({
      mentees: fc.integer({ min: 1, max: 12 }),
      capacity: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 6 }),
      seed: fc.array(fc.option(fc.integer({ min: 0, max: distinct ? 10_000 : 4 })), {
        minLength: 72,
        maxLength: 72,
      }),
    })
    .map(({ mentees, capacity, seed }) => {
      const score = (e: number, m: number) => {
        const s = seed[(e * 6 + m) % seed.length];
        // Distinct scores: the value and the couple's own number (never equal for two couples).
        return s === null || s === undefined ? null : distinct ? s * 100 + e * 6 + m : s;
      };
      const ranked = Array.from({ length: mentees }, (_, e) =>
        capacity
          .map((_, m) => [m, score(e, m)] as const)
          .filter((x): x is readonly [number, number] => x[1] !== null)
          .sort((a, b) => b[1] - a[1] || a[0] - b[0]),
      );
      return { ranked, capacity, score };
    });

describe('deferred acceptance on random score tables', () => {
  it('respects capacities and leaves no blocking couple', () => {
    fc.assert(
      fc.property(tableArb(false), ({ ranked, capacity, score }) => {
        const assigned = deferredAcceptance(ranked, capacity);
        capacity.forEach((cap, m) =>
          expect(assigned.filter((x) => x === m).length).toBeLessThanOrEqual(cap),
        );
        ranked.forEach((list, e) => {
          const mine = assigned[e]!;
          if (mine >= 0) expect(list.some(([m]) => m === mine)).toBe(true);
          for (const [m, s] of list) {
            if (m === mine) continue;
            const menteeWants = mine < 0 || s > score(e, mine)!;
            const held = assigned.flatMap((x, i) => (x === m ? [score(i, m)!] : []));
            const mentorWants = held.length < capacity[m]! || held.some((h) => s > h);
            expect(menteeWants && mentorWants).toBe(false);
          }
        });
      }),
      { numRuns: 500 },
    );
  });

  it('finds the one stable answer when all scores differ (best couple first, greedily)', () => {
    fc.assert(
      fc.property(tableArb(true), ({ ranked, capacity }) => {
        // With one score per couple seen the same way by both sides and no ties, the stable
        // assignment is unique: the best remaining couple is in it, then the next, and so on.
        const couples = ranked
          .flatMap((list, e) => list.map(([m, s]) => ({ e, m, s })))
          .sort((a, b) => b.s - a.s);
        const expected = new Array<number>(ranked.length).fill(-1);
        const left = [...capacity];
        for (const { e, m } of couples) {
          if (expected[e] === -1 && left[m]! > 0) {
            expected[e] = m;
            left[m] = left[m]! - 1;
          }
        }
        expect(deferredAcceptance(ranked, capacity)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});
