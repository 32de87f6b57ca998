import { afterEach, describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { appDataContext } from '@/data/context';
import { draftKeys, loadDraft } from '@/data/drafts';
import { logMeeting } from '@/data/repos/meetings';
import { localIsoDate } from '@/domain/dates';
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

async function formReady(wrapper: VueWrapper) {
  await vi.waitFor(() => expect(wrapper.find('[data-testid="save-meeting"]').exists()).toBe(true));
}

describe('logging a meeting', () => {
  it('offers today, the organisational type and the usual duration, and saves in one tap', async () => {
    const ctx = await appDataContext();
    const { pair } = await aPairWithPeople(ctx);
    const { wrapper, router } = await open(`/pairs/${pair.id}/meetings/new`);
    await formReady(wrapper);

    const checked = wrapper.find<HTMLInputElement>('[data-testid="meeting-type"] input:checked');
    expect(checked.element.value).toBe('organisational');
    expect(wrapper.find<HTMLInputElement>('[data-testid="meeting-date"]').element.value).toBe(
      localIsoDate(new Date()),
    );
    expect(wrapper.find<HTMLInputElement>('[data-testid="meeting-duration"]').element.value).toBe(
      '45',
    );

    // A double tap on "save": the second submit arrives while the first is still saving.
    await Promise.all([
      wrapper.find('[data-testid="save-meeting"]').trigger('click'),
      wrapper.find('form').trigger('submit'),
    ]);
    // The pair opens inside the pairs list (two lazy chunks on their first load).
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('pair'), { timeout: 5000 });
    const meetings = await ctx.db.meetings.toArray();
    expect(meetings).toHaveLength(1);
    expect(meetings[0]).toMatchObject({
      type: 'organisational',
      duration_min: 45,
      pair_id: pair.id,
    });
  });

  it('suggests the trial meeting after the organisational one', async () => {
    const ctx = await appDataContext();
    const { pair } = await aPairWithPeople(ctx);
    await logMeeting(
      ctx,
      pair.id,
      { type: 'organisational', held_on: '2026-09-20', duration_min: 60, format: 'online' },
      localIsoDate(new Date()),
    );
    const { wrapper } = await open(`/pairs/${pair.id}/meetings/new`);
    await formReady(wrapper);
    expect(
      wrapper.find<HTMLInputElement>('[data-testid="meeting-type"] input:checked').element.value,
    ).toBe('trial');
    expect(wrapper.find<HTMLInputElement>('[data-testid="meeting-duration"]').element.value).toBe(
      '60',
    );
  });

  it('shows a translated error next to the field and keeps the notes typed', async () => {
    const ctx = await appDataContext();
    const { pair } = await aPairWithPeople(ctx);
    const { wrapper } = await open(`/pairs/${pair.id}/meetings/new`);
    await formReady(wrapper);
    await wrapper.find('[data-testid="meeting-notes"]').setValue('Обсудили подготовку к ОГЭ');
    await wrapper.find('[data-testid="meeting-duration"]').setValue(600);
    await wrapper.find('form').trigger('submit');

    await vi.waitFor(() =>
      expect(wrapper.text()).toContain('Длительность — от 5 до 480 минут, целым числом'),
    );
    expect(wrapper.find<HTMLTextAreaElement>('[data-testid="meeting-notes"]').element.value).toBe(
      'Обсудили подготовку к ОГЭ',
    );
    expect(await ctx.db.meetings.count()).toBe(0);
  });

  it('keeps a half-typed note as a draft across a reload', async () => {
    const ctx = await appDataContext();
    const { pair } = await aPairWithPeople(ctx);
    const first = await open(`/pairs/${pair.id}/meetings/new`);
    await formReady(first.wrapper);
    await first.wrapper
      .find('[data-testid="meeting-private-note"]')
      .setValue('Не забыть про олимпиаду');
    await vi.waitFor(async () =>
      expect((await ctx.db.drafts.toArray())[0]?.value).toMatchObject({
        private_note: 'Не забыть про олимпиаду',
      }),
    );
    first.wrapper.unmount();
    mounted = undefined;

    const second = await open(`/pairs/${pair.id}/meetings/new`);
    await formReady(second.wrapper);
    expect(second.wrapper.find('[data-testid="draft-restored"]').exists()).toBe(true);
    expect(
      second.wrapper.find<HTMLTextAreaElement>('[data-testid="meeting-private-note"]').element
        .value,
    ).toBe('Не забыть про олимпиаду');

    await second.wrapper.find('form').trigger('submit');
    await vi.waitFor(async () => expect(await ctx.db.meetings.count()).toBe(1));
    expect(await ctx.db.drafts.count()).toBe(0);
    const notes = await ctx.db.meeting_private_notes.toArray();
    expect(notes.map((n) => n.body)).toEqual(['Не забыть про олимпиаду']);

    // Leaving after a save leaves no stale draft behind for the next meeting.
    await vi.waitFor(() => expect(second.router.currentRoute.value.name).toBe('pair'), {
      timeout: 5000,
    });
    await vi.waitFor(() =>
      expect(second.wrapper.find('[data-testid="log-meeting"]').exists()).toBe(true),
    );
    await second.wrapper.find('[data-testid="log-meeting"]').trigger('click');
    await vi.waitFor(() => expect(second.router.currentRoute.value.name).toBe('meeting-new'));
    await formReady(second.wrapper);
    expect(second.wrapper.find('[data-testid="draft-restored"]').exists()).toBe(false);
    expect(await ctx.db.drafts.count()).toBe(0);
  });

  it('keeps its draft on the shared draft module: typed key, flushed on leaving, start over', async () => {
    const ctx = await appDataContext();
    const { pair } = await aPairWithPeople(ctx);
    const outboxBefore = await ctx.db.outbox.count();
    const first = await open(`/pairs/${pair.id}/meetings/new`);
    await formReady(first.wrapper);
    // Opening the form with its defaults is not a draft.
    expect(await ctx.db.drafts.count()).toBe(0);
    await first.wrapper.find('[data-testid="meeting-private-note"]').setValue('Ушла сразу');
    // Left before the draft delay: the draft is written on the way out.
    first.wrapper.unmount();
    mounted = undefined;
    await vi.waitFor(async () =>
      expect(await loadDraft(ctx, draftKeys.newMeeting(pair.id))).toMatchObject({
        private_note: 'Ушла сразу',
      }),
    );
    expect(await ctx.db.outbox.count()).toBe(outboxBefore);

    const second = await open(`/pairs/${pair.id}/meetings/new`);
    await formReady(second.wrapper);
    await second.wrapper.find('[data-testid="draft-restored"] button').trigger('click');
    await vi.waitFor(async () => expect(await ctx.db.drafts.count()).toBe(0));
    expect(second.wrapper.find('[data-testid="draft-restored"]').exists()).toBe(false);
    expect(
      second.wrapper.find<HTMLTextAreaElement>('[data-testid="meeting-private-note"]').element
        .value,
    ).toBe('');
  });

  it('edits and deletes a meeting from the pair page', async () => {
    const ctx = await appDataContext();
    const { pair } = await aPairWithPeople(ctx);
    const meeting = await logMeeting(
      ctx,
      pair.id,
      { type: 'organisational', held_on: '2026-09-20', duration_min: 45, format: 'online' },
      localIsoDate(new Date()),
    );
    const { wrapper, router } = await open(`/pairs/${pair.id}`);
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="meeting-item"]')).toHaveLength(1));
    await wrapper.find('[data-testid="meeting-item"]').trigger('click');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('meeting-edit'));
    await formReady(wrapper);
    await wrapper.find('[data-testid="meeting-topic"]').setValue('Знакомство');
    await wrapper.find('form').trigger('submit');
    await vi.waitFor(async () =>
      expect((await ctx.db.meetings.get(meeting.id))?.topic).toBe('Знакомство'),
    );

    // The meeting has reached the server: deleting it leaves a tombstone with none of its text.
    await ctx.db.outbox.clear();
    await router.push(`/pairs/${pair.id}/meetings/${meeting.id}`);
    await formReady(wrapper);
    const deleteButton = () =>
      wrapper.findAll('button').find((b) => b.text() === 'Удалить встречу');
    // «Отмена» backs out: nothing is deleted and the first button is back.
    await deleteButton()?.trigger('click');
    const cancel = wrapper.findAll('button').find((b) => b.text() === 'Отмена');
    expect(cancel).toBeDefined();
    await cancel?.trigger('click');
    expect(wrapper.find('[data-testid="confirm-delete"]').exists()).toBe(false);
    expect((await ctx.db.meetings.get(meeting.id))?.deleted_at).toBeNull();
    await deleteButton()?.trigger('click');
    await wrapper.find('[data-testid="confirm-delete"]').trigger('click');
    await vi.waitFor(async () =>
      expect((await ctx.db.meetings.get(meeting.id))?.deleted_at).toEqual(expect.any(String)),
    );
    const tombstone = await ctx.db.meetings.get(meeting.id);
    expect(tombstone).not.toHaveProperty('topic');
    expect(await ctx.db.outbox.toArray()).toMatchObject([{ op: 'delete', row_id: meeting.id }]);
  });
});
