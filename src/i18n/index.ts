// Owns the app's i18n instance: Russian is the source locale and ships in the first chunk
// (except the files of single pages, LAZY_FEATURES, which load with their page); every other
// locale is a lazy chunk loaded on demand. Messages live in one file per feature
// (locales/<locale>/<feature>.json, the file name is the top-level key). The production build
// precompiles every file (vite.config.ts), so there a message is a compiled AST, not a string,
// and vue-i18n's runtime-only build ships without the message compiler.
import { createI18n } from 'vue-i18n';
import { mergeFeatureFiles, type Messages } from './merge';
import { russianPlural } from './plural';

/**
 * Russian files that one page alone needs (the curator's pages, backup): not in the first
 * chunk, loaded together with their page (`withMessages` in the router, `loadFeatureMessages`
 * for a lazy component). Everything else ships with the first visit.
 */
export const LAZY_FEATURES = [
  'backup',
  'documents',
  'exports',
  'intake',
  'kpi',
  'matching',
  'monitoring',
  'municipality',
  'overview',
  'roll',
  'staffHome',
  'syncIssues',
  'trainings',
  'triage',
  'year',
] as const;
export type LazyFeature = (typeof LAZY_FEATURES)[number];

const ru = mergeFeatureFiles(
  import.meta.glob<{ default: Messages }>(
    [
      './locales/ru/*.json',
      '!./locales/ru/{backup,documents,exports,intake,kpi,matching,monitoring,municipality,overview,roll,staffHome,syncIssues,trainings,triage,year}.json',
    ],
    { eager: true },
  ),
);
const lazyRu = import.meta.glob<{ default: Messages }>(
  './locales/ru/{backup,documents,exports,intake,kpi,matching,monitoring,municipality,overview,roll,staffHome,syncIssues,trainings,triage,year}.json',
);
/** The lazy Russian files loaded so far, and the i18n instances to give them to. */
const loadedRu: Messages = {};
const instances = new Set<{ mergeLocaleMessage(locale: string, messages: Messages): void }>();

/** Loads the features' Russian messages (once) into every i18n instance of the app. */
export async function loadFeatureMessages(features: readonly LazyFeature[]): Promise<void> {
  const missing = features.filter((feature) => !(feature in loadedRu));
  const files = await Promise.all(
    missing.map(async (feature) => {
      const load = lazyRu[`./locales/ru/${feature}.json`];
      if (!load) throw new Error(`no Russian messages for ${feature}`);
      return [feature, (await load()).default] as const;
    }),
  );
  for (const [feature, messages] of files) {
    loadedRu[feature] = messages;
    for (const instance of instances) instance.mergeLocaleMessage('ru', { [feature]: messages });
  }
}

/** A lazy page or component whose messages load alongside its code (in parallel). */
export function withMessages<T>(features: readonly LazyFeature[], load: () => Promise<T>) {
  return async (): Promise<T> => (await Promise.all([load(), loadFeatureMessages(features)]))[0];
}

export const SUPPORTED_LOCALES = ['ru', 'en'] as const;
export type AppLocale = (typeof SUPPORTED_LOCALES)[number];
export type MessageSchema = Messages;

export const DEFAULT_LOCALE: AppLocale = 'ru';

export function isAppLocale(value: unknown): value is AppLocale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

const lazyLocales: Record<Exclude<AppLocale, 'ru'>, () => Promise<MessageSchema>> = {
  en: async () => (await import('./en')).default,
};

const datetimeFormats = {
  short: { year: 'numeric', month: 'short', day: 'numeric' },
  long: { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' },
  time: { hour: '2-digit', minute: '2-digit' },
} as const;

const numberFormats = {
  integer: { maximumFractionDigits: 0 },
  percent: { style: 'percent', maximumFractionDigits: 0 },
  hours: { maximumFractionDigits: 1 },
} as const;

export function createAppI18n() {
  const i18n = createI18n<[MessageSchema], AppLocale, false>({
    legacy: false,
    locale: DEFAULT_LOCALE,
    fallbackLocale: DEFAULT_LOCALE,
    messages: { ru: { ...ru, ...loadedRu } } as Record<AppLocale, MessageSchema>,
    datetimeFormats: { ru: datetimeFormats, en: datetimeFormats },
    numberFormats: { ru: numberFormats, en: numberFormats },
    pluralRules: { ru: russianPlural },
    missingWarn: import.meta.env.DEV,
    fallbackWarn: import.meta.env.DEV,
  });
  instances.add(i18n.global as unknown as { mergeLocaleMessage(l: string, m: Messages): void });
  return i18n;
}

export type AppI18n = ReturnType<typeof createAppI18n>;

/** The part of vue-i18n's global composer that switching locales needs. */
export interface LocaleTarget {
  readonly availableLocales: readonly string[];
  setLocaleMessage(locale: AppLocale, messages: MessageSchema): void;
  locale: { value: string };
  t(key: string): string;
}

/** Loads the locale's messages if needed, then switches to it (the page title included). */
export async function applyLocale(target: LocaleTarget, locale: AppLocale): Promise<void> {
  if (locale !== 'ru' && !target.availableLocales.includes(locale)) {
    target.setLocaleMessage(locale, await lazyLocales[locale]());
  }
  target.locale.value = locale;
  if (typeof document !== 'undefined') {
    document.documentElement.lang = locale;
    document.title = target.t('app.name');
  }
}
