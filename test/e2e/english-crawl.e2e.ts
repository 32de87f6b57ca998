// Every word translated in English mode: the curator of the seed school (every kind of row
// there: pairs, a group, people, plans, meetings, questionnaires) switches to English and
// visits every route of src/app/router.ts; no Cyrillic may remain outside stored user data
// (names, notes, titles: the Cyrillic strings of the database's rows), and no raw message key.
// The Russian pass checks dates: no «г..» where a date ends a sentence.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { TestDb } from '../support/db';
import { MEETING_P1, PAIRS, PARTICIPANTS, USERS } from '../factories/seed-ids';
import { useSignedInPhones, waitForBadge } from './support/phone';

const syncBaseUrl = inject('syncBaseUrl');
const CURATOR = { id: USERS.curator, email: 'nesterenko@luzino1.example' };
const CYRILLIC = /[\u0400-\u04FF]+/g;
/** Built-in texts the app must translate itself: not the user's data, never whitelisted. */
const NOT_USER_DATA = new Set(['questionnaire_templates']);

const { backend, phoneOf } = useSignedInPhones();

/** The routes of src/app/router.ts with the seed's ids filled in (children under parents). */
function routePaths(): string[] {
  const source = readFileSync('src/app/router.ts', 'utf8');
  const params: Record<string, string> = {
    pairId: PAIRS.p1TeacherActive,
    meetingId: MEETING_P1,
    participantId: PARTICIPANTS.larina,
    kind: 'entry',
    metric: 'meetings:month',
  };
  const out: string[] = [];
  let parent = '';
  for (const [, path] of source.matchAll(/path:\s*'([^']*)'/g)) {
    if (path === undefined) continue;
    if (path.startsWith('/:pathMatch')) {
      out.push('/no-such-page');
      continue;
    }
    if (path.startsWith('/')) parent = path;
    const full = path.startsWith('/') ? path : path === '' ? '' : `${parent}/${path}`;
    if (full === '') continue;
    out.push(
      full.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? name)),
    );
  }
  return [...new Set(out)];
}

/** Every Cyrillic string held in the database's rows (jsonb walked): the users' own words. */
async function storedTexts(db: TestDb): Promise<{ whole: string[]; nameWords: Set<string> }> {
  const { rows: tables } = await db.query<{ table_name: string }>(
    `select table_name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE'`,
  );
  const whole = new Set<string>();
  const nameWords = new Set<string>();
  const walk = (value: unknown, key: string): void => {
    if (typeof value === 'string') {
      if (!/[\u0400-\u04FF]/.test(value)) return;
      whole.add(value.trim());
      // A person's name may be shortened on screen («Кравцова Т. Н.»): its words count too.
      if (/name|title|full/.test(key)) {
        for (const word of value.split(/[\s.,«»"()–-]+/)) if (word.length > 1) nameWords.add(word);
      }
    } else if (Array.isArray(value)) value.forEach((v) => walk(v, key));
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, k);
    }
  };
  for (const { table_name } of tables) {
    if (NOT_USER_DATA.has(table_name)) continue;
    const { rows } = await db.query<{ row: Record<string, unknown> }>(
      `select row_to_json(t) as row from public.${table_name} t`,
    );
    for (const { row } of rows) walk(row, '');
  }
  return { whole: [...whole].sort((a, b) => b.length - a.length), nameWords };
}

/**
 * The visible text, the page title and the words only a screen reader hears; without what is
 * marked as written in another language (the language switch's «Русский», lang="ru").
 */
async function pageText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const attrs = [...document.querySelectorAll('[aria-label],[title],[placeholder],[alt]')]
      .flatMap((el) => ['aria-label', 'title', 'placeholder', 'alt'].map((a) => el.getAttribute(a)))
      .filter((v): v is string => !!v);
    let text = [document.title, document.body.innerText, ...attrs].join('\n');
    const own = document.documentElement.lang;
    for (const el of document.body.querySelectorAll('[lang]')) {
      if (el.getAttribute('lang') === own) continue;
      const foreign = el.textContent?.trim();
      if (foreign) text = text.split(foreign).join(' ');
    }
    return text;
  });
}

/** Client-side navigation, as a tap on a link would do, then a settled page. */
async function visit(page: Page, path: string): Promise<void> {
  // The state is shaped as vue-router's own (a bare {} has no `current`, and the router's
  // next push, e.g. a guard's redirect, would build the URL "undefined/").
  await page.evaluate((to) => {
    const from = history.state as { current?: string; position?: number } | null;
    const state = {
      back: from?.current ?? null,
      current: to,
      forward: null,
      position: (from?.position ?? 0) + 1,
      replaced: false,
      scroll: null,
    };
    history.pushState(state, '', to);
    dispatchEvent(new PopStateEvent('popstate', { state }));
  }, path);
  let last = '';
  for (let i = 0; i < 25; i++) {
    await page.waitForTimeout(200);
    const now = await page
      .locator('main')
      .innerText()
      .catch(() => '');
    if (now === last && now.trim() !== '') return;
    last = now;
  }
}

const FEATURES = readdirSync('src/i18n/locales/en').map((f) => f.replace(/\.json$/, ''));
const RAW_KEY = new RegExp(`\\b(?:${FEATURES.join('|')})\\.[a-z][\\w.]*[a-zA-Z]\\b`, 'g');

describe('English mode, every route (360×640)', () => {
  it('shows no Cyrillic outside stored user data, no raw key, and no «г..» in Russian', async () => {
    const { page, errors } = await phoneOf(CURATOR);
    await page.goto(`${syncBaseUrl}/`);
    await waitForBadge(page, 'synced');
    await page.getByTestId('language-switch').first().selectOption('en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    const { whole, nameWords } = await storedTexts(backend().db);
    const extra = [
      `/pairs/${PAIRS.p3GroupApproved}`,
      `/pairs/${PAIRS.p5Completed}`,
      `/pairs/${PAIRS.p5Completed}/plan`,
      `/pairs/${PAIRS.p6EndedEarly}`,
      `/pairs/${PAIRS.p5Completed}/questionnaires/${PARTICIPANTS.sidorenko}/exit`,
      `/people/${PARTICIPANTS.dmitry}`,
    ];
    const paths = [...routePaths(), ...extra];
    const found: string[] = [];
    for (const path of paths) {
      await visit(page, path);
      let text = await pageText(page);
      for (const s of whole) text = text.split(s).join(' ');
      const left = [...text.matchAll(CYRILLIC)]
        .map((m) => m[0])
        .filter((word) => !nameWords.has(word));
      if (left.length > 0) found.push(`${path}: ${[...new Set(left)].join(' ')}`);
      const keys = [...text.matchAll(RAW_KEY)].map((m) => m[0]);
      if (keys.length > 0) found.push(`${path}: raw keys ${[...new Set(keys)].join(' ')}`);
    }

    // Russian: no date followed by a second full stop.
    await page.getByTestId('language-switch').first().selectOption('ru');
    await page.waitForFunction(() => document.documentElement.lang === 'ru');
    for (const path of paths) {
      await visit(page, path);
      const text = await pageText(page);
      if (/г\.\./.test(text)) found.push(`${path} (ru): «г..»`);
    }
    // The whole list at once, to be fixed screen by screen.
    if (found.length > 0) console.log(`Untranslated:\n${found.join('\n')}`);
    expect(found).toEqual([]);
    expect(errors).toEqual([]);
  }, 400_000);
});
