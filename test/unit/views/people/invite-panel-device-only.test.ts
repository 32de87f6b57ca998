import { describe, expect, it, vi } from 'vitest';
import { appDataContext } from '@/data/context';
import { addParticipant } from '@/data/repos/participants';
import { mountApp } from '../mountApp';

describe('the invite panel in a device-only build', () => {
  it('explains that codes need the school’s server instead of a broken button', async () => {
    const ctx = await appDataContext();
    const teacher = await addParticipant(ctx, {
      kind: 'teacher',
      full_name: 'Орлова Ирина',
      is_minor: false,
      is_mentor: true,
      is_mentee: false,
    });
    const { wrapper } = await mountApp(`/people/${teacher.id}`);
    const panel = () => wrapper.find('[data-testid="invite-panel"]');
    await vi.waitFor(() => expect(panel().exists()).toBe(true));
    expect(panel().find('[data-testid="invite-blocked"]').text()).toContain(
      'приложение работает без сервера',
    );
    expect(panel().find('[data-testid="invite-issue"]').exists()).toBe(false);
  });
});
