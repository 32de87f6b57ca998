// The curator archives a person from her card: what happens to each pair is shown first, «Отмена»
// changes nothing, confirming ends or leaves the pairs and marks her «Выбыл(а)».
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { useSessionStore } from '@/stores/session';
import { aPairWithPeople } from '../data/context';
import { mountApp, settle, useFreshDatabase } from '../views/people/support';

let wrapper: VueWrapper | undefined;
afterEach(() => wrapper?.unmount());

describe('archiving a person from her card', () => {
  const db = useFreshDatabase();

  async function openAs(path: string, role: 'curator' | 'mentor') {
    const app = await mountApp('/');
    wrapper = app.wrapper;
    useSessionStore(app.pinia).memberships = [
      { school_id: db().schoolId, role, participant_id: role === 'mentor' ? 'me' : null },
    ];
    await app.router.push(path);
    return app;
  }

  it('shows what happens to her pair, and «Отмена» changes nothing', async () => {
    const { mentee } = await aPairWithPeople(db());
    await openAs(`/people/${mentee.id}`, 'curator');
    await settle(() => expect(wrapper!.find('[data-testid="archive-start"]').exists()).toBe(true));
    await wrapper!.find('[data-testid="archive-start"]').trigger('click');
    await settle(() => expect(wrapper!.findAll('[data-testid="archive-effect"]')).toHaveLength(1));
    const effect = wrapper!.find('[data-testid="archive-effect"]').text();
    expect(effect).toContain('учитель – ученик');
    expect(effect).toContain('Петров Сергей Иванович');
    expect(effect).toContain('завершена досрочно');
    const queued = await db().db.outbox.count();
    await wrapper!.find('[data-testid="archive-cancel"]').trigger('click');
    await settle(() =>
      expect(wrapper!.find('[data-testid="archive-confirm"]').exists()).toBe(false),
    );
    expect(await db().db.outbox.count()).toBe(queued);
    expect((await db().db.participants.get(mentee.id))?.archived_on ?? null).toBeNull();
  });

  it('confirmed, marks her «Выбыл(а)», hides her from the list and can bring her back', async () => {
    const { mentee, pair } = await aPairWithPeople(db());
    const app = await openAs(`/people/${mentee.id}`, 'curator');
    await settle(() => expect(wrapper!.find('[data-testid="archive-start"]').exists()).toBe(true));
    await wrapper!.find('[data-testid="archive-start"]').trigger('click');
    await settle(() =>
      expect(wrapper!.find('[data-testid="archive-confirm-button"]').exists()).toBe(true),
    );
    await wrapper!.find('[data-testid="archive-confirm-button"]').trigger('click');
    await settle(() =>
      expect(
        wrapper!.find('[data-testid="participant-details"] [data-testid="archived-mark"]').exists(),
      ).toBe(true),
    );
    expect((await db().db.pairs.get(pair.id))?.status).toBe('ended_early');

    await app.router.push('/people');
    await settle(() =>
      expect(wrapper!.findAll('[data-testid="participant-item"]')).toHaveLength(1),
    );
    expect(wrapper!.text()).not.toContain('Смирнова Анна');

    await app.router.push(`/people/${mentee.id}`);
    await settle(() => expect(wrapper!.find('[data-testid="unarchive"]').exists()).toBe(true));
    await wrapper!.find('[data-testid="unarchive"]').trigger('click');
    await vi.waitFor(async () =>
      expect((await db().db.participants.get(mentee.id))?.archived_on).toBeNull(),
    );
  });

  it('is not offered to a mentor', async () => {
    const { mentee } = await aPairWithPeople(db());
    await openAs(`/people/${mentee.id}`, 'mentor');
    await settle(() =>
      expect(wrapper!.find('[data-testid="participant-name"]').text()).toBe('Смирнова Анна'),
    );
    expect(wrapper!.find('[data-action="archiveParticipant"]').exists()).toBe(false);
  });
});
