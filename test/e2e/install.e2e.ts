// Installing the app on a phone, and what a phone sees before and around it: the shell that
// index.html paints before any JavaScript, the manifest an installed app opens with, the 404
// page and the page title in English. The device-only build (dist/).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PHONE, collectErrors, launchChromium } from './support/browser';
import { expectPhoneFriendly } from './support/phone';

const baseUrl = inject('baseUrl');
let browser: Browser;

const IPHONE_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function openPhone(options: { javaScriptEnabled?: boolean; userAgent?: string } = {}) {
  const context = await browser.newContext({
    viewport: PHONE,
    locale: 'ru-RU',
    serviceWorkers: 'block',
    ...options,
  });
  const page = await context.newPage();
  return { context, page, errors: collectErrors(page) };
}

/** Dispatches what Chromium fires when it can install the app; records the prompt() calls. */
async function offerInstallation(page: Page, outcome: 'accepted' | 'dismissed'): Promise<void> {
  await page.evaluate((answer) => {
    const event = new Event('beforeinstallprompt', { cancelable: true });
    const win = window as unknown as { promptCalls?: number };
    win.promptCalls ??= 0;
    Object.assign(event, {
      prompt: async () => {
        (window as unknown as { promptCalls: number }).promptCalls += 1;
      },
      userChoice: Promise.resolve({ outcome: answer }),
    });
    window.dispatchEvent(event);
  }, outcome);
}

describe('the first paint', () => {
  it('draws the header and a skeleton of home from index.html alone', async () => {
    const { context, page } = await openPhone({ javaScriptEnabled: false });
    await page.goto(baseUrl);
    const header = page.locator('.boot__header');
    await expect(header.textContent()).resolves.toBe('Наставник');
    const box = await header.boundingBox();
    expect(box).toMatchObject({ y: 0, width: PHONE.width, height: 56 });
    await context.close();
  });

  it('is replaced by the app without moving the header or the bottom bar', async () => {
    const { context, page, errors } = await openPhone();
    await page.goto(baseUrl);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.locator('.boot').count()).toBe(0);
    // The shell's header is 56 px; the app's may be a pixel taller where the connection
    // status wraps onto two lines («Только устройство» at 360 px).
    const header = await page.locator('header').boundingBox();
    expect(header?.y).toBe(0);
    expect(Math.abs((header?.height ?? 0) - 56)).toBeLessThanOrEqual(2);
    const nav = await page.getByRole('navigation').boundingBox();
    expect((nav?.y ?? 0) + (nav?.height ?? 0)).toBeCloseTo(PHONE.height, 0);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('«Установить на телефон»', () => {
  it('opens the browser dialog from Settings where the browser offers installation', async () => {
    const { context, page, errors } = await openPhone();
    await page.goto(`${baseUrl}/settings`);
    await page.getByRole('heading', { level: 1, name: 'Настройки' }).waitFor();
    expect(await page.locator('[data-testid="install-offer"]').count()).toBe(0);

    await offerInstallation(page, 'accepted');
    const action = page.getByRole('button', { name: 'Установить' });
    await action.waitFor();
    await expect(
      page.getByRole('heading', { name: 'Установить на телефон' }).count(),
    ).resolves.toBe(1);
    expect((await action.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(44);
    await expectPhoneFriendly(page, 'install-offer-prompt');

    await action.click();
    await page.locator('[data-testid="install-offer"]').waitFor({ state: 'detached' });
    expect(
      await page.evaluate(() => (window as unknown as { promptCalls: number }).promptCalls),
    ).toBe(1);
    await page.evaluate(() => window.dispatchEvent(new Event('appinstalled')));
    await offerInstallation(page, 'accepted');
    await page.waitForTimeout(200);
    expect(await page.locator('[data-testid="install-offer"]').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the Share → Home Screen steps in Safari on an iPhone', async () => {
    const { context, page } = await openPhone({ userAgent: IPHONE_SAFARI });
    await page.goto(`${baseUrl}/settings`);
    const offer = page.locator('[data-testid="install-offer"][data-offer="ios-steps"]');
    await offer.waitFor();
    const steps = await offer.locator('li').allTextContents();
    expect(steps).toHaveLength(3);
    expect(steps[0]).toContain('«Поделиться»');
    expect(steps[1]).toContain('«На экран «Домой»»');
    expect(await offer.locator('svg').count()).toBe(3);
    expect(await page.getByRole('button', { name: 'Установить' }).count()).toBe(0);
    await expectPhoneFriendly(page, 'install-offer-ios');
    await context.close();
  });

  it('installs an app that opens on its home screen with its own name and icons', async () => {
    const { context, page } = await openPhone();
    await page.goto(baseUrl);
    const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
    const manifest = (await (await page.request.get(`${baseUrl}${manifestHref}`)).json()) as {
      name: string;
      short_name: string;
      start_url: string;
      scope: string;
      display: string;
      icons: { src: string; sizes: string; purpose?: string }[];
    };
    expect(manifest).toMatchObject({ short_name: 'Наставник', start_url: '/', scope: '/' });
    expect(manifest.display).toBe('standalone');
    expect(manifest.icons.map((i) => i.sizes)).toEqual(
      expect.arrayContaining(['192x192', '512x512']),
    );
    expect(manifest.icons.some((i) => i.purpose === 'maskable')).toBe(true);
    for (const icon of manifest.icons) {
      const response = await page.request.get(`${baseUrl}/${icon.src}`);
      expect(response.headers()['content-type'], icon.src).toBe('image/png');
    }
    await context.close();
  });
});

describe('rough edges', () => {
  it('the 404 page has a heading, and the page title follows the language', async () => {
    const { context, page } = await openPhone();
    await page.goto(`${baseUrl}/no-such-page`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Страница не найдена',
    );
    expect(await page.title()).toBe('Наставник');
    await expectPhoneFriendly(page, 'not-found');

    await page.evaluate(() => localStorage.setItem('nastavnik.locale', 'en'));
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Page not found',
    );
    expect(await page.title()).toBe('Mentor');
    await context.close();
  });

  it('the device-only build neither precaches nor downloads supabase-js', async () => {
    const { context, page } = await openPhone();
    const downloaded: string[] = [];
    page.on('response', (response) => downloaded.push(response.url()));
    await page.goto(`${baseUrl}/settings`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const sw = await (await page.request.get(`${baseUrl}/sw.js`)).text();
    // Minified (`url:"…"`) or not (`"url": "…"`, a build with NODE_ENV=test).
    const precached = [...sw.matchAll(/"?url"?:\s*"([^"]+\.js)"/g)].map(
      (m) => `${baseUrl}/${m[1]}`,
    );
    expect(precached.length).toBeGreaterThan(10);
    const withSupabase: string[] = [];
    for (const url of new Set([...precached, ...downloaded.filter((u) => u.endsWith('.js'))])) {
      // supabase-js's auth client keeps its class name through minification.
      if ((await (await page.request.get(url)).text()).includes('GoTrueClient')) {
        withSupabase.push(url);
      }
    }
    expect(withSupabase).toEqual([]);
    await context.close();
  });
});
