// The class invite sheet in a sync build: the server is reached through the app's real
// supabase-js client with only the network under it replaced (as invite-panel.test.ts does;
// test/db/invites-api.test.ts runs create_invite against the real database).
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { appDataContext } from '@/data/context';
import { addParticipant } from '@/data/repos/participants';
import { useSessionStore } from '@/stores/session';
import { mountApp } from './mountApp';
import { settle } from './people/support';

vi.hoisted(() => {
  vi.stubEnv('VITE_SUPABASE_URL', 'https://school.example');
  vi.stubEnv('VITE_SUPABASE_ANON_KEY', 'sb_publishable_test');
});
afterAll(() => vi.unstubAllEnvs());

const calls: Record<string, unknown>[] = [];
const CODES = ['ALSA-5K7M', 'BETA-2Q9R', 'GAMA-7XWZ'];

beforeEach(() => {
  calls.length = 0;
  vi.stubGlobal('fetch', async (input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init);
    if (request.method !== 'POST' || !request.url.endsWith('/rest/v1/rpc/create_invite')) {
      throw new Error(`unexpected request ${request.method} ${request.url}`);
    }
    calls.push((await request.json()) as Record<string, unknown>);
    return new Response(JSON.stringify(CODES[calls.length - 1]), {
      status: 200,
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  Object.defineProperty(navigator, 'onLine', { value: true, configurable: true });
});

const student = (full_name: string, class_label: string) => ({
  kind: 'student' as const,
  full_name,
  class_label,
  is_minor: true,
  is_mentor: false,
  is_mentee: true,
});

async function openSheet(): Promise<{ wrapper: VueWrapper; ids: Record<string, string> }> {
  const ctx = await appDataContext();
  const anna = await addParticipant(ctx, student('Смирнова Анна', '6Б'));
  const boris = await addParticipant(ctx, student('Белов Борис', '6Б'));
  const vera = await addParticipant(ctx, student('Вишнякова Вера', '6Б'));
  await addParticipant(ctx, student('Другой Класс', '7А'));
  // Вера signs in already (the server linked her account; it arrives with the next pull).
  await ctx.db.participants.update(vera.id, { user_id: 'a0000000-0000-4000-8000-000000000001' });
  const app = await mountApp('/');
  const session = useSessionStore(app.pinia);
  session.status = 'signed-in';
  session.memberships = [{ school_id: ctx.schoolId, role: 'curator', participant_id: null }];
  await app.router.push('/people/invites');
  await settle(() =>
    expect(app.wrapper.find('[data-testid="class-invites-class"]').exists()).toBe(true),
  );
  return { wrapper: app.wrapper, ids: { anna: anna.id, boris: boris.id } };
}

describe('invites for a whole class', () => {
  // A cold first run transforms the lazy pages: the bound is for that, not the check.
  it(
    'issues one code per student without an account and prints the sheet of cards',
    { timeout: 30_000 },
    async () => {
      const { wrapper, ids } = await openSheet();
      const select = wrapper.find('[data-testid="class-invites-class"]');
      expect(select.findAll('option').map((o) => o.text())).toEqual(['', '6Б', '7А']);
      await select.setValue('6Б');
      expect(wrapper.find('[data-testid="class-invites-count"]').text()).toBe(
        'Без входа в приложение: 2 из 3',
      );

      await wrapper.find('[data-testid="class-invites-issue"]').trigger('click');
      await settle(() =>
        expect(wrapper.findAll('[data-testid="class-invite-card"]')).toHaveLength(2),
      );
      expect(calls).toEqual([
        { participant_id: ids.boris, role: 'mentee', ttl: '14 days' },
        { participant_id: ids.anna, role: 'mentee', ttl: '14 days' },
      ]);
      const cards = wrapper.findAll('[data-testid="class-invite-card"]');
      expect(cards[0]!.text()).toContain('Белов Борис');
      expect(cards[0]!.text()).toContain('Код: ALSA-5K7M');
      expect(cards[1]!.text()).toContain('Смирнова Анна');
      const expires = new Intl.DateTimeFormat('ru', {
        year: 'numeric',
        month: 'short',
        day: 'numeric',
      }).format(new Date(Date.now() + 14 * 24 * 60 * 60 * 1000));
      expect(cards[1]!.text()).toContain(`Действует до ${expires}`);
      await settle(() => expect(wrapper.findAll('[data-testid="invite-qr"]')).toHaveLength(2));
      // Everyone has a code now: nothing left to issue.
      expect(wrapper.find('[data-testid="class-invites-issue"]').exists()).toBe(false);

      // happy-dom has no print dialog: the browser's window.print is stood in for.
      const print = vi.fn();
      Object.defineProperty(window, 'print', { value: print, configurable: true });
      await wrapper.find('[data-testid="class-invites-print"]').trigger('click');
      expect(print).toHaveBeenCalledOnce();
    },
  );

  it('says why it cannot issue invites with no connection', { timeout: 30_000 }, async () => {
    Object.defineProperty(navigator, 'onLine', { value: false, configurable: true });
    const { wrapper } = await openSheet();
    await wrapper.find('[data-testid="class-invites-class"]').setValue('6Б');
    expect(wrapper.find('[data-testid="class-invites-blocked"]').text()).toContain(
      'Нет подключения к интернету',
    );
    expect(
      wrapper.find('[data-testid="class-invites-issue"]').attributes('disabled'),
    ).toBeDefined();
    expect(calls).toEqual([]);
  });
});
