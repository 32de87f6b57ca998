// src/api/invites.ts against the real database through the PostgREST harness: what a curator's
// phone gets back from create_invite, and how refusals and lost connections reach the UI.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInvite, INVITE_TTL_DAYS, InviteError } from '@/api/invites';
import { normaliseInviteCode } from '@/domain/invite';
import { actors, anonymousUser, insertAuthUserSql } from '../factories/actors';
import { PARTICIPANTS, SCHOOL_A } from '../factories/seed-ids';
import { createTestDb, type TestDb } from '../support/db';
import { createTestSupabaseClient } from '../support/postgrest';

let db: TestDb;
beforeEach(async () => {
  db = await createTestDb({ seed: true });
});
afterEach(async () => {
  await db?.close();
});

const STUDENT = 'a3000000-0000-4000-8000-0000000c0001';

describe('createInvite', () => {
  it('gives a curator a code that a student’s anonymous sign-in can redeem', async () => {
    const curator = await createTestSupabaseClient(db, actors.curator);
    const now = new Date('2026-11-25T10:00:00Z');
    const invite = await createInvite(curator, PARTICIPANTS.alisa, 'mentee', now);

    expect(normaliseInviteCode(invite.code)).toBe(invite.code);
    expect(invite.expiresAt.toISOString()).toBe('2026-12-09T10:00:00.000Z');
    const stored = await db.query<{ days: number }>(
      `select extract(day from expires_at - created_at)::int as days from public.invites
        where participant_id = $1 and role = 'mentee' and redeemed_at is null
        order by created_at desc limit 1`,
      [PARTICIPANTS.alisa],
    );
    expect(stored.rows[0]?.days).toBe(INVITE_TTL_DAYS);

    await db.exec(insertAuthUserSql(STUDENT, { anonymous: true }));
    const student = await createTestSupabaseClient(db, anonymousUser(STUDENT));
    const { data, error } = await student.rpc('redeem_invite', {
      code: invite.code.toLowerCase(),
    });
    expect(error).toBeNull();
    expect(data).toMatchObject({
      ok: true,
      school_id: SCHOOL_A,
      role: 'mentee',
      participant_id: PARTICIPANTS.alisa,
    });
  });

  it('refuses a mentor: not_allowed', async () => {
    const mentor = await createTestSupabaseClient(db, actors.mentor);
    const attempt = createInvite(mentor, PARTICIPANTS.alisa, 'mentee');
    await expect(attempt).rejects.toBeInstanceOf(InviteError);
    await expect(attempt).rejects.toMatchObject({ reason: 'not_allowed' });
  });

  it('refuses a curator a staff role, which only the school admin gives', async () => {
    const curator = await createTestSupabaseClient(db, actors.curator);
    await expect(createInvite(curator, PARTICIPANTS.belousov, 'curator')).rejects.toMatchObject({
      reason: 'not_allowed',
    });
  });

  it('says network when the request never reaches the server, and creates nothing', async () => {
    const invites = async () =>
      (await db.query<{ n: number }>('select count(*)::int as n from public.invites')).rows[0]?.n;
    const before = await invites();
    const curator = await createTestSupabaseClient(db, actors.curator, {
      onRequest: () => 'drop',
    });
    await expect(createInvite(curator, PARTICIPANTS.alisa, 'mentee')).rejects.toMatchObject({
      reason: 'network',
    });
    expect(await invites()).toBe(before);
  });
});
