// A signed-in minor without her parents' consent sees a waiting screen instead of forms; the
// server stores nothing from her account until the curator records the consent.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { appDataContext } from '@/data/context';
import { logMeeting } from '@/data/repos/meetings';
import { useSessionStore } from '@/stores/session';
import { aPairWithPeople } from '../data/context';
import { mountApp } from '../views/mountApp';

let mounted: VueWrapper | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

async function openAsMentee(coveredUntil: string | null) {
  const ctx = await appDataContext();
  const { pair, mentee } = await aPairWithPeople(ctx, { consents: false });
  await logMeeting(
    ctx,
    pair.id,
    { type: 'organisational', held_on: '2026-11-20', duration_min: 45, format: 'online' },
    '2026-11-25',
  );
  // Her card as the server sends it (consent_covered_until is the server's).
  await ctx.db.participants.update(mentee.id, { consent_covered_until: coveredUntil });
  const app = await mountApp('/');
  mounted = app.wrapper;
  useSessionStore(app.pinia).memberships = [
    { school_id: ctx.schoolId, role: 'mentee', participant_id: mentee.id },
  ];
  await app.router.push(`/pairs/${pair.id}`);
  return { ...app, ctx };
}

describe('a minor waiting for her parents’ consent', () => {
  it('sees what to do instead of the pair page and its forms', async () => {
    const { wrapper, router } = await openAsMentee(null);
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="consent-waiting"]').exists()).toBe(true),
    );
    expect(wrapper.get('[data-testid="consent-waiting"]').text()).toContain(
      'Ждём согласия родителей…',
    );
    expect(wrapper.text()).toContain('Попросите родителей подписать согласие');
    expect(wrapper.find('main form').exists()).toBe(false);
    expect(wrapper.find('[data-testid="confirm-meeting"]').exists()).toBe(false);
    // The settings stay open (language, sign-out).
    await router.push('/settings');
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="consent-waiting"]').exists()).toBe(false),
    );
  });

  it('once covered, gets her pair page with the confirmation form', async () => {
    const { wrapper } = await openAsMentee('2027-08-31');
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="confirm-meeting"]').exists()).toBe(true),
    );
    expect(wrapper.find('[data-testid="consent-waiting"]').exists()).toBe(false);
  });
});
