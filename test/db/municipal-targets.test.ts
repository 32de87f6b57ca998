// Targets set by the municipality (public.municipal_kpi_targets): the coordinator of that
// municipality writes; staff of its schools read; nobody else — not the mentors and mentees
// of its schools, not a coordinator of another municipality, not the staff of a school in
// another municipality. Probes run as PostgREST requests would (asUserRolledBack).
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSyncTransport } from '@/api/syncTransport';
import { refreshMunicipalTargets } from '@/composables/useMunicipalTargets';
import { openUserDataContext } from '@/data/context';
import { readKpiInput } from '@/data/kpiQueries';
import { computeKpis } from '@/domain/kpi';
import { SyncEngine } from '@/sync/engine';
import { createTestDb, type Claims, type TestDb } from '../support/db';
import { actors, asClaims, insertAuthUserSql, type ActorName } from '../factories/actors';
import { MUNICIPALITY, SCHOOL_A, USERS } from '../factories/seed-ids';
import { fetchMunicipalTargets, MunicipalTargetsError } from '@/api/municipalTargets';
import { KPI_SHARE_KEYS } from '@/domain/kpi';
import { createTestSupabaseClient } from '../support/postgrest';

let db: TestDb;
const OTHER_MUNICIPALITY = 'a1000000-0000-4000-8000-0000000000f1';
const OTHER_SCHOOL = 'a2000000-0000-4000-8000-0000000000f1';
const OTHER_COORDINATOR = 'a3000000-0000-4000-8000-0000000000f1';
const OTHER_CURATOR = 'a3000000-0000-4000-8000-0000000000f2';
const TARGET = 'c1000000-0000-4000-8000-000000000001';
const OTHER_TARGET = 'c1000000-0000-4000-8000-000000000002';

beforeAll(async () => {
  db = await createTestDb({ seed: true });
  await db.exec(`${insertAuthUserSql(OTHER_COORDINATOR, { email: 'imc@other.example' })};
    ${insertAuthUserSql(OTHER_CURATOR, { email: 'curator@other.example' })};
    insert into public.municipalities (id, name) values ('${OTHER_MUNICIPALITY}', 'Другой район');
    insert into public.schools (id, municipality_id, name) values ('${OTHER_SCHOOL}', '${OTHER_MUNICIPALITY}', 'Школа другого района');
    insert into public.coordinators (user_id, municipality_id) values ('${OTHER_COORDINATOR}', '${OTHER_MUNICIPALITY}');
    insert into public.memberships (user_id, school_id, role) values ('${OTHER_CURATOR}', '${OTHER_SCHOOL}', 'curator');
    insert into public.municipal_kpi_targets (id, municipality_id, indicator, year, value) values
      ('${TARGET}', '${MUNICIPALITY}', 'students_involved', 2026, 75),
      ('${OTHER_TARGET}', '${OTHER_MUNICIPALITY}', 'students_involved', 2026, 50);`);
});
afterAll(async () => {
  await db?.close();
});

const otherCoordinator = asClaims(OTHER_COORDINATOR);
const otherCurator = asClaims(OTHER_CURATOR);

async function run(claims: Claims, sql: string, params: unknown[] = []): Promise<unknown> {
  try {
    return await db.asUserRolledBack(claims, async (s) => {
      const r = await s.query<{ id: string }>(sql, params);
      return sql.trimStart().startsWith('select') ? r.rows.map((x) => x.id).sort() : r.rowCount;
    });
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

const read = `select id from public.municipal_kpi_targets`;
const insert = `insert into public.municipal_kpi_targets (municipality_id, indicator, year, value)
  values ($1, 'teachers_involved', 2027, 40)`;
const update = `update public.municipal_kpi_targets set value = 80 where id = $1`;
const remove = `delete from public.municipal_kpi_targets where id = $1`;

describe('municipal KPI targets', () => {
  it('the coordinator and staff of its schools read its targets; nobody else', async () => {
    const expected: Record<ActorName, unknown> = {
      coordinator: [TARGET],
      curator: [TARGET],
      school_admin: [TARGET],
      // the curator of school B, a school of the same municipality
      member_of_other_school: [TARGET],
      mentor: [],
      mentee: [],
      group_mentee: [],
      anonymous_unredeemed: [],
      anon: '42501',
    };
    for (const actor of Object.keys(expected) as ActorName[]) {
      expect({ actor, got: await run(actors[actor], read) }).toEqual({
        actor,
        got: expected[actor],
      });
    }
    expect(await run(otherCoordinator, read)).toEqual([OTHER_TARGET]);
    expect(await run(otherCurator, read)).toEqual([OTHER_TARGET]);
  });

  it('only the coordinator of the municipality sets a target', async () => {
    const expected: Record<ActorName, unknown> = {
      coordinator: 1,
      curator: '42501',
      school_admin: '42501',
      member_of_other_school: '42501',
      mentor: '42501',
      mentee: '42501',
      group_mentee: '42501',
      anonymous_unredeemed: '42501',
      anon: '42501',
    };
    for (const actor of Object.keys(expected) as ActorName[]) {
      expect({ actor, got: await run(actors[actor], insert, [MUNICIPALITY]) }).toEqual({
        actor,
        got: expected[actor],
      });
    }
    expect(await run(otherCoordinator, insert, [MUNICIPALITY])).toBe('42501');
    expect(await run(otherCurator, insert, [MUNICIPALITY])).toBe('42501');
    expect(await run(otherCoordinator, insert, [OTHER_MUNICIPALITY])).toBe(1);
  });

  it('only the coordinator of the municipality corrects a target', async () => {
    const expected: Record<ActorName, unknown> = {
      coordinator: 1,
      curator: 0,
      school_admin: 0,
      member_of_other_school: 0,
      mentor: 0,
      mentee: 0,
      group_mentee: 0,
      anonymous_unredeemed: 0,
      anon: '42501',
    };
    for (const actor of Object.keys(expected) as ActorName[]) {
      expect({ actor, got: await run(actors[actor], update, [TARGET]) }).toEqual({
        actor,
        got: expected[actor],
      });
    }
    expect(await run(otherCoordinator, update, [TARGET])).toBe(0);
    // nor moves it to another municipality or indicator (only the value is writable)
    expect(
      await run(
        actors.coordinator,
        `update public.municipal_kpi_targets set municipality_id = $2 where id = $1`,
        [TARGET, OTHER_MUNICIPALITY],
      ),
    ).toBe('42501');
  });

  it('nobody deletes one through the API', async () => {
    for (const claims of [actors.coordinator, actors.curator, otherCoordinator]) {
      expect(await run(claims, remove, [TARGET])).toBe('42501');
    }
  });

  it('keeps one target per indicator and year, as a percentage', async () => {
    expect(
      await run(
        actors.coordinator,
        `insert into public.municipal_kpi_targets (municipality_id, indicator, year, value)
         values ($1, 'students_involved', 2026, 60)`,
        [MUNICIPALITY],
      ),
    ).toBe('23505');
    expect(
      await run(
        actors.coordinator,
        `insert into public.municipal_kpi_targets (municipality_id, indicator, year, value)
         values ($1, 'teachers_involved', 2026, 101)`,
        [MUNICIPALITY],
      ),
    ).toBe('23514');
  });

  it('takes exactly the share indicators of the KPI table', async () => {
    const accepted: string[] = [];
    for (const key of [...KPI_SHARE_KEYS, 'doc_regulation', 'students_in_mentoring']) {
      const got = await run(
        actors.coordinator,
        `insert into public.municipal_kpi_targets (municipality_id, indicator, year, value)
         values ($1, $2, 2030, 50)`,
        [MUNICIPALITY, key],
      );
      if (got === 1) accepted.push(key);
      else expect({ key, got }).toEqual({ key, got: '23514' });
    }
    expect(accepted).toEqual([...KPI_SHARE_KEYS]);
  });

  it('the update keeps who set it and when, and dates the change', async () => {
    const row = await db.asUserRolledBack(actors.coordinator, async (s) => {
      await s.query(`update public.municipal_kpi_targets set value = 80 where id = $1`, [TARGET]);
      return (
        await s.query<{ value: string; moved: boolean }>(
          `select value::text, updated_at > created_at as moved from public.municipal_kpi_targets where id = $1`,
          [TARGET],
        )
      ).rows[0];
    });
    expect(row).toEqual({ value: '80', moved: true });
  });
});

describe('fetchMunicipalTargets (the school device, through the API gateway)', () => {
  it("gives the school's staff their municipality's targets as numbers", async () => {
    const curator = await createTestSupabaseClient(db, actors.curator);
    expect(await fetchMunicipalTargets(curator, MUNICIPALITY)).toEqual([
      { indicator: 'students_involved', year: 2026, value: 75 },
    ]);
  });

  it('gives nothing of another municipality, and nothing to a mentor', async () => {
    const curator = await createTestSupabaseClient(db, actors.curator);
    expect(await fetchMunicipalTargets(curator, OTHER_MUNICIPALITY)).toEqual([]);
    const mentor = await createTestSupabaseClient(db, actors.mentor);
    expect(await fetchMunicipalTargets(mentor, MUNICIPALITY)).toEqual([]);
  });

  it('reports a refusal as not_allowed', async () => {
    const anon = await createTestSupabaseClient(db, actors.anon);
    const failure = await fetchMunicipalTargets(anon, MUNICIPALITY).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(MunicipalTargetsError);
    expect(failure).toMatchObject({ reason: 'not_allowed' });
  });
});

describe("the school's device keeps its municipality's targets for offline use", () => {
  it('fetches them online, uses them with the network cut, and replaces them on the next fetch', async () => {
    let offline = false;
    const client = await createTestSupabaseClient(db, actors.curator, {
      onRequest: () => (offline ? 'drop' : 'deliver'),
    });
    const ctx = await openUserDataContext(`${USERS.curator}-${crypto.randomUUID()}`, SCHOOL_A);
    try {
      // the school's row (which names its municipality) arrives with the first pull
      await new SyncEngine(ctx, createSyncTransport(client), { pullLimit: 1000 }).syncOnce();
      expect(
        await refreshMunicipalTargets(ctx, client, SCHOOL_A, new Date('2026-12-01T08:00:00Z')),
      ).toBe(1);

      offline = true;
      await expect(refreshMunicipalTargets(ctx, client, SCHOOL_A)).rejects.toMatchObject({
        reason: 'network',
      });
      const table = computeKpis(await readKpiInput(ctx, SCHOOL_A), { year: 2026, half: null });
      expect(table.shares.find((r) => r.key === 'students_involved')).toMatchObject({
        target: 75,
        targetSource: 'municipality',
      });

      offline = false;
      await db.exec(`update public.municipal_kpi_targets set value = 65 where id = '${TARGET}'`);
      await refreshMunicipalTargets(ctx, client, SCHOOL_A);
      expect((await readKpiInput(ctx, SCHOOL_A)).municipalTargets).toEqual([
        { indicator: 'students_involved', year: 2026, value: 65 },
      ]);
    } finally {
      ctx.db.close();
      await db.exec(`update public.municipal_kpi_targets set value = 75 where id = '${TARGET}'`);
    }
  });
});
