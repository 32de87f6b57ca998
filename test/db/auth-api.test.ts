// src/api/auth.ts against the real database through the PostgREST harness: what the app asks
// for when a user's session resumes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { myMemberships } from '@/api/auth';
import { createTestDb, type TestDb } from '../support/db';
import { createClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { createTestSupabaseClient, testAnonKey } from '../support/postgrest';
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

describe('myMemberships without signal', () => {
  it('fails at once (no built-in retries), so the device’s memberships are used without a wait', async () => {
    const { AuthError } = await import('@/api/auth');
    // Nothing listens on port 9 of this machine: every request fails as a network error. The
    // real fetch and supabase-js, as the app's client is built (src/api/client.ts).
    const client = createClient('http://127.0.0.1:9', await testAnonKey(), {
      realtime: { transport: WebSocket as never },
      auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    });
    const started = Date.now();
    const error = await myMemberships(client, USERS.curator).catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(AuthError);
    expect((error as InstanceType<typeof AuthError>).reason).toBe('network');
    // postgrest-js would retry a failed GET after 1 s, 2 s and 4 s: seven seconds offline.
    expect(elapsed).toBeLessThan(900);
  });
});
