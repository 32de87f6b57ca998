// The install card in Settings, driven by the events the browser fires.
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import TheInstallOffer from '@/components/app/TheInstallOffer.vue';
import { createAppI18n } from '@/i18n';

/** What Chromium dispatches: an event with prompt() and the user's answer. */
function installPromptEvent(outcome: 'accepted' | 'dismissed') {
  const event = new Event('beforeinstallprompt', { cancelable: true });
  const calls = { prompt: 0 };
  Object.assign(event, {
    prompt: async () => {
      calls.prompt += 1;
    },
    userChoice: Promise.resolve({ outcome }),
  });
  return { event, calls };
}

const mountOffer = () => mount(TheInstallOffer, { global: { plugins: [createAppI18n()] } });

// One file, one window: the steps below run in order and share the listener state.
describe('TheInstallOffer', () => {
  it('shows nothing in a desktop browser that offered no installation', () => {
    expect(mountOffer().find('[data-testid="install-offer"]').exists()).toBe(false);
  });

  it('offers «Установить» when the browser fires beforeinstallprompt, and keeps its bar away', async () => {
    const wrapper = mountOffer();
    const { event } = installPromptEvent('dismissed');
    window.dispatchEvent(event);
    await flushPromises();
    expect(event.defaultPrevented).toBe(true);
    expect(wrapper.find('[data-testid="install-offer"]').attributes('data-offer')).toBe('prompt');
    expect(wrapper.text()).toContain('Установить на телефон');
    expect(wrapper.find('[data-testid="install-action"]').text()).toBe('Установить');
  });

  it('opens the browser dialog once; a dismissed dialog hides the action until the next offer', async () => {
    const wrapper = mountOffer();
    const { event, calls } = installPromptEvent('dismissed');
    window.dispatchEvent(event);
    await flushPromises();
    await wrapper.find('[data-testid="install-action"]').trigger('click');
    await flushPromises();
    expect(calls.prompt).toBe(1);
    expect(wrapper.find('[data-testid="install-offer"]').exists()).toBe(false);

    window.dispatchEvent(installPromptEvent('accepted').event);
    await flushPromises();
    expect(wrapper.find('[data-testid="install-action"]').exists()).toBe(true);
  });

  it('hides itself once the app is installed', async () => {
    const wrapper = mountOffer();
    window.dispatchEvent(installPromptEvent('accepted').event);
    await flushPromises();
    expect(wrapper.find('[data-testid="install-action"]').exists()).toBe(true);
    window.dispatchEvent(new Event('appinstalled'));
    await flushPromises();
    expect(wrapper.find('[data-testid="install-offer"]').exists()).toBe(false);

    // The browser offering again later does not bring it back in this session.
    window.dispatchEvent(installPromptEvent('accepted').event);
    await flushPromises();
    expect(wrapper.find('[data-testid="install-offer"]').exists()).toBe(false);
  });
});
