// When sync runs: the leader tab only, backoff after failures, a pause until a new sign-in
// after the server refuses the token. Real engine, real RPCs through the harness; the
// environment (timers, locks, network state) is under the test's control.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSyncTransport } from '@/api/syncTransport';
import { openUserDataContext } from '@/data/context';
import { logMeeting } from '@/data/repos/meetings';
import { SyncEngine } from '@/sync/engine';
import type { SyncEvent } from '@/sync/events';
import { INTERVAL_MS, SyncScheduler, type SchedulerEnv } from '@/sync/scheduler';
import { createTestDb, type TestDb } from '../support/db';
import { createTestSupabaseClient, type TestClientOptions } from '../support/postgrest';
import { claimsOf, createWorld, type World } from '../factories/sync';

let db: TestDb;
let world: World;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db?.close();
});
beforeEach(async () => {
  await db.exec('truncate auth.users cascade');
  await db.exec('truncate public.municipalities, public.schools cascade');
  world = await createWorld(db);
});

/** Timers the test fires by hand, one lock table shared by "tabs", a network switch. */
class ControlledEnv implements SchedulerEnv {
  timers = new Map<number, { fn: () => void; ms: number }>();
  private next = 1;
  online = true;
  triggers = new Set<() => void>();
  static locks = new Map<string, Promise<void>>();

  setTimeout(fn: () => void, ms: number) {
    const id = this.next++;
    this.timers.set(id, { fn, ms });
    return id;
  }
  clearTimeout(handle: unknown) {
    this.timers.delete(handle as number);
  }
  random() {
    return 0.5;
  }
  isOnline() {
    return this.online;
  }
  subscribe(trigger: () => void) {
    this.triggers.add(trigger);
    return () => this.triggers.delete(trigger);
  }
  async withLeaderLock(name: string, work: () => Promise<void>) {
    for (;;) {
      const held = ControlledEnv.locks.get(name);
      if (!held) break;
      await held;
    }
    const running = work();
    ControlledEnv.locks.set(name, running);
    await running;
    ControlledEnv.locks.delete(name);
  }
  /** Fires the earliest pending timer and waits for what it started. */
  async fire(): Promise<number | undefined> {
    const [id, timer] = [...this.timers.entries()].sort((a, b) => a[1].ms - b[1].ms)[0] ?? [];
    if (id === undefined || !timer) return undefined;
    this.timers.delete(id);
    timer.fn();
    await settle();
    return timer.ms;
  }
}

async function settle() {
  for (let i = 0; i < 50; i++) await new Promise((r) => setTimeout(r, 10));
}

async function tab(
  env: ControlledEnv,
  options: TestClientOptions = {},
  userId = world.users.mentorA,
) {
  const ctx = await openUserDataContext(`${userId}-${crypto.randomUUID()}`, world.schoolA);
  const client = await createTestSupabaseClient(db, claimsOf(userId), options);
  const engine = new SyncEngine(ctx, createSyncTransport(client));
  const events: SyncEvent[] = [];
  engine.events.on((e) => events.push(e));
  return { ctx, engine, events, scheduler: new SyncScheduler(engine, env, `sync:${userId}`) };
}

describe('sync scheduler', () => {
  it('syncs at start and then on its interval', async () => {
    const env = new ControlledEnv();
    const t = await tab(env);
    t.scheduler.start();
    await settle();
    expect(await env.fire()).toBe(0);
    expect(t.events.some((e) => e.type === 'round-complete')).toBe(true);
    expect([...env.timers.values()].map((x) => x.ms)).toEqual([INTERVAL_MS]);
    t.scheduler.stop();
  });

  it('backs off with jitter while the network fails, then delivers once it is back', async () => {
    const env = new ControlledEnv();
    let down = true;
    const t = await tab(env, { onRequest: () => (down ? 'drop' : 'deliver') });
    const pair = world.pairs.p1;
    await t.ctx.db.pairs.put({
      id: pair,
      school_id: world.schoolA,
      version: 0,
      deleted_at: null,
      created_at: '',
      updated_at: '',
      created_by: null,
      programme_id: null,
      is_group: false,
      form: 'uchitel_uchitel',
      role_model: null,
      title: null,
      status: 'draft',
      order_number: null,
      order_date: null,
      started_on: null,
      ended_on: null,
      end_reason: null,
    });
    await logMeeting(
      t.ctx,
      pair,
      {
        type: 'regular',
        held_on: '2026-11-20',
        duration_min: 45,
        format: 'online',
        notes: 'Офлайн',
      },
      '2026-11-25',
    );
    t.scheduler.start();
    await settle();
    await env.fire();
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      const failed = t.events.filter((e) => e.type === 'round-failed').at(-1);
      expect(failed).toMatchObject({ reason: 'network', retryable: true });
      delays.push((failed as { retryInMs: number }).retryInMs);
      await env.fire();
    }
    // 2 s, 4 s, 8 s ceilings with "equal jitter" at random() = 0.5: three quarters of each.
    expect(delays).toEqual([1500, 3000, 6000]);
    down = false;
    await env.fire();
    expect(await t.ctx.db.outbox.count()).toBe(0);
    const { rows } = await db.query(`select 1 from public.meetings where notes = 'Офлайн'`);
    expect(rows).toHaveLength(1);
    t.scheduler.stop();
  });

  it('waits for a new sign-in after the server refuses the token', async () => {
    const env = new ControlledEnv();
    const t = await tab(env, { now: () => Date.now() + 48 * 3600_000 });
    t.scheduler.start();
    await settle();
    await env.fire();
    expect(t.events.filter((e) => e.type === 'round-failed')).toEqual([
      { type: 'round-failed', reason: 'auth', retryable: false, retryInMs: null },
    ]);
    expect(env.timers.size).toBe(0);
    t.scheduler.stop();
  });

  it('runs in one tab only; another tab takes over when the leader closes', async () => {
    const env = new ControlledEnv();
    const first = await tab(env);
    const second = await tab(env);
    first.scheduler.start();
    second.scheduler.start();
    await settle();
    await env.fire();
    expect(first.events.some((e) => e.type === 'round-complete')).toBe(true);
    expect(second.events).toEqual([]);

    first.scheduler.stop();
    await settle();
    await env.fire();
    expect(second.events.some((e) => e.type === 'round-complete')).toBe(true);
    second.scheduler.stop();
  });
});
