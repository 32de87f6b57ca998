// The mentee's request for another mentor and the curator's answer, through the component the
// pair page shows. Device-only build: with no account the user is the curator; a membership
// set on the session makes them a mentee or a mentor of the pair, as after a sign-in.
import { describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import type { Membership } from '@/api/auth';
import MentorChangeRequest from '@/components/pairs/MentorChangeRequest.vue';
import { appDataContext, type DataContext } from '@/data/context';
import { requestMentorChange, resolveMentorChange } from '@/data/repos/mentorChange';
import { MAX_REASON_LENGTH, type MentorChangeRequest as Row } from '@/domain/mentorChange';
import { createAppI18n } from '@/i18n';
import { useSessionStore } from '@/stores/session';
import { aPairWithPeople } from '../../data/context';

async function mountFor(pairId: string, memberships: Membership[] = []) {
  const pinia = createPinia();
  useSessionStore(pinia).memberships = memberships;
  const wrapper = mount(MentorChangeRequest, {
    props: { pairId },
    global: { plugins: [pinia, createAppI18n()] },
    attachTo: document.body,
  });
  await flushPromises();
  return wrapper;
}

const requestsOf = (ctx: DataContext) =>
  ctx.db.table<Row, string>('mentor_change_requests').toArray();

async function setUp() {
  const ctx = await appDataContext();
  const people = await aPairWithPeople(ctx);
  const asMentee: Membership[] = [
    { school_id: ctx.schoolId, role: 'mentee', participant_id: people.mentee.id },
  ];
  const asMentor: Membership[] = [
    { school_id: ctx.schoolId, role: 'mentor', participant_id: people.mentor.id },
  ];
  return { ctx, ...people, asMentee, asMentor };
}

describe('a mentee asks for another mentor', () => {
  it('sends a reason to the curator and then sees that it was sent', async () => {
    const { ctx, pair, mentee, asMentee } = await setUp();
    const wrapper = await mountFor(pair.id, asMentee);
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="mentor-change-ask"]').text()).toBe(
        'Попросить другого наставника',
      ),
    );
    await wrapper.find('[data-testid="mentor-change-ask"]').trigger('click');
    const form = wrapper.find('[data-testid="mentor-change-form"]');
    expect(form.text()).toContain('наставник ваш запрос не увидит');

    await form.find('textarea').setValue('Мне сложно с ним разговаривать');
    await form.trigger('submit');
    await vi.waitFor(() => expect(wrapper.text()).toContain('Запрос отправлен куратору'));
    expect(wrapper.find('[data-testid="mentor-change-status"]').text()).toContain(
      'Куратор ещё не ответил',
    );
    expect(wrapper.find('[data-testid="mentor-change-ask"]').exists()).toBe(false);
    expect(await requestsOf(ctx)).toMatchObject([
      { pair_id: pair.id, requested_by: mentee.id, reason: 'Мне сложно с ним разговаривать' },
    ]);
    // A mentee is not staff: the list of open requests is not theirs.
    expect(wrapper.find('[data-testid="mentor-change-staff"]').exists()).toBe(false);
  });

  it('asks for a reason, and keeps an overlong one in the field', async () => {
    const { ctx, pair, asMentee } = await setUp();
    const wrapper = await mountFor(pair.id, asMentee);
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="mentor-change-ask"]').exists()).toBe(true),
    );
    await wrapper.find('[data-testid="mentor-change-ask"]').trigger('click');
    const form = wrapper.find('[data-testid="mentor-change-form"]');
    await form.trigger('submit');
    await vi.waitFor(() => expect(form.text()).toContain('Заполните это поле'));

    const long = 'а'.repeat(MAX_REASON_LENGTH + 1);
    await form.find('textarea').setValue(long);
    await form.trigger('submit');
    await vi.waitFor(() =>
      expect(form.text()).toContain(`не больше ${MAX_REASON_LENGTH} символов`),
    );
    expect((form.find('textarea').element as HTMLTextAreaElement).value).toBe(long);
    expect(await requestsOf(ctx)).toEqual([]);
  });

  it('sees the curator’s answer and may ask again', async () => {
    const { ctx, pair, mentee, asMentee } = await setUp();
    const request = await requestMentorChange(ctx, pair.id, mentee.id, 'Разные интересы');
    await resolveMentorChange(ctx, request.id, 'declined', 'Давай обсудим в понедельник');
    const wrapper = await mountFor(pair.id, asMentee);
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="mentor-change-status"]').text()).toContain(
        'решил пока оставить пару',
      ),
    );
    expect(wrapper.text()).toContain('Куратор пишет: Давай обсудим в понедельник');
    expect(wrapper.find('[data-testid="mentor-change-ask"]').exists()).toBe(true);
  });
});

describe('the curator answers', () => {
  it('sees the open request with its reason and accepts it with a note', async () => {
    const { ctx, pair, mentee } = await setUp();
    const request = await requestMentorChange(ctx, pair.id, mentee.id, 'Не совпадаем по времени');
    const wrapper = await mountFor(pair.id);
    const item = () => wrapper.find('[data-testid="mentor-change-open"]');
    await vi.waitFor(() => expect(item().exists()).toBe(true));
    expect(item().text()).toContain('Смирнова Анна просит другого наставника');
    expect(item().find('[data-testid="mentor-change-open-reason"]').text()).toBe(
      'Не совпадаем по времени',
    );

    await item().find('textarea').setValue('Подберём наставника из 10 класса');
    await item().find('[data-testid="mentor-change-accept"]').trigger('click');
    await vi.waitFor(async () =>
      expect((await requestsOf(ctx))[0]).toMatchObject({
        id: request.id,
        status: 'accepted',
        resolution_note: 'Подберём наставника из 10 класса',
      }),
    );
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="mentor-change-staff"]').exists()).toBe(false),
    );
  });

  it('declines it', async () => {
    const { ctx, pair, mentee } = await setUp();
    await requestMentorChange(ctx, pair.id, mentee.id, 'Хочу другого');
    const wrapper = await mountFor(pair.id);
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="mentor-change-decline"]').exists()).toBe(true),
    );
    await wrapper.find('[data-testid="mentor-change-decline"]').trigger('click');
    await vi.waitFor(async () =>
      expect((await requestsOf(ctx))[0]).toMatchObject({
        status: 'declined',
        resolution_note: null,
      }),
    );
  });
});

describe('the mentor of the pair', () => {
  it('sees neither the request nor a way to make one', async () => {
    const { ctx, pair, mentee, asMentor } = await setUp();
    await requestMentorChange(ctx, pair.id, mentee.id, 'Секретная причина');
    const wrapper = await mountFor(pair.id, asMentor);
    // A curator's view mounted after it shows the request: by then the mentor's has loaded too.
    const curator = await mountFor(pair.id);
    await vi.waitFor(() => expect(curator.text()).toContain('Секретная причина'));
    await flushPromises();
    expect(wrapper.text()).toBe('');
    expect(wrapper.html()).not.toContain('Секретная причина');
  });
});
