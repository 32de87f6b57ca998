// The one draft mechanism of the forms (data/drafts.ts): typed keys, a debounced keeper that
// writes in order and flushes on demand, device-only storage.
import { afterEach, describe, expect, it } from 'vitest';
import { setAppDataContext } from '@/data/context';
import type { AppDatabase } from '@/data/db';
import {
  draftKeeper,
  draftKeys,
  loadDraft,
  observeQuestionnaireDrafts,
  readDraft,
  saveDraft,
} from '@/data/drafts';
import { freshContext } from './context';

const dbs: AppDatabase[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

async function appContext() {
  const ctx = await freshContext();
  dbs.push(ctx.db);
  setAppDataContext(Promise.resolve(ctx));
  return ctx;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('draft keys', () => {
  it('names the form and the row (or the row to be)', () => {
    expect(draftKeys.newMeeting('p1')).toBe('meeting:new:p1');
    expect(draftKeys.meeting('m1')).toBe('meeting:m1');
    expect(draftKeys.questionnaire('p1', 'a1', 't1')).toBe('questionnaire:p1:a1:t1');
  });
});

describe('a draft keeper', () => {
  it('keeps only the latest value, after the delay', async () => {
    const ctx = await appContext();
    const key = draftKeys.newMeeting('p1');
    const keeper = draftKeeper(key, { delayMs: 30 });
    keeper.keep({ notes: 'Н' });
    keeper.keep({ notes: 'На' });
    keeper.keep({ notes: 'Начало' });
    expect(await loadDraft(ctx, key)).toBeNull();
    await sleep(60);
    await keeper.flush();
    expect(await readDraft(ctx, key)).toMatchObject({
      value: { notes: 'Начало' },
      savedAt: expect.any(String),
    });
    expect(await ctx.db.drafts.count()).toBe(1);
    // Never synced: nothing for the server.
    expect(await ctx.db.outbox.count()).toBe(0);
  });

  it('writes a waiting value at once on flush (page hidden, view left)', async () => {
    const ctx = await appContext();
    const key = draftKeys.meeting('m1');
    const keeper = draftKeeper(key, { delayMs: 10_000 });
    keeper.keep({ topic: 'Цели' });
    await keeper.flush();
    expect(await loadDraft(ctx, key)).toEqual({ topic: 'Цели' });
  });

  it('lands writes in the order asked, and a clear after them wins', async () => {
    const ctx = await appContext();
    const key = draftKeys.meeting('m1');
    const keeper = draftKeeper(key, { delayMs: 10_000 });
    keeper.keep({ topic: 'A' });
    void keeper.flush();
    keeper.keep({ topic: 'B' });
    void keeper.flush();
    await keeper.clear();
    expect(await loadDraft(ctx, key)).toBeNull();
    keeper.keep({ topic: 'C' });
    await keeper.flush();
    expect(await loadDraft(ctx, key)).toEqual({ topic: 'C' });
  });

  it('keeps nothing once stopped (the form was saved)', async () => {
    const ctx = await appContext();
    const key = draftKeys.newMeeting('p1');
    const keeper = draftKeeper(key, { delayMs: 10 });
    keeper.keep({ notes: 'До сохранения' });
    keeper.stop();
    await keeper.clear();
    keeper.keep({ notes: 'После' });
    await sleep(30);
    await keeper.flush();
    expect(await ctx.db.drafts.count()).toBe(0);
  });

  it('reports a failed write', async () => {
    const ctx = await appContext();
    const failures: unknown[] = [];
    const keeper = draftKeeper(draftKeys.meeting('m1'), {
      delayMs: 10,
      onError: (e) => failures.push(e),
    });
    ctx.db.close();
    keeper.keep({ topic: 'Цели' });
    await keeper.flush();
    expect(failures).toHaveLength(1);
  });
});

describe('questionnaire drafts of a pair', () => {
  it('lists whose answers to which template the device keeps, and nothing else', async () => {
    const ctx = await appContext();
    await saveDraft(ctx, draftKeys.questionnaire('p1', 'a1', 't1'), { answers: { q1: 5 } });
    await saveDraft(ctx, draftKeys.questionnaire('p2', 'a2', 't1'), { answers: { q1: 3 } });
    await saveDraft(ctx, draftKeys.newMeeting('p1'), { notes: 'Заметка' });
    const drafts = await new Promise<unknown>((resolve, reject) => {
      const sub = observeQuestionnaireDrafts(ctx, 'p1').subscribe({
        next: (value) => {
          queueMicrotask(() => sub.unsubscribe());
          resolve(value);
        },
        error: reject,
      });
    });
    expect(drafts).toEqual([
      { participant_id: 'a1', template_id: 't1', saved_at: expect.any(String) },
    ]);
  });
});
