import { useI18n } from 'vue-i18n';
import { applyLocale, type AppLocale, type LocaleTarget } from '@/i18n';
import { usePreferencesStore } from '@/stores/preferences';

/** The current language and a switch that loads the locale, applies it and remembers it. */
export function useLocale() {
  const composer = useI18n({ useScope: 'global' });
  const preferences = usePreferencesStore();

  async function switchLocale(next: AppLocale): Promise<void> {
    await applyLocale(composer as unknown as LocaleTarget, next);
    preferences.setLocale(next);
  }

  return { locale: composer.locale, switchLocale };
}
