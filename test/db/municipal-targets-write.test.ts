// How a coordinator sets her municipality's KPI targets (public.set_municipal_kpi_targets):
// in one request, inserted or corrected; refused to everyone else and for values the table
// refuses, with nothing written.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db';
import { actors, asClaims, insertAuthUserSql, type ActorName } from '../factories/actors';
import { MUNICIPALITY } from '../factories/seed-ids';
import { expectSqlError } from './expect-sql';

let db: TestDb;

const setAs = (
  claims: Parameters<TestDb['asUser']>[0],
  targets: unknown,
  year = 2026,
  municipality = MUNICIPALITY,
) =>
  db.asUser(claims, async (s) => {
    const { rows } = await s.query<{ n: number }>(
      'select public.set_municipal_kpi_targets($1, $2, $3) as n',
      [municipality, year, JSON.stringify(targets)],
    );
    return rows[0]!.n;
  });

const stored = async () =>
  (
    await db.query<{ indicator: string; year: number; value: string }>(
      `select indicator, year, value::text from public.municipal_kpi_targets
       where municipality_id = $1 order by year, indicator`,
      [MUNICIPALITY],
    )
  ).rows;

beforeAll(async () => {
  db = await createTestDb({ seed: true });
});
afterAll(async () => {
  await db?.close();
});

describe('the coordinator', () => {
  it('sets a year’s targets and corrects them', async () => {
    expect(
      await setAs(actors.coordinator, { teachers_involved: 40, students_involved: 55.5 }),
    ).toBe(2);
    expect(await setAs(actors.coordinator, { teachers_involved: 45 })).toBe(1);
    expect(await stored()).toEqual([
      { indicator: 'students_involved', year: 2026, value: '55.5' },
      { indicator: 'teachers_involved', year: 2026, value: '45' },
    ]);
  });

  it('is refused a value, an indicator or a year the table does not take, and nothing is written', async () => {
    const before = await stored();
    await expectSqlError(setAs(actors.coordinator, { teachers_involved: 101 }), '23514');
    await expectSqlError(
      setAs(actors.coordinator, { teachers_involved: 50, not_an_indicator: 10 }),
      '23514',
    );
    await expectSqlError(setAs(actors.coordinator, { teachers_involved: 50 }, 2101), '23514');
    await expectSqlError(
      setAs(actors.coordinator, { teachers_involved: '50' }),
      '22023',
      /target_not_a_number/,
    );
    await expectSqlError(setAs(actors.coordinator, [50]), '22023', /targets_not_an_object/);
    expect(await stored()).toEqual(before);
  });
});

describe('everyone else', () => {
  const refused: ActorName[] = [
    'curator',
    'school_admin',
    'mentor',
    'mentee',
    'group_mentee',
    'member_of_other_school',
    'anonymous_unredeemed',
    'anon',
  ];
  for (const actor of refused) {
    it(`is refused: ${actor.replace(/_/g, ' ')}`, async () => {
      const before = await stored();
      await expectSqlError(setAs(actors[actor], { mentor_satisfaction: 90 }), '42501');
      expect(await stored()).toEqual(before);
    });
  }

  it('is refused to the coordinator of another municipality', async () => {
    const user = randomUUID();
    const other = randomUUID();
    await db.query(`insert into public.municipalities (id, name) values ($1, 'Тарский район')`, [
      other,
    ]);
    await db.query(insertAuthUserSql(user, { email: `${user.slice(0, 8)}@tara.example` }));
    await db.query(`insert into public.coordinators (user_id, municipality_id) values ($1, $2)`, [
      user,
      other,
    ]);
    const before = await stored();
    await expectSqlError(setAs(asClaims(user), { mentor_satisfaction: 90 }), '42501');
    expect(await stored()).toEqual(before);
    // Her own municipality's targets she sets.
    expect(await setAs(asClaims(user), { mentor_satisfaction: 90 }, 2027, other)).toBe(1);
  });
});
