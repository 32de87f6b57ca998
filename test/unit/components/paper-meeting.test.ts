// The curator enters a meeting from the pair's paper log: no private note, marked for everyone;
// staff may correct only such meetings, the pair's mentor edits it like her own.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { logMeeting, logPaperMeeting } from '@/data/repos/meetings';
import { localIsoDate } from '@/domain/dates';
import { useSessionStore } from '@/stores/session';
import { aPairWithPeople } from '../data/context';
import { mountApp, settle, useFreshDatabase } from '../views/people/support';

let wrapper: VueWrapper | undefined;
afterEach(() => wrapper?.unmount());

const input = {
  type: 'regular' as const,
  held_on: '2026-11-20',
  duration_min: 45,
  format: 'in_person' as const,
};

describe('a meeting from the paper log', () => {
  const db = useFreshDatabase();

  async function openAs(path: string, role: 'curator' | 'mentor', participantId: string | null) {
    const app = await mountApp('/');
    wrapper = app.wrapper;
    useSessionStore(app.pinia).memberships = [
      { school_id: db().schoolId, role, participant_id: participantId },
    ];
    await app.router.push(path);
    return app;
  }

  it('the curator enters it without a private note; it is marked entered_by_staff', async () => {
    const { pair } = await aPairWithPeople(db());
    await openAs(`/pairs/${pair.id}/meetings/paper`, 'curator', null);
    await settle(() => expect(wrapper!.find('[data-testid="paper-notice"]').exists()).toBe(true));
    expect(wrapper!.find('[data-testid="meeting-private-note"]').exists()).toBe(false);
    expect(wrapper!.find('[data-testid="save-meeting"]').attributes('data-action')).toBe(
      'enterPaperMeeting',
    );
    await wrapper!.find('[data-testid="meeting-topic"]').setValue('По журналу: знакомство');
    await wrapper!.find('form').trigger('submit');
    await vi.waitFor(async () => {
      const [meeting] = await db().db.meetings.toArray();
      expect(meeting).toMatchObject({
        entered_by_staff: true,
        topic: 'По журналу: знакомство',
        held_on: localIsoDate(new Date()),
      });
    });
    expect(await db().db.meeting_private_notes.count()).toBe(0);
  });

  it('the curator may correct a paper meeting, not one the mentor logged', async () => {
    const { pair } = await aPairWithPeople(db());
    const paper = await logPaperMeeting(
      db(),
      pair.id,
      { ...input, topic: 'С бумаги' },
      '2026-11-25',
    );
    await logMeeting(db(), pair.id, { ...input, topic: 'Своя' }, '2026-11-25');
    await openAs('/meetings', 'curator', null);
    await settle(() => expect(wrapper!.findAll('[data-testid="meeting-item"]')).toHaveLength(2));
    const items = wrapper!.findAll('[data-testid="meeting-item"]');
    const paperItem = items.find((i) => i.text().includes('С бумаги'))!;
    const ownItem = items.find((i) => i.text().includes('Своя'))!;
    expect(paperItem.find('[data-testid="paper-mark"]').text()).toBe(
      'Внесено куратором с бумажного журнала',
    );
    expect(paperItem.attributes('data-action')).toBe('enterPaperMeeting');
    expect(paperItem.attributes('href')).toBe(`/pairs/${pair.id}/meetings/${paper.id}/paper`);
    expect(ownItem.find('[data-testid="paper-mark"]').exists()).toBe(false);
    expect(ownItem.attributes('data-action')).toBeUndefined();
  });

  it('the curator reaching a mentor’s meeting through the paper address gets nothing to edit', async () => {
    const { pair } = await aPairWithPeople(db());
    const own = await logMeeting(db(), pair.id, { ...input, topic: 'Своя' }, '2026-11-25');
    await openAs(`/pairs/${pair.id}/meetings/${own.id}/paper`, 'curator', null);
    await settle(() => expect(wrapper!.text()).toContain('Запись не найдена'));
    expect(wrapper!.find('[data-testid="save-meeting"]').exists()).toBe(false);
  });

  it('the pair’s mentor sees the mark and edits it as her own', async () => {
    const { pair, mentor } = await aPairWithPeople(db());
    const paper = await logPaperMeeting(
      db(),
      pair.id,
      { ...input, topic: 'С бумаги' },
      '2026-11-25',
    );
    await openAs('/meetings', 'mentor', mentor.id);
    await settle(() => expect(wrapper!.find('[data-testid="paper-mark"]').exists()).toBe(true));
    const item = wrapper!.find('[data-testid="meeting-item"]');
    expect(item.attributes('data-action')).toBe('editMeeting');
    expect(item.attributes('href')).toBe(`/pairs/${pair.id}/meetings/${paper.id}`);
  });
});
