// The municipal KPI table for a coordinator (public.municipality_kpi_table): every school of
// her municipality with the very rows its staff see (one definition, private.school_kpi_rows),
// satisfaction cells of 1-4 answers suppressed, and nobody else may call it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db';
import {
  actors,
  asClaims,
  insertAuthUserSql,
  serviceRole,
  type ActorName,
} from '../factories/actors';
import { MUNICIPALITY, SCHOOL_A, SCHOOL_B, USERS } from '../factories/seed-ids';
import { expectSqlError } from './expect-sql';

interface Row {
  school_id: string;
  school_name: string;
  indicator: string;
  numerator: number | null;
  denominator: number | null;
}

const FROM = '2026-09-01';
const TO = '2027-05-31';
const SATISFACTION = ['mentee_satisfaction', 'mentor_satisfaction'];

let db: TestDb;

const tableAs = (claims: Parameters<TestDb['asUser']>[0], municipality = MUNICIPALITY) =>
  db.asUserRolledBack(
    claims,
    async (s) =>
      (
        await s.query<Row>('select * from public.municipality_kpi_table($1, $2, $3)', [
          municipality,
          FROM,
          TO,
        ])
      ).rows,
  );

const schoolKpisAsCurator = () =>
  db.asUserRolledBack(
    actors.curator,
    async (s) =>
      (
        await s.query<Omit<Row, 'school_id' | 'school_name'>>(
          'select * from public.school_kpis($1, $2, $3)',
          [SCHOOL_A, FROM, TO],
        )
      ).rows,
  );

beforeAll(async () => {
  db = await createTestDb({ seed: true });
});
afterAll(async () => {
  await db?.close();
});

describe('the coordinator of the municipality', () => {
  it('gets every school of it, with the rows its staff see', async () => {
    const rows = await tableAs(actors.coordinator);
    expect(new Set(rows.map((r) => r.school_id))).toEqual(new Set([SCHOOL_A, SCHOOL_B]));
    const own = await schoolKpisAsCurator();
    const ofA = rows.filter((r) => r.school_id === SCHOOL_A);
    expect(ofA.map((r) => r.indicator).sort()).toEqual(own.map((r) => r.indicator).sort());
    const nonAnswers = <T extends { indicator: string }>(list: T[]) =>
      list.filter((r) => !SATISFACTION.includes(r.indicator));
    expect(
      nonAnswers(ofA).map(({ indicator, numerator, denominator }) => ({
        indicator,
        numerator,
        denominator,
      })),
    ).toEqual(expect.arrayContaining(nonAnswers(own)));
    // The seed's roll of school A is not empty: the shares are counted, not zeros.
    expect(ofA.find((r) => r.indicator === 'teachers_involved')?.denominator).toBeGreaterThan(0);
  });

  /** Mentors' satisfaction answers (q1) of new teachers of school B, then the coordinator's cell. */
  async function mentorCellWith(answers: readonly number[]): Promise<Row> {
    const conn = await db.connect();
    try {
      await conn.exec('begin');
      const template = (
        await conn.query<{ id: string }>(
          `select id from public.questionnaire_templates
           where kind = 'satisfaction' and audience = 'mentor' and school_id is null limit 1`,
        )
      ).rows[0]!.id;
      for (const q1 of answers) {
        const person = randomUUID();
        await conn.query(
          `insert into public.participants (id, school_id, kind, full_name) values ($1, $2, 'teacher', 'Учитель')`,
          [person, SCHOOL_B],
        );
        await conn.query(
          `insert into public.questionnaire_responses (school_id, template_id, participant_id, answers, submitted_at)
           values ($1, $2, $3, $4, '2026-12-01T10:00:00Z')`,
          [SCHOOL_B, template, person, JSON.stringify({ q1 })],
        );
      }
      await conn.exec('set local role authenticated');
      await conn.query(`select set_config('request.jwt.claims', $1, true)`, [
        JSON.stringify(actors.coordinator),
      ]);
      return (
        await conn.query<Row>(
          `select * from public.municipality_kpi_table($1, $2, $3)
           where school_id = $4 and indicator = 'mentor_satisfaction'`,
          [MUNICIPALITY, FROM, TO, SCHOOL_B],
        )
      ).rows[0]!;
    } finally {
      await conn.exec('rollback').catch(() => undefined);
      await conn.release();
    }
  }

  it('never sees a satisfaction share built from one to four answers', async () => {
    expect(await mentorCellWith([9, 3, 8])).toMatchObject({ numerator: null, denominator: null });
  });

  it('sees a satisfaction share of five or more answers', async () => {
    expect(await mentorCellWith([9, 8, 10, 7, 7, 3, 2, 1, 4, 5])).toMatchObject({
      numerator: 5,
      denominator: 10,
    });
  });

  it('does not see how many were satisfied when one to four were not', async () => {
    // Six answers, one dissatisfied: the counts would tell that one person's answer.
    expect(await mentorCellWith([9, 8, 10, 7, 7, 3])).toMatchObject({
      numerator: null,
      denominator: 6,
    });
  });
});

describe('who may call it', () => {
  const refused: ActorName[] = [
    'mentee',
    'mentor',
    'curator',
    'school_admin',
    'member_of_other_school',
    'anonymous_unredeemed',
    'group_mentee',
  ];
  for (const actor of refused) {
    it(`is refused to the ${actor.replace(/_/g, ' ')}`, async () => {
      await expectSqlError(tableAs(actors[actor]), '42501', /not_coordinator/);
    });
  }

  it('is refused to an anonymous request', async () => {
    await expectSqlError(tableAs(actors.anon), '42501');
  });

  it('is refused to the coordinator of another municipality', async () => {
    const municipality = randomUUID();
    const user = randomUUID();
    await db.query(
      `insert into public.municipalities (id, name) values ($1, 'Тарский муниципальный район')`,
      [municipality],
    );
    await db.query(insertAuthUserSql(user, { email: `${user.slice(0, 8)}@tara.example` }));
    await db.query(`insert into public.coordinators (user_id, municipality_id) values ($1, $2)`, [
      user,
      municipality,
    ]);
    await expectSqlError(tableAs(asClaims(user)), '42501', /not_coordinator/);
    // Her own municipality has no schools yet: an empty table, not someone else's.
    expect(await tableAs(asClaims(user), municipality)).toEqual([]);
  });

  it('is refused to a signed-in user whose token claims the service role', async () => {
    const conn = await db.connect();
    try {
      await conn.exec('begin');
      await conn.exec('set local role authenticated');
      await conn.query(`select set_config('request.jwt.claims', $1, true)`, [
        JSON.stringify({ sub: USERS.curator, role: 'service_role' }),
      ]);
      await expectSqlError(
        conn.query('select * from public.municipality_kpi_table($1, $2, $3)', [
          MUNICIPALITY,
          FROM,
          TO,
        ]),
        '42501',
        /not_coordinator/,
      );
    } finally {
      await conn.exec('rollback').catch(() => undefined);
      await conn.release();
    }
  });

  it('answers the service role', async () => {
    const rows = await tableAs(serviceRole);
    expect(new Set(rows.map((r) => r.school_id)).size).toBe(2);
  });

  it('does not let anyone call the definition without the checks', async () => {
    await expectSqlError(
      db.asUserRolledBack(actors.coordinator, (s) =>
        s.query('select * from private.school_kpi_rows($1, $2, $3)', [SCHOOL_A, FROM, TO]),
      ),
      '42501',
    );
  });
});
