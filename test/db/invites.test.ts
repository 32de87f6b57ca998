// Joining a school by invite code: created by staff, shown once, stored hashed, redeemed
// once (also by anonymous sign-ins), expiring, with per-user, per-invite and global limits
// on failures, and an attempts log that does not grow without bound.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db';
import { actors, anonymousUser, insertAuthUserSql, others } from '../factories/actors';
import { INVITE_CODES, PAIRS, PARTICIPANTS, SCHOOL_A } from '../factories/seed-ids';
import { expectSqlError } from './expect-sql';

let db: TestDb;
let nextUser = 0;

beforeEach(async () => {
  db = await createTestDb({ seed: true });
});
afterEach(async () => {
  await db?.close();
});

async function newAnonymousUser(): Promise<string> {
  nextUser += 1;
  const id = `a3000000-0000-4000-8000-0000000b${nextUser.toString(16).padStart(4, '0')}`;
  await db.exec(insertAuthUserSql(id, { anonymous: true }));
  return id;
}

type Redeemed = {
  ok: boolean;
  error?: string;
  school_id?: string;
  role?: string;
  participant_id?: string;
};

const redeem = (user: string, code: string) =>
  db.asUser(
    anonymousUser(user),
    async (s) =>
      (await s.query<{ r: Redeemed }>('select public.redeem_invite($1) as r', [code])).rows[0]!.r,
  );

const createInvite = (
  claims: Parameters<TestDb['asUser']>[0],
  participant: string,
  role: string,
  ttl = '14 days',
) =>
  db.asUser(
    claims,
    async (s) =>
      (
        await s.query<{ code: string }>(
          'select public.create_invite($1, $2, $3::interval) as code',
          [participant, role, ttl],
        )
      ).rows[0]!.code,
  );

describe('create_invite', () => {
  it('returns a short code once and stores only its hash', async () => {
    const code = await createInvite(actors.curator, PARTICIPANTS.alisa, 'mentee');
    expect(code).toMatch(
      /^[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{4}-[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{4}$/,
    );
    const stored = await db.query<{ n: number }>(
      `select count(*)::int as n from public.invites where code_hash = sha256(convert_to(replace($1, '-', ''), 'UTF8'))`,
      [code],
    );
    expect(stored.rows[0]!.n).toBe(1);
    const plain = await db.query<{ n: number }>(
      `select count(*)::int as n from public.invites i where position($1 in i::text) > 0`,
      [code.replace('-', '')],
    );
    expect(plain.rows[0]!.n).toBe(0);
  });

  it('is refused to mentors and to staff of another school', async () => {
    await expectSqlError(
      createInvite(actors.mentor, PARTICIPANTS.alisa, 'mentee'),
      '42501',
      /invite_not_allowed/,
    );
    await expectSqlError(
      createInvite(actors.member_of_other_school, PARTICIPANTS.alisa, 'mentee'),
      '42501',
      /invite_not_allowed/,
    );
  });

  it('lets only the school admin invite to a staff role', async () => {
    await expectSqlError(
      createInvite(actors.curator, PARTICIPANTS.belousov, 'curator'),
      '42501',
      /invite_not_allowed/,
    );
    await expect(
      createInvite(actors.school_admin, PARTICIPANTS.belousov, 'curator'),
    ).resolves.toMatch(/-/);
  });

  it('rejects unknown roles', async () => {
    await expectSqlError(
      createInvite(actors.curator, PARTICIPANTS.alisa, 'director'),
      'P0001',
      /invite_role_invalid/,
    );
  });
});

describe('redeem_invite', () => {
  it('lets an anonymous sign-in join as the invited participant', async () => {
    const user = await newAnonymousUser();
    const result = await redeem(user, INVITE_CODES.alisa.toLowerCase());
    expect(result).toMatchObject({
      ok: true,
      school_id: SCHOOL_A,
      role: 'mentee',
      participant_id: PARTICIPANTS.alisa,
    });
    const pairs = await db.asUserRolledBack(anonymousUser(user), async (s) =>
      (await s.query<{ id: string }>('select id from public.pairs')).rows.map((r) => r.id),
    );
    expect(pairs).toEqual([PAIRS.p4Draft]);
    const linked = await db.query<{ user_id: string }>(
      'select user_id from public.participants where id = $1',
      [PARTICIPANTS.alisa],
    );
    expect(linked.rows[0]!.user_id).toBe(user);
  });

  it('works once', async () => {
    const first = await newAnonymousUser();
    const second = await newAnonymousUser();
    expect((await redeem(first, INVITE_CODES.alisa)).ok).toBe(true);
    expect(await redeem(second, INVITE_CODES.alisa)).toEqual({ ok: false, error: 'invite_used' });
  });

  it('expires', async () => {
    await db.exec(`update public.invites set expires_at = now() - interval '1 minute'`);
    expect(await redeem(await newAnonymousUser(), INVITE_CODES.alisa)).toEqual({
      ok: false,
      error: 'invite_expired',
    });
  });

  it('says invite_invalid for an unknown code', async () => {
    expect(await redeem(await newAnonymousUser(), 'ZZZZ-ZZZZ')).toEqual({
      ok: false,
      error: 'invite_invalid',
    });
  });

  it('locks a user out after 5 failures in 15 minutes, even for a right code', async () => {
    const user = await newAnonymousUser();
    for (let i = 0; i < 5; i++)
      expect((await redeem(user, `WRNG-000${i}`)).error).toBe('invite_invalid');
    expect(await redeem(user, INVITE_CODES.alisa)).toEqual({
      ok: false,
      error: 'invite_rate_limited',
    });
    // other users are not affected
    expect((await redeem(await newAnonymousUser(), INVITE_CODES.alisa)).ok).toBe(true);
    // the lock ends 15 minutes after the failures
    await db.exec(
      `update public.invite_attempts set attempted_at = attempted_at - interval '16 minutes' where user_id = '${user}'`,
    );
    expect(await redeem(user, INVITE_CODES.artem)).toMatchObject({ ok: true, role: 'mentor' });
  });

  it('does not record tries refused while locked out', async () => {
    const user = await newAnonymousUser();
    for (let i = 0; i < 5; i++) await redeem(user, `WRNG-000${i}`);
    for (let i = 0; i < 20; i++)
      expect((await redeem(user, `WRNG-100${i}`)).error).toBe('invite_rate_limited');
    const stored = await db.query<{ n: number }>(
      'select count(*)::int as n from public.invite_attempts where user_id = $1',
      [user],
    );
    expect(stored.rows[0]!.n).toBe(5);
  });

  it('locks an invite after 10 wrong tries of its second half, across accounts', async () => {
    const [first] = INVITE_CODES.alisa.split('-');
    for (let i = 0; i < 10; i++) {
      const wrong = `${first}-${(2222 + i).toString().replace(/[01]/g, '2')}`;
      expect((await redeem(await newAnonymousUser(), wrong)).error).toBe('invite_invalid');
    }
    expect(await redeem(await newAnonymousUser(), INVITE_CODES.alisa)).toEqual({
      ok: false,
      error: 'invite_locked',
    });
    // Other invites are untouched.
    expect((await redeem(await newAnonymousUser(), INVITE_CODES.artem)).ok).toBe(true);
  });

  it('locks every redemption after 300 failures in 15 minutes across all accounts', async () => {
    const someone = await newAnonymousUser();
    await db.exec(
      `insert into public.invite_attempts (user_id, outcome, attempted_at)
       select '${someone}', 'invite_invalid', now() - interval '1 minute' from generate_series(1, 300)`,
    );
    expect(await redeem(await newAnonymousUser(), INVITE_CODES.alisa)).toEqual({
      ok: false,
      error: 'invite_rate_limited',
    });
    await db.exec(
      `update public.invite_attempts set attempted_at = attempted_at - interval '15 minutes'`,
    );
    expect((await redeem(await newAnonymousUser(), INVITE_CODES.alisa)).ok).toBe(true);
  });

  it('forgets attempts older than a day', async () => {
    const someone = await newAnonymousUser();
    await db.exec(
      `insert into public.invite_attempts (user_id, outcome, attempted_at)
       select '${someone}', 'invite_invalid', now() - interval '25 hours' from generate_series(1, 50)`,
    );
    await redeem(await newAnonymousUser(), 'WRNG-CODE');
    const left = await db.query<{ n: number }>(
      `select count(*)::int as n from public.invite_attempts where attempted_at < now() - interval '1 day'`,
    );
    expect(left.rows[0]!.n).toBe(0);
  });

  it('admits nobody once the invited participant is deleted', async () => {
    await db.exec(
      `update public.participants set deleted_at = now() where id = '${PARTICIPANTS.alisa}'`,
    );
    const user = await newAnonymousUser();
    expect(await redeem(user, INVITE_CODES.alisa)).toEqual({
      ok: false,
      error: 'invite_invalid',
    });
    const memberships = await db.query<{ n: number }>(
      'select count(*)::int as n from public.memberships where user_id = $1',
      [user],
    );
    expect(memberships.rows[0]!.n).toBe(0);
  });

  it('records attempts where nobody can read them through the API', async () => {
    const user = await newAnonymousUser();
    await redeem(user, 'WRNG-CODE');
    const stored = await db.query<{ n: number }>(
      'select count(*)::int as n from public.invite_attempts where user_id = $1',
      [user],
    );
    expect(stored.rows[0]!.n).toBe(1);
    await expectSqlError(
      db.asUser(anonymousUser(user), (s) => s.query('select * from public.invite_attempts')),
      '42501',
    );
    await expectSqlError(
      db.asUser(actors.school_admin, (s) => s.query('select * from public.invites')),
      '42501',
    );
  });

  it('is not available without a sign-in', async () => {
    await expectSqlError(
      db.asUser(actors.anon, (s) =>
        s.query('select public.redeem_invite($1)', [INVITE_CODES.alisa]),
      ),
      '42501',
    );
  });

  it('gives a staff role to e-mail accounts only, and keeps the invite usable', async () => {
    const code = await createInvite(actors.school_admin, PARTICIPANTS.belousov, 'curator');
    expect(await redeem(await newAnonymousUser(), code)).toEqual({
      ok: false,
      error: 'invite_requires_email',
    });
    const result = await db.asUser(
      others.mentor2,
      async (s) =>
        (await s.query<{ r: Redeemed }>('select public.redeem_invite($1) as r', [code])).rows[0]!.r,
    );
    expect(result).toMatchObject({ ok: true, role: 'curator' });
  });

  it('moves the participant to the new account when re-invited (a lost phone)', async () => {
    const oldPhone = await newAnonymousUser();
    const newPhone = await newAnonymousUser();
    expect((await redeem(oldPhone, INVITE_CODES.alisa)).ok).toBe(true);
    const code = await createInvite(actors.curator, PARTICIPANTS.alisa, 'mentee');
    expect((await redeem(newPhone, code)).ok).toBe(true);
    const oldScopes = await db.asUserRolledBack(
      anonymousUser(oldPhone),
      async (s) =>
        (await s.query<{ n: number }>('select count(*)::int as n from private.my_scopes()'))
          .rows[0]!.n,
    );
    expect(oldScopes).toBe(0);
  });
});
