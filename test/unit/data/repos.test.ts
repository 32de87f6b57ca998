import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppDatabase } from '@/data/db';
import { clearDraft, loadDraft, saveDraft } from '@/data/drafts';
import { requestPersistentStorage, resetPersistenceRequest } from '@/data/persistence';
import { observePairs, type PairSummary } from '@/data/queries';
import { confirmMeeting, logMeeting } from '@/data/repos/meetings';
import { approvePair } from '@/data/repos/pairs';
import { addParticipant, recordConsent } from '@/data/repos/participants';
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

describe('mentee confirmation', () => {
  it('records that the meeting took place and the reflection', async () => {
    const c = await ctx();
    const { pair } = await aPairWithPeople(c);
    const meeting = await logMeeting(
      c,
      pair.id,
      { type: 'organisational', held_on: '2026-11-20', duration_min: 45, format: 'online' },
      today,
    );
    await confirmMeeting(c, meeting.id, '  Было полезно  ');
    expect(await c.db.meetings.get(meeting.id)).toMatchObject({
      mentee_confirmed_at: expect.any(String),
      mentee_reflection: 'Было полезно',
    });
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
