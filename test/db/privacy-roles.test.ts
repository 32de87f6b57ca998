// Issue 10, who may do what inside a school (beyond the access matrix): pair access follows
// the membership ROLES, consents are the staff's (others read consent_covered_until), a minor
// without a valid consent stores nothing, a mentee's request for another mentor carries no
// answer, training hours are the staff's, the staff's request about a student is hidden from
// the student, and no private function reveals anything beyond the caller's own scope.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db';
import {
  actors,
  anonymousUser,
  insertAuthUserSql,
  others,
  UNREDEEMED_ANONYMOUS_USER,
} from '../factories/actors';
import {
  INVITE_CODES,
  MEETING_P1,
  PAIRS,
  PARTICIPANTS,
  PLAN_P1,
  SCHOOL_A,
  TEMPLATES,
  USERS,
} from '../factories/seed-ids';
import { expectSqlError } from './expect-sql';

let db: TestDb;
type Claims = Parameters<TestDb['asUser']>[0];

beforeAll(async () => {
  db = await createTestDb({ seed: true });
  await db.exec(insertAuthUserSql(UNREDEEMED_ANONYMOUS_USER, { anonymous: true }));
});
afterAll(async () => {
  await db?.close();
});

const rows = <T>(claims: Claims, sql: string, params: unknown[] = []) =>
  db.asUserRolledBack(claims, async (s) => (await s.query<T>(sql, params)).rows);
const changed = (claims: Claims, sql: string, params: unknown[] = []) =>
  db.asUserRolledBack(claims, async (s) => (await s.query(sql, params)).rowCount);

describe('pair sides follow the membership roles', () => {
  it('revoking the mentor membership ends mentor access, even with a mentee membership left', async () => {
    // Кравцова also holds a mentee membership for her own participant (a mentor who is
    // mentored elsewhere); then the curator revokes her mentor membership.
    const mentorMembership = 'a5000000-0000-4000-8000-000000000003';
    const mentorAccess = async () => ({
      meetings: (
        await rows<{ n: number }>(
          actors.mentor,
          `select count(*)::int as n from public.meetings where pair_id = $1`,
          [PAIRS.p1TeacherActive],
        )
      )[0]!.n,
      mentees: (
        await rows<{ n: number }>(
          actors.mentor,
          `select count(*)::int as n from public.participants where id = $1`,
          [PARTICIPANTS.larina],
        )
      )[0]!.n,
      planUpdate: await changed(
        actors.mentor,
        `update public.development_plans set title = title where id = $1`,
        [PLAN_P1],
      ),
    });
    expect(await mentorAccess()).toEqual({ meetings: 5, mentees: 1, planUpdate: 1 });

    await db.exec(`insert into public.memberships (user_id, school_id, role, participant_id)
                   values ('${USERS.mentor}', '${SCHOOL_A}', 'mentee', '${PARTICIPANTS.kravtsova}')`);
    await db.asUser(actors.curator, (s) =>
      s.query(`update public.memberships set revoked_at = now() where id = $1`, [mentorMembership]),
    );
    try {
      expect(await mentorAccess()).toEqual({ meetings: 0, mentees: 0, planUpdate: 0 });
      await expectSqlError(
        db.asUser(actors.mentor, (s) =>
          s.query(
            `insert into public.meetings (school_id, pair_id, type, held_on, duration_min)
             values ($1, $2, 'regular', current_date, 45)`,
            [SCHOOL_A, PAIRS.p1TeacherActive],
          ),
        ),
        '42501',
      );
    } finally {
      await db.exec(`update public.memberships set revoked_at = null where id = '${mentorMembership}';
                     delete from public.memberships
                     where user_id = '${USERS.mentor}' and role = 'mentee'`);
    }
  });

  it('a mentee membership does not open the mentor side of a pair', async () => {
    // Ларина's participant is put on the mentor side of the draft pair P4: her mentee
    // membership does not make her its mentor.
    await db.asUserRolledBack(actors.mentee, async (s) => {
      await s.query(`reset role`);
      await s.query(
        `insert into public.pair_members (school_id, pair_id, participant_id, side)
         values ($1, $2, $3, 'mentor')`,
        [SCHOOL_A, PAIRS.p4Draft, PARTICIPANTS.larina],
      );
      await s.query(`set local role authenticated`);
      const pairs = await s.query<{ id: string }>(`select private.my_mentor_pair_ids() as id`);
      expect(pairs.rows).toEqual([]);
      const seen = await s.query<{ n: number }>(
        `select count(*)::int as n from public.participants where id = $1`,
        [PARTICIPANTS.alisa],
      );
      expect(seen.rows[0]!.n).toBe(0);
    });
  });
});

describe('consents are the staff’s; consent_covered_until is everyone’s', () => {
  it('neither a mentor nor the person herself reads consent rows', async () => {
    for (const claims of [actors.mentor, actors.mentee, others.dmitry]) {
      expect(await rows(claims, `select id from public.consents`)).toEqual([]);
    }
    expect(
      (
        await rows<{ n: number }>(actors.curator, `select count(*)::int as n from public.consents`)
      )[0]!.n,
    ).toBe(10);
  });

  it('the mentor and the person read "covered until" on the participant card', async () => {
    const covered = (claims: Claims) =>
      rows<{ id: string; consent_covered_until: string | null }>(
        claims,
        `select id, consent_covered_until::text from public.participants where id = any ($1) order by id`,
        [[PARTICIPANTS.larina, PARTICIPANTS.sidorenko]],
      );
    expect(await covered(actors.mentor)).toEqual([
      { id: PARTICIPANTS.larina, consent_covered_until: '2027-08-31' },
      // expired on 2026-08-31: the date says so, the reader compares with today
      { id: PARTICIPANTS.sidorenko, consent_covered_until: '2026-08-31' },
    ]);
    expect(await covered(actors.mentee)).toEqual([
      { id: PARTICIPANTS.larina, consent_covered_until: '2027-08-31' },
    ]);
    const none = await rows<{ c: string | null }>(
      actors.curator,
      `select consent_covered_until::text as c from public.participants where id = $1`,
      [PARTICIPANTS.alisa],
    );
    expect(none).toEqual([{ c: null }]);
    const unlimited = await rows<{ c: string | null }>(
      actors.member_of_other_school,
      `select consent_covered_until::text as c from public.participants where id = $1`,
      [PARTICIPANTS.morozova],
    );
    expect(unlimited).toEqual([{ c: 'infinity' }]);
  });

  it('is kept by the server: consents recorded, revoked, tombstoned; is_minor changed', async () => {
    await db.asUserRolledBack(actors.curator, async (s) => {
      const covered = async (id: string) =>
        (
          await s.query<{ c: string | null }>(
            `select consent_covered_until::text as c from public.participants where id = $1`,
            [id],
          )
        ).rows[0]!.c;
      const consent = randomUUID();
      await s.query(
        `insert into public.consents (id, school_id, participant_id, given_by, representative_name, signed_on, valid_until)
         values ($1, $2, $3, 'representative', 'Тимофеева Анна', current_date, '2028-05-31')`,
        [consent, SCHOOL_A, PARTICIPANTS.alisa],
      );
      expect(await covered(PARTICIPANTS.alisa)).toBe('2028-05-31');
      await s.query(`update public.consents set revoked_on = current_date where id = $1`, [
        consent,
      ]);
      expect(await covered(PARTICIPANTS.alisa)).toBeNull();
      await s.query(`update public.consents set revoked_on = null where id = $1`, [consent]);
      expect(await covered(PARTICIPANTS.alisa)).toBe('2028-05-31');
      await s.query(`update public.consents set deleted_at = now() where id = $1`, [consent]);
      expect(await covered(PARTICIPANTS.alisa)).toBeNull();
      // Ларина signed herself: covered as an adult, not once she is marked a minor.
      await s.query(
        `update public.participants set is_minor = true, kind = 'other' where id = $1`,
        [PARTICIPANTS.larina],
      );
      expect(await covered(PARTICIPANTS.larina)).toBeNull();
    });
  });

  it('cannot be written directly, not even by the service role', async () => {
    await db.asUserRolledBack({ role: 'service_role' }, async (s) => {
      await s.query(
        `update public.participants set consent_covered_until = 'infinity' where id = $1`,
        [PARTICIPANTS.alisa],
      );
      const r = await s.query<{ c: string | null }>(
        `select consent_covered_until::text as c from public.participants where id = $1`,
        [PARTICIPANTS.alisa],
      );
      expect(r.rows[0]!.c).toBeNull();
    });
  });
});

describe('a minor without a valid consent stores nothing', () => {
  let alisa: Claims;
  const answer = (claims: Claims) =>
    db.asUserRolledBack(claims, (s) =>
      s.query(
        `insert into public.questionnaire_responses (school_id, template_id, pair_id, participant_id, answers)
         values ($1, $2, $3, $4, '{"q1": 5}')`,
        [SCHOOL_A, TEMPLATES.entryMenteeStudent, PAIRS.p4Draft, PARTICIPANTS.alisa],
      ),
    );

  beforeAll(async () => {
    const id = 'a3000000-0000-4000-8000-0000000000b1';
    await db.exec(insertAuthUserSql(id, { anonymous: true }));
    alisa = anonymousUser(id);
    const r = await db.asUser(alisa, (s) =>
      s.query<{ r: { ok: boolean } }>('select public.redeem_invite($1) as r', [INVITE_CODES.alisa]),
    );
    expect(r.rows[0]!.r.ok).toBe(true);
  });

  it('may sign in and read her own card and her mentor card', async () => {
    expect(await rows(alisa, `select id from public.participants order by id`)).toEqual([
      { id: PARTICIPANTS.belousov },
      { id: PARTICIPANTS.alisa },
    ]);
  });

  it('her writes are refused with consent_required, through the table API and sync', async () => {
    await expectSqlError(answer(alisa), '23514', /consent_required/);
    const push = await db.asUserRolledBack(
      alisa,
      async (s) =>
        (
          await s.query<{ r: { results: Record<string, unknown>[] } }>(
            'select public.sync_push($1, $2::jsonb) as r',
            [
              randomUUID(),
              JSON.stringify([
                {
                  mutation_id: randomUUID(),
                  seq: 1,
                  table: 'questionnaire_responses',
                  row_id: randomUUID(),
                  op: 'insert',
                  fields: {
                    school_id: SCHOOL_A,
                    template_id: TEMPLATES.entryMenteeStudent,
                    pair_id: PAIRS.p4Draft,
                    participant_id: PARTICIPANTS.alisa,
                    answers: { q1: 5 },
                  },
                },
              ]),
            ],
          )
        ).rows[0]!.r,
    );
    expect(push.results[0]).toMatchObject({
      status: 'rejected',
      code: '23514',
      constraint: 'consent_required',
    });
    // Refused whole before anything is stored: not even the idempotency log.
    const logged = await db.query<{ n: number }>(
      'select count(*)::int as n from private.sync_mutations where user_id = $1',
      [alisa.sub],
    );
    expect(logged.rows[0]!.n).toBe(0);
  });

  it('once a parent has signed, she writes like any mentee', async () => {
    await db.asUser(actors.curator, (s) =>
      s.query(
        `insert into public.consents (school_id, participant_id, given_by, representative_name, signed_on, valid_until)
         values ($1, $2, 'representative', 'Тимофеева Анна Петровна', current_date, current_date + 365)`,
        [SCHOOL_A, PARTICIPANTS.alisa],
      ),
    );
    await expect(answer(alisa)).resolves.toBeTruthy();
  });

  it('a minor covered by consent writes (Дмитрий confirms his meeting)', async () => {
    expect(
      await changed(
        others.dmitry,
        `update public.meeting_confirmations set reflection = 'Понятно про дроби' where participant_id = $1`,
        [PARTICIPANTS.dmitry],
      ),
    ).toBe(1);
  });
});

describe('requests for another mentor', () => {
  const request = (status: string, note: string | null, resolvedAt: string | null) =>
    db.asUserRolledBack(actors.mentee, (s) =>
      s.query(
        `insert into public.mentor_change_requests (school_id, pair_id, requested_by, reason, status, resolution_note, resolved_at)
         values ($1, $2, $3, 'Не совпадаем по графику', $4, $5, $6)`,
        [SCHOOL_A, PAIRS.p1TeacherActive, PARTICIPANTS.larina, status, note, resolvedAt],
      ),
    );

  it('a mentee files an open request without an answer, for her own pair only', async () => {
    await expect(request('open', null, null)).resolves.toBeTruthy();
    await expectSqlError(request('open', 'Одобрено куратором', null), '42501');
    await expectSqlError(request('open', null, new Date().toISOString()), '42501');
    await expectSqlError(request('accepted', 'Одобрено', new Date().toISOString()), '42501');
    await expectSqlError(
      db.asUserRolledBack(actors.mentee, (s) =>
        s.query(
          `insert into public.mentor_change_requests (school_id, pair_id, requested_by, reason)
           values ($1, $2, $3, 'Хочу к другому')`,
          [SCHOOL_A, PAIRS.p5Completed, PARTICIPANTS.larina],
        ),
      ),
      '42501',
    );
  });
});

describe('training hours', () => {
  it('a mentor cannot record or change her own training; the staff can', async () => {
    await expectSqlError(
      db.asUserRolledBack(actors.mentor, (s) =>
        s.query(
          `insert into public.mentor_trainings (school_id, participant_id, title, hours) values ($1, $2, 'Курсы', 1000)`,
          [SCHOOL_A, PARTICIPANTS.kravtsova],
        ),
      ),
      '42501',
    );
    expect(
      await changed(
        actors.mentor,
        `update public.mentor_trainings set hours = 1000 where participant_id = $1`,
        [PARTICIPANTS.kravtsova],
      ),
    ).toBe(0);
    expect((await rows(actors.mentor, `select id from public.mentor_trainings`)).length).toBe(1);
    expect(
      await changed(
        actors.curator,
        `update public.mentor_trainings set hours = 40 where participant_id = $1`,
        [PARTICIPANTS.kravtsova],
      ),
    ).toBe(1);
  });
});

describe("the staff's request about a student", () => {
  it('is not on the participant card any more', async () => {
    const cols = await rows<{ column_name: string }>(
      { role: 'service_role' },
      `select column_name from information_schema.columns
       where table_schema = 'public' and table_name = 'participants' and column_name = 'requests'`,
    );
    expect(cols).toEqual([]);
  });

  it('lives in participant_sensitive: the mentor reads it, the student never', async () => {
    expect(
      await rows<{ request: string }>(
        others.dmitry,
        `select request from public.participant_sensitive`,
      ),
    ).toEqual([]);
    expect(
      await rows<{ request: string }>(
        actors.group_mentee,
        `select request from public.participant_sensitive`,
      ),
    ).toEqual([]);
    expect(
      await rows<{ request: string }>(
        actors.mentor,
        `select request from public.participant_sensitive where participant_id = $1`,
        [PARTICIPANTS.larina],
      ),
    ).toEqual([{ request: 'Ведение документации, дисциплина на уроке, работа с родителями' }]);
  });
});

describe('private functions', () => {
  const executable = () =>
    rows<{ name: string }>(
      { role: 'service_role' },
      `select p.proname as name
       from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
       where n.nspname = 'private' and pg_catalog.has_function_privilege('authenticated', p.oid, 'EXECUTE')
       order by 1`,
    );

  it('has_valid_consent and consent_covered_until are not executable by authenticated', async () => {
    const names = (await executable()).map((r) => r.name);
    expect(names).not.toContain('has_valid_consent');
    expect(names).not.toContain('consent_covered_until');
    await expectSqlError(
      db.asUserRolledBack(actors.mentor, (s) =>
        s.query(`select private.has_valid_consent($1, current_date)`, [PARTICIPANTS.kovalev]),
      ),
      '42501',
    );
  });

  it('every membership helper answers for the caller only: nothing for a stranger', async () => {
    const helpers = (await executable())
      .map((r) => r.name)
      .filter((n) => n.startsWith('my_') || n === 'caller_needs_consent');
    expect(helpers.length).toBeGreaterThan(10);
    const stranger = anonymousUser(UNREDEEMED_ANONYMOUS_USER);
    for (const name of helpers) {
      const out = await rows<{ v: unknown }>(
        stranger,
        `select to_jsonb(x) as v from private.${name}() x`,
      );
      expect({ name, out }).toEqual({
        name,
        out: name === 'caller_needs_consent' ? [{ v: false }] : [],
      });
    }
  });

  it('the helpers of another school answer nothing about school A', async () => {
    const ids = await rows<{ id: string }>(
      actors.member_of_other_school,
      `select private.my_visible_participant_ids() as id
       union all select private.my_pair_ids()
       union all select s.pair_id from private.my_mentee_seats() s`,
    );
    const inA = await rows<{ n: number }>(
      { role: 'service_role' },
      `select count(*)::int as n from public.participants where id = any ($1) and school_id = $2`,
      [ids.map((r) => r.id), SCHOOL_A],
    );
    expect(inA[0]!.n).toBe(0);
    // and the meeting of school A is not there for them either
    expect(
      await rows(actors.member_of_other_school, `select id from public.meetings where id = $1`, [
        MEETING_P1,
      ]),
    ).toEqual([]);
  });
});

describe('a mentor keeps her own contact details', () => {
  const update = (sql: string) =>
    db.asUserRolledBack(actors.mentor, async (s) => (await s.query(sql)).rowCount);

  it('changes her phone and e-mail', async () => {
    expect(
      await update(
        `update public.participants set phone = '+7 913 000-00-00', email = 'new@luzino1.example'
         where id = '${PARTICIPANTS.kravtsova}'`,
      ),
    ).toBe(1);
  });

  it('changes nothing else of her card, and nobody else’s card', async () => {
    await expectSqlError(
      update(
        `update public.participants set full_name = 'Другая' where id = '${PARTICIPANTS.kravtsova}'`,
      ),
      '42501',
      /participant_contacts_only/,
    );
    expect(
      await update(
        `update public.participants set phone = '1' where id = '${PARTICIPANTS.larina}'`,
      ),
    ).toBe(0);
  });

  it('is not for a mentee', async () => {
    const n = await db.asUserRolledBack(
      actors.mentee,
      async (s) =>
        (
          await s.query(
            `update public.participants set phone = '1' where id = '${PARTICIPANTS.larina}'`,
          )
        ).rowCount,
    );
    expect(n).toBe(0);
  });
});
