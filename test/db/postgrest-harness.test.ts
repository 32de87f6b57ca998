import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  TEST_SUPABASE_URL,
  createPostgrestFetch,
  createTestSupabaseClient,
  signTestJwt,
  testAnonKey,
} from '../support/postgrest';
import { createTestDb, type TestDb } from '../support/db';

const ALICE = '00000000-0000-4000-8000-00000000a11c';
const alice = { sub: ALICE, role: 'authenticated' as const };

let db: TestDb;

beforeAll(async () => {
  db = await createTestDb();
  await db.exec(`
    -- Supabase's per-role statement timeouts, scoped to this throwaway database.
    do $$ begin
      execute format('alter role anon in database %I set statement_timeout = %L', current_database(), '3s');
      execute format('alter role authenticated in database %I set statement_timeout = %L', current_database(), '8s');
    end $$;
    create table public.harness_notes (id int primary key, owner uuid not null, body text not null
      check (body <> ''));
    alter table public.harness_notes enable row level security;
    create policy harness_notes_own on public.harness_notes to authenticated
      using (owner = (select auth.uid())) with check (owner = (select auth.uid()));
    grant select, insert on public.harness_notes to authenticated;

    create table public.harness_secrets (id int);
    revoke all on public.harness_secrets from anon, authenticated;

    create function public.add_note(note_id int, body text) returns int language sql as $$
      insert into public.harness_notes (id, owner, body) values (note_id, auth.uid(), body) returning id $$;
    create function public.whoami() returns json language sql stable as $$
      select json_build_object(
        'uid', auth.uid(), 'role', current_user, 'session_user', session_user,
        'claims', auth.jwt(),
        'legacy_sub', current_setting('request.jwt.claim.sub', true),
        'read_only', current_setting('transaction_read_only'),
        'isolation', current_setting('transaction_isolation'),
        'search_path', current_setting('search_path'),
        'statement_timeout', current_setting('statement_timeout'),
        'method', current_setting('request.method'), 'path', current_setting('request.path'),
        'headers', current_setting('request.headers')::json,
        'cookies', current_setting('request.cookies')::json) $$;
    create function public.add_note_then_fail(note_id int) returns void language plpgsql as $$
    begin
      insert into public.harness_notes (id, owner, body) values (note_id, auth.uid(), 'doomed');
      raise exception 'nope' using detail = 'the detail', hint = 'the hint';
    end $$;
    create function public.write_in_stable() returns int language sql stable as $$
      select public.add_note(999, 'x') $$;
    create function public.read_secrets() returns setof public.harness_secrets language sql stable as $$
      select * from public.harness_secrets $$;
    create function public.my_notes() returns table (id int, body text) language sql stable as $$
      select id, body from public.harness_notes order by id $$;
    create function public.numbers(n int) returns setof int language sql immutable as $$
      select generate_series(1, n) $$;
    create function public.nothing() returns void language sql as $$ select $$;
    create function public.echo(items uuid[], payload jsonb, label text default 'none')
      returns jsonb language sql immutable as $$
      select jsonb_build_object('items', items, 'payload', payload, 'label', label) $$;
    create type public.harness_mood as enum ('calm', 'busy');
    create function public.mood_echo(moods public.harness_mood[], m public.harness_mood)
      returns json language sql stable security definer set search_path = ''
      set statement_timeout = '1s' as $$
      select json_build_object('moods', moods, 'm', m,
        'timeout', pg_catalog.current_setting('statement_timeout')) $$;
    create function public.checked(v text) returns text language plpgsql as $$
    begin
      if v = 'check' then raise check_violation using message = 'bad value';
      elsif v = 'custom' then raise sqlstate 'PT402' using message = 'pay up';
      end if;
      return v;
    end $$;
  `);
});

afterAll(async () => {
  await db?.close();
});

describe('PostgREST harness: the per-request setup', () => {
  it('sets role and claims for a signed-in user, in a READ ONLY transaction for a STABLE function', async () => {
    const supabase = await createTestSupabaseClient(db, { ...alice, is_anonymous: true });
    const { data, error, status } = await supabase.rpc('whoami');
    expect(error).toBeNull();
    expect(status).toBe(200);
    expect(data).toMatchObject({
      uid: ALICE,
      role: 'authenticated',
      claims: { sub: ALICE, role: 'authenticated', is_anonymous: true, aud: 'authenticated' },
      legacy_sub: null,
      read_only: 'on',
      isolation: 'read committed',
      search_path: '"public", "public", "extensions"',
      statement_timeout: '8s',
      method: 'POST',
      path: '/rpc/whoami',
      headers: { 'content-profile': 'public' },
      cookies: {},
    });
    expect((data as { headers: Record<string, string> }).headers.authorization).toMatch(/^Bearer /);
    // A superuser fixture connects as PostgREST does; a non-superuser one stays itself.
    const { rows } = await db.query<{ su: string }>("select current_setting('is_superuser') as su");
    if (rows[0]?.su === 'on') expect(data).toMatchObject({ session_user: 'authenticator' });
  });

  it('runs a signed-out client as anon with only the role claim', async () => {
    const supabase = await createTestSupabaseClient(db, null);
    const { data } = await supabase.rpc('whoami');
    expect(data).toMatchObject({ uid: null, role: 'anon', statement_timeout: '3s' });
    expect((data as { claims: { role: string } }).claims.role).toBe('anon');
  });

  it('lower-cases header names and moves the cookie into request.cookies', async () => {
    const fetch = createPostgrestFetch(db);
    const res = await fetch(`${TEST_SUPABASE_URL}/rest/v1/rpc/whoami`, {
      method: 'POST',
      headers: { 'X-Device-Id': 'tablet-7', Cookie: 'a=1; b=2', apikey: await testAnonKey() },
      body: '{}',
    });
    const body = (await res.json()) as { headers: Record<string, string>; cookies: unknown };
    expect(body.headers['x-device-id']).toBe('tablet-7');
    expect(body.headers.cookie).toBeUndefined();
    expect(body.cookies).toEqual({ a: '1', b: '2' });
  });

  it('commits a VOLATILE function in a READ WRITE transaction', async () => {
    const supabase = await createTestSupabaseClient(db, alice);
    const { data, error } = await supabase.rpc('add_note', { note_id: 1, body: 'hello' });
    expect(error).toBeNull();
    expect(data).toBe(1);
    const { rows } = await db.query('select owner from public.harness_notes where id = 1');
    expect(rows).toEqual([{ owner: ALICE }]);
  });
});

describe('PostgREST harness: results', () => {
  it('returns TABLE and SETOF results as arrays, and converts JSON arguments to their types', async () => {
    const supabase = await createTestSupabaseClient(db, alice);
    expect((await supabase.rpc('my_notes')).data).toEqual([{ id: 1, body: 'hello' }]);
    expect((await supabase.rpc('numbers', { n: 3 })).data).toEqual([1, 2, 3]);
    const { data } = await supabase.rpc('echo', { items: [ALICE], payload: { a: [1] } });
    expect(data).toEqual({ items: [ALICE], payload: { a: [1] }, label: 'none' });
  });

  it("applies the function's own settings and passes user-defined types under search_path ''", async () => {
    const supabase = await createTestSupabaseClient(db, alice);
    const { data, error } = await supabase.rpc('mood_echo', { moods: ['calm', 'busy'], m: 'busy' });
    expect(error).toBeNull();
    expect(data).toEqual({ moods: ['calm', 'busy'], m: 'busy', timeout: '1s' });
  });

  it('caps set results at max-rows', async () => {
    const supabase = await createTestSupabaseClient(db, alice, { maxRows: 2 });
    expect((await supabase.rpc('numbers', { n: 5 })).data).toEqual([1, 2]);
  });

  it('answers 204 with no body for a void function', async () => {
    const supabase = await createTestSupabaseClient(db, alice);
    const { data, error, status } = await supabase.rpc('nothing');
    expect({ data, error, status }).toEqual({ data: null, error: null, status: 204 });
  });

  it('serves GET on a table with eq filters, under RLS', async () => {
    const supabase = await createTestSupabaseClient(db, alice);
    const { data } = await supabase.from('harness_notes').select('id,body').eq('id', 1);
    expect(data).toEqual([{ id: 1, body: 'hello' }]);
    const bob = await createTestSupabaseClient(db, {
      sub: crypto.randomUUID(),
      role: 'authenticated',
    });
    expect((await bob.from('harness_notes').select('*').eq('id', 1)).data).toEqual([]);
  });

  it('serves the `is` operator: `col=is.null` becomes `col IS NULL`', async () => {
    const supabase = await createTestSupabaseClient(db, alice);
    const all = await supabase.from('harness_notes').select('id').eq('id', 1);
    expect(all.data).toEqual([{ id: 1 }]);
    const none = await supabase.from('harness_notes').select('id').eq('id', 1).is('body', null);
    expect(none).toMatchObject({ data: [], error: null });
  });
});

describe('PostgREST harness: errors', () => {
  it('rolls back and answers 400 with the body PostgREST sends for a raised exception', async () => {
    const supabase = await createTestSupabaseClient(db, alice);
    const { error, status } = await supabase.rpc('add_note_then_fail', { note_id: 2 });
    expect(status).toBe(400);
    expect(error).toMatchObject({
      code: 'P0001',
      message: 'nope',
      details: 'the detail',
      hint: 'the hint',
    });
    expect((await db.query('select 1 from public.harness_notes where id = 2')).rows).toEqual([]);
  });

  it('answers 405 for a write inside a STABLE function (READ ONLY transaction)', async () => {
    const supabase = await createTestSupabaseClient(db, alice);
    const { error, status } = await supabase.rpc('write_in_stable');
    expect(status).toBe(405);
    expect(error?.code).toBe('25006');
  });

  it('answers 401 to anon and 403 to a signed-in user for insufficient privilege', async () => {
    const anon = await createTestSupabaseClient(db, null);
    const signedIn = await createTestSupabaseClient(db, alice);
    expect(await anon.rpc('read_secrets')).toMatchObject({ status: 401, error: { code: '42501' } });
    expect(await signedIn.rpc('read_secrets')).toMatchObject({
      status: 403,
      error: { code: '42501' },
    });
  });

  it('maps unique, check and custom PT errors to 409, 400 and the PT status', async () => {
    const supabase = await createTestSupabaseClient(db, alice);
    await supabase.rpc('add_note', { note_id: 3, body: 'first' });
    expect(await supabase.rpc('add_note', { note_id: 3, body: 'again' })).toMatchObject({
      status: 409,
      error: { code: '23505' },
    });
    expect(await supabase.rpc('checked', { v: 'check' })).toMatchObject({
      status: 400,
      error: { code: '23514' },
    });
    expect(await supabase.rpc('checked', { v: 'custom' })).toMatchObject({
      status: 402,
      error: { code: 'PT402' },
    });
    expect(await supabase.rpc('add_note', { note_id: 4, body: '' })).toMatchObject({ status: 400 });
  });

  it('refuses a role claim the authenticator cannot switch to', async () => {
    await db.exec(`do $$ begin
      if not exists (select 1 from pg_roles where rolname = 'harness_outsider') then
        create role harness_outsider nologin;
      end if;
    end $$`);
    const supabase = await createTestSupabaseClient(db, {
      sub: ALICE,
      role: 'harness_outsider' as never,
    });
    expect(await supabase.rpc('whoami')).toMatchObject({ status: 403, error: { code: '42501' } });
  });

  it('answers 404 PGRST202 for an unknown function or unknown argument names', async () => {
    const supabase = await createTestSupabaseClient(db, alice);
    const missing = await supabase.rpc('no_such_fn', { a: 1 });
    expect(missing.status).toBe(404);
    expect(missing.error).toMatchObject({
      code: 'PGRST202',
      message: 'Could not find the function public.no_such_fn(a) in the schema cache',
    });
    expect((await supabase.rpc('numbers', { count: 1 })).error?.code).toBe('PGRST202');
  });

  it('answers 401 PGRST301 to a bad signature or an expired token, before touching the database', async () => {
    const forged = await signTestJwt(alice, 'another-secret-another-secret-another-secret');
    const expired = await signTestJwt({ ...alice, exp: Math.floor(Date.now() / 1000) - 10 });
    for (const [token, message] of [
      [forged, 'JWSError JWSInvalidSignature'],
      [expired, 'JWT expired'],
    ] as const) {
      let statements = 0;
      const supabase = await createTestSupabaseClient(db, null, {
        accessToken: async () => token,
        onStatement: () => statements++,
      });
      expect(await supabase.rpc('whoami')).toMatchObject({
        status: 401,
        error: { code: 'PGRST301', message },
      });
      expect(statements).toBe(0);
    }
  });

  it('rejects a token that expires between two requests of one client', async () => {
    let clock = Date.now();
    const supabase = await createTestSupabaseClient(db, alice, { now: () => clock });
    expect((await supabase.rpc('numbers', { n: 1 })).status).toBe(200);
    clock += 2 * 3600 * 1000;
    expect(await supabase.rpc('numbers', { n: 1 })).toMatchObject({
      status: 401,
      error: { code: 'PGRST301', message: 'JWT expired' },
    });
  });

  it('throws on a request it cannot replay faithfully', async () => {
    const supabase = await createTestSupabaseClient(db, alice);
    // supabase-js reports a thrown fetch as { error }; retry(false) skips its GET retries.
    const { error } = await supabase.from('harness_notes').select('*').gt('id', 1).retry(false);
    expect(error?.message).toContain('postgrest harness: unsupported');
    const fetch = createPostgrestFetch(db);
    await expect(
      fetch(`${TEST_SUPABASE_URL}/rest/v1/harness_notes`, { method: 'DELETE' }),
    ).rejects.toThrow(/postgrest harness: unsupported/);
  });
});

describe('PostgREST harness: faults', () => {
  it('can commit on the server and lose the response, as a network error', async () => {
    const supabase = await createTestSupabaseClient(db, alice, {
      onResponse: (req) => (req.target === 'add_note' ? 'drop' : 'deliver'),
    });
    const { data, error, status } = await supabase.rpc('add_note', { note_id: 5, body: 'kept' });
    expect({ data, status }).toEqual({ data: null, status: 0 });
    expect(error?.message).toBe('TypeError: fetch failed');
    expect((await db.query('select body from public.harness_notes where id = 5')).rows).toEqual([
      { body: 'kept' },
    ]);
  });

  it('can fail a request before it reaches the server', async () => {
    const supabase = await createTestSupabaseClient(db, alice, { onRequest: () => 'drop' });
    expect((await supabase.rpc('add_note', { note_id: 6, body: 'lost' })).status).toBe(0);
    expect((await db.query('select 1 from public.harness_notes where id = 6')).rows).toEqual([]);
  });

  it('can delay a request while another one runs', async () => {
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const supabase = await createTestSupabaseClient(db, alice, {
      onRequest: async (req) => {
        if ((req.body as { note_id?: number }).note_id === 7) await gate;
      },
      onResponse: (req) => void order.push(String((req.body as { note_id: number }).note_id)),
    });
    const slow = supabase.rpc('add_note', { note_id: 7, body: 'slow' });
    await supabase.rpc('add_note', { note_id: 8, body: 'fast' });
    release();
    await slow;
    expect(order).toEqual(['8', '7']);
  });

  it('runs requests concurrently on PostgreSQL (own connections), one at a time on PGlite', async () => {
    await db.exec(`create function public.nap() returns int language sql as $$
        select 1 from pg_sleep(0.5) $$`);
    const supabase = await createTestSupabaseClient(db, alice);
    const started = Date.now();
    const results = await Promise.all([
      supabase.rpc('nap'),
      supabase.rpc('nap'),
      supabase.rpc('nap'),
    ]);
    expect(results.map((r) => r.data)).toEqual([1, 1, 1]);
    // PGlite has one session: the harness must serialize, or transactions would interleave.
    if (db.kind === 'postgres') expect(Date.now() - started).toBeLessThan(1400);
    else expect(Date.now() - started).toBeGreaterThanOrEqual(1450);
  });
});
