// The municipal coordinator's page in device-only mode: there is no server, so no municipality
// either — the page says so, offers no targets to set, and the home screen shows no card.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { mountApp } from '../mountApp';

let mounted: VueWrapper | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

describe('the municipal monitoring page', () => {
  it('says it works with the server when the device works alone', async () => {
    const { wrapper } = await mountApp('/municipality');
    mounted = wrapper;
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="municipality-block"]').text()).toContain(
        'работает с сервером',
      ),
    );
    expect(wrapper.find('h1').text()).toBe('Муниципальный мониторинг');
    expect(wrapper.find('[data-testid="municipal-targets"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="municipal-shares"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="municipality-download"]').exists()).toBe(false);
  });

  it('is not offered on the home screen of a device that works alone', async () => {
    const { wrapper } = await mountApp('/');
    mounted = wrapper;
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="home-add-first"]').exists()).toBe(true),
    );
    expect(wrapper.find('[data-testid="coordinator-card"]').exists()).toBe(false);
  });
});
