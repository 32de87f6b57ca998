// Builds the app (unless E2E_SKIP_BUILD=1 says a fresh build is already in dist/), serves it with `vite preview` and hands the URL
// to the browser tests. Fails early when no Chromium is installed.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { preview, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';
import { chromiumPath } from './support/browser';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

let server: PreviewServer | undefined;

export async function setup(project: TestProject): Promise<void> {
  chromiumPath();
  if (process.env.E2E_SKIP_BUILD !== '1' || !existsSync('dist/index.html')) {
    execFileSync('npx', ['vite', 'build'], { stdio: 'inherit' });
  }
  server = await preview({ preview: { port: 4173, strictPort: false, host: '127.0.0.1' } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  project.provide('baseUrl', url.replace(/\/$/, ''));
}

export async function teardown(): Promise<void> {
  await server?.close();
}
