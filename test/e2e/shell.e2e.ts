import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  PHONE,
  TABLET,
  collectErrors,
  launchChromium,
  newContext,
  waitForServiceWorker,
} from './support/browser';
import { seriousAxeViolations } from './support/axe';

const baseUrl = inject('baseUrl');
const ARTIFACTS = 'test-results/e2e';
let browser: Browser;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function openApp(viewport: { width: number; height: number }) {
  const context = await newContext(browser, viewport);
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(baseUrl);
  await page.getByRole('heading', { level: 1 }).waitFor();
  return { context, page, errors };
}

async function navBox(page: Page) {
  const box = await page.getByRole('navigation').boundingBox();
  if (!box) throw new Error('navigation not visible');
  return box;
}

async function hasHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
}

describe('the app shell in Chromium', () => {
  it('loads on a phone (360×640) with bottom navigation and no console errors', async () => {
    const { context, page, errors } = await openApp(PHONE);
    await expect(page.locator('h1').textContent()).resolves.toBe('Добро пожаловать!');
    const nav = await navBox(page);
    expect(nav.y + nav.height).toBeCloseTo(PHONE.height, 0);
    expect(nav.width).toBe(PHONE.width);
    expect(await hasHorizontalScroll(page)).toBe(false);
    for (const link of await page.getByRole('navigation').getByRole('link').all()) {
      const box = await link.boundingBox();
      expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
    }
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}/shell-phone-360x640.png`, fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('loads on a tablet (1024×768) with a side rail and no console errors', async () => {
    const { context, page, errors } = await openApp(TABLET);
    const nav = await navBox(page);
    expect(nav.x).toBe(0);
    expect(nav.width).toBeLessThan(200);
    expect(nav.height).toBeGreaterThan(TABLET.height / 2);
    expect(await hasHorizontalScroll(page)).toBe(false);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}/shell-tablet-1024x768.png`, fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('serves a valid web manifest with Russian names and installable icons', async () => {
    const { context, page } = await openApp(PHONE);
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBeTruthy();
    const response = await page.request.get(new URL(href ?? '', baseUrl).toString());
    expect(response.ok()).toBe(true);
    const manifest = (await response.json()) as {
      name: string;
      short_name: string;
      lang: string;
      display: string;
      start_url: string;
      theme_color: string;
      icons: { src: string; sizes: string; type: string; purpose?: string }[];
    };
    expect(manifest.name).toMatch(/Наставничество/);
    expect(manifest.short_name).toBe('Наставник');
    expect(manifest.short_name.length).toBeLessThanOrEqual(12);
    expect(manifest.lang).toBe('ru');
    expect(manifest.display).toBe('standalone');
    expect(manifest.start_url).toBe('/');
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
    const sizes = manifest.icons.map((i) => `${i.sizes}${i.purpose ? ` ${i.purpose}` : ''}`);
    expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512', '512x512 maskable']));
    for (const icon of manifest.icons) {
      const image = await page.request.get(new URL(icon.src, baseUrl).toString());
      expect(image.ok(), icon.src).toBe(true);
      expect(image.headers()['content-type']).toBe('image/png');
      const size = await page.evaluate(async (src) => {
        const img = new Image();
        img.src = src;
        await img.decode();
        return `${img.naturalWidth}x${img.naturalHeight}`;
      }, icon.src);
      expect(size).toBe(icon.sizes);
    }
    await context.close();
  });

  it('activates the service worker and starts again with the network cut', async () => {
    const { context, page, errors } = await openApp(PHONE);
    expect(await waitForServiceWorker(page)).toBe('activated');
    await context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expect(page.locator('h1').textContent()).resolves.toBe('Добро пожаловать!');
    await expect(page.getByTestId('connection-status').getAttribute('data-online')).resolves.toBe(
      'false',
    );
    // Lazy routes were precached too: a section never opened before still opens offline.
    await page.getByTestId('nav-meetings').click();
    await page.getByRole('heading', { level: 1, name: 'Встречи' }).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/offline-phone.png` });
    expect(errors.filter((e) => !e.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([]);
    await context.close();
  });

  it('switches to English, and the choice survives a reload', async () => {
    const { context, page, errors } = await openApp(PHONE);
    await page.getByTestId('language-switch').selectOption('en');
    await page.getByRole('heading', { name: 'Welcome!' }).waitFor();
    await expect(page.getByTestId('nav-pairs').textContent()).resolves.toContain('Pairs');
    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expect(page.locator('h1').textContent()).resolves.toBe('Welcome!');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await page.screenshot({ path: `${ARTIFACTS}/english-phone.png` });
    expect(errors).toEqual([]);
    await context.close();
  });
});
