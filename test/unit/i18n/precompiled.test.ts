// The production build precompiles every locale JSON (vite.config.ts, @intlify/unplugin-vue-i18n)
// and ships vue-i18n's runtime-only build. This test compiles the real files the same way and
// checks that every message renders exactly as the full build renders the plain JSON: plural
// forms (russianPlural) and named parameters included. Any file added to locales/ is covered.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateJSON } from '@intlify/bundle-utils';
import { describe, expect, it } from 'vitest';
import { createI18n as createFullI18n } from 'vue-i18n';
// @ts-expect-error -- the runtime-only build has no .d.ts of its own; its API is vue-i18n's.
import * as runtimeOnly from 'vue-i18n/dist/vue-i18n.runtime.esm-bundler.js';
import { SUPPORTED_LOCALES } from '@/i18n';
import type { Messages } from '@/i18n/merge';
import { russianPlural } from '@/i18n/plural';

const createRuntimeI18n = (runtimeOnly as typeof import('vue-i18n')).createI18n;
// Vitest runs from the project root (happy-dom's import.meta.url is not a file URL).
const LOCALES_DIR = resolve(process.cwd(), 'src/i18n/locales');

/** Compiles one feature file as the production build does; throws on a message it refuses. */
function precompile(file: string): Messages {
  const errors: string[] = [];
  const { code } = generateJSON(readFileSync(file, 'utf8'), {
    type: 'plain',
    filename: file,
    env: 'production',
    jit: true,
    strictMessage: true,
    escapeHtml: false,
    exportESM: true,
    onError: (message) => errors.push(message),
  });
  if (errors.length > 0) throw new Error(`${file}: ${errors.join('; ')}`);
  return new Function(code.replace(/export default (\w+);?\s*$/, 'return $1;'))() as Messages;
}

function featureFiles(locale: string): string[] {
  return readdirSync(join(LOCALES_DIR, locale)).filter((name) => name.endsWith('.json'));
}

function load(locale: string, read: (file: string) => Messages): Messages {
  const out: Messages = {};
  for (const name of featureFiles(locale)) {
    out[name.replace(/\.json$/, '')] = read(join(LOCALES_DIR, locale, name));
  }
  return out;
}

function flatten(tree: Messages, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return typeof value === 'string' ? [[path, value] as [string, string]] : flatten(value, path);
  });
}

const plain = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Messages;

describe('precompiled messages', () => {
  for (const locale of SUPPORTED_LOCALES) {
    it(`render in ${locale} exactly as the plain JSON does, plurals and parameters included`, () => {
      const options = {
        legacy: false as const,
        locale,
        pluralRules: { ru: russianPlural },
        missingWarn: false,
        fallbackWarn: false,
      };
      const full = createFullI18n({ ...options, messages: { [locale]: load(locale, plain) } });
      const compiled = createRuntimeI18n({
        ...options,
        messages: { [locale]: load(locale, precompile) },
      });

      const keys = flatten(load(locale, plain));
      expect(keys.length).toBeGreaterThan(100);
      for (const [key, message] of keys) {
        const named = Object.fromEntries(
          [...message.matchAll(/\{(\w+)\}/g)].map(([, name]) => [name, `<${name}>`]),
        );
        const counts = message.includes('|') ? [0, 1, 2, 5, 11, 21, 104] : [undefined];
        for (const n of counts) {
          const params = n === undefined ? named : { ...named, n, count: n };
          const expected =
            n === undefined ? full.global.t(key, params) : full.global.t(key, params, n);
          const actual =
            n === undefined ? compiled.global.t(key, params) : compiled.global.t(key, params, n);
          expect(actual, `${locale}.${key} (${String(n)})`).toBe(expected);
          expect(actual, `${locale}.${key} is not left as its key`).not.toBe(key);
        }
      }
    });
  }

  it('keeps the Russian plural forms of the source', () => {
    const compiled = createRuntimeI18n({
      legacy: false,
      locale: 'ru',
      pluralRules: { ru: russianPlural },
      messages: { ru: load('ru', precompile) },
    });
    const t = (n: number) => compiled.global.t('pairs.meetingsCount', { n }, n);
    expect([0, 1, 3, 5, 21].map(t)).toEqual([
      'Встреч нет',
      '1 встреча',
      '3 встречи',
      '5 встреч',
      '21 встреча',
    ]);
  });
});
