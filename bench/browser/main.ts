// The bench page: runs the app's real data layer (Dexie schema, logMeeting, applyPullPage)
// in Chromium and exposes the measurements on window.bench for the Node drivers in bench/.
// Times are taken with performance.now() around awaited calls, so they include the
// IndexedDB commit (Dexie resolves a transaction only after the browser's `complete`).
import Dexie from 'dexie';
import { openDataContext, type DataContext } from '@/data/context';
import { logMeeting } from '@/data/repos/meetings';
import { applyPullPage } from '@/data/syncStore';
import type { MeetingInput } from '@/domain/meetings';
import type { PullResponse, SyncScope } from '@/domain/syncProtocol';
import type { Meeting, Pair, Participant } from '@/domain/types';
import type { PullWorkerReply, PullWorkerRequest } from './pullWorker';

const TODAY = '2026-11-25';
const SAVE_DB = 'nastavnik-bench-save';
const RAW_DB = 'nastavnik-bench-raw';
const PULL_DB = 'nastavnik-bench-pull';

const NOTES =
  'Разобрали задачи ОГЭ по геометрии: подобие треугольников, вписанные углы. ' +
  'Наставляемая сама провела разбор у доски, ошибки в оформлении исправили вместе.';
const AGREEMENTS =
  'К следующей встрече: вариант 12 целиком, выписать вопросы по теме «Окружность».';

const uuid = () => crypto.randomUUID();

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    // `blocked` only says a connection is still closing; the delete proceeds after it.
    request.onblocked = () => console.warn(`deleting ${name} waits for a connection to close`);
  });
}

/** A meeting as the server sends it (to_jsonb of public.meetings): every column, server stamps. */
function serverMeeting(schoolId: string, pairId: string, version: number): Meeting {
  const stamp = new Date(Date.UTC(2026, 8, 1) + version * 60_000).toISOString();
  return {
    id: uuid(),
    school_id: schoolId,
    pair_id: pairId,
    type: 'regular',
    held_on: stamp.slice(0, 10),
    duration_min: 45,
    format: 'in_person',
    topic: 'Подготовка к ОГЭ',
    notes: NOTES,
    agreements: AGREEMENTS,
    version,
    deleted_at: null,
    created_at: stamp,
    updated_at: stamp,
    created_by: uuid(),
  };
}

function serverParticipant(schoolId: string, version: number): Participant {
  const stamp = new Date(Date.UTC(2026, 8, 1) + version * 60_000).toISOString();
  const isStudent = version % 2 === 0;
  return {
    id: uuid(),
    school_id: schoolId,
    kind: isStudent ? 'student' : 'teacher',
    full_name: isStudent ? 'Тимофеева Алиса Игоревна' : 'Кравцова Татьяна Николаевна',
    class_label: isStudent ? '9Б' : null,
    birth_year: isStudent ? 2011 : 1981,
    is_minor: isStudent,
    subject: isStudent ? null : 'Математика',
    teaching_experience_years: isStudent ? null : 18,
    workplace: null,
    position: isStudent ? null : 'Учитель математики',
    interests: 'Шахматы, робототехника',
    phone: null,
    email: isStudent ? null : 'kravtsova@school.example',
    is_mentor: !isStudent,
    is_mentee: isStudent,
    user_id: isStudent ? null : uuid(),
    version,
    deleted_at: null,
    created_at: stamp,
    updated_at: stamp,
    created_by: uuid(),
  };
}

function activePair(schoolId: string): Pair {
  const now = new Date().toISOString();
  return {
    id: uuid(),
    school_id: schoolId,
    version: 1,
    deleted_at: null,
    created_at: now,
    updated_at: now,
    created_by: null,
    programme_id: null,
    is_group: false,
    form: 'uchitel_uchitel',
    role_model: null,
    title: null,
    status: 'active',
    order_number: '12-о',
    order_date: '2026-09-01',
    started_on: '2026-09-05',
    ended_on: null,
    end_reason: null,
  };
}

const meetingInput = (i: number): MeetingInput => ({
  type: 'regular',
  held_on: '2026-11-20',
  duration_min: 45,
  format: 'in_person',
  topic: `Встреча ${i}`,
  notes: NOTES,
  agreements: AGREEMENTS,
});

// ------------------------------------------------------------------------ save latency
let saveCtx: DataContext | null = null;
let savePairId = '';
let rawDb: IDBDatabase | null = null;

function openRaw(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(RAW_DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore('meetings', { keyPath: 'id' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** One raw IndexedDB put in its own read-write transaction, resolved on `complete`. */
function rawPut(db: IDBDatabase, value: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction('meetings', 'readwrite');
    tx.objectStore('meetings').put(value);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

/** Fresh databases; `meetings` meetings of one active pair, bulk-added straight into the table. */
async function setupSave(meetings: number, chunk = 5000) {
  saveCtx?.db.close();
  rawDb?.close();
  await deleteDatabase(SAVE_DB);
  await deleteDatabase(RAW_DB);
  const schoolId = uuid();
  saveCtx = await openDataContext(SAVE_DB, schoolId);
  const pair = activePair(schoolId);
  savePairId = pair.id;
  await saveCtx.db.pairs.add(pair);
  const started = performance.now();
  for (let done = 0; done < meetings; done += chunk) {
    const rows = Array.from({ length: Math.min(chunk, meetings - done) }, (_, i) =>
      serverMeeting(schoolId, pair.id, done + i + 1),
    );
    await saveCtx.db.meetings.bulkAdd(rows);
  }
  rawDb = await openRaw();
  return { meetings: await saveCtx.db.meetings.count(), seedMs: performance.now() - started };
}

/**
 * `count` logMeeting saves and `count` raw puts, alternated so that both see the same
 * machine load; the first `warmup` of each are not recorded.
 */
async function runSaves(count: number, warmup: number) {
  if (!saveCtx || !rawDb) throw new Error('setupSave first');
  const save: number[] = [];
  const raw: number[] = [];
  for (let i = 0; i < warmup + count; i++) {
    const t0 = performance.now();
    await logMeeting(saveCtx, savePairId, meetingInput(i), TODAY);
    const t1 = performance.now();
    await rawPut(rawDb, serverMeeting(saveCtx.schoolId, savePairId, i));
    const t2 = performance.now();
    if (i >= warmup) {
      save.push(t1 - t0);
      raw.push(t2 - t1);
    }
  }
  return {
    save,
    raw,
    meetings: await saveCtx.db.meetings.count(),
    outbox: await saveCtx.db.outbox.count(),
  };
}

/** Runs `issue` in one native read-write transaction; resolves on `complete`. */
function nativeTx(
  idb: IDBDatabase,
  stores: string[],
  issue: (tx: IDBTransaction) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = idb.transaction(stores, 'readwrite');
    issue(tx);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

/**
 * Where a save's time goes: logMeeting's steps, alone and in variants, on the same database.
 * Each variant runs `count` times, interleaved with the others so all see the same load.
 */
async function runSaveBreakdown(count: number) {
  if (!saveCtx) throw new Error('setupSave first');
  const { db, schoolId } = saveCtx;
  const idb = db.backendDB();
  const stores = ['meetings', 'meeting_private_notes', 'pairs', 'outbox'];
  const dexieStores = [db.meetings, db.meeting_private_notes, db.pairs, db.outbox];
  const outboxEntry = (m: Meeting) => ({
    mutation_id: uuid(),
    table: 'meetings' as const,
    row_id: m.id,
    op: 'insert' as const,
    fields: { ...m },
    base: {},
    created_at: new Date().toISOString(),
  });
  const meeting = () => serverMeeting(schoolId, savePairId, 0);
  // A second connection to the same database without Dexie 4's query cache ('cloned' by default).
  const lean = new Dexie(SAVE_DB, { cache: 'disabled' });
  await lean.open();
  const [leanMeetings, leanPairs, leanOutbox] = ['meetings', 'pairs', 'outbox'].map((n) =>
    lean.table(n),
  ) as [Dexie.Table, Dexie.Table, Dexie.Table];
  const variants: Record<string, () => Promise<unknown>> = {
    'empty Dexie rw transaction over the 4 stores': () =>
      db.transaction('rw', dexieStores, () => Promise.resolve()),
    'empty native rw transaction over the 4 stores': () => nativeTx(idb, stores, () => {}),
    'native: one put into the 50k meetings store': () =>
      nativeTx(idb, ['meetings'], (tx) => tx.objectStore('meetings').put(meeting())),
    "Dexie: logMeeting's 4 requests, one after another": () => {
      const m = meeting();
      return db.transaction('rw', dexieStores, async () => {
        await db.pairs.get(savePairId);
        await db.meetings.add(m);
        await db.meeting_private_notes.where('meeting_id').equals(m.id).toArray();
        await db.outbox.add(outboxEntry(m));
      });
    },
    'native: the same 4 requests, one after another': () => {
      const m = meeting();
      return nativeTx(idb, stores, (tx) => {
        tx.objectStore('pairs').get(savePairId).onsuccess = () => {
          tx.objectStore('meetings').add(m).onsuccess = () => {
            tx
              .objectStore('meeting_private_notes')
              .index('meeting_id')
              .getAll(IDBKeyRange.only(m.id)).onsuccess = () =>
              tx.objectStore('outbox').add(outboxEntry(m));
          };
        };
      });
    },
    'native: pair get + meeting add + outbox add, issued at once': () => {
      const m = meeting();
      return nativeTx(idb, ['meetings', 'pairs', 'outbox'], (tx) => {
        tx.objectStore('pairs').get(savePairId);
        tx.objectStore('meetings').add(m);
        tx.objectStore('outbox').add(outboxEntry(m));
      });
    },
    'Dexie: pair get + meeting add + outbox add, Promise.all': () => {
      const m = meeting();
      return db.transaction('rw', [db.meetings, db.pairs, db.outbox], () =>
        Promise.all([db.pairs.get(savePairId), db.meetings.add(m), db.outbox.add(outboxEntry(m))]),
      );
    },
    "Dexie cache: 'disabled': the same 3 requests, Promise.all": () => {
      const m = meeting();
      return lean.transaction('rw', [leanMeetings, leanPairs, leanOutbox], () =>
        Promise.all([
          leanPairs.get(savePairId),
          leanMeetings.add(m),
          leanOutbox.add(outboxEntry(m)),
        ]),
      );
    },
  };
  const times: Record<string, number[]> = Object.fromEntries(
    Object.keys(variants).map((name) => [name, []]),
  );
  for (let i = 0; i < count; i++) {
    for (const [name, run] of Object.entries(variants)) {
      const t = performance.now();
      await run();
      times[name]!.push(performance.now() - t);
    }
  }
  lean.close();
  return times;
}

// ------------------------------------------------------------------------ pull throughput
/** A typed row as the wire's untyped one (interfaces carry no index signature). */
const asRow = (row: Meeting | Participant) =>
  row as unknown as PullResponse['changes'][number]['row'];

/** The pages an initial pull of one school returns: meetings and participants, version order. */
function pullPages(rows: number, pageSize: number, participantShare: number): PullResponse[] {
  const schoolId = uuid();
  const pairIds = Array.from({ length: 50 }, uuid);
  const scopes: SyncScope[] = [
    { key: `school:${schoolId}`, kind: 'school', school_id: schoolId, id: schoolId },
    { key: `member:${schoolId}`, kind: 'member', school_id: schoolId, id: schoolId },
    { key: 'global', kind: 'global', school_id: null, id: null },
  ];
  const pages: PullResponse[] = [];
  const every = Math.round(1 / participantShare);
  for (let start = 0; start < rows; start += pageSize) {
    const changes: PullResponse['changes'] = [];
    for (let v = start + 1; v <= Math.min(start + pageSize, rows); v++) {
      changes.push(
        v % every === 0
          ? { table: 'participants', row: asRow(serverParticipant(schoolId, v)) }
          : {
              table: 'meetings',
              row: asRow(serverMeeting(schoolId, pairIds[v % pairIds.length]!, v)),
            },
      );
    }
    const last = Math.min(start + pageSize, rows);
    pages.push({
      changes,
      cursors: Object.fromEntries(scopes.map((s) => [s.key, last])),
      has_more: last < rows,
      scopes,
      resync_required: false,
    });
  }
  return pages;
}

let pullCtx: DataContext | null = null;
let pullTexts: string[] = [];

/**
 * A fresh database and the pages an initial pull receives, as the JSON text supabase-js gets;
 * apart from runPull so that a trace of runPull holds only the pull's own tasks.
 */
async function preparePull(rows: number, pageSize: number) {
  pullCtx?.db.close();
  await deleteDatabase(PULL_DB);
  pullCtx = await openDataContext(PULL_DB, uuid());
  pullTexts = pullPages(rows, pageSize, 0.1).map((page) => JSON.stringify(page));
  return { pageBytes: pullTexts[0]?.length ?? 0 };
}

/**
 * The pull itself, page after page as the engine does it: `parseMs` is JSON.parse of a page,
 * `applyMs` the real applyPullPage (wall time, its yields to the event loop included).
 */
async function runPull() {
  if (!pullCtx) throw new Error('preparePull first');
  const applyMs: number[] = [];
  const parseMs: number[] = [];
  let applied = 0;
  for (const text of pullTexts) {
    let t = performance.now();
    const page = JSON.parse(text) as PullResponse;
    parseMs.push(performance.now() - t);
    t = performance.now();
    applied += await applyPullPage(pullCtx.db, page);
    applyMs.push(performance.now() - t);
  }
  return { applied, applyMs, parseMs };
}

/** One request to the pull worker, answered in order. */
function askWorker(worker: Worker, request: PullWorkerRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<PullWorkerReply>) => {
      const reply = event.data;
      if (reply.ok) resolve(reply.applied);
      else reject(new Error(reply.message));
    };
    worker.postMessage(request);
  });
}

/**
 * The same pull with applyPullPage running in a Web Worker (bench/browser/pullWorker.ts):
 * the main thread only posts each page's JSON text. `applyMs` is the wall time per page.
 */
async function runPullInWorker() {
  if (!pullCtx) throw new Error('preparePull first');
  const worker = new Worker(new URL('./pullWorker.ts', import.meta.url), { type: 'module' });
  try {
    await askWorker(worker, { type: 'open', name: PULL_DB });
    const applyMs: number[] = [];
    let applied = 0;
    for (const text of pullTexts) {
      const t = performance.now();
      applied += await askWorker(worker, { type: 'page', text });
      applyMs.push(performance.now() - t);
    }
    await askWorker(worker, { type: 'close' });
    return { applied, applyMs, parseMs: [] as number[] };
  } finally {
    worker.terminate();
  }
}

/** Rows stored by the last pull; closes and deletes its database. */
async function finishPull() {
  if (!pullCtx) throw new Error('preparePull first');
  const { db } = pullCtx;
  const stored = (await db.meetings.count()) + (await db.participants.count());
  db.close();
  pullCtx = null;
  pullTexts = [];
  await deleteDatabase(PULL_DB);
  return { stored };
}

/**
 * Where a pull page's time goes: the same pages written three ways into fresh databases of
 * the app's schema: the real applyPullPage, Dexie bulkPut per table in one transaction
 * (nothing else), and native IndexedDB puts in one transaction. Milliseconds per repetition.
 */
async function runPullBreakdown(rows: number, pageSize: number, reps: number) {
  const pages = pullPages(rows, pageSize, 0.1);
  const fresh = async () => {
    await deleteDatabase(PULL_DB);
    return openDataContext(PULL_DB, uuid());
  };
  const time = async (write: (db: DataContext['db'], page: PullResponse) => Promise<unknown>) => {
    const ctx = await fresh();
    const t = performance.now();
    for (const page of pages) await write(ctx.db, page);
    const elapsed = performance.now() - t;
    ctx.db.close();
    return elapsed;
  };
  const grouped = (page: PullResponse) => {
    const byTable = new Map<string, Record<string, unknown>[]>();
    for (const { table, row } of page.changes) {
      const list = byTable.get(table);
      if (list) list.push(row);
      else byTable.set(table, [row]);
    }
    return byTable;
  };
  const variants: Record<string, (db: DataContext['db'], page: PullResponse) => Promise<unknown>> =
    {
      applyPullPage: (db, page) => applyPullPage(db, page),
      dexieBulkPut: (db, page) =>
        db.transaction('rw', [db.meetings, db.participants], async () => {
          for (const [name, list] of grouped(page)) await db.table(name).bulkPut(list);
        }),
      nativePut: (db, page) =>
        new Promise<void>((resolve, reject) => {
          const tx = db.backendDB().transaction(['meetings', 'participants'], 'readwrite');
          for (const { table, row } of page.changes) tx.objectStore(table).put(row);
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        }),
    };
  // Interleaved repetitions, so that every variant sees the same (shared) machine.
  const result: Record<string, number[]> = { applyPullPage: [], dexieBulkPut: [], nativePut: [] };
  for (let rep = 0; rep < reps; rep++) {
    for (const [name, write] of Object.entries(variants)) result[name]!.push(await time(write));
  }
  await deleteDatabase(PULL_DB);
  return result;
}

declare global {
  interface Window {
    bench: {
      setupSave: typeof setupSave;
      runSaves: typeof runSaves;
      runSaveBreakdown: typeof runSaveBreakdown;
      preparePull: typeof preparePull;
      runPull: typeof runPull;
      runPullInWorker: typeof runPullInWorker;
      finishPull: typeof finishPull;
      runPullBreakdown: typeof runPullBreakdown;
    };
  }
}

window.bench = {
  setupSave,
  runSaves,
  runSaveBreakdown,
  preparePull,
  runPull,
  runPullInWorker,
  finishPull,
  runPullBreakdown,
};
document.title = 'ready';
