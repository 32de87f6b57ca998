// A group's meeting form says «Группа», lists the mentees with everyone ticked, and records
// who came (meetings.attendee_ids); lists say «Присутствовали: 1 из 2»; after saving, the
// pair page says «Встреча записана» on the new meeting.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { appDataContext, type DataContext } from '@/data/context';
import { addParticipant } from '@/data/repos/participants';
import { createPair } from '@/data/repos/pairs';
import { aPairWithPeople } from '../../data/context';
import { mountApp } from '../mountApp';

let mounted: VueWrapper | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

async function open(path: string) {
  const app = await mountApp(path);
  mounted = app.wrapper;
  return app;
}

/** Петров mentors Анна and Катя together. */
async function aGroup(ctx: DataContext) {
  const { pair: single, mentor, mentee: anna } = await aPairWithPeople(ctx);
  await ctx.db.pairs.update(single.id, { status: 'completed' });
  const kate = await addParticipant(ctx, {
    kind: 'student',
    full_name: 'Орлова Катя',
    is_minor: true,
    is_mentor: false,
    is_mentee: true,
  });
  const pair = await createPair(ctx, {
    form: 'uchitel_uchenik',
    mentorIds: [mentor.id],
    menteeIds: [anna.id, kate.id],
  });
  return { pair, anna, kate };
}

const attendees = (wrapper: VueWrapper) =>
  wrapper.findAll<HTMLInputElement>('[data-testid="meeting-attendee"]');

describe('a group meeting', () => {
  it('says «Группа», ticks every mentee, and saves who came', async () => {
    const ctx = await appDataContext();
    const { pair, anna, kate } = await aGroup(ctx);
    const { wrapper, router } = await open(`/pairs/${pair.id}/meetings/new`);
    await vi.waitFor(() => expect(attendees(wrapper)).toHaveLength(2));

    const fieldset = wrapper.find('[data-testid="meeting-attendance"]');
    expect(fieldset.find('legend').text()).toBe('Группа');
    expect(fieldset.text()).toContain('Смирнова Анна');
    expect(fieldset.text()).toContain('Орлова Катя');
    expect(attendees(wrapper).map((box) => box.element.checked)).toEqual([true, true]);
    expect(wrapper.find('[data-testid="meeting-attendance-count"]').text()).toBe(
      'Отмечено: 2 из 2',
    );

    // Катя was ill.
    await attendees(wrapper)
      .find((box) => box.element.value === kate.id)!
      .setValue(false);
    expect(wrapper.find('[data-testid="meeting-attendance-count"]').text()).toBe(
      'Отмечено: 1 из 2',
    );
    await wrapper.find('form').trigger('submit');

    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('pair'), { timeout: 5000 });
    const [meeting] = await ctx.db.meetings.toArray();
    expect(meeting?.attendee_ids).toEqual([anna.id]);
    const outbox = await ctx.db.outbox.where('table').equals('meetings').toArray();
    expect(JSON.stringify(outbox.at(-1))).toContain(anna.id);

    // The pair page shows the new meeting with the confirmation that it is recorded.
    expect(router.currentRoute.value.query.saved).toBe(meeting!.id);
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="meeting-saved"]').text()).toBe('Встреча записана'),
    );
    expect(wrapper.find('[data-testid="meeting-saved"]').attributes('role')).toBe('status');
  });

  it('refuses a meeting nobody of the group came to, with a message and the notes kept', async () => {
    const ctx = await appDataContext();
    const { pair } = await aGroup(ctx);
    const { wrapper } = await open(`/pairs/${pair.id}/meetings/new`);
    await vi.waitFor(() => expect(attendees(wrapper)).toHaveLength(2));
    await wrapper.find('[data-testid="meeting-notes"]').setValue('Разбирали проект');
    for (const box of attendees(wrapper)) await box.setValue(false);
    await wrapper.find('form').trigger('submit');

    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="meeting-attendance"]').text()).toContain(
        'Выберите хотя бы одного наставляемого',
      ),
    );
    expect(wrapper.find<HTMLTextAreaElement>('[data-testid="meeting-notes"]').element.value).toBe(
      'Разбирали проект',
    );
    expect(await ctx.db.meetings.count()).toBe(0);
  });

  it('lists the meeting with «Присутствовали: 1 из 2»', async () => {
    const ctx = await appDataContext();
    const { pair, anna } = await aGroup(ctx);
    await ctx.db.meetings.add({
      id: crypto.randomUUID(),
      school_id: pair.school_id,
      pair_id: pair.id,
      type: 'regular',
      held_on: '2026-11-20',
      duration_min: 45,
      format: 'in_person',
      topic: 'Проект',
      notes: null,
      agreements: null,
      attendee_ids: [anna.id],
      version: 1,
      created_at: '2026-11-20T10:00:00Z',
      updated_at: '2026-11-20T10:00:00Z',
      created_by: null,
      deleted_at: null,
    });
    const { wrapper } = await open('/meetings');
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="meeting-attendance"]').text()).toBe(
        'Присутствовали: 1 из 2',
      ),
    );
  });

  it('records nothing for a pair of one mentee: no «Группа» there', async () => {
    const ctx = await appDataContext();
    const { pair } = await aPairWithPeople(ctx);
    const { wrapper } = await open(`/pairs/${pair.id}/meetings/new`);
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="save-meeting"]').exists()).toBe(true),
    );
    expect(wrapper.find('[data-testid="meeting-attendance"]').exists()).toBe(false);
    await wrapper.find('form').trigger('submit');
    await vi.waitFor(async () => expect(await ctx.db.meetings.count()).toBe(1));
    expect((await ctx.db.meetings.toArray())[0]?.attendee_ids).toBeNull();
  });
});
