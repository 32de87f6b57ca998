// Builds the app twice (unless E2E_SKIP_BUILD=1 says fresh builds are already there): `dist/`
// in device-only mode, as a school without a server runs it, and `dist-sync/` configured for
// the test backend of support/backend.ts, as a school with Supabase runs it. Serves both with
// `vite preview` and hands the URLs to the browser tests. Fails early when no Chromium is
// installed.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { preview, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';
import { E2E_SUPABASE_URL, e2eAnonKey } from './support/backend';
import { chromiumPath } from './support/browser';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    syncBaseUrl: string;
  }
}

const servers: PreviewServer[] = [];

async function build(outDir: string, env: Record<string, string>): Promise<void> {
  if (process.env.E2E_SKIP_BUILD === '1' && existsSync(`${outDir}/index.html`)) return;
  execFileSync('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir'], {
    stdio: 'inherit',
    // Device-only must not inherit a developer's .env: Vite lets process env win. NODE_ENV:
    // vitest sets it to 'test', which would make Vite build Vue's and vue-i18n's development
    // bundles (and messages with source locations): the tests drive the production build.
    env: {
      ...process.env,
      NODE_ENV: 'production',
      VITE_SUPABASE_URL: '',
      VITE_SUPABASE_ANON_KEY: '',
      ...env,
    },
  });
}

async function serve(outDir: string, port: number): Promise<string> {
  const server = await preview({
    build: { outDir },
    preview: { port, strictPort: false, host: '127.0.0.1' },
  });
  servers.push(server);
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  return url.replace(/\/$/, '');
}

export async function setup(project: TestProject): Promise<void> {
  chromiumPath();
  await build('dist', {});
  await build('dist-sync', {
    VITE_SUPABASE_URL: E2E_SUPABASE_URL,
    VITE_SUPABASE_ANON_KEY: await e2eAnonKey(),
  });
  project.provide('baseUrl', await serve('dist', 4173));
  project.provide('syncBaseUrl', await serve('dist-sync', 4183));
}

export async function teardown(): Promise<void> {
  await Promise.all(servers.map((server) => server.close()));
}
