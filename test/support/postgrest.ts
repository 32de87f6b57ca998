// PostgREST test harness: replays, per request, the SQL that PostgREST ≥ 12 runs
// (Query/PreQuery.hs; see /work/shared/SUPABASE.md) against a TestDb, behind a `fetch`
// that supabase-js can use. It REFUSES (throws) every request shape it does not
// reproduce faithfully, so a test can never pass against behaviour production lacks.
//
// Reproduced: POST /rest/v1/rpc/{fn} with a JSON object body (named arguments, or the
// whole body for a function with one unnamed json/jsonb parameter); GET /rest/v1/{table}
// with `select=*` or plain column lists and `col=eq.value` / `col=is.null|true|false` filters; JWT verification;
// transaction access mode from the function's volatility; the transaction-local
// set_config statement; max-rows; errors mapped to PostgREST's HTTP statuses and body.
//
//   const db = await createTestDb();
//   const supabase = await createTestSupabaseClient(db, { sub: userId, role: 'authenticated' }, {
//     onResponse: (req) => (req.target === 'sync_push' ? 'drop' : 'deliver'), // commit, lose reply
//   });
//   const { data, error, status } = await supabase.rpc('sync_push', { batch });
//
// supabase-js turns a thrown fetch into `{ error: { message: 'TypeError: fetch failed' }, status: 0 }`
// (and retries GETs three times first: use `.retry(false)` on table reads that should fail).
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { SignJWT, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import WebSocket from 'ws';
import type { Sql, TestDb } from './db';

/** The slice of test/support/db.ts's TestDb that the harness needs. */
export type HarnessDb = Pick<TestDb, 'kind' | 'connect' | 'query' | 'exec'>;

/** Supabase's local-development JWT secret; tests sign and verify with it. */
export const TEST_JWT_SECRET = 'super-secret-jwt-token-with-at-least-32-characters-long';
export const TEST_SUPABASE_URL = 'http://127.0.0.1:54321';

export type JwtRole = 'authenticated' | 'anon' | 'service_role';

export interface TestJwtClaims {
  sub?: string;
  role: JwtRole;
  is_anonymous?: boolean;
  aud?: string;
  email?: string;
  app_metadata?: Record<string, unknown>;
  user_metadata?: Record<string, unknown>;
  /** Seconds since the epoch; defaults to one hour from now. */
  exp?: number;
  [claim: string]: unknown;
}

/** Signs an HS256 JWT like GoTrue's (sub, role, aud, is_anonymous, iat, exp). */
export async function signTestJwt(
  claims: TestJwtClaims,
  secret: string = TEST_JWT_SECRET,
): Promise<string> {
  const nowSeconds = Math.floor(Date.now() / 1000);
  const payload: JWTPayload & Record<string, unknown> = {
    aud: claims.role === 'anon' ? undefined : 'authenticated',
    iss: 'supabase-test',
    iat: nowSeconds,
    exp: nowSeconds + 3600,
    ...(claims.role === 'authenticated' ? { is_anonymous: false } : {}),
    ...claims,
  };
  if (payload.aud === undefined) delete payload.aud;
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(secret));
}

/** The anon API key a project hands out: a long-lived JWT with role anon. */
export function testAnonKey(secret: string = TEST_JWT_SECRET): Promise<string> {
  return signTestJwt(
    { role: 'anon', exp: Math.floor(Date.now() / 1000) + 10 * 365 * 86400 },
    secret,
  );
}

export interface HarnessRequest {
  method: string;
  /** The path PostgREST sees (Kong strips /rest/v1), e.g. '/rpc/sync_push'. */
  path: string;
  /** The query string, '' or starting with '?'. */
  search: string;
  /** The RPC function or table name. */
  target: string;
  kind: 'rpc' | 'table';
  headers: Record<string, string>;
  body: unknown;
  /** Verified claims, or null when no (or an invalid) JWT was sent. */
  claims: Record<string, unknown> | null;
}

export interface HarnessResponse {
  status: number;
  headers: Record<string, string>;
  /** The response text exactly as sent ('' for 204). */
  text: string;
}

export interface PostgrestFetchOptions {
  url?: string;
  jwtSecret?: string;
  /** The exposed schema (PostgREST `db-schemas`); only one is supported. */
  schema?: string;
  /** PostgREST `db-extra-search-path`; Supabase's default. */
  extraSearchPath?: string[];
  /** PostgREST `db-pool` (PostgreSQL only; PGlite runs one request at a time). Default 10. */
  poolSize?: number;
  /** PostgREST `db-max-rows`; Supabase's default is 1,000. */
  maxRows?: number;
  /**
   * The login role PostgREST connects as. Each request's transaction runs under
   * `SET LOCAL SESSION AUTHORIZATION` to it, so switching to the JWT's role needs the
   * same membership as in production (only when the fixture connects as a superuser;
   * otherwise the fixture's own memberships apply). Null: never switch.
   */
  authenticator?: string | null;
  /** The clock JWT expiry is checked against (ms since the epoch). */
  now?: () => number;
  /**
   * Runs before the server touches the database: await to delay a request; return
   * 'drop' to fail it as a network error before it reaches the server.
   */
  onRequest?: (
    req: HarnessRequest,
  ) => void | 'deliver' | 'drop' | Promise<void | 'deliver' | 'drop'>;
  /**
   * Runs after the server has committed (or rolled back) and before the client sees the
   * response: await to delay; return 'drop' to lose the response (the client gets
   * TypeError('fetch failed') as from undici while the server's work stands).
   */
  onResponse?: (
    req: HarnessRequest,
    res: HarnessResponse,
  ) => void | 'deliver' | 'drop' | Promise<void | 'deliver' | 'drop'>;
  /** Every statement sent to the database, for assertions on the replayed SQL. */
  onStatement?: (text: string, params: unknown[]) => void;
}

export type PostgrestFetch = (
  input: string | URL | Request,
  init?: RequestInit,
) => Promise<Response>;

export class UnsupportedRequestError extends Error {
  constructor(what: string) {
    super(`postgrest harness: unsupported ${what}`);
    this.name = 'UnsupportedRequestError';
  }
}

interface PgErrorLike {
  code?: string;
  message: string;
  detail?: string;
  hint?: string;
}

interface ProcRow {
  oid: number;
  volatility: 'i' | 's' | 'v';
  retset: boolean;
  rettype: string;
  ret_is_composite: boolean;
  ret_is_void: boolean;
  arg_names: string[] | null;
  arg_types: string[];
  arg_modes: string[] | null;
  n_defaults: number;
  /** proconfig: the function's `SET name = value` clauses. */
  settings: string[];
}

interface InputArg {
  name: string;
  type: string;
  hasDefault: boolean;
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

/** Creates a `fetch` that serves /rest/v1 from `db` the way PostgREST would. */
export function createPostgrestFetch(
  db: HarnessDb,
  opts: PostgrestFetchOptions = {},
): PostgrestFetch {
  const baseUrl = new URL(opts.url ?? TEST_SUPABASE_URL);
  const secret = new TextEncoder().encode(opts.jwtSecret ?? TEST_JWT_SECRET);
  const schema = opts.schema ?? 'public';
  const searchPath = [schema, ...(opts.extraSearchPath ?? ['public', 'extensions'])]
    .map(quoteIdent)
    .join(', ');
  const maxRows = opts.maxRows ?? 1000;
  const now = opts.now ?? Date.now;
  const authenticator = opts.authenticator === undefined ? 'authenticator' : opts.authenticator;
  // Who the fixture connects as; only a superuser can become the authenticator. A
  // non-superuser fixture (CI connects as a hosted-like, non-superuser `postgres`, which
  // is a member of anon, authenticated and service_role) switches roles as itself.
  let fixtureUser: Promise<{ name: string; isSuperuser: boolean }> | undefined;
  // PostgreSQL: at most poolSize requests hold a connection; the rest wait, as on
  // PostgREST's pool.
  let freeSlots = opts.poolSize ?? 10;
  const waiting: (() => void)[] = [];
  const acquireSlot = async (): Promise<void> => {
    if (freeSlots > 0) freeSlots--;
    else await new Promise<void>((resolve) => waiting.push(resolve));
  };
  const releaseSlot = (): void => {
    const next = waiting.shift();
    if (next) next();
    else freeSlots++;
  };
  type PooledSql = Sql & { release(): Promise<void> };
  const idle: PooledSql[] = [];
  // PostgREST's db-pool-max-idletime, shortened: tests create many harnesses (one per
  // simulated device) and must not hold the server's connection slots for long.
  const MAX_IDLE = 2;
  const IDLE_MS = 1000;
  const idleTimers = new Map<PooledSql, ReturnType<typeof setTimeout>>();
  const park = (conn: PooledSql): void => {
    idle.push(conn);
    const timer = setTimeout(() => {
      idleTimers.delete(conn);
      const at = idle.indexOf(conn);
      if (at >= 0) {
        idle.splice(at, 1);
        void conn.release().catch(() => undefined);
      }
    }, IDLE_MS);
    timer.unref?.();
    idleTimers.set(conn, timer);
  };
  const unpark = (): PooledSql | undefined => {
    const conn = idle.pop();
    if (conn) {
      clearTimeout(idleTimers.get(conn));
      idleTimers.delete(conn);
    }
    return conn;
  };
  // PGlite is one session: requests take turns, as they would on a pool of one.
  let queue: Promise<unknown> = Promise.resolve();
  const serialize = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  async function withConnection<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
    const traced = (sql: Sql): Sql =>
      opts.onStatement
        ? {
            query: (text, params = []) => {
              opts.onStatement?.(text, params);
              return sql.query(text, params);
            },
            exec: (text) => {
              opts.onStatement?.(text, []);
              return sql.exec(text);
            },
          }
        : sql;
    if (db.kind === 'pglite') return serialize(() => fn(traced(db)));
    await acquireSlot();
    try {
      // Like PostgREST's pool: a connection serves request after request (keeping its
      // prepared plans), and is dropped only when a request failed in a way that may have
      // left it in an unknown state. The fixture's close() ends the idle ones.
      const conn = unpark() ?? (await db.connect());
      let reusable = false;
      try {
        const result = await fn(traced(conn));
        reusable = true;
        return result;
      } finally {
        if (reusable && idle.length < MAX_IDLE) park(conn);
        else await conn.release();
      }
    } finally {
      releaseSlot();
    }
  }

  async function verifyJwt(
    authorization: string | undefined,
  ): Promise<{ claims: Record<string, unknown> | null; error?: HarnessResponse }> {
    if (!authorization) return { claims: null };
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match?.[1])
      return { claims: null, error: jwtError('Authorization header is not a Bearer token') };
    try {
      const { payload } = await jwtVerify(match[1], secret, {
        algorithms: ['HS256'],
        currentDate: new Date(now()),
      });
      return { claims: payload as Record<string, unknown> };
    } catch (e) {
      if (e instanceof joseErrors.JWTExpired)
        return { claims: null, error: jwtError('JWT expired') };
      if (e instanceof joseErrors.JWSSignatureVerificationFailed)
        return { claims: null, error: jwtError('JWSError JWSInvalidSignature') };
      return {
        claims: null,
        error: jwtError('JWSError (CompactDecodeError Invalid number of parts)'),
      };
    }
  }

  async function handle(req: HarnessRequest): Promise<HarnessResponse> {
    const role = typeof req.claims?.role === 'string' ? req.claims.role : 'anon';
    const headers = Object.entries(req.headers).filter(([name]) => name !== 'cookie');
    const preRequest = (
      roleSettings: [string, string][],
      funcSettings: [string, string][],
    ): [string, string][] => [
      ['search_path', searchPath],
      ...roleSettings,
      ['role', role],
      ['request.jwt.claims', JSON.stringify({ ...(req.claims ?? {}), role })],
      ['request.method', req.method],
      ['request.path', req.path],
      ['request.headers', JSON.stringify(Object.fromEntries(headers))],
      ['request.cookies', JSON.stringify(parseCookies(req.headers.cookie))],
      ...funcSettings,
    ];

    return withConnection(async (sql) => {
      const plan =
        req.kind === 'rpc'
          ? await planRpc(sql, schema, req.target, req.body, maxRows)
          : planTableGet(schema, req.target, req.search, maxRows);
      if ('status' in plan) return plan;
      const readOnly = req.method === 'GET' || req.method === 'HEAD' || plan.readOnly;
      const settings = preRequest(await loadRoleSettings(sql, role), plan.funcSettings);
      // Session-level and restored afterwards, by name: on PGlite both SET LOCAL SESSION
      // AUTHORIZATION (past COMMIT) and RESET SESSION AUTHORIZATION leave the role behind.
      fixtureUser ??= sql
        .query<{ name: string; su: boolean }>(
          "select session_user::text as name, current_setting('is_superuser') = 'on' as su",
        )
        .then(({ rows }) => ({ name: rows[0]!.name, isSuperuser: rows[0]!.su }));
      const { name: sessionUser, isSuperuser } = await fixtureUser;
      const become = isSuperuser ? authenticator : null;
      if (become) await sql.exec(`SET SESSION AUTHORIZATION ${quoteIdent(become)}`);
      try {
        await sql.exec(
          `BEGIN ISOLATION LEVEL READ COMMITTED ${readOnly ? 'READ ONLY' : 'READ WRITE'}`,
        );
        try {
          await sql.query(
            'select ' +
              settings.map((_, i) => `set_config($${2 * i + 1}, $${2 * i + 2}, true)`).join(', '),
            settings.flat(),
          );
          const { rows } = await sql.query<{ body: string | null }>(plan.text, plan.params);
          await sql.exec('COMMIT');
          return plan.respond(rows[0]?.body ?? null, req.headers.accept);
        } catch (e) {
          await sql.exec('ROLLBACK');
          if (!isPgError(e)) throw e;
          if (e.code === 'PGRST')
            throw new UnsupportedRequestError("RAISE SQLSTATE 'PGRST' (custom HTTP response)");
          return pgErrorResponse(e, req.claims !== null && role !== 'anon');
        }
      } finally {
        if (become) await sql.exec(`SET SESSION AUTHORIZATION ${quoteIdent(sessionUser)}`);
      }
    });
  }

  return async function postgrestFetch(input, init) {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (url.origin !== baseUrl.origin || !url.pathname.startsWith('/rest/v1/'))
      throw new UnsupportedRequestError(`URL ${request.method} ${request.url}`);
    const path = url.pathname.slice('/rest/v1'.length);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => (headers[name.toLowerCase()] = value));
    checkPrefer(headers.prefer);
    checkAccept(headers.accept);
    const profile = headers['content-profile'] ?? headers['accept-profile'];
    if (profile !== undefined && profile !== schema)
      throw new UnsupportedRequestError(`schema ${profile}`);

    let kind: 'rpc' | 'table';
    let target: string;
    let body: unknown = null;
    const rpc = /^\/rpc\/([^/]+)$/.exec(path);
    if (rpc?.[1] && request.method === 'POST') {
      if (url.search !== '')
        throw new UnsupportedRequestError(`query string on RPC: ${url.search}`);
      kind = 'rpc';
      target = decodeURIComponent(rpc[1]);
      const text = await request.text();
      body = text === '' ? {} : JSON.parse(text);
      if (body === null || typeof body !== 'object' || Array.isArray(body))
        throw new UnsupportedRequestError('RPC body that is not a JSON object');
    } else if (!rpc && request.method === 'GET' && /^\/[^/]+$/.test(path)) {
      kind = 'table';
      target = decodeURIComponent(path.slice(1));
    } else {
      throw new UnsupportedRequestError(`request ${request.method} ${path}`);
    }

    const { claims, error } = await verifyJwt(headers.authorization);
    const req: HarnessRequest = {
      method: request.method,
      path,
      search: url.search,
      target,
      kind,
      headers,
      body,
      claims,
    };
    if ((await opts.onRequest?.(req)) === 'drop') throw networkError();
    throwIfAborted(request.signal);
    const res = error ?? (await handle(req));
    if ((await opts.onResponse?.(req, res)) === 'drop') throw networkError();
    throwIfAborted(request.signal);
    return new Response(res.status === 204 ? null : res.text, {
      status: res.status,
      headers: res.headers,
    });
  };
}

interface Plan {
  text: string;
  params: unknown[];
  readOnly: boolean;
  /** PostgREST ≥ 12 also applies the called function's settings, after request.cookies. */
  funcSettings: [string, string][];
  respond(body: string | null, accept: string | undefined): HarnessResponse;
}

async function planRpc(
  sql: Sql,
  schema: string,
  fn: string,
  body: unknown,
  maxRows: number,
): Promise<Plan | HarnessResponse> {
  const args = body as Record<string, unknown>;
  const keys = Object.keys(args);
  const { rows: procs } = await sql.query<ProcRow>(
    `select p.oid::int as oid, p.provolatile as volatility, p.proretset as retset,
            format_type(p.prorettype, null) as rettype,
            (t.typtype = 'c' or p.prorettype = 'record'::regtype) as ret_is_composite,
            p.prorettype = 'void'::regtype as ret_is_void,
            p.proargnames as arg_names, p.proargmodes::text[] as arg_modes,
            -- Schema-qualified outside pg_catalog: the function's own SET search_path is
            -- in force when the call runs (see funcSettings).
            array(
              select case
                       when et.oid is not null and etn.nspname <> 'pg_catalog'
                         then quote_ident(etn.nspname) || '.' || quote_ident(et.typname) || '[]'
                       when tn.nspname <> 'pg_catalog'
                         then quote_ident(tn.nspname) || '.' || quote_ident(t.typname)
                       else format_type(t.oid, null)
                     end
                from unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) with ordinality as a(typ, n)
                join pg_type t on t.oid = a.typ
                join pg_namespace tn on tn.oid = t.typnamespace
                left join pg_type et on et.oid = t.typelem and t.typcategory = 'A'
                left join pg_namespace etn on etn.oid = et.typnamespace
               order by a.n) as arg_types,
            coalesce(p.proconfig, '{}') as settings,
            p.pronargdefaults as n_defaults
       from pg_proc p
       join pg_namespace n on n.oid = p.pronamespace
       join pg_type t on t.oid = p.prorettype
      where n.nspname = $1 and p.proname = $2 and p.prokind = 'f'`,
    [schema, fn],
  );
  const candidates = procs
    .map((proc) => ({ proc, inputs: inputArgs(proc) }))
    .filter(({ inputs }) => {
      if (inputs.length === 1 && inputs[0]?.name === '' && /^jsonb?$/.test(inputs[0].type))
        return true;
      const names = new Set(inputs.map((a) => a.name));
      return (
        keys.every((k) => names.has(k)) &&
        inputs.every((a) => a.hasDefault || keys.includes(a.name))
      );
    });
  if (candidates.length === 0) {
    const signature = keys.slice().sort().join(', ');
    return errorResponse(404, {
      code: 'PGRST202',
      message: `Could not find the function ${schema}.${fn}(${signature}) in the schema cache`,
      details: `Searched for the function ${schema}.${fn}${keys.length ? ` with parameters ${signature}` : ' without parameters'} or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.`,
      hint: null,
    });
  }
  if (candidates.length > 1) {
    return errorResponse(300, {
      code: 'PGRST203',
      message: `Could not choose the best candidate function between: ${candidates.map((c) => `${schema}.${fn}(${c.inputs.map((a) => `${a.name} => ${a.type}`).join(', ')})`).join(', ')}`,
      details: null,
      hint: 'Try renaming the parameters or the function itself in the database so function overloading can be resolved',
    });
  }
  const { proc, inputs } = candidates[0]!;
  const callee = `${quoteIdent(schema)}.${quoteIdent(fn)}`;
  let call: string;
  let from: string;
  if (inputs.length === 1 && inputs[0]?.name === '') {
    call = `${callee}($1::${inputs[0].type})`;
    from = '';
  } else {
    const used = inputs.filter((a) => keys.includes(a.name));
    call = `${callee}(${used.map((a) => `${quoteIdent(a.name)} := _args.${quoteIdent(a.name)}`).join(', ')})`;
    from = used.length
      ? ` from json_to_record($1::json) as _args(${used.map((a) => `${quoteIdent(a.name)} ${a.type}`).join(', ')})`
      : '';
  }
  const params = from === '' && !call.includes('$1') ? [] : [JSON.stringify(args)];
  const readOnly = proc.volatility !== 'v';
  const funcSettings = proc.settings.map(splitSetting);

  if (proc.ret_is_void) {
    return {
      text: `select ${call}, null::text as body${from}`,
      params,
      readOnly,
      funcSettings,
      respond: () => ({ status: 204, headers: {}, text: '' }),
    };
  }
  if (!proc.retset) {
    return {
      text: `select coalesce(to_json(${call}), 'null')::text as body${from}`,
      params,
      readOnly,
      funcSettings,
      respond: (out) => ({ status: 200, headers: { ...JSON_HEADERS }, text: out ?? 'null' }),
    };
  }
  const lateral = from ? `${from}, lateral ${call} _t` : ` from ${call} _t`;
  const select = proc.ret_is_composite
    ? `select coalesce(json_agg(_s), '[]')::text as body from (select _t.*${lateral} limit ${maxRows}) _s`
    : `select coalesce(json_agg(_s._r), '[]')::text as body from (select _t as _r${lateral} limit ${maxRows}) _s`;
  return { text: select, params, readOnly, funcSettings, respond: arrayResponder };
}

function planTableGet(schema: string, table: string, search: string, maxRows: number): Plan {
  const url = new URL(`/${search}`, 'http://harness');
  let columns = '*';
  const where: string[] = [];
  const params: unknown[] = [];
  for (const [name, value] of url.searchParams) {
    if (name === 'select') {
      if (value !== '*' && !/^[a-z_][a-z0-9_]*(,[a-z_][a-z0-9_]*)*$/.test(value))
        throw new UnsupportedRequestError(`select=${value}`);
      columns = value === '*' ? '*' : value.split(',').map(quoteIdent).join(', ');
    } else if (value.startsWith('eq.') && /^[a-z_][a-z0-9_]*$/.test(name)) {
      params.push(value.slice(3));
      where.push(`${quoteIdent(name)} = $${params.length}`);
    } else if (/^is\.(null|true|false)$/.test(value) && /^[a-z_][a-z0-9_]*$/.test(name)) {
      // PostgREST's `is` operator: `col IS NULL|TRUE|FALSE`, no parameter.
      where.push(`${quoteIdent(name)} is ${value.slice(3)}`);
    } else {
      throw new UnsupportedRequestError(`query parameter ${name}=${value}`);
    }
  }
  const relation = `${quoteIdent(schema)}.${quoteIdent(table)}`;
  const text =
    `select coalesce(json_agg(_s), '[]')::text as body from (select ${columns} from ${relation}` +
    `${where.length ? ` where ${where.join(' and ')}` : ''} limit ${maxRows}) _s`;
  return { text, params, readOnly: true, funcSettings: [], respond: arrayResponder };
}

function arrayResponder(body: string | null, accept: string | undefined): HarnessResponse {
  const rows = JSON.parse(body ?? '[]') as unknown[];
  if (isSingularAccept(accept)) return singular(rows);
  return {
    status: 200,
    headers: { ...JSON_HEADERS, 'content-range': rows.length ? `0-${rows.length - 1}/*` : '*/0' },
    text: body ?? '[]',
  };
}

/** `Accept: application/vnd.pgrst.object+json` (supabase-js `.single()`). */
function singular(rows: unknown[] | null): HarnessResponse {
  if (rows?.length === 1)
    return { status: 200, headers: { ...JSON_HEADERS }, text: JSON.stringify(rows[0]) };
  return errorResponse(406, {
    code: 'PGRST116',
    message: 'JSON object requested, multiple (or no) rows returned',
    details: `The result contains ${rows?.length ?? 0} rows`,
    hint: null,
  });
}

function isSingularAccept(accept: string | undefined): boolean {
  return accept?.startsWith('application/vnd.pgrst.object+json') ?? false;
}

function inputArgs(proc: ProcRow): InputArg[] {
  const inputs: { name: string; type: string }[] = [];
  proc.arg_types.forEach((type, i) => {
    const mode = proc.arg_modes?.[i] ?? 'i';
    if (mode === 'v') throw new UnsupportedRequestError('VARIADIC function');
    if (mode === 'i' || mode === 'b') inputs.push({ name: proc.arg_names?.[i] ?? '', type });
  });
  return inputs.map((a, i) => ({ ...a, hasDefault: i >= inputs.length - proc.n_defaults }));
}

async function loadRoleSettings(sql: Sql, role: string): Promise<[string, string][]> {
  const { rows } = await sql.query<{ setting: string }>(
    `select unnest(s.setconfig) as setting
       from pg_db_role_setting s join pg_roles r on r.oid = s.setrole
      where r.rolname = $1
        and s.setdatabase in (0, (select oid from pg_database where datname = current_database()))
      order by s.setdatabase`,
    [role],
  );
  return rows.map(({ setting }) => splitSetting(setting));
}

function splitSetting(setting: string): [string, string] {
  const eq = setting.indexOf('=');
  return [setting.slice(0, eq), setting.slice(eq + 1)];
}

/** PostgREST's SQLSTATE → HTTP status table (Error.hs, pgErrorStatus). */
export function httpStatusForSqlState(code: string, authenticated: boolean): number {
  if (code === '42501') return authenticated ? 403 : 401;
  const exact: Record<string, number> = {
    '23503': 409,
    '23505': 409,
    '25006': 405,
    P0001: 400,
    '42883': 404,
    '42P01': 404,
    '42P17': 500,
  };
  if (exact[code] !== undefined) return exact[code];
  const custom = /^PT(\d{3})$/.exec(code);
  if (custom?.[1]) return Number(custom[1]);
  const byClass: Record<string, number> = {
    '08': 503,
    '09': 500,
    '0L': 403,
    '0P': 403,
    '25': 500,
    '28': 403,
    '2D': 500,
    '38': 500,
    '39': 500,
    '3B': 500,
    '40': 500,
    '53': 503,
    '54': 413,
    '55': 500,
    '57': 500,
    '58': 500,
    F0: 500,
    HV: 500,
    P0: 500,
    XX: 500,
  };
  return byClass[code.slice(0, 2)] ?? 400;
}

function pgErrorResponse(e: PgErrorLike, authenticated: boolean): HarnessResponse {
  const code = e.code ?? 'XX000';
  return errorResponse(httpStatusForSqlState(code, authenticated), {
    code,
    message: e.message,
    details: e.detail ?? null,
    hint: e.hint ?? null,
  });
}

function jwtError(message: string): HarnessResponse {
  const res = errorResponse(401, { code: 'PGRST301', message, details: null, hint: null });
  res.headers['www-authenticate'] = `Bearer error="invalid_token", error_description="${message}"`;
  return res;
}

function errorResponse(
  status: number,
  body: { code: string; message: string; details: string | null; hint: string | null },
): HarnessResponse {
  return { status, headers: { ...JSON_HEADERS }, text: JSON.stringify(body) };
}

function isPgError(e: unknown): e is PgErrorLike {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as PgErrorLike).code === 'string' &&
    /^[0-9A-Z]{5}$/.test((e as PgErrorLike).code!)
  );
}

function checkPrefer(prefer: string | undefined): void {
  if (!prefer) return;
  for (const item of prefer.split(',').map((s) => s.trim())) {
    if (!/^(return=(minimal|representation|headers-only)|handling=(lenient|strict))$/.test(item))
      throw new UnsupportedRequestError(`Prefer: ${item}`);
  }
}

function checkAccept(accept: string | undefined): void {
  if (
    accept === undefined ||
    accept === '*/*' ||
    accept === 'application/json' ||
    accept === 'application/vnd.pgrst.object+json'
  )
    return;
  throw new UnsupportedRequestError(`Accept: ${accept}`);
}

function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of header?.split(';') ?? []) {
    const eq = part.indexOf('=');
    if (eq > 0) cookies[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return cookies;
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** What undici's fetch throws when the connection dies mid-request. */
function networkError(): TypeError {
  const cause = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
  return new TypeError('fetch failed', { cause });
}

function throwIfAborted(signal: AbortSignal | null | undefined): void {
  if (signal?.aborted) throw new DOMException('This operation was aborted', 'AbortError');
}

export interface TestClientOptions extends PostgrestFetchOptions {
  /** Overrides the token the client sends, e.g. to send an expired one mid-test. */
  accessToken?: () => Promise<string | null>;
}

/**
 * A real supabase-js client whose HTTP goes through the harness. `claims` null means a
 * signed-out (anon) client: supabase-js then sends the anon key as the bearer token.
 */
export async function createTestSupabaseClient(
  db: HarnessDb,
  claims: TestJwtClaims | null,
  opts: TestClientOptions = {},
): Promise<SupabaseClient> {
  const secret = opts.jwtSecret ?? TEST_JWT_SECRET;
  const anonKey = await testAnonKey(secret);
  const jwt = claims ? await signTestJwt(claims, secret) : null;
  return createClient(opts.url ?? TEST_SUPABASE_URL, anonKey, {
    accessToken: opts.accessToken ?? (async () => jwt),
    global: { fetch: createPostgrestFetch(db, opts) },
    realtime: { transport: WebSocket as never },
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  });
}
