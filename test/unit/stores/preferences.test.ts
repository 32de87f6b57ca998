import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { LOCALE_STORAGE_KEY, readSavedLocale, usePreferencesStore } from '@/stores/preferences';

describe('preferences store', () => {
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
  });

  it('starts in Russian on a new device', () => {
    expect(usePreferencesStore().locale).toBe('ru');
  });

  it('remembers the chosen language for the next start', () => {
    usePreferencesStore().setLocale('en');
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('en');
    setActivePinia(createPinia());
    expect(usePreferencesStore().locale).toBe('en');
  });

  it('ignores a saved value that is not a supported language', () => {
    localStorage.setItem(LOCALE_STORAGE_KEY, 'klingon');
    expect(readSavedLocale(localStorage)).toBe('ru');
  });

  it('falls back to Russian when storage throws', () => {
    const throwing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(readSavedLocale(throwing)).toBe('ru');
  });
});
