// Matching reads the intake questionnaires: a mentor's own capacity, what she offers and the
// forms she works in; a mentee's own request, interests, preferred forms and the mentors she
// chose. Known answers first, then properties on random schools with random intakes
// (fast-check): no mentor above her intake capacity, no role-model violation, every proposed
// couple explained, and the assignment stable against the stated scores.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitsForm } from '@/domain/formRules';
import { mentorCapacity } from '@/domain/intake';
import {
  COMPONENT_NAMES,
  indexMatching,
  mentorsWithFreePlaces,
  rankMentors,
  scoreCouple,
  suggestForEveryone,
  type MatchIntake,
  type MatchingFacts,
  type MatchingIndex,
  type Suggestion,
} from '@/domain/matching';
import {
  MENTORING_FORMS,
  PARTICIPANT_KINDS,
  type MentoringForm,
  type PairMember,
  type Participant,
} from '@/domain/types';
import en from '@/i18n/locales/en/matching.json';
import ru from '@/i18n/locales/ru/matching.json';
import { aPair, aParticipant } from '../factories/rows';

const message = (messages: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], messages);

function student(full_name: string, overrides: Partial<Participant> = {}): Participant {
  return aParticipant({ full_name, kind: 'student', is_mentee: true, ...overrides });
}
function teacher(full_name: string, overrides: Partial<Participant> = {}): Participant {
  return aParticipant({
    full_name,
    kind: 'teacher',
    class_label: null,
    is_minor: false,
    is_mentor: true,
    is_mentee: false,
    ...overrides,
  });
}
function intake(
  person: Participant,
  role: 'mentor' | 'mentee',
  fields: Partial<MatchIntake> = {},
): MatchIntake {
  return {
    participant_id: person.id,
    role,
    offers: null,
    capacity: null,
    forms: [],
    request: null,
    interests: null,
    preferred_mentor_ids: [],
    deleted_at: null,
    ...fields,
  };
}
/** People, their intakes and live pairs (mentor → mentees). */
function facts(
  participants: Participant[],
  intakes: MatchIntake[] = [],
  pairs: [Participant, Participant[]][] = [],
): MatchingFacts {
  const rows = pairs.map(([mentor, mentees]) => ({
    pair: aPair({ status: 'active' }),
    mentor,
    mentees,
  }));
  const members: Pick<PairMember, 'pair_id' | 'participant_id' | 'side' | 'deleted_at'>[] =
    rows.flatMap(({ pair, mentor, mentees }) => [
      { pair_id: pair.id, participant_id: mentor.id, side: 'mentor' as const, deleted_at: null },
      ...mentees.map((m) => ({
        pair_id: pair.id,
        participant_id: m.id,
        side: 'mentee' as const,
        deleted_at: null,
      })),
    ]);
  return { participants, sensitive: [], pairs: rows.map((r) => r.pair), members, intakes };
}
const component = (s: Suggestion, name: string) => s.components.find((c) => c.name === name)!;

describe('matching with intakes', () => {
  it('takes each mentor’s capacity from her intake, the default otherwise', () => {
    const anna = teacher('Петрова Анна');
    const boris = teacher('Соколов Борис');
    const vera = teacher('Орлова Вера');
    const [kolya, dima, olya] = ['Иванов Коля', 'Зайцев Дима', 'Смирнова Оля'].map((n) =>
      student(n),
    );
    const index = indexMatching(
      facts(
        [anna, boris, vera, kolya!, dima!, olya!],
        [intake(anna, 'mentor', { capacity: 1 }), intake(boris, 'mentor', { capacity: 6 })],
        [
          [anna, [dima!]],
          [boris, [olya!]],
        ],
      ),
    );
    const byId = new Map(index.mentors.map((m) => [m.person.id, m]));
    expect(byId.get(anna.id)).toMatchObject({ capacity: 1, capacityStated: true, left: 0 });
    expect(byId.get(boris.id)).toMatchObject({ capacity: 6, capacityStated: true, left: 5 });
    expect(byId.get(vera.id)).toMatchObject({ capacity: 3, capacityStated: false, left: 3 });
    // Анна is full: not among the mentors with free places, never suggested.
    expect(mentorsWithFreePlaces(index).map((m) => m.person.full_name)).toEqual([
      'Орлова Вера',
      'Соколов Борис',
    ]);
    const ranked = rankMentors(index, index.mentees[0]!);
    expect(ranked.map((s) => s.mentorId)).not.toContain(anna.id);
    expect(
      component(
        ranked.find((s) => s.mentorId === boris.id)!,
        'capacity',
      ),
    ).toEqual({
      name: 'capacity',
      // Free places count up to three.
      points: 9,
      reason: { key: 'capacity.leftStated', params: { left: 5, capacity: 6 } },
    });
    expect(
      component(
        ranked.find((s) => s.mentorId === vera.id)!,
        'capacity',
      ),
    ).toMatchObject({
      reason: { key: 'capacity.left', params: { left: 3, capacity: 3 } },
    });
  });

  it('compares the mentee’s own request with what the mentor offers, and says the words', () => {
    const kolya = student('Иванов Коля');
    const anna = teacher('Петрова Анна');
    const boris = teacher('Соколов Борис');
    const index = indexMatching(
      facts(
        [kolya, anna, boris],
        [
          intake(kolya, 'mentee', {
            request: 'Хочу подтянуть математику и готовиться к олимпиадам',
            interests: 'шахматы',
          }),
          intake(anna, 'mentor', { offers: 'Математика, олимпиады, шахматный кружок' }),
          intake(boris, 'mentor', { offers: 'История края, музейные проекты' }),
        ],
      ),
    );
    const [top, next] = rankMentors(index, index.mentees[0]!);
    expect(top!.mentorId).toBe(anna.id);
    expect(component(top!, 'request')).toEqual({
      name: 'request',
      points: 30,
      reason: { key: 'request.matches', params: { words: 'математика, олимпиады', n: 2 } },
    });
    expect(component(top!, 'overlap')).toMatchObject({
      points: 5,
      reason: { key: 'overlap.interests', params: { words: 'шахматный' } },
    });
    expect(component(next!, 'request').reason.key).toBe('request.noOverlap');
  });

  it('keeps to the forms each side chose: the mentee’s preferred, the mentor’s own', () => {
    const nina = student('Белова Нина', { class_label: '5А' });
    const older = student('Громов Петя', { class_label: '10А', is_mentor: true, is_mentee: false });
    const anna = teacher('Петрова Анна');
    const boris = teacher('Соколов Борис');
    const index = indexMatching(
      facts(
        [nina, older, anna, boris],
        [
          intake(nina, 'mentee', { forms: ['uchitel_uchenik'] }),
          // Борис mentors young teachers only.
          intake(boris, 'mentor', { forms: ['uchitel_uchitel'] }),
        ],
      ),
    );
    const ranked = rankMentors(index, index.mentees[0]!);
    expect(ranked.map((s) => [s.mentorId, s.form])).toEqual([[anna.id, 'uchitel_uchenik']]);
    expect(component(ranked[0]!, 'form')).toEqual({
      name: 'form',
      points: 20,
      reason: { key: 'form.preferred', params: { form: 'uchitel_uchenik' } },
    });
  });

  it('adds the mentors the mentee chose, by their rank', () => {
    const kolya = student('Иванов Коля');
    const [anna, boris, vera] = ['Петрова Анна', 'Соколов Борис', 'Орлова Вера'].map((n) =>
      teacher(n),
    );
    const index = indexMatching(
      facts(
        [kolya, anna!, boris!, vera!],
        [intake(kolya, 'mentee', { preferred_mentor_ids: [boris!.id, anna!.id] })],
      ),
    );
    const ranked = rankMentors(index, index.mentees[0]!);
    expect(ranked.map((s) => s.mentorId)).toEqual([boris!.id, anna!.id, vera!.id]);
    expect(ranked.map((s) => component(s, 'preference').reason)).toEqual([
      { key: 'preference.named', params: { rank: 1 } },
      { key: 'preference.named', params: { rank: 2 } },
      { key: 'preference.notNamed', params: {} },
    ]);
    expect(ranked.map((s) => component(s, 'preference').points)).toEqual([30, 20, 0]);
  });

  it('fills each mentor up to her intake capacity when suggesting for everyone', () => {
    const anna = teacher('Петрова Анна');
    const boris = teacher('Соколов Борис');
    const pupils = ['А', 'Б', 'В', 'Г', 'Д'].map((l) => student(`Ученик ${l}`));
    const index = indexMatching(
      facts(
        [anna, boris, ...pupils],
        [intake(anna, 'mentor', { capacity: 1 }), intake(boris, 'mentor', { capacity: 2 })],
      ),
    );
    const { assignments, unmatched } = suggestForEveryone(index);
    const count = (id: string) => assignments.filter((s) => s.mentorId === id).length;
    expect([count(anna.id), count(boris.id)]).toEqual([1, 2]);
    expect(unmatched).toHaveLength(2);
  });

  it('ignores deleted intakes', () => {
    const anna = teacher('Петрова Анна');
    const index = indexMatching(
      facts([anna], [intake(anna, 'mentor', { capacity: 9, deleted_at: '2026-11-01T00:00:00Z' })]),
    );
    expect(index.mentors[0]).toMatchObject({
      capacity: 3,
      capacityStated: false,
      hasIntake: false,
    });
  });
});

// ------------------------------------------------------------------------ properties
const WORDS = ['математика', 'математике', 'олимпиада', 'шахматы', 'физика', 'чтение', 'спорт'];
const text = fc.option(fc.subarray(WORDS, { maxLength: 3 }).map((w) => w.join(', ')));
const formsArb = fc.subarray([...MENTORING_FORMS], { maxLength: 3 });

const personArb = fc.record({
  kind: fc.constantFrom(...PARTICIPANT_KINDS),
  grade: fc.option(fc.integer({ min: 1, max: 11 })),
  years: fc.option(fc.integer({ min: 0, max: 30 })),
  subject: fc.option(fc.constantFrom('Математика', 'Физика', 'История')),
  interests: text,
  role: fc.constantFrom('mentor', 'mentee', 'both'),
  // The intakes: whether she has one per role, and what they say.
  mentorIntake: fc.option(
    fc.record({
      capacity: fc.option(fc.integer({ min: 1, max: 4 })),
      offers: text,
      forms: formsArb,
    }),
  ),
  menteeIntake: fc.option(
    fc.record({
      request: text,
      interests: text,
      forms: formsArb,
      chosen: fc.array(fc.nat(), { maxLength: 3 }),
    }),
  ),
});

const schoolArb = fc
  .record({
    people: fc.array(personArb, { minLength: 1, maxLength: 25 }),
    pairs: fc.array(
      fc.record({
        mentor: fc.nat(),
        mentees: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
      }),
      { maxLength: 8 },
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
      }),
    );
    const at = (n: number) => participants[n % participants.length]!;
    const intakes: MatchIntake[] = people.flatMap((p, i) => {
      const person = participants[i]!;
      const out: MatchIntake[] = [];
      if (p.mentorIntake) out.push(intake(person, 'mentor', p.mentorIntake));
      if (p.menteeIntake) {
        const { chosen, ...rest } = p.menteeIntake;
        out.push(
          intake(person, 'mentee', {
            ...rest,
            preferred_mentor_ids: [...new Set(chosen.map((n) => at(n).id))],
          }),
        );
      }
      return out;
    });
    const base = facts(participants, intakes);
    const rows = pairs.map((spec) => ({ pair: aPair({ status: 'active' }), spec }));
    return {
      capacity,
      intakes,
      facts: {
        ...base,
        pairs: rows.map((r) => r.pair),
        members: rows.flatMap(({ pair, spec }) => [
          {
            pair_id: pair.id,
            participant_id: at(spec.mentor).id,
            side: 'mentor' as const,
            deleted_at: null,
          },
          ...spec.mentees.map((n) => ({
            pair_id: pair.id,
            participant_id: at(n).id,
            side: 'mentee' as const,
            deleted_at: null,
          })),
        ]),
      } satisfies MatchingFacts,
    };
  });

function blockingCouples(index: MatchingIndex): string[] {
  const { assignments } = suggestForEveryone(index);
  const mine = new Map(assignments.map((s) => [s.menteeId, s]));
  const held = new Map<string, number[]>();
  for (const s of assignments) held.set(s.mentorId, [...(held.get(s.mentorId) ?? []), s.score]);
  const out: string[] = [];
  for (const mentee of index.mentees) {
    for (const mentor of index.mentors) {
      const couple = scoreCouple(index, mentee, mentor);
      const current = mine.get(mentee.person.id);
      if (!couple || current?.mentorId === mentor.person.id) continue;
      const menteeWants = !current || couple.score > current.score;
      const scores = held.get(mentor.person.id) ?? [];
      const mentorWants = scores.length < mentor.left || scores.some((s) => couple.score > s);
      if (menteeWants && mentorWants)
        out.push(`${mentee.person.full_name}–${mentor.person.full_name}`);
    }
  }
  return out;
}

const intakeOf = (intakes: readonly MatchIntake[], id: string, role: 'mentor' | 'mentee') =>
  intakes.find((x) => x.participant_id === id && x.role === role) ?? null;

describe('suggest for everyone with random intakes', () => {
  it('puts no mentor above the capacity her intake states (the default otherwise)', () => {
    fc.assert(
      fc.property(schoolArb, ({ facts, capacity, intakes }) => {
        const index = indexMatching(facts, { capacity });
        const proposed = new Map<string, number>();
        for (const s of suggestForEveryone(index).assignments) {
          proposed.set(s.mentorId, (proposed.get(s.mentorId) ?? 0) + 1);
        }
        for (const mentor of index.mentors) {
          const own = mentorCapacity(intakeOf(intakes, mentor.person.id, 'mentor'), capacity);
          expect(mentor.capacity).toBe(own);
          const n = proposed.get(mentor.person.id) ?? 0;
          if (n > 0) expect(mentor.load + n).toBeLessThanOrEqual(own);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never breaks a form’s role model, and keeps to the forms the intakes chose', () => {
    fc.assert(
      fc.property(schoolArb, ({ facts, capacity, intakes }) => {
        const index = indexMatching(facts, { capacity });
        const people = new Map(facts.participants.map((p) => [p.id, p]));
        const chosenFitting = (id: string, side: 'mentor' | 'mentee'): MentoringForm[] =>
          (intakeOf(intakes, id, side)?.forms ?? []).filter((f) =>
            fitsForm(f, side, people.get(id)!.kind),
          );
        for (const s of suggestForEveryone(index).assignments) {
          expect(s.menteeId).not.toBe(s.mentorId);
          expect(fitsForm(s.form, 'mentor', people.get(s.mentorId)!.kind)).toBe(true);
          expect(fitsForm(s.form, 'mentee', people.get(s.menteeId)!.kind)).toBe(true);
          for (const side of ['mentor', 'mentee'] as const) {
            const chosen = chosenFitting(side === 'mentor' ? s.mentorId : s.menteeId, side);
            if (chosen.length > 0) expect(chosen).toContain(s.form);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('explains every proposed couple in both languages, the points summing to the score', () => {
    fc.assert(
      fc.property(schoolArb, ({ facts, capacity, intakes }) => {
        const index = indexMatching(facts, { capacity });
        for (const s of suggestForEveryone(index).assignments) {
          expect(s.components.map((c) => c.name)).toEqual([...COMPONENT_NAMES]);
          for (const c of s.components) {
            expect(typeof message(ru, `reason.${c.reason.key}`)).toBe('string');
            expect(typeof message(en, `reason.${c.reason.key}`)).toBe('string');
          }
          expect(s.components.reduce((sum, c) => sum + c.points, 0)).toBe(s.score);
          // The stated preference reads the mentee's intake, rank for rank.
          const chosen = intakeOf(intakes, s.menteeId, 'mentee')?.preferred_mentor_ids ?? [];
          const rank = chosen.indexOf(s.mentorId);
          const preference = s.components.find((c) => c.name === 'preference')!;
          if (rank >= 0)
            expect(preference.reason).toEqual({
              key: 'preference.named',
              params: { rank: rank + 1 },
            });
          else expect(preference.reason.key).not.toBe('preference.named');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is stable: no mentee and mentor both prefer each other to what they were given', () => {
    fc.assert(
      fc.property(schoolArb, ({ facts, capacity }) => {
        expect(blockingCouples(indexMatching(facts, { capacity }))).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });
});
