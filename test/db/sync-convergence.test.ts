// A seeded randomized run against the real RPCs: three devices (two of the mentor, one of
// the mentee) edit, insert and delete meetings of one pair, with lost responses and small
// pull pages, two devices at a time (in parallel on PostgreSQL). Then quiet: every outbox
// drains, every device pulls to the end. What must hold: each device equals the server,
// each mutation was applied exactly once, and every losing value sits in sync_conflicts.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db';
import {
  createWorld,
  Device,
  type Mutation,
  type MutationResult,
  type World,
} from '../factories/sync';

let db: TestDb;
let w: World;

beforeAll(async () => {
  db = await createTestDb();
  w = await createWorld(db);
});
afterAll(async () => {
  await db?.close();
});

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface SimDevice {
  name: string;
  device: Device;
  role: 'mentor' | 'mentee';
  outbox: Mutation[];
  dropNext: boolean;
}

describe('sync: randomized convergence', () => {
  it('converges with lost responses, small pages and concurrent devices (seed 20261125)', async () => {
    const random = mulberry32(20261125);
    const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]!;
    const acknowledged = new Map<string, MutationResult>();
    const pushed = new Set<string>();
    const sent = new Map<string, Mutation>();

    const open = async (
      name: string,
      userId: string,
      role: SimDevice['role'],
    ): Promise<SimDevice> => {
      const sim: SimDevice = {
        name,
        role,
        outbox: [],
        dropNext: false,
        device: undefined as never,
      };
      sim.device = await Device.open(db, userId, {
        onResponse: (req) => {
          if (req.target === 'sync_push' && sim.dropNext) {
            sim.dropNext = false;
            return 'drop';
          }
        },
      });
      return sim;
    };
    // The mentee reflects on the first meeting in her own confirmation row.
    const confirmationId = randomUUID();
    await db.exec(`
      insert into public.meeting_confirmations (id, school_id, pair_id, meeting_id, participant_id)
      values ('${confirmationId}', '${w.schoolA}', '${w.pairs.p1}', '${w.meetingP1}', '${w.participants.menteeA}');
    `);
    const devices = [
      await open('mentor-phone', w.users.mentorA, 'mentor'),
      await open('mentor-tablet', w.users.mentorA, 'mentor'),
      await open('mentee-phone', w.users.menteeA, 'mentee'),
    ];
    for (const d of devices) await d.device.pullAll();

    const liveMeetings = (d: SimDevice) =>
      [...d.device.table('meetings').values()].filter(
        (m) => m.pair_id === w.pairs.p1 && m.deleted_at === null,
      );

    // Edits change the device's own copy at once, as the app would (optimistic).
    const makeEdit = (d: SimDevice): Mutation | undefined => {
      const meetings = liveMeetings(d);
      const roll = random();
      if (d.role === 'mentor' && (roll < 0.15 || meetings.length === 0)) {
        const m = d.device.insert('meetings', {
          school_id: w.schoolA,
          pair_id: w.pairs.p1,
          type: 'regular',
          held_on: `2026-10-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`,
          duration_min: 30,
        });
        d.device.table('meetings').set(m.row_id, { id: m.row_id, ...m.fields, deleted_at: null });
        return m;
      }
      if (d.role === 'mentee') {
        const confirmation = d.device.row('meeting_confirmations', confirmationId)!;
        const reflection = `${d.name} ${random().toFixed(4)}`;
        const m = d.device.edit('meeting_confirmations', confirmationId, { reflection });
        d.device
          .table('meeting_confirmations')
          .set(confirmationId, { ...confirmation, reflection });
        return m;
      }
      if (meetings.length === 0) return undefined;
      const target = pick(meetings);
      // (the confirmed meeting stays: a confirmation follows its meeting's tombstone)
      if (d.role === 'mentor' && roll < 0.2 && target.id !== w.meetingP1) {
        d.device.table('meetings').set(target.id as string, { ...target, deleted_at: 'local' });
        return d.device.delete('meetings', target.id as string);
      }
      const field = pick(['topic', 'notes', 'agreements', 'duration_min']);
      const value =
        field === 'duration_min'
          ? 20 + Math.floor(random() * 60)
          : `${d.name} ${random().toFixed(4)}`;
      const m = d.device.edit('meetings', target.id as string, { [field]: value });
      d.device.table('meetings').set(target.id as string, { ...target, [field]: value });
      return m;
    };

    const pushOutbox = async (d: SimDevice) => {
      if (d.outbox.length === 0) return;
      const batch = [...d.outbox];
      for (const m of batch) {
        pushed.add(m.mutation_id);
        sent.set(m.mutation_id, m);
      }
      d.dropNext = random() < 0.25;
      try {
        const res = await d.device.push(batch);
        res.results.forEach((r) => {
          if (!acknowledged.has(r.mutation_id) || r.status !== 'duplicate')
            acknowledged.set(r.mutation_id, r);
        });
        // Only what the server answered leaves the outbox.
        const answered = new Set(res.results.map((r) => r.mutation_id));
        d.outbox = d.outbox.filter((m) => !answered.has(m.mutation_id));
      } catch {
        // lost response: the batch stays in the outbox and is sent again later
      }
    };

    const act = async (d: SimDevice) => {
      const edits = 1 + Math.floor(random() * 3);
      for (let i = 0; i < edits; i++) {
        const m = makeEdit(d);
        if (m) d.outbox.push(m);
      }
      if (random() < 0.7) await pushOutbox(d);
      if (random() < 0.5) await d.device.pullAll(3 + Math.floor(random() * 15));
    };

    for (let round = 0; round < 30; round++) {
      const a = pick(devices);
      const b = pick(devices.filter((d) => d !== a));
      await Promise.all([act(a), act(b)]);
    }

    // Quiet: no more faults; outboxes drain, everyone pulls to the end.
    for (const d of devices) {
      d.dropNext = false;
      while (d.outbox.length) {
        for (const m of d.outbox) {
          pushed.add(m.mutation_id);
          sent.set(m.mutation_id, m);
        }
        const res = await d.device.push(d.outbox);
        res.results.forEach((r) => {
          if (!acknowledged.has(r.mutation_id) || r.status !== 'duplicate')
            acknowledged.set(r.mutation_id, r);
        });
        d.outbox = [];
      }
    }
    for (const d of devices) await d.device.pullAll(7);

    const server = await db.query<{ row: Record<string, unknown> }>(
      `select to_jsonb(m) as row from public.meetings m where pair_id = $1 order by id`,
      [w.pairs.p1],
    );
    const serverRows = Object.fromEntries(server.rows.map((r) => [r.row.id as string, r.row]));
    const confirmation = await db.query<{ row: Record<string, unknown> }>(
      `select to_jsonb(c) as row from public.meeting_confirmations c where id = $1`,
      [confirmationId],
    );
    for (const d of devices) {
      const local = Object.fromEntries(
        [...d.device.table('meetings').entries()].filter(([, row]) => row.pair_id === w.pairs.p1),
      );
      expect(local, d.name).toEqual(serverRows);
      expect(d.device.row('meeting_confirmations', confirmationId), d.name).toEqual(
        confirmation.rows[0]!.row,
      );
    }

    // Every mutation that reached the server was applied once and answered.
    expect(acknowledged.size).toBe(pushed.size);
    const log = await db.query<{ n: number }>(
      `select count(*)::int as n from private.sync_mutations where mutation_id = any($1::uuid[])`,
      [[...pushed]],
    );
    expect(log.rows[0]!.n).toBe(pushed.size);
    // Every losing value is kept: a field_conflict has a sync_conflicts row for each field it
    // sent and the server did not apply, and only for those (the answer names the applied ones).
    for (const r of acknowledged.values()) {
      if (r.status !== 'conflict' || r.code !== 'field_conflict') continue;
      const { rows } = await db.query<{ field: string }>(
        `select field from public.sync_conflicts where mutation_id = $1 order by field`,
        [r.mutation_id],
      );
      const fields = Object.keys(sent.get(r.mutation_id)!.fields ?? {});
      expect(rows.length, r.mutation_id).toBeGreaterThan(0);
      for (const { field } of rows) {
        expect(fields).toContain(field);
        expect(r.applied ?? []).not.toContain(field);
      }
    }
    // The run exercised what it claims to (fixed seed: these counts are stable).
    const statuses = [...acknowledged.values()].map((r) => r.status);
    expect(statuses.filter((s) => s === 'conflict').length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 'duplicate').length).toBeGreaterThan(0);
    // Nothing was refused: every device only did what its role allows.
    expect([...acknowledged.values()].filter((r) => r.status === 'rejected')).toEqual([]);
  });
});
