// The school's requisites for its documents (name, short name, place, director) live on
// public.schools: staff of the school update them, every member reads them, the director
// alone changes the KPI setting training_valid_years; a curator's edit reaches the school
// admin's device through sync. Probes run as PostgREST requests would (asUserRolledBack).
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSyncTransport } from '@/api/syncTransport';
import { openUserDataContext } from '@/data/context';
import { readKpiInput } from '@/data/kpiQueries';
import { readSchoolRequisites, saveSchoolRequisites } from '@/data/repos/schoolRequisites';
import { readValidYears, setValidYears } from '@/data/repos/trainings';
import { SyncEngine } from '@/sync/engine';
import { createTestSupabaseClient } from '../support/postgrest';
import { createTestDb, type TestDb } from '../support/db';
import { actors, type ActorName } from '../factories/actors';
import { SCHOOL_A, SCHOOL_B, USERS } from '../factories/seed-ids';
import { Device, serverRow } from '../factories/sync';

let db: TestDb;

beforeAll(async () => {
  db = await createTestDb({ seed: true });
});
afterAll(async () => {
  await db?.close();
});

async function outcome(actor: ActorName, sql: string, params: unknown[] = []) {
  try {
    return await db.asUserRolledBack(actors[actor], async (s) => {
      const r = await s.query(sql, params);
      return sql.trimStart().startsWith('select') ? r.rows.length : r.rowCount;
    });
  } catch (error) {
    const e = error as { code?: string; message?: string };
    return `${e.code}: ${e.message}`;
  }
}

const setRequisites = `update public.schools set place = 'с. Лузино', director = 'Е.Ф. Задворнова',
  short_name = 'МБОУ «Лузинская СОШ №1»' where id = $1`;

describe('school requisites on public.schools', () => {
  it('staff of the school update them; nobody else', async () => {
    const expected: Record<ActorName, number | string> = {
      curator: 1,
      school_admin: 1,
      mentor: 0,
      mentee: 0,
      group_mentee: 0,
      coordinator: 0,
      member_of_other_school: 0,
      anonymous_unredeemed: 0,
      anon: '42501: permission denied for table schools',
    };
    for (const actor of Object.keys(expected) as ActorName[]) {
      expect({ actor, got: await outcome(actor, setRequisites, [SCHOOL_A]) }).toEqual({
        actor,
        got: expected[actor],
      });
    }
    // the other school's curator edits her own school, not school A
    expect(await outcome('member_of_other_school', setRequisites, [SCHOOL_B])).toBe(1);
  });

  it('every member of the school reads them; another school and the coordinator do not', async () => {
    const read = `select place, director from public.schools where id = $1`;
    for (const actor of ['curator', 'school_admin', 'mentor', 'mentee', 'group_mentee'] as const) {
      expect({ actor, got: await outcome(actor, read, [SCHOOL_A]) }).toEqual({ actor, got: 1 });
    }
    for (const actor of ['coordinator', 'member_of_other_school'] as const) {
      expect({ actor, got: await outcome(actor, read, [SCHOOL_A]) }).toEqual({ actor, got: 0 });
    }
  });

  it('only the school admin changes how long a course counts', async () => {
    const sql = `update public.schools set training_valid_years = 5 where id = $1`;
    expect(await outcome('school_admin', sql, [SCHOOL_A])).toBe(1);
    expect(await outcome('curator', sql, [SCHOOL_A])).toBe('42501: school_admin_only');
    // the curator's requisites edit leaves it alone and passes
    expect(
      await outcome(
        'curator',
        `update public.schools set director = 'Е.Ф. Задворнова', training_valid_years = training_valid_years where id = $1`,
        [SCHOOL_A],
      ),
    ).toBe(1);
  });

  it('refuses requisites longer than the documents allow', async () => {
    expect(
      await outcome(
        'curator',
        `update public.schools set director = repeat('я', 201) where id = $1`,
        [SCHOOL_A],
      ),
    ).toMatch(/^23514: .*schools_director_length/);
  });

  it("a curator's edit through sync reaches the school admin's device", async () => {
    const curator = await Device.open(db, USERS.curator);
    const admin = await Device.open(db, USERS.schoolAdmin);
    await curator.pullAll();
    await admin.pullAll();
    const res = await curator.push([
      curator.edit('schools', SCHOOL_A, { place: 'с. Лузино', director: 'Е.Ф. Задворнова' }),
    ]);
    expect(res.results.map((r) => r.status)).toEqual(['applied']);
    await admin.pullAll();
    expect(admin.row('schools', SCHOOL_A)).toMatchObject({
      place: 'с. Лузино',
      director: 'Е.Ф. Задворнова',
    });
    // a mentor of the school receives the same header (members read the school row)
    const mentor = await Device.open(db, USERS.mentor);
    await mentor.pullAll();
    expect(mentor.row('schools', SCHOOL_A)).toMatchObject({ director: 'Е.Ф. Задворнова' });
  });

  it('a mentor cannot change them through sync', async () => {
    const mentor = await Device.open(db, USERS.mentor);
    await mentor.pullAll();
    const res = await mentor.push([mentor.edit('schools', SCHOOL_A, { director: 'Кто-то' })]);
    expect(res.results[0]).toMatchObject({ status: 'rejected' });
    expect(await serverRow(db, 'schools', SCHOOL_A)).not.toMatchObject({ director: 'Кто-то' });
  });

  it('two staff editing the same requisite from the same base: the later one is a conflict, not an error', async () => {
    const curator = await Device.open(db, USERS.curator);
    const admin = await Device.open(db, USERS.schoolAdmin);
    await curator.pullAll();
    await admin.pullAll();
    const first = await admin.push([admin.edit('schools', SCHOOL_A, { place: 'г. Омск' })]);
    expect(first.results.map((r) => r.status)).toEqual(['applied']);
    const second = await curator.push([curator.edit('schools', SCHOOL_A, { place: 'с. Ачаир' })]);
    expect(second.results[0]).toMatchObject({ status: 'conflict' });
  });
});

describe("the curator's tablet and the admin's laptop", () => {
  async function staffDevice(userId: string, claims: (typeof actors)[ActorName]) {
    const ctx = await openUserDataContext(`${userId}-${crypto.randomUUID()}`, SCHOOL_A);
    const client = await createTestSupabaseClient(db, claims);
    return { ctx, engine: new SyncEngine(ctx, createSyncTransport(client), { pullLimit: 1000 }) };
  }

  it('print the same header once the curator’s edit has synced', async () => {
    const tablet = await staffDevice(USERS.curator, actors.curator);
    const laptop = await staffDevice(USERS.schoolAdmin, actors.school_admin);
    try {
      await tablet.engine.syncOnce();
      await laptop.engine.syncOnce();
      const header = {
        name: 'Муниципальное бюджетное общеобразовательное учреждение «Лузинская СОШ № 1»',
        shortName: 'МБОУ «Лузинская СОШ № 1»',
        place: 'с. Лузино',
        director: 'Е.Ф. Задворнова',
      };
      await saveSchoolRequisites(tablet.ctx, SCHOOL_A, header);
      const round = await tablet.engine.syncOnce();
      expect(round.rejected).toBe(0);
      expect(await tablet.ctx.db.outbox.count()).toBe(0);
      await laptop.engine.syncOnce();
      expect(await readSchoolRequisites(laptop.ctx, SCHOOL_A)).toEqual(header);
      expect(await readSchoolRequisites(tablet.ctx, SCHOOL_A)).toEqual(header);
    } finally {
      tablet.ctx.db.close();
      laptop.ctx.db.close();
    }
  });

  it('the school admin sets how long a course counts; the curator’s device follows, and cannot change it', async () => {
    const tablet = await staffDevice(USERS.curator, actors.curator);
    const laptop = await staffDevice(USERS.schoolAdmin, actors.school_admin);
    try {
      await tablet.engine.syncOnce();
      await laptop.engine.syncOnce();
      const before = await readValidYears(tablet.ctx, SCHOOL_A);
      const chosen = before === 6 ? 7 : 6;
      await setValidYears(laptop.ctx, SCHOOL_A, String(chosen));
      const round = await laptop.engine.syncOnce();
      expect(round.rejected).toBe(0);
      expect(await laptop.ctx.db.outbox.count()).toBe(0);
      expect(await serverRow(db, 'schools', SCHOOL_A)).toMatchObject({
        training_valid_years: chosen,
      });
      await tablet.engine.syncOnce();
      expect(await readValidYears(tablet.ctx, SCHOOL_A)).toBe(chosen);
      expect((await readKpiInput(tablet.ctx, SCHOOL_A)).trainingValidYears).toBe(chosen);

      // A curator's device that tries anyway (no screen offers it) is refused, with the reason
      // kept for her; the server's period stays the admin's.
      await setValidYears(tablet.ctx, SCHOOL_A, '2');
      const refused = await tablet.engine.syncOnce();
      expect(refused.rejected).toBe(1);
      expect(await tablet.ctx.db.quarantine.toArray()).toEqual([
        expect.objectContaining({
          table: 'schools',
          row_id: SCHOOL_A,
          code: '42501',
          message: 'school_admin_only',
          fields: { training_valid_years: 2 },
        }),
      ]);
      expect(await serverRow(db, 'schools', SCHOOL_A)).toMatchObject({
        training_valid_years: chosen,
      });
      await tablet.engine.syncOnce();
      expect(await readValidYears(tablet.ctx, SCHOOL_A)).toBe(chosen);
    } finally {
      tablet.ctx.db.close();
      laptop.ctx.db.close();
    }
  });
});
