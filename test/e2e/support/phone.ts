// The phone-first checks every journey screen passes, and the signed-in phones of the tests
// that run against the test backend.
import { mkdirSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { seriousAxeViolations } from './axe';
import { signInContext, startBackend, type E2eBackend } from './backend';
import { PHONE, collectErrors, launchChromium, newContext } from './browser';

export const ARTIFACTS = 'test-results/e2e';

/**
 * No sideways scrolling, every control at least 44 px tall, no serious or critical axe issue;
 * a full-page screenshot as `<ARTIFACTS>/<screen>.png`.
 */
export async function expectPhoneFriendly(page: Page, screen: string): Promise<void> {
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth),
    screen,
  ).toBe(false);
  const small = await page.evaluate(() =>
    [
      ...document.querySelectorAll(
        'main .button, main .chip, main .input, main summary, main .people-check',
      ),
    ]
      .filter((el) => el.getBoundingClientRect().height < 44)
      .map((el) => el.outerHTML.slice(0, 80)),
  );
  expect(small, screen).toEqual([]);
  expect(await seriousAxeViolations(page), screen).toEqual([]);
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS}/${screen}.png`, fullPage: true });
}

export async function waitForBadge(page: Page, state: string): Promise<void> {
  await page.locator(`[data-testid="sync-status"][data-state="${state}"]`).waitFor();
}

export interface SignedInPhone {
  page: Page;
  errors: string[];
  context: BrowserContext;
}

/**
 * One browser for the file and a fresh test backend (database with the seed) per test;
 * `phoneOf(user)` opens a 360×640 context already signed in as that user (null: nobody);
 * `phoneOf(user, TABLET)` a tablet's.
 */
export function useSignedInPhones(): {
  backend: () => E2eBackend;
  phoneOf: (
    user: { id: string; email: string } | null,
    viewport?: { width: number; height: number },
  ) => Promise<SignedInPhone>;
} {
  let browser: Browser;
  let backend: E2eBackend | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    backend = await startBackend();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
    await backend?.close();
  });
  return {
    backend: () => {
      if (!backend) throw new Error('the backend starts before each test');
      return backend;
    },
    async phoneOf(user, viewport = PHONE) {
      const context = await newContext(browser, viewport);
      contexts.push(context);
      if (user) await signInContext(context, user);
      const page = await context.newPage();
      return { page, errors: collectErrors(page), context };
    },
  };
}
