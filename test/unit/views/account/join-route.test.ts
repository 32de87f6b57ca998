// /join is where an invite QR code leads: the sign-in screen with the code already filled in.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { mountApp } from '../mountApp';

vi.hoisted(() => {
  vi.stubEnv('VITE_SUPABASE_URL', 'https://school.example');
  vi.stubEnv('VITE_SUPABASE_ANON_KEY', 'sb_publishable_test');
});
// The build mode is read once, when the modules load; later test files must not inherit it.
afterAll(() => vi.unstubAllEnvs());

const field = (wrapper: Awaited<ReturnType<typeof mountApp>>['wrapper']) =>
  wrapper.find('[data-testid="invite-code"]').element as HTMLInputElement;

describe('opening the app from an invite QR code', () => {
  it('fills in the normalised code and says it is ready', async () => {
    const { wrapper, router } = await mountApp('/join?code=alsa5k7m');
    expect(router.currentRoute.value.name).toBe('join');
    await vi.waitFor(() => expect(field(wrapper).value).toBe('ALSA-5K7M'));
    expect(wrapper.find('[data-testid="invite-prefilled"]').text()).toContain(
      'Код из QR-кода уже вставлен',
    );
  });

  it('keeps a damaged code as it arrived and explains the format on joining', async () => {
    const { wrapper } = await mountApp('/join?code=ALSA-5K');
    await vi.waitFor(() => expect(field(wrapper).value).toBe('ALSA-5K'));
    await wrapper.find('form').trigger('submit');
    await vi.waitFor(() =>
      expect(wrapper.find('[role="alert"]').text()).toBe(
        'Код — это 8 букв и цифр, например ALSA-5K7M',
      ),
    );
    expect(field(wrapper).value).toBe('ALSA-5K');
    expect(wrapper.find('[data-testid="invite-prefilled"]').exists()).toBe(false);
  });

  it('without a code it is the plain sign-in screen', async () => {
    const { wrapper } = await mountApp('/join');
    await vi.waitFor(() => expect(wrapper.find('[data-testid="invite-code"]').exists()).toBe(true));
    expect(field(wrapper).value).toBe('');
    expect(wrapper.find('[data-testid="invite-prefilled"]').exists()).toBe(false);
  });
});
