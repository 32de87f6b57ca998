import { describe, expect, it } from 'vitest';
import { applyLocale, createAppI18n, isAppLocale, type LocaleTarget } from '@/i18n';

describe('applyLocale', () => {
  it('loads English on demand, switches to it and marks the document language', async () => {
    const i18n = createAppI18n();
    const global = i18n.global as unknown as LocaleTarget;
    expect(i18n.global.availableLocales).toEqual(['ru']);
    expect(i18n.global.t('nav.home')).toBe('Главная');

    await applyLocale(global, 'en');

    expect(i18n.global.t('nav.home')).toBe('Home');
    expect(document.documentElement.lang).toBe('en');
    expect(document.title).toBe('Mentor');
  });

  it('switches back to Russian', async () => {
    const i18n = createAppI18n();
    const global = i18n.global as unknown as LocaleTarget;
    await applyLocale(global, 'en');
    await applyLocale(global, 'ru');
    expect(i18n.global.t('nav.settings')).toBe('Настройки');
    expect(document.documentElement.lang).toBe('ru');
    expect(document.title).toBe('Наставник');
  });

  it('knows which locales exist', () => {
    expect(isAppLocale('ru')).toBe(true);
    expect(isAppLocale('en')).toBe(true);
    expect(isAppLocale('de')).toBe(false);
    expect(isAppLocale(undefined)).toBe(false);
  });
});
