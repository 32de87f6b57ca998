// Pushing 1,000 queued changes with the real SyncEngine (fake-indexeddb, supabase-js through
// the PostgREST harness, sync_push in the engine's batches) against one raw multi-row statement
// of the same rows by the superuser into the same table, in two measurements:
// * inserts: 1,000 new meetings vs one multi-row INSERT of the same rows;
// * edits: 1,000 edits of existing meetings (their notes) vs one multi-row UPDATE … FROM
//   (VALUES …) of the same rows.
// Run through bench/push-throughput.mjs. Beside the totals it prints where the engine's time
// goes: inside the harness's request handling (connection, planning, sync_push, commit),
// sync_push alone over one connection, and the harness's per-request connection.
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSyncTransport } from '@/api/syncTransport';
import { openUserDataContext } from '@/data/context';
import { logMeeting, updateMeeting } from '@/data/repos/meetings';
import type { MeetingInput } from '@/domain/meetings';
import type { Meeting } from '@/domain/types';
import { DEFAULT_PUSH_BATCH, SyncEngine } from '@/sync/engine';
import { createTestDb, type TestDb } from '../test/support/db';
import { createTestSupabaseClient } from '../test/support/postgrest';
import { claimsOf, createWorld, type World } from '../test/factories/sync';

const CHANGES = Number(process.env.PUSH_CHANGES ?? 1000);
const RUNS = Number(process.env.PUSH_RUNS ?? 3);
const RATIO_BUDGET = 3;
// The engine's own batch size, so the direct-SQL comparison sends the same batches.
const BATCH = DEFAULT_PUSH_BATCH;
const TODAY = '2026-11-25';
const LABEL =
  process.env.BENCH_DB_LABEL ?? (process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite');

let db: TestDb;
let world: World;

const PROFILE = process.env.PUSH_PROFILE === '1';

beforeAll(async () => {
  db = await createTestDb();
  world = await createWorld(db);
  if (PROFILE) await db.exec('create extension if not exists pg_stat_statements');
});

/** The server's own account of a sync_push (PUSH_PROFILE=1): statements and functions. */
async function printServerProfile(): Promise<void> {
  const { rows: statements } = await db.query<{ ms: number; calls: number; query: string }>(
    `select round(total_exec_time::numeric, 0)::float as ms, calls::int,
            left(regexp_replace(query, '\\s+', ' ', 'g'), 110) as query
       from pg_stat_statements
      where dbid = (select oid from pg_database where datname = current_database())
      order by total_exec_time desc limit 20`,
  );
  console.log('Server statements by total time (nested ones included, so times overlap):');
  for (const s of statements)
    console.log(`  ${fmt(s.ms).padStart(8)} ${String(s.calls).padStart(7)}x  ${s.query}`);
  const { rows: functions } = await db.query<{
    fn: string;
    calls: number;
    total: number;
    self: number;
  }>(
    `select schemaname || '.' || funcname as fn, calls::int, total_time::float as total, self_time::float as self
       from pg_stat_user_functions order by self_time desc limit 15`,
  );
  console.log('Server functions by self time (total / self):');
  for (const f of functions)
    console.log(
      `  ${fmt(f.total).padStart(8)} / ${fmt(f.self).padStart(8)} ${String(f.calls).padStart(7)}x  ${f.fn}`,
    );
}
afterAll(async () => {
  await db?.close();
});

const input = (i: number): MeetingInput => ({
  type: 'regular',
  held_on: '2026-11-20',
  duration_min: 45,
  format: 'in_person',
  topic: `Встреча ${i}`,
  notes:
    'Разобрали задачи ОГЭ по геометрии: подобие треугольников, вписанные углы. ' +
    'Наставляемая сама провела разбор у доски, ошибки в оформлении исправили вместе.',
  agreements: 'К следующей встрече: вариант 12 целиком, выписать вопросы по теме «Окружность».',
});

const COLUMNS = [
  'id',
  'school_id',
  'pair_id',
  'type',
  'held_on',
  'duration_min',
  'format',
  'topic',
  'notes',
  'agreements',
] as const;

/** The same rows, fresh ids, as one multi-row INSERT by the superuser (triggers fire as usual). */
async function rawInsert(meetings: Meeting[]): Promise<number> {
  const params: unknown[] = [];
  const tuples = meetings.map((m) => {
    const row = { ...m, id: randomUUID() };
    const slots = COLUMNS.map((c) => `$${params.push(row[c])}`);
    return `(${slots.join(', ')})`;
  });
  const text = `insert into public.meetings (${COLUMNS.join(', ')}) values ${tuples.join(', ')}`;
  const t = performance.now();
  const { rowCount } = await db.query(text, params);
  const elapsed = performance.now() - t;
  expect(rowCount).toBe(meetings.length);
  return elapsed;
}

/** sync_push alone: the same kind of batches over one connection, as the JWT's user. */
async function directPush(meetings: Meeting[]): Promise<number> {
  const deviceId = randomUUID();
  const mutations = meetings.map((m, i) => {
    const {
      id: _id,
      version: _v,
      created_at: _c,
      updated_at: _u,
      created_by: _b,
      deleted_at: _d,
      ...fields
    } = m;
    return {
      mutation_id: randomUUID(),
      seq: i + 1,
      table: 'meetings',
      row_id: randomUUID(),
      op: 'insert',
      fields,
      base: {},
    };
  });
  const t = performance.now();
  for (let i = 0; i < mutations.length; i += BATCH) {
    await db.asUser(claimsOf(world.users.mentorA), (sql) =>
      sql.query('select public.sync_push($1::uuid, $2::jsonb) as r', [
        deviceId,
        JSON.stringify(mutations.slice(i, i + BATCH)),
      ]),
    );
  }
  return performance.now() - t;
}

async function connectionCost(times: number): Promise<number> {
  const t = performance.now();
  for (let i = 0; i < times; i++) await (await db.connect()).release();
  return performance.now() - t;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;
const fmt = (ms: number) => `${ms.toFixed(0)} ms`;

it(`pushes ${CHANGES} queued changes within ${RATIO_BUDGET}x a raw INSERT`, async () => {
  let handling = 0;
  const started = new Map<unknown, number>();
  const client = await createTestSupabaseClient(db, claimsOf(world.users.mentorA), {
    onRequest: (req) => void started.set(req, performance.now()),
    onResponse: (req) => {
      if (req.target === 'sync_push') handling += performance.now() - (started.get(req) ?? 0);
      started.delete(req);
    },
  });
  const ctx = await openUserDataContext(`bench-${randomUUID()}`, world.schoolA);
  const engine = new SyncEngine(ctx, createSyncTransport(client));
  let pushEnded = 0;
  engine.events.on((e) => {
    if (e.type === 'phase' && e.phase === 'pulling') pushEnded = performance.now();
  });
  await engine.syncOnce();
  expect(await ctx.db.pairs.get(world.pairs.p1)).toBeTruthy();
  if (PROFILE) await db.exec('select pg_stat_statements_reset(), pg_stat_reset()');

  console.log(`${LABEL}: ${CHANGES} meetings, batches of ${BATCH}, ${RUNS} runs`);
  const rows: Record<string, number>[] = [];
  for (let run = 1; run <= RUNS; run++) {
    let t = performance.now();
    const meetings: Meeting[] = [];
    for (let i = 0; i < CHANGES; i++)
      meetings.push(await logMeeting(ctx, world.pairs.p1, input(i), TODAY));
    const queueMs = performance.now() - t;
    expect(await ctx.db.outbox.count()).toBe(CHANGES);

    // Alternate which goes first, so neither always meets a warmer (or busier) server.
    const raw = run % 2 === 1 ? await rawInsert(meetings) : 0;
    handling = 0;
    t = performance.now();
    const round = await engine.syncOnce();
    const roundMs = performance.now() - t;
    const pushMs = pushEnded - t;
    expect(round.pushed).toBe(CHANGES);
    expect(round.rejected + round.conflicts).toBe(0);
    expect(await ctx.db.outbox.count()).toBe(0);
    const rawMs = run % 2 === 1 ? raw : await rawInsert(meetings);
    const handlingMs = handling;
    const sqlMs = await directPush(meetings);
    const connectMs = await connectionCost(CHANGES / BATCH);
    const r = {
      pushMs,
      rawMs,
      ratio: pushMs / rawMs,
      roundMs,
      queueMs,
      handlingMs,
      sqlMs,
      connectMs,
    };
    rows.push(r);
    console.log(
      `run ${run}: engine push ${fmt(pushMs)} | raw INSERT ${fmt(rawMs)} | ratio ${r.ratio.toFixed(1)}x | ` +
        `harness handling ${fmt(handlingMs)} (the same pushes as direct sync_push SQL on one connection: ${fmt(sqlMs)}, ` +
        `${CHANGES / BATCH} connections ${fmt(connectMs)}) | whole round with pull ${fmt(roundMs)} | ` +
        `queueing ${CHANGES} logMeeting ${fmt(queueMs)}`,
    );
  }
  if (PROFILE) await printServerProfile();
  const m = (key: string) => median(rows.map((r) => r[key]!));
  const ratio = m('ratio');
  console.log(
    `Median of ${RUNS} runs (${LABEL}):\n` +
      `  engine push       ${fmt(m('pushMs'))}  (${((CHANGES / m('pushMs')) * 1000).toFixed(0)} changes/s)\n` +
      `  raw INSERT        ${fmt(m('rawMs'))}\n` +
      `  ratio             ${ratio.toFixed(1)}x (budget <= ${RATIO_BUDGET}x)\n` +
      `  where the push goes: harness request handling ${fmt(m('handlingMs'))}, ` +
      `comparable direct sync_push SQL ~${fmt(m('sqlMs'))} and opening ${CHANGES / BATCH} connections ~${fmt(m('connectMs'))}; ` +
      `client side (Dexie on fake-indexeddb, supabase-js, JSON) ~${fmt(m('pushMs') - m('handlingMs'))}`,
  );
  expect(ratio, `engine push is ${ratio.toFixed(1)}x the raw INSERT`).toBeLessThanOrEqual(
    RATIO_BUDGET,
  );
});

// ---------------------------------------------------------------- edits of existing rows

/** The same rows' notes as one multi-row UPDATE … FROM (VALUES …) by the superuser. */
async function rawUpdate(ids: string[], notes: (i: number) => string): Promise<number> {
  const params: unknown[] = [];
  const tuples = ids.map((id, i) => `($${params.push(id)}::uuid, $${params.push(notes(i))}::text)`);
  const text =
    `update public.meetings m set notes = v.notes from (values ${tuples.join(', ')}) ` +
    `as v (id, notes) where m.id = v.id`;
  const t = performance.now();
  const { rowCount } = await db.query(text, params);
  const elapsed = performance.now() - t;
  expect(rowCount).toBe(ids.length);
  return elapsed;
}

/** sync_push alone: patches of the same rows (base = the server's notes) over one connection. */
async function directPatchPush(ids: string[], notes: (i: number) => string): Promise<number> {
  const { rows } = await db.query<{ id: string; notes: string | null }>(
    'select id, notes from public.meetings where id = any($1::uuid[])',
    [ids],
  );
  const current = new Map(rows.map((r) => [r.id, r.notes]));
  const deviceId = randomUUID();
  const mutations = ids.map((id, i) => ({
    mutation_id: randomUUID(),
    seq: i + 1,
    table: 'meetings',
    row_id: id,
    op: 'patch',
    fields: { notes: notes(i) },
    base: { notes: current.get(id) ?? null },
  }));
  const t = performance.now();
  for (let i = 0; i < mutations.length; i += BATCH) {
    const { rows: out } = await db.asUser(claimsOf(world.users.mentorA), (sql) =>
      sql.query<{ r: { results: { status: string }[] } }>(
        'select public.sync_push($1::uuid, $2::jsonb) as r',
        [deviceId, JSON.stringify(mutations.slice(i, i + BATCH))],
      ),
    );
    expect(out[0]!.r.results.filter((r) => r.status !== 'applied')).toEqual([]);
  }
  return performance.now() - t;
}

it(`pushes ${CHANGES} queued edits of existing rows within ${RATIO_BUDGET}x a raw UPDATE`, async () => {
  let handling = 0;
  const started = new Map<unknown, number>();
  const client = await createTestSupabaseClient(db, claimsOf(world.users.mentorA), {
    onRequest: (req) => void started.set(req, performance.now()),
    onResponse: (req) => {
      if (req.target === 'sync_push') handling += performance.now() - (started.get(req) ?? 0);
      started.delete(req);
    },
  });
  const ctx = await openUserDataContext(`bench-edits-${randomUUID()}`, world.schoolA);
  const engine = new SyncEngine(ctx, createSyncTransport(client));
  let pushEnded = 0;
  engine.events.on((e) => {
    if (e.type === 'phase' && e.phase === 'pulling') pushEnded = performance.now();
  });
  await engine.syncOnce();
  // The rows to edit: CHANGES meetings this device logged and pushed (not measured).
  const ids: string[] = [];
  for (let i = 0; i < CHANGES; i++)
    ids.push((await logMeeting(ctx, world.pairs.p1, input(i), TODAY)).id);
  const setup = await engine.syncOnce();
  expect(setup.pushed).toBe(CHANGES);
  expect(await ctx.db.outbox.count()).toBe(0);
  if (PROFILE) await db.exec('select pg_stat_statements_reset(), pg_stat_reset()');

  console.log(`${LABEL}: ${CHANGES} edits of existing meetings, batches of ${BATCH}, ${RUNS} runs`);
  const rows: Record<string, number>[] = [];
  for (let run = 1; run <= RUNS; run++) {
    const rawNotes = (i: number) => `Правка напрямую ${run}.${i}: ${input(i).notes}`;
    // Alternate which goes first; after a raw UPDATE the device pulls the new notes (not
    // measured), so its edits carry the server's values as their base and merge cleanly.
    let raw = 0;
    if (run % 2 === 1) {
      raw = await rawUpdate(ids, rawNotes);
      await engine.syncOnce();
    }
    let t = performance.now();
    for (const [i, id] of ids.entries())
      await updateMeeting(
        ctx,
        id,
        { ...input(i), notes: `Правка ${run}.${i}: ${input(i).notes}` },
        TODAY,
      );
    const queueMs = performance.now() - t;
    expect(await ctx.db.outbox.count()).toBe(CHANGES);

    handling = 0;
    t = performance.now();
    const round = await engine.syncOnce();
    const roundMs = performance.now() - t;
    const pushMs = pushEnded - t;
    expect(round.pushed).toBe(CHANGES);
    expect(round.rejected + round.conflicts).toBe(0);
    expect(await ctx.db.outbox.count()).toBe(0);
    const rawMs = run % 2 === 1 ? raw : await rawUpdate(ids, rawNotes);
    const handlingMs = handling;
    const sqlMs = await directPatchPush(ids, (i) => `Прямой sync_push ${run}.${i}`);
    const connectMs = await connectionCost(CHANGES / BATCH);
    await engine.syncOnce(); // back in step with the server (not measured)
    const r = {
      pushMs,
      rawMs,
      ratio: pushMs / rawMs,
      roundMs,
      queueMs,
      handlingMs,
      sqlMs,
      connectMs,
    };
    rows.push(r);
    console.log(
      `run ${run}: engine push ${fmt(pushMs)} | raw UPDATE ${fmt(rawMs)} | ratio ${r.ratio.toFixed(1)}x | ` +
        `harness handling ${fmt(handlingMs)} (the same patches as direct sync_push SQL on one connection: ${fmt(sqlMs)}, ` +
        `${CHANGES / BATCH} connections ${fmt(connectMs)}) | whole round with pull ${fmt(roundMs)} | ` +
        `queueing ${CHANGES} updateMeeting ${fmt(queueMs)}`,
    );
  }
  if (PROFILE) await printServerProfile();
  const m = (key: string) => median(rows.map((r) => r[key]!));
  const ratio = m('ratio');
  console.log(
    `Median of ${RUNS} runs, edits (${LABEL}):\n` +
      `  engine push       ${fmt(m('pushMs'))}  (${((CHANGES / m('pushMs')) * 1000).toFixed(0)} edits/s)\n` +
      `  raw UPDATE        ${fmt(m('rawMs'))}\n` +
      `  ratio             ${ratio.toFixed(1)}x (budget <= ${RATIO_BUDGET}x)\n` +
      `  direct sync_push  ${fmt(m('sqlMs'))} (${(m('sqlMs') / m('rawMs')).toFixed(1)}x the raw UPDATE)\n` +
      `  where the push goes: harness request handling ${fmt(m('handlingMs'))}, ` +
      `opening ${CHANGES / BATCH} connections ~${fmt(m('connectMs'))}; ` +
      `client side (Dexie on fake-indexeddb, supabase-js, JSON) ~${fmt(m('pushMs') - m('handlingMs'))}`,
  );
  expect(ratio, `engine push of edits is ${ratio.toFixed(1)}x the raw UPDATE`).toBeLessThanOrEqual(
    RATIO_BUDGET,
  );
});
