// Owns the app's i18n instance: Russian is the source locale and ships in the first chunk;
// every other locale is a lazy chunk loaded on demand.
import { createI18n } from 'vue-i18n';
import ru from './locales/ru.json';

export const SUPPORTED_LOCALES = ['ru', 'en'] as const;
export type AppLocale = (typeof SUPPORTED_LOCALES)[number];
export type MessageSchema = typeof ru;

export const DEFAULT_LOCALE: AppLocale = 'ru';

export function isAppLocale(value: unknown): value is AppLocale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

const lazyLocales: Record<Exclude<AppLocale, 'ru'>, () => Promise<{ default: MessageSchema }>> = {
  en: () => import('./locales/en.json'),
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
}

/** Loads the locale's messages if needed, then switches to it. */
export async function applyLocale(target: LocaleTarget, locale: AppLocale): Promise<void> {
  if (locale !== 'ru' && !target.availableLocales.includes(locale)) {
    const messages = await lazyLocales[locale]();
    target.setLocaleMessage(locale, messages.default);
  }
  target.locale.value = locale;
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}
