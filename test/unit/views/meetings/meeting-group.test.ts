// A group's meeting form says «Группа», lists the mentees with everyone ticked, and records
// who came in the same save (one meeting_attendances row per mentee who came, never on the
// meeting); editing unticks and ticks again; lists say «Присутствовали: 1 из 2» to the
// mentor; after saving, the pair page says «Встреча записана» on the new meeting.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { appDataContext, type DataContext } from '@/data/context';
import { deleteMeeting, logMeeting, updateMeeting } from '@/data/repos/meetings';
import { addParticipant } from '@/data/repos/participants';
import type { MeetingInput } from '@/domain/meetings';
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

const MEETING: MeetingInput = {
  type: 'regular',
  held_on: '2026-11-20',
  duration_min: 45,
  format: 'in_person',
  topic: 'Проект',
};

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
    expect(meeting).not.toHaveProperty('attendee_ids');
    expect(await ctx.db.meeting_attendances.toArray()).toMatchObject([
      { meeting_id: meeting!.id, pair_id: pair.id, participant_id: anna.id, deleted_at: null },
    ]);
    // Queued after the meeting's own insert: the server gets the meeting first.
    const outbox = await ctx.db.outbox.orderBy('seq').toArray();
    expect(outbox.slice(-2).map((e) => [e.table, e.op, e.fields.participant_id])).toEqual([
      ['meetings', 'insert', undefined],
      ['meeting_attendances', 'insert', anna.id],
    ]);
    expect(JSON.stringify(outbox.filter((e) => e.table === 'meetings'))).not.toContain(anna.id);

    // The pair page shows the new meeting with the confirmation that it is recorded.
    expect(router.currentRoute.value.query.saved).toBe(meeting!.id);
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="meeting-saved"]').text()).toBe('Встреча записана'),
    );
    expect(wrapper.find('[data-testid="meeting-saved"]').attributes('role')).toBe('status');

    // A reload of that address later says nothing was just saved.
    const address = router.currentRoute.value.fullPath;
    wrapper.unmount();
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const reloaded = await open(address);
    await vi.waitFor(() =>
      expect(reloaded.wrapper.findAll('[data-testid="meeting-item"]')).toHaveLength(1),
    );
    expect(reloaded.wrapper.find('[data-testid="meeting-saved"]').exists()).toBe(false);
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

  it('edits who came: Катя unticked is a tombstone, ticked again a new row', async () => {
    const ctx = await appDataContext();
    const { pair, anna, kate } = await aGroup(ctx);
    const meeting = await logMeeting(
      ctx,
      pair.id,
      { ...MEETING, attendee_ids: [anna.id, kate.id] },
      '2026-11-25',
    );
    const { wrapper, router } = await open(`/pairs/${pair.id}/meetings/${meeting.id}`);
    await vi.waitFor(() => expect(attendees(wrapper)).toHaveLength(2));
    expect(attendees(wrapper).map((box) => box.element.checked)).toEqual([true, true]);
    await attendees(wrapper)
      .find((box) => box.element.value === kate.id)!
      .setValue(false);
    await wrapper.find('form').trigger('submit');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('pair'), { timeout: 5000 });

    const rows = await ctx.db.meeting_attendances.toArray();
    expect(rows.filter((r) => r.deleted_at === null).map((r) => r.participant_id)).toEqual([
      anna.id,
    ]);
    expect(rows.find((r) => r.participant_id === kate.id)?.deleted_at).not.toBeNull();

    await updateMeeting(
      ctx,
      meeting.id,
      { ...MEETING, attendee_ids: [anna.id, kate.id] },
      '2026-11-25',
    );
    const live = (await ctx.db.meeting_attendances.toArray()).filter((r) => !r.deleted_at);
    expect(live.map((r) => r.participant_id).sort()).toEqual([anna.id, kate.id].sort());
    // The form opens with what was saved.
    mounted?.unmount();
    const again = await open(`/pairs/${pair.id}/meetings/${meeting.id}`);
    await vi.waitFor(() => expect(attendees(again.wrapper)).toHaveLength(2));
    expect(attendees(again.wrapper).map((box) => box.element.checked)).toEqual([true, true]);
  });

  it('lists the meeting with «Присутствовали: 1 из 2» for the mentor', async () => {
    const ctx = await appDataContext();
    const { pair, anna } = await aGroup(ctx);
    await logMeeting(ctx, pair.id, { ...MEETING, attendee_ids: [anna.id] }, '2026-11-25');
    const { wrapper } = await open('/meetings');
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="meeting-attendance"]').text()).toBe(
        'Присутствовали: 1 из 2',
      ),
    );
  });

  it('deleting the meeting tombstones its attendance too', async () => {
    const ctx = await appDataContext();
    const { pair, anna, kate } = await aGroup(ctx);
    const meeting = await logMeeting(
      ctx,
      pair.id,
      { ...MEETING, attendee_ids: [anna.id, kate.id] },
      '2026-11-25',
    );
    await deleteMeeting(ctx, meeting.id);
    expect((await ctx.db.meeting_attendances.toArray()).every((r) => r.deleted_at)).toBe(true);
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
    expect(await ctx.db.meeting_attendances.count()).toBe(0);
  });
});
