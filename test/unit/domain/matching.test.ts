// Explainable matching, known answers: who is waiting, who has room, which forms a couple may
// take, how each component of the score reads, and "suggest for everyone" on instances where
// first-come greedy and a stable assignment differ.
import { describe, expect, it } from 'vitest';
import {
  deferredAcceptance,
  indexMatching,
  mentorsWithFreePlaces,
  rankMentors,
  scoreCouple,
  stemsOf,
  suggestForEveryone,
  type MatchingFacts,
  type MatchingOptions,
} from '@/domain/matching';
import type { PairMember, Participant, ParticipantSensitive } from '@/domain/types';
import { aPair, aParticipant, uuid } from '../../factories/rows';

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
function request(participant: Participant, text: string): ParticipantSensitive {
  return {
    ...aParticipant(),
    participant_id: participant.id,
    categories: [],
    note: null,
    request: text,
  } as unknown as ParticipantSensitive;
}

/** A live pair (draft by default) of one mentor and the given mentees. */
function pairOf(mentor: Participant, mentees: Participant[], status: 'draft' | 'active' = 'draft') {
  const pair = aPair({ status });
  const member = (p: Participant, side: 'mentor' | 'mentee'): PairMember => ({
    ...aParticipant(),
    id: uuid(),
    pair_id: pair.id,
    participant_id: p.id,
    side,
  });
  return { pair, members: [member(mentor, 'mentor'), ...mentees.map((e) => member(e, 'mentee'))] };
}

function facts(
  participants: Participant[],
  extra: { sensitive?: ParticipantSensitive[]; pairs?: ReturnType<typeof pairOf>[] } = {},
): MatchingFacts {
  return {
    participants,
    sensitive: extra.sensitive ?? [],
    pairs: (extra.pairs ?? []).map((p) => p.pair),
    members: (extra.pairs ?? []).flatMap((p) => p.members),
  };
}

const indexOf = (f: MatchingFacts, options?: MatchingOptions) => indexMatching(f, options);

describe('words of a request and of an offer', () => {
  it('meet across case, ё and Russian endings', () => {
    const request = stemsOf('Подготовка к олимпиаде по МАТЕМАТИКЕ, трудности с учёбой');
    const offer = stemsOf('Математика; олимпиадные задачи, учеба');
    const shared = [...offer.keys()].filter((stem) => request.has(stem));
    expect(shared.map((stem) => offer.get(stem))).toEqual(['математика', 'олимпиадные', 'учеба']);
  });

  it('ignores function words and the wording every request shares', () => {
    expect([...stemsOf('Нужна помощь и поддержка в 7 классе').keys()]).toEqual([]);
  });
});

describe('who is waiting and who has room', () => {
  it('lists mentees without a live pair and mentors with their free places', () => {
    const anna = teacher('Петрова Анна');
    const boris = teacher('Соколов Борис');
    const paired = student('Иванов Коля');
    const ended = student('Зайцев Дима');
    const waiting = student('Смирнова Оля');
    const archived = student('Орлова Нина', { archived_on: '2026-10-01' });
    const borisMentees = [student('Агеев Петя'), student('Быкова Таня'), student('Волков Ян')];
    const endedPair = pairOf(anna, [ended]);
    endedPair.pair.status = 'completed';
    const index = indexOf(
      facts([anna, boris, paired, ended, waiting, archived, ...borisMentees], {
        pairs: [pairOf(anna, [paired]), endedPair, pairOf(boris, borisMentees, 'active')],
      }),
    );
    expect(index.mentees.map((m) => m.person.full_name)).toEqual(['Зайцев Дима', 'Смирнова Оля']);
    expect(index.mentors.map((m) => [m.person.full_name, m.load, m.left])).toEqual([
      ['Петрова Анна', 1, 2],
      ['Соколов Борис', 3, 0],
    ]);
    expect(mentorsWithFreePlaces(index).map((m) => m.person.full_name)).toEqual(['Петрова Анна']);
  });

  it('never suggests a full mentor', () => {
    const boris = teacher('Соколов Борис');
    const mentees = [student('А'), student('Б'), student('В')];
    const waiting = student('Смирнова Оля');
    const index = indexOf(facts([boris, ...mentees, waiting], { pairs: [pairOf(boris, mentees)] }));
    expect(rankMentors(index, index.mentees[0]!)).toEqual([]);
    expect(suggestForEveryone(index)).toMatchObject({ assignments: [], unmatched: [waiting.id] });
  });
});

describe('the form and the role model (hard constraint)', () => {
  it('pairs a student with a teacher in «учитель – ученик» and never a teacher under a student', () => {
    const pupil = student('Иванов Коля', { is_mentor: true });
    const young = teacher('Лебедева Юлия', { is_mentor: false, is_mentee: true });
    const index = indexOf(facts([pupil, young]));
    const youngTeacher = index.mentees.find((m) => m.person.id === young.id)!;
    expect(rankMentors(index, youngTeacher)).toEqual([]);
    const anna = teacher('Петрова Анна');
    const index2 = indexOf(facts([pupil, anna]));
    const [first] = rankMentors(index2, index2.mentees[0]!);
    expect(first).toMatchObject({ mentorId: anna.id, form: 'uchitel_uchenik' });
    expect(first!.components[0]).toEqual({
      name: 'form',
      points: 10,
      reason: { key: 'form.fits', params: { form: 'uchitel_uchenik' } },
    });
  });

  it('never pairs a person with herself', () => {
    const both = student('Кузнецова Вера', { is_mentor: true, is_mentee: true });
    const index = indexOf(facts([both]));
    expect(rankMentors(index, index.mentees[0]!)).toEqual([]);
  });

  it('prefers an older student in «ученик – ученик» and says the classes', () => {
    const mentee = student('Иванов Коля', { class_label: '5А' });
    const older = student('Белова Катя', { class_label: '9Б', is_mentor: true, is_mentee: false });
    const younger = student('Титов Лёва', { class_label: '4В', is_mentor: true, is_mentee: false });
    const index = indexOf(facts([mentee, older, younger]));
    const ranked = rankMentors(index, index.mentees[0]!);
    expect(ranked.map((s) => s.mentorId)).toEqual([older.id, younger.id]);
    expect(ranked[0]!.components.find((c) => c.name === 'roleModel')).toEqual({
      name: 'roleModel',
      points: 10,
      reason: { key: 'roleModel.olderStudent', params: { mentor: 9, mentee: 5 } },
    });
  });

  it('uses the preferred form when the intake recorded one', () => {
    const mentee = student('Иванов Коля', { class_label: '5А' });
    const peer = student('Белова Катя', { class_label: '9Б', is_mentor: true, is_mentee: false });
    const anna = teacher('Петрова Анна');
    const index = indexOf(facts([mentee, peer, anna]), {
      preferredForms: new Map([[mentee.id, 'uchenik_uchenik']]),
    });
    const ranked = rankMentors(index, index.mentees[0]!);
    expect(ranked.map((s) => [s.mentorId, s.form])).toEqual([[peer.id, 'uchenik_uchenik']]);
    expect(ranked[0]!.components[0]!.reason.key).toBe('form.preferred');
  });
});

describe('the score says why', () => {
  const mentee = student('Иванов Коля', { interests: 'шахматы, робототехника' });
  const math = teacher('Петрова Анна', { subject: 'Математика', interests: 'олимпиады, шахматы' });
  const history = teacher('Соколов Борис', { subject: 'История' });
  const silent = teacher('Орлова Нина');
  const sensitive = [request(mentee, 'Отстаёт по математике, готовится к олимпиаде')];

  it('ranks the mentor who offers what the request asks first, with the words', () => {
    const index = indexOf(facts([mentee, math, history, silent], { sensitive }));
    const ranked = rankMentors(index, index.mentees[0]!);
    // Equal scores keep the names' order: Орлова before Соколов.
    expect(ranked.map((s) => s.mentorId)).toEqual([math.id, silent.id, history.id]);
    const top = ranked[0]!;
    const byName = Object.fromEntries(top.components.map((c) => [c.name, c]));
    expect(byName.request).toEqual({
      name: 'request',
      points: 30,
      reason: { key: 'request.matches', params: { words: 'олимпиады, математика', n: 2 } },
    });
    expect(byName.overlap).toEqual({
      name: 'overlap',
      points: 5,
      reason: { key: 'overlap.interests', params: { words: 'шахматы', n: 1 } },
    });
    expect(byName.capacity).toEqual({
      name: 'capacity',
      points: 9,
      reason: { key: 'capacity.left', params: { left: 3, capacity: 3 } },
    });
    expect(byName.preference).toEqual({
      name: 'preference',
      points: 0,
      reason: { key: 'preference.notRecorded', params: {} },
    });
    expect(top.score).toBe(top.components.reduce((sum, c) => sum + c.points, 0));
    expect(top.score).toBe(10 + 0 + 30 + 5 + 9 + 0);
    expect(ranked[1]!.components.find((c) => c.name === 'request')!.reason.key).toBe(
      'request.mentorSilent',
    );
    expect(ranked[2]!.components.find((c) => c.name === 'request')!.reason.key).toBe(
      'request.noOverlap',
    );
  });

  it('says when the mentee has no request', () => {
    const index = indexOf(facts([mentee, math]));
    const [top] = rankMentors(index, index.mentees[0]!);
    expect(top!.components.find((c) => c.name === 'request')!.reason.key).toBe('request.none');
  });

  it('counts the same subject for two teachers, and the experience gap', () => {
    const young = teacher('Лебедева Юлия', {
      subject: 'математика',
      teaching_experience_years: 1,
      is_mentor: false,
      is_mentee: true,
    });
    const master = teacher('Петрова Анна', {
      subject: 'Математика',
      teaching_experience_years: 20,
    });
    const index = indexOf(facts([young, master]));
    const s = scoreCouple(index, index.mentees[0]!, index.mentors[0]!)!;
    expect(s.form).toBe('uchitel_uchitel');
    expect(s.components.find((c) => c.name === 'overlap')).toMatchObject({
      points: 20,
      reason: { key: 'overlap.sameSubject', params: { subject: 'математика' } },
    });
    expect(s.components.find((c) => c.name === 'roleModel')).toMatchObject({
      points: 10,
      reason: { key: 'roleModel.experienced', params: { mentor: 20, mentee: 1 } },
    });
  });

  it('adds the mentee’s stated choice once one is recorded', () => {
    const index = indexOf(facts([mentee, math, history], { sensitive }), {
      statedPreferences: new Map([[mentee.id, [history.id]]]),
    });
    const ranked = rankMentors(index, index.mentees[0]!);
    const pick = ranked.find((s) => s.mentorId === history.id)!;
    expect(pick.components.find((c) => c.name === 'preference')).toEqual({
      name: 'preference',
      points: 30,
      reason: { key: 'preference.named', params: { rank: 1 } },
    });
    const other = ranked.find((s) => s.mentorId === math.id)!;
    expect(other.components.find((c) => c.name === 'preference')!.reason.key).toBe(
      'preference.notNamed',
    );
  });
});

describe('suggest for everyone', () => {
  it('is not first-come: the mentee the mentor values more gets her (deferred acceptance)', () => {
    // Mentee 0 comes first and likes mentor 0 best; mentee 1 likes mentor 0 even more and
    // mentor 0 gives mentee 1 the higher score. First-come would give 0→0, 1→1 (a blocking
    // couple 1–0); the stable answer is 0→1, 1→0.
    const ranked = [
      [
        [0, 50],
        [1, 40],
      ],
      [
        [0, 60],
        [1, 10],
      ],
    ] as const;
    expect(deferredAcceptance(ranked, [1, 1])).toEqual([1, 0]);
  });

  it('fills capacities and leaves the rest unmatched', () => {
    const ranked = [[[0, 5] as const], [[0, 7] as const], [[0, 6] as const]];
    expect(deferredAcceptance(ranked, [2])).toEqual([-1, 0, 0]);
  });

  it('proposes the mathematician to the mentee who asked for mathematics', () => {
    const first = student('Абрамов Саша', { interests: 'футбол' });
    const second = student('Яковлева Лена');
    const math = teacher('Петрова Анна', { subject: 'Математика', interests: 'футбол' });
    const history = teacher('Соколов Борис', { subject: 'История' });
    // Both mentors have one free place left (two mentees each already).
    const taken = ['А', 'Б', 'В', 'Г'].map((name) => student(name, { is_mentee: false }));
    const index = indexOf(
      facts([first, second, math, history, ...taken], {
        sensitive: [request(second, 'Трудности с математикой')],
        pairs: [pairOf(math, taken.slice(0, 2)), pairOf(history, taken.slice(2))],
      }),
    );
    const proposal = suggestForEveryone(index);
    expect(proposal.method).toBe('deferredAcceptance');
    expect(proposal.assignments.map((s) => [s.menteeId, s.mentorId])).toEqual([
      [first.id, history.id],
      [second.id, math.id],
    ]);
    expect(proposal.unmatched).toEqual([]);
  });
});
