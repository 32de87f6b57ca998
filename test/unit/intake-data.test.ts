// An intake saved on the device (fake-indexeddb): one row per person and role with its outbox
// entry, patched on the next save, refused whole when invalid, and read by matching (the
// mentor's capacity, her offer, the mentee's chosen mentors).
import { afterEach, describe, expect, it } from 'vitest';
import type { AppDatabase } from '@/data/db';
import { readMatchingFacts } from '@/data/matchingQueries';
import { addParticipant } from '@/data/repos/participants';
import { createPair } from '@/data/repos/pairs';
import { readIntake, saveIntake } from '@/data/repos/intakes';
import { indexMatching, rankMentors, suggestForEveryone } from '@/domain/matching';
import { ValidationError } from '@/domain/validation';
import { freshContext } from './data/context';

const dbs: AppDatabase[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});
async function ctx() {
  const c = await freshContext();
  dbs.push(c.db);
  return c;
}

async function school(c: Awaited<ReturnType<typeof ctx>>) {
  const teacher = (full_name: string) =>
    addParticipant(c, {
      kind: 'teacher',
      full_name,
      is_minor: false,
      is_mentor: true,
      is_mentee: false,
    });
  const student = (full_name: string) =>
    addParticipant(c, {
      kind: 'student',
      full_name,
      class_label: '7А',
      is_minor: true,
      is_mentor: false,
      is_mentee: true,
    });
  return {
    anna: await teacher('Петрова Анна'),
    boris: await teacher('Соколов Борис'),
    kolya: await student('Иванов Коля'),
    dima: await student('Зайцев Дима'),
    olya: await student('Смирнова Оля'),
  };
}

describe('saving an intake', () => {
  it('writes one row with its outbox entry, then patches the same row', async () => {
    const c = await ctx();
    const { anna } = await school(c);
    await c.db.outbox.clear();
    const first = await saveIntake(c, anna.id, {
      role: 'mentor',
      offers: 'Математика, олимпиады',
      capacity: 2,
      forms: ['uchitel_uchenik'],
    });
    expect(first).toMatchObject({
      participant_id: anna.id,
      role: 'mentor',
      capacity: 2,
      school_id: anna.school_id,
    });
    const second = await saveIntake(c, anna.id, {
      role: 'mentor',
      offers: 'Математика, олимпиады',
      capacity: 4,
      forms: ['uchitel_uchenik'],
    });
    expect(second.id).toBe(first.id);
    expect(await c.db.intakes.count()).toBe(1);
    expect((await readIntake(c, anna.id, 'mentor'))!.capacity).toBe(4);
    // The unsent insert carries the later value: one entry for the server.
    const entries = await c.db.outbox.toArray();
    expect(entries.map((e) => [e.table, e.op])).toEqual([['intakes', 'insert']]);
    expect(entries[0]!.fields).toMatchObject({
      capacity: 4,
      role: 'mentor',
      participant_id: anna.id,
    });
  });

  it('refuses an invalid intake whole, writing nothing', async () => {
    const c = await ctx();
    const { anna, kolya } = await school(c);
    await c.db.outbox.clear();
    await expect(saveIntake(c, anna.id, { role: 'mentor', capacity: 31 })).rejects.toBeInstanceOf(
      ValidationError,
    );
    // Nobody chooses herself as her mentor.
    const refusal = saveIntake(c, kolya.id, { role: 'mentee', preferredMentorIds: [kolya.id] });
    await expect(refusal).rejects.toMatchObject({ errors: [{ key: 'chosenSelf' }] });
    expect(await c.db.intakes.count()).toBe(0);
    expect(await c.db.outbox.count()).toBe(0);
  });

  it('keeps a mentor and a mentee intake of one person apart', async () => {
    const c = await ctx();
    const { anna } = await school(c);
    await saveIntake(c, anna.id, { role: 'mentor', capacity: 2 });
    await saveIntake(c, anna.id, { role: 'mentee', request: 'Классное руководство' });
    expect((await readIntake(c, anna.id, 'mentor'))!.capacity).toBe(2);
    expect((await readIntake(c, anna.id, 'mentee'))!.request).toBe('Классное руководство');
  });
});

describe('matching reads the saved intakes', () => {
  it('uses the mentor’s capacity and offer and the mentee’s chosen mentors', async () => {
    const c = await ctx();
    const { anna, boris, kolya, dima, olya } = await school(c);
    await createPair(c, { form: 'uchitel_uchenik', mentorIds: [anna.id], menteeIds: [dima.id] });
    await saveIntake(c, anna.id, { role: 'mentor', capacity: 2, offers: 'Математика, олимпиады' });
    await saveIntake(c, boris.id, { role: 'mentor', capacity: 1, offers: 'История' });
    await saveIntake(c, kolya.id, {
      role: 'mentee',
      request: 'Хочу к олимпиаде по математике',
      preferredMentorIds: [boris.id],
    });
    const index = indexMatching(await readMatchingFacts(c, null));
    const mentors = new Map(index.mentors.map((m) => [m.person.full_name, m]));
    expect(mentors.get('Петрова Анна')).toMatchObject({ capacity: 2, load: 1, left: 1 });
    expect(mentors.get('Соколов Борис')).toMatchObject({ capacity: 1, left: 1 });
    const kolyas = index.mentees.find((m) => m.person.id === kolya.id)!;
    const [top] = rankMentors(index, kolyas);
    const reasons = Object.fromEntries(top!.components.map((c) => [c.name, c.reason]));
    expect(top!.mentorId).toBe(anna.id);
    expect(reasons.request).toEqual({
      key: 'request.matches',
      params: { words: 'математика, олимпиады', n: 2 },
    });
    const forBoris = rankMentors(index, kolyas).find((s) => s.mentorId === boris.id)!;
    expect(forBoris.components.find((x) => x.name === 'preference')!.reason).toEqual({
      key: 'preference.named',
      params: { rank: 1 },
    });
    // Two waiting mentees, one free place each: both placed, nobody above capacity.
    const { assignments, unmatched } = suggestForEveryone(index);
    expect(assignments.map((s) => s.menteeId).sort()).toEqual([kolya.id, olya.id].sort());
    expect(new Set(assignments.map((s) => s.mentorId)).size).toBe(2);
    expect(unmatched).toEqual([]);
  });
});
