import { beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { createMemoryHistory, createRouter } from 'vue-router';
import App from '@/app/App.vue';
import { navItemsFor } from '@/app/navigation';
import { routes } from '@/app/router';
import { createAppI18n } from '@/i18n';

async function mountApp(path = '/') {
  const router = createRouter({ history: createMemoryHistory(), routes });
  const i18n = createAppI18n();
  await router.push(path);
  await router.isReady();
  const wrapper = mount(App, { global: { plugins: [createPinia(), i18n, router] } });
  await flushPromises();
  return { wrapper, router, i18n };
}

describe('app shell', () => {
  beforeEach(() => localStorage.clear());

  it('shows the navigation in Russian with a link to every section', async () => {
    const { wrapper } = await mountApp();
    const labels = wrapper.findAll('nav a').map((a) => a.text());
    expect(labels).toEqual([
      'Главная',
      'Пары',
      'Люди',
      'Встречи',
      'Итоги',
      'Показатели',
      'Программа',
      'Настройки',
    ]);
    // The phone's bottom bar keeps six: the KPI table and the programme year are on the rail.
    const railOnly = wrapper.findAll('nav li.the-navigation__rail-only').map((li) => li.text());
    expect(railOnly).toEqual(['Показатели', 'Программа']);
  });

  it('tells a device-only user where their data lives and what to do first', async () => {
    const { wrapper } = await mountApp();
    expect(wrapper.find('[data-testid="device-only-banner"]').text()).toContain(
      'только на этом устройстве',
    );
    expect(wrapper.find('[data-testid="sync-status"]').attributes('data-state')).toBe(
      'device-only',
    );
    await vi.waitFor(() => expect(wrapper.text()).toContain('Добавить первого участника'));
  });

  it('navigates to a lazy section', async () => {
    const { wrapper, router } = await mountApp();
    await wrapper.find('[data-testid="nav-pairs"]').trigger('click');
    await vi.waitFor(() => {
      expect(router.currentRoute.value.name).toBe('pairs');
      expect(wrapper.find('h1').text()).toBe('Наставнические пары и группы');
    });
  });

  it('offers monitoring only to those who may see the whole school', () => {
    const school = (role: 'curator' | 'mentor' | 'mentee') => ({
      kind: 'school' as const,
      schoolId: 's1',
      seats: [{ role, participantId: role === 'curator' ? null : 'p1' }],
    });
    const names = (w: Parameters<typeof navItemsFor>[0]) => navItemsFor(w).map((i) => i.to);
    expect(names(school('curator'))).toContain('monitoring');
    expect(names(school('mentor'))).not.toContain('monitoring');
    expect(names(school('mentee'))).not.toContain('monitoring');
    expect(names({ kind: 'device-only' })).toContain('monitoring');
  });

  it('shows a way home for an unknown address', async () => {
    const { wrapper } = await mountApp('/no/such/page');
    expect(wrapper.text()).toContain('Страница не найдена');
    expect(wrapper.find('a.button').text()).toBe('На главную');
  });

  it('switches the whole UI to English from the header and remembers it', async () => {
    const { wrapper } = await mountApp();
    await wrapper.find('[data-testid="language-switch"]').setValue('en');
    await vi.waitFor(
      () =>
        expect(wrapper.findAll('nav a').map((a) => a.text())).toEqual([
          'Home',
          'Pairs',
          'People',
          'Meetings',
          'Results',
          'Indicators',
          'Programme',
          'Settings',
        ]),
      // The English messages are a chunk of their own: loading it may take a while under load.
      { timeout: 5000 },
    );
    expect(localStorage.getItem('nastavnik.locale')).toBe('en');
  });
});
