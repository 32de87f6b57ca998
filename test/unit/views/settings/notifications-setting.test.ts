import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { NOTIFICATIONS_STORAGE_KEY } from '@/stores/preferences';
import { installFakeNotification } from '../reminders/notificationFake';
import { mountApp } from '../mountApp';

beforeEach(() => localStorage.clear());
afterEach(() => vi.unstubAllGlobals());

async function openSettings() {
  const { wrapper } = await mountApp('/settings');
  await vi.waitFor(() =>
    expect(wrapper.find('[data-testid="notifications-switch"]').exists()).toBe(true),
  );
  return wrapper;
}

const switchOf = (wrapper: VueWrapper) =>
  wrapper.find<HTMLInputElement>('[data-testid="notifications-switch"]');
const stateOf = (wrapper: VueWrapper) => wrapper.find('[data-testid="notifications-state"]');

describe('the "notifications on this phone" setting', () => {
  it('asks the browser only when the user turns it on, then says they are on', async () => {
    const fake = installFakeNotification('default', 'granted');
    const wrapper = await openSettings();
    expect(fake.requestPermission).not.toHaveBeenCalled();
    expect(stateOf(wrapper).attributes('data-state')).toBe('off');
    expect(switchOf(wrapper).element.checked).toBe(false);

    await switchOf(wrapper).setValue(true);
    await vi.waitFor(() => expect(stateOf(wrapper).attributes('data-state')).toBe('allowed'));
    expect(fake.requestPermission).toHaveBeenCalledTimes(1);
    expect(switchOf(wrapper).element.checked).toBe(true);
    await vi.waitFor(() => expect(switchOf(wrapper).element.disabled).toBe(false));
    expect(localStorage.getItem(NOTIFICATIONS_STORAGE_KEY)).toBe('on');
    // The hint promises no more than the app can do without a push server.
    expect(wrapper.text()).toContain('только пока приложение открыто или работает в фоне');

    await switchOf(wrapper).setValue(false);
    await vi.waitFor(() => expect(stateOf(wrapper).attributes('data-state')).toBe('off'));
    expect(localStorage.getItem(NOTIFICATIONS_STORAGE_KEY)).toBe('off');
  });

  it('explains how to unblock them when the user refuses the browser’s prompt', async () => {
    installFakeNotification('default', 'denied');
    const wrapper = await openSettings();
    await switchOf(wrapper).setValue(true);
    await vi.waitFor(() => expect(stateOf(wrapper).attributes('data-state')).toBe('blocked'));
    await vi.waitFor(() => expect(switchOf(wrapper).element.checked).toBe(false));
    expect(switchOf(wrapper).element.disabled).toBe(true);
    expect(stateOf(wrapper).text()).toContain('настройки сайта');
    expect(localStorage.getItem(NOTIFICATIONS_STORAGE_KEY)).toBe('off');
  });

  it('does not ask again when the browser already blocks them', async () => {
    const fake = installFakeNotification('denied');
    const wrapper = await openSettings();
    expect(stateOf(wrapper).attributes('data-state')).toBe('blocked');
    expect(stateOf(wrapper).text()).toContain('запрещены в настройках браузера');
    expect(switchOf(wrapper).element.disabled).toBe(true);
    expect(fake.requestPermission).not.toHaveBeenCalled();
  });

  it('says so when this device cannot show notifications at all', async () => {
    vi.stubGlobal('Notification', undefined);
    const wrapper = await openSettings();
    expect(stateOf(wrapper).attributes('data-state')).toBe('unsupported');
    expect(stateOf(wrapper).text()).toContain('на экран «Домой»');
    expect(switchOf(wrapper).element.disabled).toBe(true);
  });
});
