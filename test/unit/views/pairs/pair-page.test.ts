// A pair's page is titled by its people and leads back to all pairs (on a phone the list is
// not beside it).
import { afterEach, describe, expect, it } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { aPairWithPeople } from '../../data/context';
import { mountApp, settle, useFreshDatabase } from '../people/support';

let wrapper: VueWrapper | undefined;
afterEach(() => wrapper?.unmount());

describe('a pair’s page', () => {
  const db = useFreshDatabase();

  it('is titled by its people and links back to all pairs', async () => {
    const { pair } = await aPairWithPeople(db());
    const app = await mountApp(`/pairs/${pair.id}`);
    wrapper = app.wrapper;
    await settle(() =>
      expect(wrapper?.find('.pair-view__title').text()).toContain('Смирнова Анна'),
    );
    expect(wrapper.find('.pair-view__title').text()).toContain('Петров Сергей Иванович');
    const back = wrapper.get('[data-testid="pair-back"]');
    expect(back.text()).toBe('Все пары');
    await back.trigger('click');
    await settle(() => expect(app.router.currentRoute.value.name).toBe('pairs'));
  });
});
