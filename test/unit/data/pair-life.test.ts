import { afterEach, describe, expect, it } from 'vitest';
import type { DataContext } from '@/data/context';
import type { AppDatabase } from '@/data/db';
import { requestMentorChange, resolveMentorChange } from '@/data/repos/mentorChange';
import { addParticipant, recordConsent } from '@/data/repos/participants';
import {
  addMember,
  approvePairs,
  correctOrder,
  createPair,
  deleteDraftPair,
  endPair,
  removeMember,
  replaceMentor,
  updateDraftPair,
} from '@/data/repos/pairs';
import { REPLACEMENT_END_REASON } from '@/domain/pairLife';
import { ValidationError } from '@/domain/validation';
import { aPairWithPeople, freshContext } from './context';

const today = '2026-11-25';
const dbs: AppDatabase[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});
async function ctx() {
  const c = await freshContext();
  dbs.push(c.db);
  return c;
}
const liveMembersOf = async (c: DataContext, pairId: string) =>
  (await c.db.pair_members.where('pair_id').equals(pairId).toArray())
    .filter((m) => m.deleted_at === null)
    .map((m) => `${m.side}:${m.participant_id}`)
    .sort();

async function teacher(c: DataContext, full_name: string, consent = true) {
  const p = await addParticipant(c, {
    kind: 'teacher',
    full_name,
    is_minor: false,
    is_mentor: true,
    is_mentee: false,
  });
  if (consent) await recordConsent(c, p.id, { given_by: 'self', signed_on: '2026-09-01' }, today);
  return p;
}
async function student(c: DataContext, full_name: string, consent = true) {
  const p = await addParticipant(c, {
    kind: 'student',
    full_name,
    class_label: '7А',
    is_minor: true,
    is_mentor: false,
    is_mentee: true,
  });
  if (consent) {
    await recordConsent(
      c,
      p.id,
      { given_by: 'representative', representative_name: 'Родитель', signed_on: '2026-09-01' },
      today,
    );
  }
  return p;
}

describe('sane pairs', () => {
  it('refuses a student as the mentor of a teacher–teacher pair, naming her', async () => {
    const c = await ctx();
    const s = await student(c, 'Ученица Вера');
    const t = await teacher(c, 'Учитель Ольга');
    const attempt = createPair(c, {
      form: 'uchitel_uchitel',
      mentorIds: [s.id],
      menteeIds: [t.id],
    });
    await expect(attempt).rejects.toMatchObject({
      errors: [
        { field: 'mentors', key: 'formKind.uchitel_uchitel', params: { names: 'Ученица Вера' } },
      ],
    });
    expect(await c.db.pairs.count()).toBe(0);
  });

  it('refuses a second live pair of the same people in the same form', async () => {
    const c = await ctx();
    const { mentor, mentee } = await aPairWithPeople(c);
    const attempt = createPair(c, {
      form: 'uchitel_uchenik',
      mentorIds: [mentor.id],
      menteeIds: [mentee.id],
    });
    await expect(attempt).rejects.toMatchObject({ errors: [{ key: 'samePeopleTwice' }] });
  });
});

describe('a draft is edited or deleted', () => {
  it('changes the title and people; the member who left becomes a tombstone', async () => {
    const c = await ctx();
    const { mentor, mentee, pair } = await aPairWithPeople(c);
    const other = await student(c, 'Кузнецов Иван');
    await c.db.outbox.clear();
    await updateDraftPair(c, pair.id, {
      form: 'uchitel_uchenik',
      title: ' Шахматы ',
      mentorIds: [mentor.id],
      menteeIds: [other.id],
    });
    expect(await c.db.pairs.get(pair.id)).toMatchObject({ title: 'Шахматы', is_group: false });
    expect(await liveMembersOf(c, pair.id)).toEqual(
      [`mentor:${mentor.id}`, `mentee:${other.id}`].sort(),
    );
    const removed = (await c.db.pair_members.where('pair_id').equals(pair.id).toArray()).find(
      (m) => m.participant_id === mentee.id,
    );
    expect(removed?.deleted_at ?? 'forgotten').not.toBeNull();
    const ops = (await c.db.outbox.toArray()).map((e) => `${e.table}:${e.op}`);
    expect(ops).toEqual(expect.arrayContaining(['pair_members:insert', 'pairs:patch']));
  });

  it('refuses to edit or delete an approved pair', async () => {
    const c = await ctx();
    const { mentor, mentee, pair } = await aPairWithPeople(c);
    await approvePairs(c, [pair.id], { order_number: '1', order_date: today }, today);
    const edit = updateDraftPair(c, pair.id, {
      form: 'uchitel_uchenik',
      mentorIds: [mentor.id],
      menteeIds: [mentee.id],
    });
    await expect(edit).rejects.toMatchObject({ errors: [{ key: 'notDraft.approved' }] });
    await expect(deleteDraftPair(c, pair.id)).rejects.toBeInstanceOf(ValidationError);
    expect((await c.db.pairs.get(pair.id))?.deleted_at).toBeNull();
  });

  it('deletes a draft with its members', async () => {
    const c = await ctx();
    const { pair } = await aPairWithPeople(c);
    await deleteDraftPair(c, pair.id);
    const stored = await c.db.pairs.get(pair.id);
    expect(stored === undefined || stored.deleted_at !== null).toBe(true);
    expect(await liveMembersOf(c, pair.id)).toEqual([]);
  });
});

describe('approving many drafts under one order', () => {
  it('approves the consenting pairs and names the refused one per pair', async () => {
    const c = await ctx();
    const t1 = await teacher(c, 'Петрова Анна');
    const t2 = await teacher(c, 'Соколов Павел');
    const s1 = await student(c, 'Иванов Коля');
    const s2 = await student(c, 'Смирнова Оля', false);
    const ok = await createPair(c, {
      form: 'uchitel_uchenik',
      mentorIds: [t1.id],
      menteeIds: [s1.id],
    });
    const refused = await createPair(c, {
      form: 'uchitel_uchenik',
      mentorIds: [t2.id],
      menteeIds: [s2.id],
    });
    const outcomes = await approvePairs(
      c,
      [refused.id, ok.id],
      { order_number: ' 45-о ', order_date: '2026-11-20' },
      today,
    );
    expect(outcomes).toEqual([
      { pairId: refused.id, outcome: 'refused', missing: ['Смирнова Оля'] },
      { pairId: ok.id, outcome: 'approved' },
    ]);
    expect(await c.db.pairs.get(ok.id)).toMatchObject({
      status: 'approved',
      order_number: '45-о',
      order_date: '2026-11-20',
    });
    expect((await c.db.pairs.get(refused.id))?.status).toBe('draft');
  });

  it('refuses the whole batch on a bad order, writing nothing', async () => {
    const c = await ctx();
    const { pair } = await aPairWithPeople(c);
    const attempt = approvePairs(c, [pair.id], { order_number: '', order_date: today }, today);
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    expect((await c.db.pairs.get(pair.id))?.status).toBe('draft');
  });
});

describe('an order is corrected', () => {
  it('changes every pair of the order and keeps the previous values, who and when', async () => {
    const c = await ctx();
    const { pair } = await aPairWithPeople(c);
    const t2 = await teacher(c, 'Соколов Павел');
    const s2 = await student(c, 'Иванов Коля');
    const second = await createPair(c, {
      form: 'uchitel_uchenik',
      mentorIds: [t2.id],
      menteeIds: [s2.id],
    });
    await approvePairs(
      c,
      [pair.id, second.id],
      { order_number: '12', order_date: '2026-11-01' },
      today,
    );
    await c.db.outbox.clear();
    const count = await correctOrder(
      c,
      { number: '12', date: '2026-11-01' },
      { order_number: '12-о', order_date: '2026-11-02' },
      'user-1',
      today,
    );
    expect(count).toBe(2);
    for (const id of [pair.id, second.id]) {
      const stored = await c.db.pairs.get(id);
      expect(stored).toMatchObject({ order_number: '12-о', order_date: '2026-11-02' });
      expect(stored?.order_history).toEqual([
        { number: '12', date: '2026-11-01', changed_at: expect.any(String), changed_by: 'user-1' },
      ]);
    }
    // The history is the server's column: the outbox carries only the number and date.
    for (const entry of await c.db.outbox.toArray()) {
      expect(Object.keys(entry.fields).sort()).toEqual(['order_date', 'order_number']);
    }
  });
});

describe('a pair ends', () => {
  it('ends early with a reason and a day', async () => {
    const c = await ctx();
    const { pair } = await aPairWithPeople(c);
    await approvePairs(c, [pair.id], { order_number: '1', order_date: '2026-11-01' }, today);
    await endPair(
      c,
      pair.id,
      { kind: 'ended_early', ended_on: '2026-11-20', reason: ' Переезд ' },
      today,
    );
    expect(await c.db.pairs.get(pair.id)).toMatchObject({
      status: 'ended_early',
      ended_on: '2026-11-20',
      end_reason: 'Переезд',
    });
  });

  it('refuses an early end without a reason or before the order', async () => {
    const c = await ctx();
    const { pair } = await aPairWithPeople(c);
    await approvePairs(c, [pair.id], { order_number: '1', order_date: '2026-11-01' }, today);
    await expect(
      endPair(c, pair.id, { kind: 'ended_early', ended_on: '2026-10-20', reason: '' }, today),
    ).rejects.toMatchObject({
      errors: [
        { field: 'ended_on', key: 'endBeforeStartOn' },
        { field: 'reason', key: 'required' },
      ],
    });
    expect((await c.db.pairs.get(pair.id))?.status).toBe('approved');
  });
});

describe('members of a group', () => {
  it('adds a consenting mentee to a running pair, refuses one without consent', async () => {
    const c = await ctx();
    const { pair, mentee } = await aPairWithPeople(c);
    await approvePairs(c, [pair.id], { order_number: '1', order_date: today }, today);
    const withConsent = await student(c, 'Иванов Коля');
    const without = await student(c, 'Смирнова Оля', false);
    await addMember(c, pair.id, withConsent.id, 'mentee', today);
    expect((await c.db.pairs.get(pair.id))?.is_group).toBe(true);
    await expect(addMember(c, pair.id, without.id, 'mentee', today)).rejects.toMatchObject({
      errors: [{ key: 'memberWithoutConsent', params: { names: 'Смирнова Оля' } }],
    });
    await removeMember(c, pair.id, withConsent.id);
    expect((await c.db.pairs.get(pair.id))?.is_group).toBe(false);
    await expect(removeMember(c, pair.id, mentee.id)).rejects.toMatchObject({
      errors: [{ key: 'lastMentee' }],
    });
  });
});

describe('a new mentor after an accepted request', () => {
  async function accepted(c: DataContext, pairId: string, menteeId: string) {
    const request = await requestMentorChange(c, pairId, menteeId, 'Хочу другого наставника');
    await resolveMentorChange(c, request.id, 'accepted');
    return request;
  }

  it('ends the individual pair early and starts a draft that continues it', async () => {
    const c = await ctx();
    const { pair, mentee } = await aPairWithPeople(c);
    await approvePairs(c, [pair.id], { order_number: '1', order_date: '2026-11-01' }, today);
    const next = await teacher(c, 'Новикова Мария');
    const request = await accepted(c, pair.id, mentee.id);
    const created = await replaceMentor(c, request.id, next.id, today);
    expect(await c.db.pairs.get(pair.id)).toMatchObject({
      status: 'ended_early',
      end_reason: REPLACEMENT_END_REASON,
      ended_on: today,
    });
    expect(created).toMatchObject({
      status: 'draft',
      replaces_pair_id: pair.id,
      form: 'uchitel_uchenik',
    });
    expect(await liveMembersOf(c, created.id)).toEqual(
      [`mentor:${next.id}`, `mentee:${mentee.id}`].sort(),
    );
  });

  it('in a group removes only the requesting mentee, the group runs on', async () => {
    const c = await ctx();
    const { pair, mentor, mentee } = await aPairWithPeople(c);
    const other = await student(c, 'Иванов Коля');
    await addMember(c, pair.id, other.id, 'mentee', today);
    await approvePairs(c, [pair.id], { order_number: '1', order_date: '2026-11-01' }, today);
    const next = await teacher(c, 'Новикова Мария');
    const request = await accepted(c, pair.id, mentee.id);
    await replaceMentor(c, request.id, next.id, today);
    expect((await c.db.pairs.get(pair.id))?.status).toBe('approved');
    expect(await liveMembersOf(c, pair.id)).toEqual(
      [`mentor:${mentor.id}`, `mentee:${other.id}`].sort(),
    );
  });

  it('refuses the old mentor, a misfit, or a request not accepted', async () => {
    const c = await ctx();
    const { pair, mentor, mentee } = await aPairWithPeople(c);
    const request = await requestMentorChange(c, pair.id, mentee.id, 'Причина');
    const next = await teacher(c, 'Новикова Мария');
    await expect(replaceMentor(c, request.id, next.id, today)).rejects.toMatchObject({
      errors: [{ key: 'requestNotAccepted' }],
    });
    await resolveMentorChange(c, request.id, 'accepted');
    await expect(replaceMentor(c, request.id, mentor.id, today)).rejects.toMatchObject({
      errors: [{ key: 'formKind.uchitel_uchenik' }],
    });
    const kid = await student(c, 'Ученик Петя');
    await expect(replaceMentor(c, request.id, kid.id, today)).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect((await c.db.pairs.get(pair.id))?.status).toBe('draft');
  });
});

describe('a new pair’s programme year', () => {
  it('belongs to the school’s programme running today, none when no year runs', async () => {
    const c = await ctx();
    const programme = (id: string, school_id: string, starts_on: string, ends_on: string) => ({
      id,
      school_id,
      academic_year: `${starts_on.slice(0, 4)}/${Number(starts_on.slice(0, 4)) + 1}`,
      title: 'Программа наставничества',
      forms: [],
      current_stage: 1,
      starts_on,
      ends_on,
      version: 1,
      deleted_at: null,
      created_at: '2026-08-01T00:00:00Z',
      updated_at: '2026-08-01T00:00:00Z',
      created_by: null,
    });
    // As the server sends them: last year, this year, and another school's year.
    await c.db
      .table('programmes')
      .bulkPut([
        programme('last', c.schoolId, '2025-09-01', '2026-05-31'),
        programme('this', c.schoolId, '2026-09-01', '2027-05-31'),
        programme('other', 'another-school', '2026-10-01', '2027-06-30'),
      ]);
    const mentor = await teacher(c, 'Петрова Ольга');
    const mentee = await student(c, 'Смирнова Анна');
    const pair = await createPair(
      c,
      { form: 'uchitel_uchenik', mentorIds: [mentor.id], menteeIds: [mentee.id] },
      today,
    );
    expect(pair.programme_id).toBe('this');
    expect((await c.db.pairs.get(pair.id))?.programme_id).toBe('this');

    const summer = await createPair(
      c,
      {
        form: 'uchitel_uchitel',
        mentorIds: [mentor.id],
        menteeIds: [(await teacher(c, 'Ларина Анастасия')).id],
      },
      '2026-07-01',
    );
    expect(summer.programme_id).toBeNull();
  });
});
