import { afterEach, describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { appDataContext } from '@/data/context';
import { approvePair, createPair } from '@/data/repos/pairs';
import { addParticipant, recordConsent } from '@/data/repos/participants';
import { localIsoDate } from '@/domain/dates';
import { aPairWithPeople } from '../../data/context';
import { mountApp } from '../mountApp';

// The English test saves the language choice; the next test starts in Russian again.
afterEach(() => localStorage.clear());

/** A peer pair («ученик – ученик»): a 9th-grader mentors a 6th-grader. */
async function aPeerPair() {
  const ctx = await appDataContext();
  const student = (full_name: string, isMentor: boolean) =>
    addParticipant(ctx, {
      kind: 'student',
      full_name,
      class_label: isMentor ? '9А' : '6Б',
      is_minor: true,
      is_mentor: isMentor,
      is_mentee: !isMentor,
    });
  const mentor = await student('Кузнецов Артём', true);
  const mentee = await student('Орлов Миша', false);
  return createPair(ctx, {
    form: 'uchenik_uchenik',
    mentorIds: [mentor.id],
    menteeIds: [mentee.id],
  });
}

async function formReady(wrapper: VueWrapper) {
  await vi.waitFor(() => expect(wrapper.find('[data-testid="save-meeting"]').exists()).toBe(true));
}

const labels = (wrapper: VueWrapper) => wrapper.findAll('label, legend').map((l) => l.text());

describe('meeting form wording for a student mentor', () => {
  it('speaks to the mentor of a peer pair in short, ты-form words', async () => {
    const pair = await aPeerPair();
    const { wrapper } = await mountApp(`/pairs/${pair.id}/meetings/new`);
    await formReady(wrapper);

    expect(wrapper.find('form').attributes('data-wording')).toBe('teen');
    expect(wrapper.find('h1').text()).toBe('Встреча с подопечным');
    expect(wrapper.text()).toContain('С кем: Орлов Миша');
    expect(labels(wrapper)).toEqual(
      expect.arrayContaining(['Что получилось?', 'О чём договорились?', 'Знакомство']),
    );
    expect(wrapper.text()).toContain('Что каждый сделает до следующей встречи.');
    expect(wrapper.text()).not.toContain('Наставляемый');
  });

  it('has the same words in English', async () => {
    const pair = await aPeerPair();
    const { wrapper } = await mountApp(`/pairs/${pair.id}/meetings/new`);
    await formReady(wrapper);
    await wrapper.find('[data-testid="language-switch"]').setValue('en');
    await vi.waitFor(() => expect(wrapper.find('h1').text()).toBe('Meeting with your mentee'));
    expect(labels(wrapper)).toEqual(
      expect.arrayContaining(['How did it go?', 'What did you agree on?']),
    );
  });

  it('keeps the usual words for a teacher’s pair', async () => {
    const { pair } = await aPairWithPeople(await appDataContext());
    const { wrapper } = await mountApp(`/pairs/${pair.id}/meetings/new`);
    await formReady(wrapper);
    expect(wrapper.find('form').attributes('data-wording')).toBe('standard');
    expect(wrapper.find('h1').text()).toBe('Новая встреча');
    expect(labels(wrapper)).toContain('Заметки о встрече');
    expect(wrapper.text()).not.toContain('Что каждый сделает до следующей встречи.');
  });

  it('words the peer pair’s next step for the student on the pair card', async () => {
    const pair = await aPeerPair();
    const ctx = await appDataContext();
    const today = localIsoDate(new Date());
    for (const member of await ctx.db.pair_members.where('pair_id').equals(pair.id).toArray()) {
      await recordConsent(
        ctx,
        member.participant_id,
        { given_by: 'representative', representative_name: 'Родитель', signed_on: today },
        today,
      );
    }
    await approvePair(ctx, pair.id, { order_number: '7-о', order_date: today }, today);
    const { wrapper } = await mountApp('/pairs');
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="next-step"]').text()).toBe(
        'Первая встреча: познакомьтесь и договоритесь, как будете встречаться',
      ),
    );
  });
});
