// Each mentee confirms a meeting and reflects for herself only (meeting_confirmations): in a
// group the mentor reads every mentee's confirmation, a mentee only her own.
import { describe, expect, it, vi } from 'vitest';
import { appDataContext, type DataContext } from '@/data/context';
import { logMeeting } from '@/data/repos/meetings';
import { addParticipant } from '@/data/repos/participants';
import { createPair } from '@/data/repos/pairs';
import type { Membership } from '@/api/auth';
import type { MeetingConfirmation } from '@/domain/types';
import { useSessionStore } from '@/stores/session';
import { aPairWithPeople } from '../../data/context';
import { mountApp } from '../mountApp';

const MEETING = {
  type: 'organisational',
  held_on: '2026-11-20',
  duration_min: 45,
  format: 'online',
} as const;

async function openPairAs(pairId: string, memberships: Membership[]) {
  const { wrapper, router, pinia } = await mountApp('/');
  useSessionStore(pinia).memberships = memberships;
  await router.push(`/pairs/${pairId}`);
  return wrapper;
}

/** A group: Петров mentors Анна and Катя; the device of `viewer` as the server fills it. */
async function aGroup(ctx: DataContext) {
  const { pair: single, mentor, mentee: anna } = await aPairWithPeople(ctx);
  // The same mentor and Анна in a second running pair of the form is refused: end the first.
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
  // The server copies each member's name into pair_members.full_name.
  const members = await ctx.db.pair_members.where('pair_id').equals(pair.id).toArray();
  for (const m of members) {
    const person = await ctx.db.participants.get(m.participant_id);
    await ctx.db.pair_members.update(m.id, { full_name: person?.full_name ?? '' });
  }
  const meeting = await logMeeting(ctx, pair.id, MEETING, '2026-11-25');
  return { pair, mentor, anna, kate, meeting };
}

function confirmationRow(
  ctx: DataContext,
  meeting: { id: string; pair_id: string },
  participantId: string,
  reflection: string,
): MeetingConfirmation {
  return {
    id: crypto.randomUUID(),
    school_id: ctx.schoolId,
    pair_id: meeting.pair_id,
    meeting_id: meeting.id,
    participant_id: participantId,
    confirmed_at: '2026-11-21T10:00:00.000Z',
    reflection,
    version: 7,
    deleted_at: null,
    created_at: '2026-11-21T10:00:00.000Z',
    updated_at: '2026-11-21T10:00:00.000Z',
    created_by: null,
  };
}

describe('a mentee on the pair page', () => {
  it('confirms that a meeting took place, with a reflection, and cannot log meetings', async () => {
    const ctx = await appDataContext();
    const { pair, mentee } = await aPairWithPeople(ctx);
    const meeting = await logMeeting(ctx, pair.id, MEETING, '2026-11-25');
    await ctx.db.outbox.clear();
    const wrapper = await openPairAs(pair.id, [
      { school_id: ctx.schoolId, role: 'mentee', participant_id: mentee.id },
    ]);
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="confirm-meeting"]').exists()).toBe(true),
    );
    expect(wrapper.find('[data-testid="log-meeting"]').exists()).toBe(false);

    await wrapper
      .find('[data-testid="meeting-reflection"]')
      .setValue('Поняла, как готовиться к уроку');
    await wrapper.find('form.meeting-confirm').trigger('submit');
    await vi.waitFor(async () =>
      expect(await ctx.db.meeting_confirmations.toArray()).toMatchObject([
        {
          meeting_id: meeting.id,
          pair_id: pair.id,
          participant_id: mentee.id,
          confirmed_at: expect.any(String),
          reflection: 'Поняла, как готовиться к уроку',
        },
      ]),
    );
    await vi.waitFor(() => expect(wrapper.text()).toContain('Вы подтвердили эту встречу'));
    // Only her confirmation is written: the meeting itself is the mentor's.
    expect((await ctx.db.outbox.toArray()).map((e) => [e.table, e.op])).toEqual([
      ['meeting_confirmations', 'insert'],
    ]);
    expect(await ctx.db.meetings.get(meeting.id)).not.toHaveProperty('mentee_confirmed_at');
  });

  it('keeps a too long reflection in the form with a translated error', async () => {
    const ctx = await appDataContext();
    const { pair, mentee } = await aPairWithPeople(ctx);
    await logMeeting(ctx, pair.id, MEETING, '2026-11-25');
    const wrapper = await openPairAs(pair.id, [
      { school_id: ctx.schoolId, role: 'mentee', participant_id: mentee.id },
    ]);
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="meeting-reflection"]').exists()).toBe(true),
    );
    const long = 'я'.repeat(2001);
    await wrapper.find('[data-testid="meeting-reflection"]').setValue(long);
    await wrapper.find('form.meeting-confirm').trigger('submit');
    await vi.waitFor(() =>
      expect(wrapper.text()).toContain('Слишком длинный текст: не больше 2000 символов'),
    );
    expect(
      wrapper.find<HTMLTextAreaElement>('[data-testid="meeting-reflection"]').element.value,
    ).toBe(long);
    expect(await ctx.db.meeting_confirmations.count()).toBe(0);
  });

  it('a mentor of the pair sees no confirmation form', async () => {
    const ctx = await appDataContext();
    const { pair, mentor } = await aPairWithPeople(ctx);
    await logMeeting(ctx, pair.id, MEETING, '2026-11-25');
    const wrapper = await openPairAs(pair.id, [
      { school_id: ctx.schoolId, role: 'mentor', participant_id: mentor.id },
    ]);
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="meeting-item"]').exists()).toBe(true),
    );
    expect(wrapper.find('[data-testid="confirm-meeting"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="log-meeting"]').exists()).toBe(true);
  });

  it('a curator reads the meetings but logs none (the pair’s mentors do)', async () => {
    const ctx = await appDataContext();
    const { pair } = await aPairWithPeople(ctx);
    await logMeeting(ctx, pair.id, MEETING, '2026-11-25');
    const wrapper = await openPairAs(pair.id, [
      { school_id: ctx.schoolId, role: 'curator', participant_id: null },
    ]);
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="meeting-item"]').exists()).toBe(true),
    );
    expect(wrapper.find('[data-testid="log-meeting"]').exists()).toBe(false);
    expect(wrapper.find('a[data-testid="meeting-item"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="confirm-meeting"]').exists()).toBe(false);
  });
});

describe('a group meeting', () => {
  it('shows the mentor each mentee’s confirmation and reflection, by name', async () => {
    const ctx = await appDataContext();
    const { pair, mentor, anna, kate, meeting } = await aGroup(ctx);
    await ctx.db.meeting_confirmations.bulkPut([
      confirmationRow(ctx, meeting, anna.id, 'Было интересно'),
      confirmationRow(ctx, meeting, kate.id, 'Хочу ещё про олимпиаду'),
    ]);
    const wrapper = await openPairAs(pair.id, [
      { school_id: ctx.schoolId, role: 'mentor', participant_id: mentor.id },
    ]);
    await vi.waitFor(() =>
      expect(wrapper.findAll('[data-testid="meeting-confirmation"]')).toHaveLength(2),
    );
    const item = wrapper.get('[data-testid="meeting-item"]').text();
    expect(item).toContain('Смирнова Анна подтвердил(а) встречу');
    expect(item).toContain('Смирнова Анна: «Было интересно»');
    expect(item).toContain('Орлова Катя подтвердил(а) встречу');
    expect(item).toContain('Орлова Катя: «Хочу ещё про олимпиаду»');
  });

  it('a mentee knows the others by name only and confirms for herself', async () => {
    const ctx = await appDataContext();
    const { pair, anna, kate, meeting } = await aGroup(ctx);
    // Her device as the server fills it: no card of Катя, no confirmation of hers.
    await ctx.db.participants.delete(kate.id);
    await ctx.db.outbox.clear();
    const wrapper = await openPairAs(pair.id, [
      { school_id: ctx.schoolId, role: 'mentee', participant_id: anna.id },
    ]);
    await vi.waitFor(() =>
      expect(wrapper.find('.pair-view__people').text()).toContain('Орлова Катя'),
    );
    expect(wrapper.find('.pair-view__people').text()).toMatch(/Наставляемые: .*Смирнова Анна/);
    await wrapper.find('[data-testid="meeting-reflection"]').setValue('Было полезно');
    await wrapper.find('form.meeting-confirm').trigger('submit');
    await vi.waitFor(async () =>
      expect(await ctx.db.meeting_confirmations.toArray()).toMatchObject([
        { meeting_id: meeting.id, participant_id: anna.id, reflection: 'Было полезно' },
      ]),
    );
    await vi.waitFor(() => expect(wrapper.text()).toContain('Вы подтвердили эту встречу'));
  });
});
