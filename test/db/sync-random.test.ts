// Randomized convergence of the device engine (SYNC.md "What proves it", last item): five
// devices of three users make random edits with faults — lost responses, requests that never
// arrive, a device killed and reopened between steps, a membership revoked and restored —
// then everything goes quiet. Afterwards every acknowledged write is on the server exactly
// once, and every device equals what the server lets its user see.
// SYNC_RANDOM_OPS and SYNC_RANDOM_SEED run it longer or with another seed.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSyncTransport } from '@/api/syncTransport';
import { openUserDataContext, type DataContext } from '@/data/context';
import { AppDatabase } from '@/data/db';
import { deleteMeeting, logMeeting, updateMeeting } from '@/data/repos/meetings';
import type { Meeting } from '@/domain/types';
import { SyncEngine } from '@/sync/engine';
import { createTestDb, type TestDb } from '../support/db';
import { createTestSupabaseClient } from '../support/postgrest';
import { claimsOf, createWorld, type World } from '../factories/sync';

const OPS = Number(process.env.SYNC_RANDOM_OPS ?? 2000);
const SEED = Number(process.env.SYNC_RANDOM_SEED ?? 20261125);
const TODAY = '2026-11-25';

/** mulberry32: small, seedable, good enough to pick operations. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Client {
  name: string;
  userId: string;
  pairId: string;
  dbName: string;
  ctx: DataContext;
  engine: SyncEngine;
  fault: 'none' | 'drop-request' | 'drop-response';
}

let db: TestDb;
let world: World;
beforeAll(async () => {
  db = await createTestDb();
  world = await createWorld(db);
});
afterAll(async () => {
  await db?.close();
});

async function engineFor(client: Omit<Client, 'engine'>): Promise<SyncEngine> {
  const supabase = await createTestSupabaseClient(db, claimsOf(client.userId), {
    onRequest: () => (client.fault === 'drop-request' ? 'drop' : 'deliver'),
    onResponse: () => (client.fault === 'drop-response' ? 'drop' : 'deliver'),
  });
  return new SyncEngine(client.ctx, createSyncTransport(supabase), { pullLimit: 25 });
}

async function makeClient(name: string, userId: string, pairId: string): Promise<Client> {
  const ctx = await openUserDataContext(`${userId}-${name}-${SEED}`, world.schoolA);
  const partial = { name, userId, pairId, dbName: ctx.db.name, ctx, fault: 'none' as const };
  return { ...partial, engine: await engineFor(partial) };
}

/** Kills the app between two steps: a new database handle and a new engine. */
async function restart(client: Client): Promise<void> {
  client.ctx.db.close();
  const reopened = new AppDatabase(client.dbName);
  await reopened.open();
  client.ctx = { ...client.ctx, db: reopened };
  client.engine = await engineFor(client);
}

async function syncQuietly(client: Client): Promise<void> {
  client.fault = 'none';
  for (let i = 0; i < 5; i++) {
    await client.engine.syncOnce();
    if ((await client.ctx.db.outbox.count()) === 0) break;
  }
  await client.engine.syncOnce();
}

type Visible = Pick<Meeting, 'id' | 'notes' | 'topic' | 'duration_min' | 'deleted_at'>;

function shape(rows: Visible[]) {
  return rows
    .map((r) => ({
      id: r.id,
      notes: r.notes,
      topic: r.topic,
      duration_min: r.duration_min,
      deleted: r.deleted_at !== null,
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

describe('randomized convergence', () => {
  it(`${OPS} random operations on 5 devices with faults converge (seed ${SEED})`, async () => {
    const next = random(SEED);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const clients = [
      await makeClient('phone', world.users.mentorA, world.pairs.p1),
      await makeClient('tablet', world.users.mentorA, world.pairs.p1),
      await makeClient('laptop', world.users.mentorA, world.pairs.p1),
      await makeClient('phone', world.users.mentor2A, world.pairs.p2),
      await makeClient('tablet', world.users.mentor2A, world.pairs.p2),
    ];
    for (const client of clients) await syncQuietly(client);
    let revoked = false;
    const stats = { writes: 0, rounds: 0, failedRounds: 0, restarts: 0, revocations: 0 };

    for (let op = 0; op < OPS; op++) {
      const client = pick(clients);
      const roll = next();
      if (roll < 0.3) {
        // After a revocation purged the pair from the device, it is gone: nothing to log in.
        if (!(await client.ctx.db.pairs.get(client.pairId))) continue;
        await logMeeting(
          client.ctx,
          client.pairId,
          {
            type: 'regular',
            held_on: '2026-11-20',
            duration_min: 30 + Math.floor(next() * 60),
            format: 'online',
            notes: `${client.name} ${op}`,
          },
          TODAY,
        );
        stats.writes++;
      } else if (roll < 0.55) {
        const mine = (await client.ctx.db.meetings.toArray()).filter(
          (m) => m.deleted_at === null && m.pair_id === client.pairId,
        );
        if (mine.length === 0) continue;
        const target = pick(mine);
        const input = {
          type: target.type,
          held_on: target.held_on,
          duration_min: target.duration_min,
          format: target.format,
          topic: target.topic,
          notes: target.notes,
        };
        const field = pick(['notes', 'topic', 'duration_min'] as const);
        if (field === 'duration_min') input.duration_min = 5 + Math.floor(next() * 400);
        else input[field] = `${field} ${client.name} ${op}`;
        await updateMeeting(client.ctx, target.id, input, TODAY);
        stats.writes++;
      } else if (roll < 0.6) {
        const mine = (await client.ctx.db.meetings.toArray()).filter(
          (m) => m.deleted_at === null && m.pair_id === client.pairId,
        );
        if (mine.length === 0) continue;
        await deleteMeeting(client.ctx, pick(mine).id);
        stats.writes++;
      } else if (roll < 0.9) {
        const fault = next();
        client.fault = fault < 0.15 ? 'drop-response' : fault < 0.25 ? 'drop-request' : 'none';
        stats.rounds++;
        try {
          await client.engine.syncOnce();
        } catch {
          stats.failedRounds++;
        }
        client.fault = 'none';
      } else if (roll < 0.97) {
        await restart(client);
        stats.restarts++;
      } else {
        revoked = !revoked;
        stats.revocations++;
        await db.exec(
          `update public.memberships set revoked_at = ${revoked ? 'now()' : 'null'}
           where user_id = '${world.users.mentor2A}'`,
        );
      }
    }

    // Quiet: access restored, every device syncs until nothing is left to send.
    await db.exec(
      `update public.memberships set revoked_at = null where user_id = '${world.users.mentor2A}'`,
    );
    for (let pass = 0; pass < 2; pass++) for (const client of clients) await syncQuietly(client);

    for (const client of clients) {
      expect(await client.ctx.db.outbox.count(), client.name).toBe(0);
      const server = await db.asUser(claimsOf(client.userId), (sql) =>
        sql.query<Visible>(
          'select id, notes, topic, duration_min, deleted_at from public.meetings',
        ),
      );
      const local = (await client.ctx.db.meetings.toArray()).filter(
        (m) => m.school_id === world.schoolA,
      );
      // The device equals the server as its user sees it (rows the user wrote while revoked
      // and that the server refused stay in the quarantine, not in this comparison).
      const quarantined = new Set((await client.ctx.db.quarantine.toArray()).map((q) => q.row_id));
      expect(
        shape(
          local.filter((m) => !quarantined.has(m.id) || server.rows.some((s) => s.id === m.id)),
        ),
      ).toEqual(shape(server.rows));
    }

    // Every acknowledged insert (not refused) is on the server exactly once.
    const { rows } = await db.query<{ notes: string; n: string }>(
      `select notes, count(*)::text as n from public.meetings
       where notes ~ '^(phone|tablet|laptop) [0-9]+$' group by notes having count(*) > 1`,
    );
    expect(rows).toEqual([]);
    expect(stats.writes).toBeGreaterThan(OPS / 3);
    expect(stats.failedRounds).toBeGreaterThan(0);
    expect(stats.restarts).toBeGreaterThan(0);
    expect(stats.revocations).toBeGreaterThan(0);
  }, 600_000);
});
