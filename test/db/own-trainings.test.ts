// A person reads her own courses (mentor_trainings_select: staff, and the participant
// herself): not her mentor's, not her mentee's, not another school's; she writes none; her
// device receives exactly hers through sync. Probes run as PostgREST requests would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db';
import { actors, others, type ActorName } from '../factories/actors';
import { PARTICIPANTS, SCHOOL_A, USERS } from '../factories/seed-ids';
import { Device } from '../factories/sync';

let db: TestDb;
/** Ларина's (the mentee's) own course, added to the seed's. */
const LARINA_COURSE = 'b3000000-0000-4000-8000-0000000000f1';
const KRAVTSOVA_COURSE = 'b3000000-0000-4000-8000-000000000001';
const BELOUSOV_COURSES = [
  'b3000000-0000-4000-8000-000000000002',
  'b3000000-0000-4000-8000-000000000003',
];
const ARTEM_COURSE = 'b3000000-0000-4000-8000-000000000004';
const MOROZOVA_COURSE = 'b3000000-0000-4000-8000-000000000021';

beforeAll(async () => {
  db = await createTestDb({ seed: true });
  await db.query(
    `insert into public.mentor_trainings (id, school_id, participant_id, title, hours, completed_on)
     values ($1, $2, $3, 'Финансовая грамотность', 36, '2026-05-20')`,
    [LARINA_COURSE, SCHOOL_A, PARTICIPANTS.larina],
  );
});
afterAll(async () => {
  await db?.close();
});

async function visible(claims: (typeof actors)[ActorName]): Promise<string[] | string> {
  try {
    return await db.asUserRolledBack(claims, async (s) =>
      (
        await s.query<{ id: string }>(`select id from public.mentor_trainings order by id`)
      ).rows.map((r) => r.id),
    );
  } catch (error) {
    return String((error as { code?: string }).code);
  }
}

describe('a person and her own courses', () => {
  it('each role reads exactly the courses it may', async () => {
    const schoolA = [KRAVTSOVA_COURSE, ...BELOUSOV_COURSES, ARTEM_COURSE, LARINA_COURSE].sort();
    const expected: Record<ActorName, string[] | string> = {
      curator: schoolA,
      school_admin: schoolA,
      // Кравцова: her own, not her mentee Ларина's
      mentor: [KRAVTSOVA_COURSE],
      // Ларина: her own, not her mentor Кравцова's
      mentee: [LARINA_COURSE],
      group_mentee: [],
      coordinator: [],
      member_of_other_school: [MOROZOVA_COURSE],
      anonymous_unredeemed: [],
      anon: '42501',
    };
    for (const actor of Object.keys(expected) as ActorName[]) {
      expect({ actor, got: await visible(actors[actor]) }).toEqual({
        actor,
        got: expected[actor],
      });
    }
    // Белоусов: both of his, nobody else's
    expect(await visible(others.mentor2)).toEqual([...BELOUSOV_COURSES].sort());
  });

  it('she cannot add, correct or delete a course, not even her own', async () => {
    const probe = async (sql: string, params: unknown[]) => {
      try {
        return await db.asUserRolledBack(
          actors.mentee,
          async (s) => (await s.query(sql, params)).rowCount,
        );
      } catch (error) {
        return (error as { code?: string }).code;
      }
    };
    expect(
      await probe(
        `insert into public.mentor_trainings (school_id, participant_id, title, hours) values ($1, $2, 'Свой курс', 72)`,
        [SCHOOL_A, PARTICIPANTS.larina],
      ),
    ).toBe('42501');
    expect(
      await probe(`update public.mentor_trainings set hours = 72 where id = $1`, [LARINA_COURSE]),
    ).toBe(0);
    expect(
      await probe(`update public.mentor_trainings set deleted_at = now() where id = $1`, [
        LARINA_COURSE,
      ]),
    ).toBe(0);
  });

  it('her device receives her own courses through sync, and only those', async () => {
    const larina = await Device.open(db, USERS.mentee);
    await larina.pullAll();
    expect([...larina.table('mentor_trainings').keys()]).toEqual([LARINA_COURSE]);
    const kravtsova = await Device.open(db, USERS.mentor);
    await kravtsova.pullAll();
    expect([...kravtsova.table('mentor_trainings').keys()]).toEqual([KRAVTSOVA_COURSE]);
  });
});
