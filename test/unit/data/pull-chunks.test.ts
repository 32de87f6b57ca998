// applyPullPage applies a page in chunks of rows, one transaction each, with the cursors in
// the last chunk's transaction: a crash or a full disk between chunks keeps the rows already
// applied and the old cursors, and the next pull of the same page converges.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DataContext } from '@/data/context';
import { shadowKey } from '@/data/outbox';
import { isStorageFull } from '@/data/persistence';
import { updateMeeting } from '@/data/repos/meetings';
import { applyPullPage, PULL_CHUNK_ROWS, readCursors, readScopes } from '@/data/syncStore';
import type { PullResponse, SyncScope } from '@/domain/syncProtocol';
import type { Meeting } from '@/domain/types';
import { freshContext } from './context';

const TODAY = '2026-11-25';
const schoolId = crypto.randomUUID();
const pairId = crypto.randomUUID();
const scopes: SyncScope[] = [
  { key: `school:${schoolId}`, kind: 'school', school_id: schoolId, id: schoolId },
];

function serverMeeting(
  version: number,
  id: string = crypto.randomUUID(),
  topic = `Встреча ${version}`,
) {
  const stamp = new Date(Date.UTC(2026, 8, 1) + version * 60_000).toISOString();
  return {
    id,
    school_id: schoolId,
    pair_id: pairId,
    type: 'regular',
    held_on: '2026-11-20',
    duration_min: 45,
    format: 'in_person',
    topic,
    notes: `Записи сервера, версия ${version}`,
    agreements: null,
    version,
    deleted_at: null,
    created_at: stamp,
    updated_at: stamp,
    created_by: null,
  } satisfies Meeting;
}

function pageOf(rows: Meeting[], cursor: number): PullResponse {
  return {
    changes: rows.map((row) => ({ table: 'meetings', row: { ...row } })),
    cursors: { [scopes[0]!.key]: cursor },
    has_more: false,
    scopes,
    resync_required: false,
  };
}

/** Makes the `fail`-th put into `store` (counting from 1) and every later one throw `error`. */
function failPutsFrom(store: string, fail: number, error: () => Error) {
  let puts = 0;
  IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args) {
    if (this.name === store && ++puts >= fail) throw error();
    return originalPut.apply(this, args);
  } as typeof originalPut;
}
const originalPut = IDBObjectStore.prototype.put;

let ctx: DataContext;
/** A meeting pulled at version 1, then edited on the device (a pending patch). */
let edited: Meeting;

beforeEach(async () => {
  ctx = await freshContext();
  edited = serverMeeting(1);
  await applyPullPage(ctx.db, pageOf([edited], 1));
  await updateMeeting(
    ctx,
    edited.id,
    {
      type: 'regular',
      held_on: '2026-11-20',
      duration_min: 45,
      format: 'in_person',
      topic: 'С устройства',
    },
    TODAY,
  );
});

afterEach(() => {
  IDBObjectStore.prototype.put = originalPut;
  ctx.db.close();
});

/** A page over three chunks; the edited row, changed on the server meanwhile, in the second. */
function bigPage() {
  const rows = Array.from({ length: 2 * PULL_CHUNK_ROWS + 50 }, (_, i) => serverMeeting(i + 2));
  const index = PULL_CHUNK_ROWS + 10;
  // Topic and length changed on the server; the device's patch names the topic (and notes).
  rows[index] = { ...serverMeeting(index + 2, edited.id, 'Тема с сервера'), duration_min: 90 };
  return { rows, server: rows[index]!, page: pageOf(rows, rows.length + 1) };
}

async function storedIds(): Promise<Set<string>> {
  return new Set((await ctx.db.meetings.toArray()).map((m) => m.id));
}

describe('applyPullPage in chunks', () => {
  it('keeps the applied chunks and the old cursor after a crash between chunks; the next pull converges', async () => {
    const { rows, server, page } = bigPage();
    const cursorsBefore = await readCursors(ctx.db);
    const outboxBefore = await ctx.db.outbox.toArray();
    // The device dies while the third chunk is written: its transaction never commits.
    failPutsFrom('meetings', 2 * PULL_CHUNK_ROWS + 1, () => new Error('the tab was closed'));

    await expect(applyPullPage(ctx.db, page)).rejects.toThrow('the tab was closed');

    const stored = await storedIds();
    for (const row of rows.slice(0, 2 * PULL_CHUNK_ROWS)) expect(stored.has(row.id)).toBe(true);
    for (const row of rows.slice(2 * PULL_CHUNK_ROWS)) expect(stored.has(row.id)).toBe(false);
    expect(await readCursors(ctx.db)).toEqual(cursorsBefore);
    // The edited row of the second chunk is the server's new version under the local edit.
    const mid = await ctx.db.meetings.get(edited.id);
    expect(mid).toMatchObject({
      topic: 'С устройства',
      duration_min: 90,
      version: server.version,
    });
    expect((await ctx.db.meta.get(shadowKey('meetings', edited.id)))?.value).toEqual(server);

    IDBObjectStore.prototype.put = originalPut;
    const applied = await applyPullPage(ctx.db, page);

    expect(applied).toBe(rows.length);
    expect((await storedIds()).size).toBe(rows.length);
    expect(await readCursors(ctx.db)).toEqual(page.cursors);
    expect(await readScopes(ctx.db)).toEqual(scopes);
    expect(await ctx.db.meetings.get(edited.id)).toMatchObject({
      topic: 'С устройства',
      duration_min: 90,
      version: server.version,
    });
    expect((await ctx.db.meta.get(shadowKey('meetings', edited.id)))?.value).toEqual(server);
    // The local edit is still queued, unchanged, exactly once.
    expect(await ctx.db.outbox.toArray()).toEqual(outboxBefore);
  });

  it('keeps no cursor when the disk fills up in a later chunk, and resumes once there is space', async () => {
    const { rows, page } = bigPage();
    const cursorsBefore = await readCursors(ctx.db);
    failPutsFrom(
      'meetings',
      PULL_CHUNK_ROWS + 5,
      () => new DOMException('The quota has been exceeded.', 'QuotaExceededError'),
    );

    const error = await applyPullPage(ctx.db, page).then(
      () => null,
      (e: unknown) => e,
    );

    expect(isStorageFull(error)).toBe(true);
    const stored = await storedIds();
    for (const row of rows.slice(0, PULL_CHUNK_ROWS)) expect(stored.has(row.id)).toBe(true);
    for (const row of rows.slice(PULL_CHUNK_ROWS)) {
      if (row.id !== edited.id) expect(stored.has(row.id)).toBe(false);
    }
    expect(await readCursors(ctx.db)).toEqual(cursorsBefore);
    // The edited row (second chunk) still shows the local edit over the old server version.
    expect(await ctx.db.meetings.get(edited.id)).toMatchObject({
      topic: 'С устройства',
      version: 1,
    });

    IDBObjectStore.prototype.put = originalPut;
    await applyPullPage(ctx.db, page);
    expect((await storedIds()).size).toBe(rows.length);
    expect(await readCursors(ctx.db)).toEqual(page.cursors);
  });

  it('applies a page with no rows as one transaction that moves the cursor', async () => {
    const page = pageOf([], 7);
    expect(await applyPullPage(ctx.db, page)).toBe(0);
    expect(await readCursors(ctx.db)).toEqual(page.cursors);
  });
});
