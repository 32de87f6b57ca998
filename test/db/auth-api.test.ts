// src/api/auth.ts against the real database through the PostgREST harness: what the app asks
// for when a user's session resumes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { myMemberships } from '@/api/auth';
import { createTestDb, type TestDb } from '../support/db';
import { createTestSupabaseClient } from '../support/postgrest';
import { PARTICIPANTS, SCHOOL_A, USERS } from '../factories/seed-ids';

let db: TestDb;

beforeAll(async () => {
  db = await createTestDb({ seed: true });
});
afterAll(async () => {
  await db?.close();
});

describe('myMemberships', () => {
  it("returns the user's live memberships and leaves out revoked ones", async () => {
    const client = await createTestSupabaseClient(db, { sub: USERS.mentor, role: 'authenticated' });
    expect(await myMemberships(client, USERS.mentor)).toEqual([
      { school_id: SCHOOL_A, role: 'mentor', participant_id: PARTICIPANTS.kravtsova },
    ]);
    await db.exec(
      `update public.memberships set revoked_at = now() where user_id = '${USERS.mentor}'`,
    );
    expect(await myMemberships(client, USERS.mentor)).toEqual([]);
  });

  it("never returns another user's memberships", async () => {
    const client = await createTestSupabaseClient(db, { sub: USERS.mentee, role: 'authenticated' });
    expect(await myMemberships(client, USERS.curator)).toEqual([]);
  });
});
