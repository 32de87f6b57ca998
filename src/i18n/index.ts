// Owns the app's i18n instance: Russian is the source locale and ships in the first chunk;
// every other locale is a lazy chunk loaded on demand. Messages live in one file per feature
// (locales/<locale>/<feature>.json, the file name is the top-level key). The production build
// precompiles every file (vite.config.ts), so there a message is a compiled AST, not a string,
// and vue-i18n's runtime-only build ships without the message compiler.
import { createI18n } from 'vue-i18n';
import { mergeFeatureFiles, type Messages } from './merge';
import { russianPlural } from './plural';

const ru = mergeFeatureFiles(
  import.meta.glob<{ default: Messages }>('./locales/ru/*.json', { eager: true }),
);

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
  return createI18n<[MessageSchema], AppLocale, false>({
    legacy: false,
    locale: DEFAULT_LOCALE,
    fallbackLocale: DEFAULT_LOCALE,
    messages: { ru } as Record<AppLocale, MessageSchema>,
    datetimeFormats: { ru: datetimeFormats, en: datetimeFormats },
    numberFormats: { ru: numberFormats, en: numberFormats },
    pluralRules: { ru: russianPlural },
    missingWarn: import.meta.env.DEV,
    fallbackWarn: import.meta.env.DEV,
  });
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
