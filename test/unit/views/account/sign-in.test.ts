// The sign-in screen in a build that syncs, with the server out of reach (a closed local port,
// nothing emulated): every refusal is a translated message and what the user typed stays.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { useSessionStore } from '@/stores/session';
import { mountApp } from '../mountApp';

vi.hoisted(() => {
  vi.stubEnv('VITE_SUPABASE_URL', 'http://127.0.0.1:9');
  vi.stubEnv('VITE_SUPABASE_ANON_KEY', 'sb_publishable_test');
});
afterAll(() => vi.unstubAllEnvs());

type Wrapper = Awaited<ReturnType<typeof mountApp>>['wrapper'];
const input = (wrapper: Wrapper, testid: string) =>
  wrapper.get(`[data-testid="${testid}"]`).element as HTMLInputElement;
const formOf = (wrapper: Wrapper, testid: string) =>
  wrapper.findAll('form').find((f) => f.find(`[data-testid="${testid}"]`).exists())!;

describe('signing in', () => {
  it('says what is wrong with an e-mail address before asking the server, and keeps it', async () => {
    const { wrapper } = await mountApp('/sign-in');
    await vi.waitFor(() => expect(wrapper.find('[data-testid="email"]').exists()).toBe(true));
    await wrapper.get('[data-testid="email"]').setValue('kravtsova@luzino1');
    await formOf(wrapper, 'email').trigger('submit');
    await vi.waitFor(() => expect(wrapper.text()).toContain('Проверьте адрес электронной почты'));
    expect(input(wrapper, 'email').value).toBe('kravtsova@luzino1');
  });

  it('with no connection to the server, says so and keeps the address', async () => {
    const { wrapper } = await mountApp('/sign-in');
    await vi.waitFor(() => expect(wrapper.find('[data-testid="email"]').exists()).toBe(true));
    await wrapper.get('[data-testid="email"]').setValue('kravtsova@luzino1.example');
    await formOf(wrapper, 'email').trigger('submit');
    await vi.waitFor(() => expect(wrapper.text()).toContain('Нет связи с сервером'), {
      timeout: 10_000,
    });
    expect(input(wrapper, 'email').value).toBe('kravtsova@luzino1.example');
    expect(wrapper.find('[data-testid="email-code"]').exists()).toBe(false);
  });

  it('a student’s invite code with no connection: the same message, the code kept', async () => {
    const { wrapper } = await mountApp('/sign-in');
    await vi.waitFor(() => expect(wrapper.find('[data-testid="invite-code"]').exists()).toBe(true));
    await wrapper.get('[data-testid="invite-code"]').setValue('alsa-5k7m');
    await formOf(wrapper, 'invite-code').trigger('submit');
    await vi.waitFor(() => expect(wrapper.text()).toContain('Нет связи с сервером'), {
      timeout: 10_000,
    });
    expect(input(wrapper, 'invite-code').value).toBe('alsa-5k7m');
  });

  it('home tells a signed-in participant with no pair to wait for the curator, not to add people', async () => {
    const { wrapper, router, pinia } = await mountApp('/sign-in');
    useSessionStore(pinia).memberships = [
      { school_id: 'a2000000-0000-4000-8000-00000000000a', role: 'mentor', participant_id: null },
    ];
    await router.push('/');
    await vi.waitFor(() => expect(wrapper.text()).toContain('Куратор ещё не добавил вас в пару'));
    expect(wrapper.text()).not.toContain('Внести участников');
  });
});
