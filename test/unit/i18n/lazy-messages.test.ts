// The Russian files of single pages load with their page, not with the first visit.
import { describe, expect, it } from 'vitest';
import { createAppI18n, LAZY_FEATURES, loadFeatureMessages, withMessages } from '@/i18n';

describe('messages of single pages', () => {
  it('are not in a fresh instance until their page loads them, then in every instance', async () => {
    const before = createAppI18n();
    expect(before.global.te('monitoring.title')).toBe(false);
    expect(before.global.te('nav.home')).toBe(true);

    await loadFeatureMessages(['monitoring']);
    expect(before.global.t('monitoring.title')).not.toBe('monitoring.title');
    // An instance created later starts with what was loaded.
    expect(createAppI18n().global.te('monitoring.title')).toBe(true);
  });

  it('a lazy page resolves to its component with its messages already there', async () => {
    const i18n = createAppI18n();
    const component = { name: 'Page' };
    const load = withMessages(['matching'], async () => component);
    expect(await load()).toBe(component);
    expect(i18n.global.te('matching.title')).toBe(true);
  });

  it('every lazy feature has a Russian file', async () => {
    await expect(loadFeatureMessages(LAZY_FEATURES)).resolves.toBeUndefined();
    const i18n = createAppI18n();
    const ru = i18n.global.getLocaleMessage('ru') as Record<string, unknown>;
    for (const feature of LAZY_FEATURES) expect(Object.keys(ru[feature] ?? {})).not.toEqual([]);
  });
});
