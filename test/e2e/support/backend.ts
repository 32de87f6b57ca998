// The server side of the signed-in browser tests: the real database (PGlite here, with the
// project's migrations and seed) behind the PostgREST harness of test/support/postgrest.ts,
// served over real HTTP so the built app's real supabase-js talks to it from Chromium.
//
// Only /rest/v1 exists, as in production behind Kong. GoTrue (/auth/v1) cannot be installed
// here and is not emulated: every request to it is answered 501 and recorded, and the tests
// assert there were none. A signed-in user is a session that GoTrue would have stored in
// the browser (`nastavnik.auth` in localStorage) holding a JWT signed with the project's
// secret, which supabase-js resumes without calling GoTrue while it is fresh.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext } from 'playwright-core';
import { createTestDb, type TestDb } from '../../support/db';
import {
  createPostgrestFetch,
  signTestJwt,
  testAnonKey,
  type PostgrestFetchOptions,
} from '../../support/postgrest';

/** The port the sync build is configured with (VITE_SUPABASE_URL, see global-setup.ts). */
export const E2E_SUPABASE_PORT = 54331;
export const E2E_SUPABASE_URL = `http://127.0.0.1:${E2E_SUPABASE_PORT}`;
/** The key under which src/api/client.ts tells supabase-js to keep the session. */
const AUTH_STORAGE_KEY = 'nastavnik.auth';

export function e2eAnonKey(): Promise<string> {
  return testAnonKey();
}

export interface E2eBackend {
  db: TestDb;
  /** Requests the app made that the server could not serve (auth, unsupported shapes). */
  problems: string[];
  /** Every /rest/v1 request, as `METHOD path`, in order. */
  requests: string[];
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** What Kong adds in front of PostgREST so a browser on another origin may call it. */
function corsHeaders(req: IncomingMessage): Record<string, string> {
  return {
    'access-control-allow-origin': req.headers.origin ?? '*',
    'access-control-allow-credentials': 'true',
    'access-control-allow-methods': 'GET, HEAD, POST, PATCH, PUT, DELETE, OPTIONS',
    'access-control-allow-headers':
      req.headers['access-control-request-headers'] ??
      'authorization, apikey, content-type, x-client-info, prefer, accept-profile, content-profile',
    'access-control-expose-headers': 'content-range, content-profile',
    'access-control-max-age': '3600',
    vary: 'origin',
  };
}

export async function startBackend(
  opts: Pick<PostgrestFetchOptions, 'onRequest' | 'onResponse'> = {},
): Promise<E2eBackend> {
  const db = await createTestDb({ seed: true });
  const harness = createPostgrestFetch(db, { url: E2E_SUPABASE_URL, ...opts });
  const problems: string[] = [];
  const requests: string[] = [];

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const cors = corsHeaders(req);
    const path = req.url ?? '/';
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors).end();
      return;
    }
    if (!path.startsWith('/rest/v1/')) {
      problems.push(`${req.method} ${path}: not served in browser tests`);
      res
        .writeHead(501, { ...cors, 'content-type': 'application/json' })
        .end(JSON.stringify({ message: 'not available in the browser tests' }));
      return;
    }
    requests.push(`${req.method} ${path}`);
    const body = await readBody(req);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string') headers.set(name, value);
    }
    try {
      const response = await harness(`${E2E_SUPABASE_URL}${path}`, {
        method: req.method,
        headers,
        body: body.length > 0 ? body.toString('utf8') : undefined,
      });
      const out: Record<string, string> = { ...cors };
      response.headers.forEach((value, name) => (out[name] = value));
      res.writeHead(response.status, out).end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      // A network failure the harness was told to inject, or a request it refuses to fake.
      const message = error instanceof Error ? error.message : String(error);
      if (!/fetch failed/.test(message)) problems.push(`${req.method} ${path}: ${message}`);
      res.destroy();
    }
  }

  const server: Server = createServer((req, res) => {
    serve(req, res).catch((error: unknown) => {
      problems.push(String(error));
      res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(E2E_SUPABASE_PORT, '127.0.0.1', () => resolve());
  });
  if ((server.address() as AddressInfo).port !== E2E_SUPABASE_PORT) {
    throw new Error('backend did not bind its port');
  }
  return {
    db,
    problems,
    requests,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}

/**
 * Puts the session GoTrue would have stored after this user's sign-in into the context's
 * localStorage (before any page script runs, only where none is stored yet, so the app's
 * own sign-out sticks).
 */
export async function signInContext(
  context: BrowserContext,
  user: { id: string; email: string },
): Promise<void> {
  const expiresAt = Math.floor(Date.now() / 1000) + 3600;
  const accessToken = await signTestJwt({
    sub: user.id,
    role: 'authenticated',
    email: user.email,
    exp: expiresAt,
  });
  const session = {
    access_token: accessToken,
    token_type: 'bearer',
    expires_in: 3600,
    expires_at: expiresAt,
    refresh_token: `e2e-refresh-${user.id}`,
    user: {
      id: user.id,
      aud: 'authenticated',
      role: 'authenticated',
      email: user.email,
      is_anonymous: false,
      app_metadata: { provider: 'email', providers: ['email'] },
      user_metadata: {},
      created_at: new Date().toISOString(),
    },
  };
  await context.addInitScript(
    ({ key, value }) => {
      if (!window.localStorage.getItem(key)) window.localStorage.setItem(key, value);
    },
    { key: AUTH_STORAGE_KEY, value: JSON.stringify(session) },
  );
}
