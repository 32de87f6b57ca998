import { describe, expect, it, vi } from 'vitest';
import { appDataContext } from '@/data/context';
import { logMeeting } from '@/data/repos/meetings';
import { useSessionStore } from '@/stores/session';
import { aPairWithPeople } from '../../data/context';
import { mountApp } from '../mountApp';

describe('a mentee on the pair page', () => {
  it('confirms that a meeting took place, with a reflection, and cannot log meetings', async () => {
    const ctx = await appDataContext();
    const { pair, mentee } = await aPairWithPeople(ctx);
    const meeting = await logMeeting(
      ctx,
      pair.id,
      { type: 'organisational', held_on: '2026-11-20', duration_min: 45, format: 'online' },
      '2026-11-25',
    );
    const { wrapper, router, pinia } = await mountApp('/');
    useSessionStore(pinia).memberships = [
      { school_id: ctx.schoolId, role: 'mentee', participant_id: mentee.id },
    ];
    await router.push(`/pairs/${pair.id}`);
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="confirm-meeting"]').exists()).toBe(true),
    );
    expect(wrapper.find('[data-testid="log-meeting"]').exists()).toBe(false);

    await wrapper
      .find('[data-testid="meeting-reflection"]')
      .setValue('Поняла, как готовиться к уроку');
    await wrapper.find('[data-testid="confirm-meeting"]').trigger('click');
    await wrapper.find('form.meeting-confirm').trigger('submit');
    await vi.waitFor(async () =>
      expect(await ctx.db.meetings.get(meeting.id)).toMatchObject({
        mentee_confirmed_at: expect.any(String),
        mentee_reflection: 'Поняла, как готовиться к уроку',
      }),
    );
    await vi.waitFor(() => expect(wrapper.text()).toContain('Вы подтвердили эту встречу'));
  });

  it('a mentor of the pair sees no confirmation form', async () => {
    const ctx = await appDataContext();
    const { pair, mentor } = await aPairWithPeople(ctx);
    await logMeeting(
      ctx,
      pair.id,
      { type: 'organisational', held_on: '2026-11-20', duration_min: 45, format: 'online' },
      '2026-11-25',
    );
    const { wrapper, router, pinia } = await mountApp('/');
    useSessionStore(pinia).memberships = [
      { school_id: ctx.schoolId, role: 'mentor', participant_id: mentor.id },
    ];
    await router.push(`/pairs/${pair.id}`);
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="meeting-item"]').exists()).toBe(true),
    );
    expect(wrapper.find('[data-testid="confirm-meeting"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="log-meeting"]').exists()).toBe(true);
  });
});
