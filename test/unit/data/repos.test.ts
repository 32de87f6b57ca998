import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DataContext } from '@/data/context';
import type { AppDatabase } from '@/data/db';
import { clearDraft, loadDraft, saveDraft } from '@/data/drafts';
import { requestPersistentStorage, resetPersistenceRequest } from '@/data/persistence';
import { observePairs, type PairSummary } from '@/data/queries';
import {
  confirmMeeting,
  deleteMeeting,
  logMeeting,
  withdrawConfirmation,
} from '@/data/repos/meetings';
import { approvePair } from '@/data/repos/pairs';
import { addParticipant, recordConsent, updateParticipant } from '@/data/repos/participants';
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

describe('participants and consents', () => {
  it('refuses a minor’s own consent and keeps nothing', async () => {
    const c = await ctx();
    const child = await addParticipant(c, {
      kind: 'student',
      full_name: 'Козлов Дима',
      is_minor: true,
      is_mentor: false,
      is_mentee: true,
    });
    const attempt = recordConsent(
      c,
      child.id,
      { given_by: 'self', signed_on: '2026-09-01' },
      today,
    );
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({
      errors: [{ field: 'given_by', key: 'minorConsentByRepresentative' }],
    });
    expect(await c.db.consents.count()).toBe(0);
  });

  it('normalises the name and refuses a person in neither base', async () => {
    const c = await ctx();
    const p = await addParticipant(c, {
      kind: 'teacher',
      full_name: '  Орлова   Ирина  ',
      is_minor: false,
      is_mentor: true,
      is_mentee: false,
    });
    expect(p.full_name).toBe('Орлова Ирина');
    await expect(
      addParticipant(c, {
        kind: 'teacher',
        full_name: 'Никто',
        is_minor: false,
        is_mentor: false,
        is_mentee: false,
      }),
    ).rejects.toMatchObject({ errors: [{ field: 'base', key: 'chooseBase' }] });
  });
});

describe('pair lifecycle', () => {
  it('cannot be approved while a member has no valid consent', async () => {
    const c = await ctx();
    const { pair } = await aPairWithPeople(c, { consents: false });
    await expect(
      approvePair(c, pair.id, { order_number: '12-о', order_date: '2026-09-15' }, today),
    ).rejects.toMatchObject({
      errors: [
        {
          field: 'members',
          key: 'memberWithoutConsent',
          params: { names: 'Петров Сергей Иванович, Смирнова Анна' },
        },
      ],
    });
    expect((await c.db.pairs.get(pair.id))?.status).toBe('draft');
  });

  it('is approved by order, and the first meeting starts its work', async () => {
    const c = await ctx();
    const { pair } = await aPairWithPeople(c);
    await approvePair(c, pair.id, { order_number: '12-о', order_date: '2026-09-15' }, today);
    expect(await c.db.pairs.get(pair.id)).toMatchObject({
      status: 'approved',
      order_number: '12-о',
    });

    await logMeeting(
      c,
      pair.id,
      { type: 'organisational', held_on: '2026-09-20', duration_min: 45, format: 'in_person' },
      today,
    );
    expect(await c.db.pairs.get(pair.id)).toMatchObject({
      status: 'active',
      started_on: '2026-09-20',
    });
  });
});

describe('the staff’s request about a person', () => {
  const student = {
    kind: 'student',
    full_name: 'Козлов Дима',
    is_minor: true,
    is_mentor: false,
    is_mentee: true,
  } as const;

  it('lives in participant_sensitive, created with the first request, then patched', async () => {
    const c = await ctx();
    const dima = await addParticipant(c, student);
    expect(await c.db.participant_sensitive.count()).toBe(0);
    await updateParticipant(c, dima.id, { ...student, request: ' Пассивность на уроках ' });
    const [row] = await c.db.participant_sensitive.toArray();
    expect(row).toMatchObject({
      school_id: c.schoolId,
      participant_id: dima.id,
      categories: [],
      note: null,
      request: 'Пассивность на уроках',
    });
    expect(await c.db.participants.get(dima.id)).not.toHaveProperty('requests');

    await c.db.outbox.clear();
    await updateParticipant(c, dima.id, { ...student, request: 'Пропуски' });
    expect((await c.db.outbox.toArray()).map((e) => [e.table, e.op, e.fields])).toEqual([
      ['participant_sensitive', 'patch', { request: 'Пропуски' }],
    ]);
  });

  it('is left alone when the form did not offer it (a mentor editing a card)', async () => {
    const c = await ctx();
    const dima = await addParticipant(c, { ...student, request: 'Пропуски' });
    await c.db.outbox.clear();
    await updateParticipant(c, dima.id, { ...student, full_name: 'Козлов Дмитрий' });
    expect((await c.db.participant_sensitive.toArray())[0]?.request).toBe('Пропуски');
    expect((await c.db.outbox.toArray()).map((e) => e.table)).toEqual(['participants']);
  });

  it('is refused over 10,000 characters, with nothing written', async () => {
    const c = await ctx();
    const dima = await addParticipant(c, student);
    await c.db.outbox.clear();
    await expect(
      updateParticipant(c, dima.id, { ...student, request: 'з'.repeat(10_001) }),
    ).rejects.toMatchObject({
      errors: [{ field: 'request', key: 'tooLong', params: { max: 10_000 } }],
    });
    expect(await c.db.outbox.count()).toBe(0);
  });
});

describe('mentee confirmation', () => {
  async function aMeeting(c: DataContext) {
    const people = await aPairWithPeople(c);
    const meeting = await logMeeting(
      c,
      people.pair.id,
      { type: 'organisational', held_on: '2026-11-20', duration_min: 45, format: 'online' },
      today,
    );
    await c.db.outbox.clear(); // the meeting reached the server
    return { ...people, meeting };
  }

  it('records her confirmation and reflection in a row of her own, not on the meeting', async () => {
    const c = await ctx();
    const { pair, mentee, meeting } = await aMeeting(c);
    const row = await confirmMeeting(c, meeting.id, mentee.id, '  Было полезно  ');
    expect(row).toMatchObject({
      school_id: c.schoolId,
      pair_id: pair.id,
      meeting_id: meeting.id,
      participant_id: mentee.id,
      confirmed_at: expect.any(String),
      reflection: 'Было полезно',
    });
    const [entry] = await c.db.outbox.toArray();
    expect(entry).toMatchObject({ table: 'meeting_confirmations', op: 'insert', row_id: row.id });
    expect(Object.keys(entry!.fields).sort()).toEqual(
      ['confirmed_at', 'meeting_id', 'pair_id', 'participant_id', 'reflection', 'school_id'].sort(),
    );
    expect(await c.db.meetings.get(meeting.id)).not.toHaveProperty('mentee_reflection');
  });

  it('keeps one confirmation per mentee: confirming again changes the reflection only', async () => {
    const c = await ctx();
    const { mentee, meeting } = await aMeeting(c);
    const first = await confirmMeeting(c, meeting.id, mentee.id, null);
    await c.db.outbox.clear();
    const again = await confirmMeeting(c, meeting.id, mentee.id, 'Добавлю мысль');
    expect(again).toMatchObject({ id: first.id, confirmed_at: first.confirmed_at });
    expect(await c.db.meeting_confirmations.count()).toBe(1);
    expect((await c.db.outbox.toArray()).map((e) => [e.op, e.fields])).toEqual([
      ['patch', { reflection: 'Добавлю мысль' }],
    ]);
  });

  it('withdrawing leaves a tombstone without the reflection', async () => {
    const c = await ctx();
    const { mentee, meeting } = await aMeeting(c);
    const row = await confirmMeeting(c, meeting.id, mentee.id, 'Личное');
    await c.db.outbox.clear();
    await withdrawConfirmation(c, meeting.id, mentee.id);
    const tombstone = await c.db.meeting_confirmations.get(row.id);
    expect(tombstone).toMatchObject({ deleted_at: expect.any(String), participant_id: mentee.id });
    expect(tombstone).not.toHaveProperty('reflection');
    expect(await c.db.outbox.toArray()).toMatchObject([{ op: 'delete', row_id: row.id }]);
  });

  it('refuses a reflection over 2,000 characters', async () => {
    const c = await ctx();
    const { mentee, meeting } = await aMeeting(c);
    await expect(confirmMeeting(c, meeting.id, mentee.id, 'я'.repeat(2001))).rejects.toMatchObject({
      errors: [{ field: 'reflection', key: 'tooLong', params: { max: 2000 } }],
    });
    expect(await c.db.meeting_confirmations.count()).toBe(0);
  });
});

describe('deleting a meeting', () => {
  it('erases its text and the private note’s on the device, with a delete entry each', async () => {
    const c = await ctx();
    const { pair } = await aPairWithPeople(c);
    const meeting = await logMeeting(
      c,
      pair.id,
      {
        type: 'regular',
        held_on: '2026-11-20',
        duration_min: 45,
        format: 'online',
        notes: 'Обсудили трудности дома',
        private_note: 'Семья в трудной ситуации',
      },
      today,
    );
    await c.db.outbox.clear(); // both reached the server
    await deleteMeeting(c, meeting.id);
    expect(await c.db.meetings.get(meeting.id)).toEqual({
      id: meeting.id,
      school_id: c.schoolId,
      pair_id: pair.id,
      version: 0,
      deleted_at: expect.any(String),
    });
    const [note] = await c.db.meeting_private_notes.toArray();
    expect(note).not.toHaveProperty('body');
    expect(note).toMatchObject({ meeting_id: meeting.id, deleted_at: expect.any(String) });
    expect((await c.db.outbox.toArray()).map((e) => [e.table, e.op])).toEqual([
      ['meeting_private_notes', 'delete'],
      ['meetings', 'delete'],
    ]);
  });
});

describe('drafts', () => {
  it('survive until cleared', async () => {
    const c = await ctx();
    await saveDraft(c, 'meeting:new:p1', { notes: 'Начало заметки' });
    expect(await loadDraft(c, 'meeting:new:p1')).toEqual({ notes: 'Начало заметки' });
    await clearDraft(c, 'meeting:new:p1');
    expect(await loadDraft(c, 'meeting:new:p1')).toBeNull();
  });
});

describe('reactive reads', () => {
  it('observePairs re-emits when a meeting is logged', async () => {
    const c = await ctx();
    const { pair } = await aPairWithPeople(c);
    const seen: PairSummary[][] = [];
    const subscription = observePairs(c).subscribe({ next: (v) => seen.push(v) });
    await vi.waitFor(() => expect(seen.length).toBeGreaterThan(0));
    expect(seen.at(-1)?.[0]).toMatchObject({
      mentors: [{ full_name: 'Петров Сергей Иванович' }],
      mentees: [{ full_name: 'Смирнова Анна' }],
      meetings: [],
    });
    await logMeeting(
      c,
      pair.id,
      { type: 'organisational', held_on: '2026-11-20', duration_min: 45, format: 'online' },
      today,
    );
    await vi.waitFor(() => expect(seen.at(-1)?.[0]?.meetings).toHaveLength(1));
    subscription.unsubscribe();
  });
});

describe('persistent storage', () => {
  it('is requested once, on the first write', async () => {
    resetPersistenceRequest();
    const storage = { persisted: vi.fn(async () => false), persist: vi.fn(async () => true) };
    await expect(requestPersistentStorage(storage)).resolves.toBe(true);
    await expect(requestPersistentStorage(storage)).resolves.toBe(true);
    expect(storage.persist).toHaveBeenCalledTimes(1);
    resetPersistenceRequest();
  });
});
