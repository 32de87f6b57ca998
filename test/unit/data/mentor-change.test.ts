import { afterEach, describe, expect, it } from 'vitest';
import type { DataContext } from '@/data/context';
import type { AppDatabase } from '@/data/db';
import {
  observeMentorChangeRequests,
  requestMentorChange,
  resolveMentorChange,
} from '@/data/repos/mentorChange';
import type { MentorChangeRequest } from '@/domain/mentorChange';
import { ValidationError } from '@/domain/validation';
import { aPairWithPeople, freshContext } from './context';

const dbs: AppDatabase[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});
async function ctx() {
  const c = await freshContext();
  dbs.push(c.db);
  return c;
}
const requestsOf = (c: DataContext) =>
  c.db.table<MentorChangeRequest, string>('mentor_change_requests').toArray();

describe('a mentee asks for another mentor', () => {
  it('stores the request with its outbox entry, in the pair’s school', async () => {
    const c = await ctx();
    const { pair, mentee } = await aPairWithPeople(c);
    await c.db.outbox.clear();
    const request = await requestMentorChange(c, pair.id, mentee.id, '  Мы не находим общий язык ');
    expect(request).toMatchObject({
      pair_id: pair.id,
      requested_by: mentee.id,
      school_id: pair.school_id,
      reason: 'Мы не находим общий язык',
      status: 'open',
      resolution_note: null,
      resolved_at: null,
    });
    expect(await requestsOf(c)).toEqual([request]);
    const [entry] = await c.db.outbox.toArray();
    expect(entry).toMatchObject({
      table: 'mentor_change_requests',
      row_id: request.id,
      op: 'insert',
      fields: { pair_id: pair.id, requested_by: mentee.id, status: 'open' },
    });
  });

  it('refuses a blank reason and writes nothing', async () => {
    const c = await ctx();
    const { pair, mentee } = await aPairWithPeople(c);
    const attempt = requestMentorChange(c, pair.id, mentee.id, '   ');
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({ errors: [{ field: 'reason', key: 'required' }] });
    expect(await requestsOf(c)).toEqual([]);
  });

  it('does not let the mentor file it as if a mentee', async () => {
    const c = await ctx();
    const { pair, mentor } = await aPairWithPeople(c);
    await expect(requestMentorChange(c, pair.id, mentor.id, 'Хочу другого')).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(await requestsOf(c)).toEqual([]);
  });

  it('keeps one open request: asking again returns the first', async () => {
    const c = await ctx();
    const { pair, mentee } = await aPairWithPeople(c);
    const first = await requestMentorChange(c, pair.id, mentee.id, 'Первая причина');
    const again = await requestMentorChange(c, pair.id, mentee.id, 'Вторая причина');
    expect(again.id).toBe(first.id);
    expect((await requestsOf(c)).map((r) => r.reason)).toEqual(['Первая причина']);
  });
});

describe('the curator resolves a request', () => {
  it('records the decision, the note and when, for the server to merge', async () => {
    const c = await ctx();
    const { pair, mentee } = await aPairWithPeople(c);
    const request = await requestMentorChange(c, pair.id, mentee.id, 'Разные интересы');
    await c.db.outbox.clear();
    await resolveMentorChange(c, request.id, 'accepted', ' Подберём к декабрю ');
    const [stored] = await requestsOf(c);
    expect(stored).toMatchObject({
      status: 'accepted',
      resolution_note: 'Подберём к декабрю',
      resolved_at: expect.any(String),
    });
    const [entry] = await c.db.outbox.toArray();
    expect(entry).toMatchObject({
      op: 'patch',
      row_id: request.id,
      fields: { status: 'accepted', resolution_note: 'Подберём к декабрю' },
      base: { status: 'open', resolution_note: null, resolved_at: null },
    });
  });

  it('cannot reopen a request', async () => {
    const c = await ctx();
    const { pair, mentee } = await aPairWithPeople(c);
    const request = await requestMentorChange(c, pair.id, mentee.id, 'Разные интересы');
    await expect(resolveMentorChange(c, request.id, 'open' as never, null)).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect((await requestsOf(c))[0]?.status).toBe('open');
  });
});

describe('the pair’s requests, live', () => {
  it('update when a request is made and when it is resolved', async () => {
    const c = await ctx();
    const { pair, mentee } = await aPairWithPeople(c);
    const seen: MentorChangeRequest[][] = [];
    const subscription = observeMentorChangeRequests(c, pair.id).subscribe({
      next: (rows) => seen.push(rows),
    });
    try {
      await expect.poll(() => seen.length).toBeGreaterThan(0);
      expect(seen.at(-1)).toEqual([]);
      const request = await requestMentorChange(c, pair.id, mentee.id, 'Причина');
      await expect.poll(() => seen.at(-1)?.map((r) => r.status)).toEqual(['open']);
      await resolveMentorChange(c, request.id, 'declined');
      await expect.poll(() => seen.at(-1)?.map((r) => r.status)).toEqual(['declined']);
    } finally {
      subscription.unsubscribe();
    }
  });
});
