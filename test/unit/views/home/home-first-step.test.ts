// The first screen on a phone leads to its action: with nobody in the bases «Добавить первого
// участника» opens the participant's form itself; the device-only notice is one line.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { appDataContext } from '@/data/context';
import { addParticipant } from '@/data/repos/participants';
import { mountApp } from '../mountApp';

let mounted: VueWrapper | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

describe('the first screen (device-only)', () => {
  it('«Добавить первого участника» opens the new participant’s form directly', async () => {
    const { wrapper, router } = await mountApp('/');
    mounted = wrapper;
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="home-add-first"]').text()).toBe(
        'Добавить первого участника',
      ),
    );
    await wrapper.find('[data-testid="home-add-first"]').trigger('click');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('participant-new'));
  });

  it('with people but no pair, leads to creating the pair', async () => {
    const ctx = await appDataContext();
    await addParticipant(ctx, {
      kind: 'teacher',
      full_name: 'Петров Сергей Иванович',
      is_minor: false,
      is_mentor: true,
      is_mentee: false,
    });
    const { wrapper, router } = await mountApp('/');
    mounted = wrapper;
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="home-create-pair"]').exists()).toBe(true),
    );
    expect(wrapper.find('[data-testid="home-add-first"]').exists()).toBe(false);
    await wrapper.find('[data-testid="home-create-pair"]').trigger('click');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('pair-new'));
  });

  it('says «device only» in one line, the explanation behind «Подробнее»', async () => {
    const { wrapper } = await mountApp('/');
    mounted = wrapper;
    const banner = wrapper.find<HTMLDetailsElement>('[data-testid="device-only-banner"]');
    expect(banner.element.tagName).toBe('DETAILS');
    expect(banner.element.open).toBe(false);
    expect(banner.find('summary').text()).toContain('Данные только на этом устройстве');
    expect(banner.find('summary').text()).toContain('Подробнее');
    expect(banner.text()).toContain('администратор подключает сервер');
  });
});
