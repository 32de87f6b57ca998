import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { routes } from '@/app/router';
import PairQuestionnaires from '@/components/questionnaires/PairQuestionnaires.vue';
import { appDataContext } from '@/data/context';
import { logMeeting } from '@/data/repos/meetings';
import { approvePair } from '@/data/repos/pairs';
import {
  loadQuestionnaireDraft,
  saveQuestionnaireDraft,
  submitQuestionnaire,
} from '@/data/repos/questionnaires';
import type { QuestionnaireResponse } from '@/domain/questionnaires';
import { createAppI18n } from '@/i18n';
import { aPairWithPeople } from '../../data/context';
import { mountApp } from '../mountApp';

const today = '2026-11-25';
const STUDENT_ENTRY = 'b1000000-0000-4000-8000-000000000004';
const MENTOR_EXIT = 'b1000000-0000-4000-8000-000000000009';

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

/** An approved pair (the entry questionnaire is open) in device-only mode. */
async function anApprovedPair() {
  const ctx = await appDataContext();
  const people = await aPairWithPeople(ctx);
  await approvePair(ctx, people.pair.id, { order_number: '45-о', order_date: '2026-09-15' }, today);
  return { ctx, ...people };
}

const responses = async () =>
  (await appDataContext()).db.table<QuestionnaireResponse, string>('questionnaire_responses');
/** What the device would send about questionnaire responses. */
const queuedResponses = async () =>
  (await (await appDataContext()).db.outbox.toArray()).filter(
    (e) => e.table === 'questionnaire_responses',
  );

async function choose(wrapper: VueWrapper, itemId: string, n: number) {
  await wrapper.find(`[data-testid="scale-${itemId}-${n}"] input`).setValue(true);
}

describe('filling a questionnaire', () => {
  it('keeps the answers on the device, shows what is missing, then submits and turns read-only', async () => {
    const { ctx, pair, mentee } = await anApprovedPair();
    const target = { pairId: pair.id, participantId: mentee.id, templateId: STUDENT_ENTRY };
    const path = `/pairs/${pair.id}/questionnaires/${mentee.id}/entry`;
    const first = await open(path);
    await vi.waitFor(() =>
      expect(first.wrapper.find('[data-testid="submit-questionnaire"]').exists()).toBe(true),
    );
    expect(first.wrapper.text()).toContain('Входная анкета: Смирнова Анна');
    expect(first.wrapper.text()).toContain('Я хочу учиться и хорошо успевать в школе.');
    expect(first.wrapper.findAll('[data-testid^="scale-q1-"]')).toHaveLength(10);

    await choose(first.wrapper, 'q1', 4);
    await first.wrapper.find('[data-testid="open-q7"]').setValue('Чтобы не было двойки по алгебре');
    await first.wrapper.find('form').trigger('submit');

    await vi.waitFor(() =>
      expect(first.wrapper.find('[data-testid="error-q2"]').text()).toBe('Ответьте на этот вопрос'),
    );
    expect(first.wrapper.find('[data-testid="error-q1"]').exists()).toBe(false);
    expect(first.wrapper.text()).toContain('Проверьте отмеченные вопросы');
    expect(first.wrapper.find<HTMLTextAreaElement>('[data-testid="open-q7"]').element.value).toBe(
      'Чтобы не было двойки по алгебре',
    );
    await vi.waitFor(async () =>
      expect(await loadQuestionnaireDraft(ctx, target)).toMatchObject({
        answers: { q1: 4, q7: 'Чтобы не было двойки по алгебре' },
      }),
    );
    // Kept on the device only: nothing for the server yet.
    expect(await (await responses()).count()).toBe(0);
    expect(await queuedResponses()).toEqual([]);

    // A reload: the draft comes back, with the same notice as the meeting form's.
    first.wrapper.unmount();
    mounted = undefined;
    const second = await open(path);
    await vi.waitFor(() =>
      expect(second.wrapper.find('[data-testid="submit-questionnaire"]').exists()).toBe(true),
    );
    expect(second.wrapper.find('[data-testid="draft-restored"]').text()).toContain(
      'Восстановлен черновик',
    );
    expect(
      second.wrapper.find<HTMLInputElement>('[data-testid="scale-q1-4"] input').element.checked,
    ).toBe(true);
    expect(second.wrapper.find<HTMLTextAreaElement>('[data-testid="open-q7"]').element.value).toBe(
      'Чтобы не было двойки по алгебре',
    );

    for (const [item, n] of [
      ['q2', 3],
      ['q3', 6],
      ['q4', 2],
      ['q5', 4],
      ['q6', 3],
    ] as const) {
      await choose(second.wrapper, item, n);
    }
    await second.wrapper.find('form').trigger('submit');
    // Complete: it asks once, since a sent questionnaire cannot be changed.
    expect(second.wrapper.text()).toContain('После отправки ответы изменить нельзя');
    expect(await queuedResponses()).toEqual([]);
    await second.wrapper.find('[data-testid="confirm-submit-questionnaire"]').trigger('click');
    await vi.waitFor(() =>
      expect(second.wrapper.find('[data-testid="questionnaire-summary"]').exists()).toBe(true),
    );
    expect(second.wrapper.find('form').exists()).toBe(false);
    expect(second.wrapper.find('textarea').exists()).toBe(false);
    expect(second.wrapper.find('[data-testid="questionnaire-submitted"]').text()).toContain(
      'Анкета отправлена',
    );
    expect(second.wrapper.find('[data-testid="answer-q2"]').text()).toBe('3');
    const rows = await (await responses()).toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      template_id: STUDENT_ENTRY,
      answers: { q1: 4, q2: 3, q3: 6, q4: 2, q5: 4, q6: 3, q7: 'Чтобы не было двойки по алгебре' },
      submitted_at: expect.any(String),
    });
    expect(await queuedResponses()).toHaveLength(1);
    expect(await loadQuestionnaireDraft(ctx, target)).toBeNull();
  });

  it('queues nothing while a 7-item questionnaire is filled item by item offline, then one entry', async () => {
    const { ctx, pair, mentee } = await anApprovedPair();
    const target = { pairId: pair.id, participantId: mentee.id, templateId: STUDENT_ENTRY };
    const { wrapper } = await open(`/pairs/${pair.id}/questionnaires/${mentee.id}/entry`);
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="submit-questionnaire"]').exists()).toBe(true),
    );
    const answers = { q1: 5, q2: 3, q3: 6, q4: 2, q5: 4, q6: 3 } as const;
    for (const [item, n] of Object.entries(answers)) {
      await choose(wrapper, item, n);
      // Each answer reaches the device's draft (debounced), never the outbox.
      await vi.waitFor(async () =>
        expect((await loadQuestionnaireDraft(ctx, target))?.answers[item]).toBe(n),
      );
      expect(await queuedResponses()).toEqual([]);
    }
    await wrapper.find('[data-testid="open-q7"]').setValue('Алгебра');
    await vi.waitFor(async () =>
      expect((await loadQuestionnaireDraft(ctx, target))?.answers.q7).toBe('Алгебра'),
    );
    expect(await queuedResponses()).toEqual([]);
    expect(await (await responses()).count()).toBe(0);

    await wrapper.find('form').trigger('submit');
    await wrapper.find('[data-testid="confirm-submit-questionnaire"]').trigger('click');
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="questionnaire-summary"]').exists()).toBe(true),
    );
    const queued = await queuedResponses();
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({
      op: 'insert',
      fields: { answers: { ...answers, q7: 'Алгебра' }, submitted_at: expect.any(String) },
    });
    // Leaving the view after the submit writes no draft back.
    wrapper.unmount();
    mounted = undefined;
    await flushPromises();
    expect(await loadQuestionnaireDraft(ctx, target)).toBeNull();
  });

  it('flushes the draft when the view is left before the delay, and "start over" forgets it', async () => {
    const { ctx, pair, mentee } = await anApprovedPair();
    const target = { pairId: pair.id, participantId: mentee.id, templateId: STUDENT_ENTRY };
    const path = `/pairs/${pair.id}/questionnaires/${mentee.id}/entry`;
    const first = await open(path);
    await vi.waitFor(() =>
      expect(first.wrapper.find('[data-testid="submit-questionnaire"]').exists()).toBe(true),
    );
    // Opening the form is not a draft.
    expect(first.wrapper.find('[data-testid="draft-restored"]').exists()).toBe(false);
    await first.wrapper.find('[data-testid="open-q7"]').setValue('Сразу ушла');
    first.wrapper.unmount();
    mounted = undefined;
    await vi.waitFor(async () =>
      expect(await loadQuestionnaireDraft(ctx, target)).toMatchObject({
        answers: { q7: 'Сразу ушла' },
      }),
    );

    const second = await open(path);
    await vi.waitFor(() =>
      expect(second.wrapper.find('[data-testid="draft-restored"]').exists()).toBe(true),
    );
    await second.wrapper.find('[data-testid="draft-restored"] button').trigger('click');
    await vi.waitFor(async () => expect(await loadQuestionnaireDraft(ctx, target)).toBeNull());
    expect(second.wrapper.find('[data-testid="draft-restored"]').exists()).toBe(false);
    expect(second.wrapper.find<HTMLTextAreaElement>('[data-testid="open-q7"]').element.value).toBe(
      '',
    );
    expect(await queuedResponses()).toEqual([]);
  });

  it('shows each scale’s entry value on the exit questionnaire', async () => {
    const { ctx, pair, mentee } = await anApprovedPair();
    await submitQuestionnaire(ctx, {
      pairId: pair.id,
      participantId: mentee.id,
      templateId: STUDENT_ENTRY,
      answers: { q1: 4, q2: 3, q3: 6, q4: 2, q5: 4, q6: 3 },
    });
    await logMeeting(
      ctx,
      pair.id,
      { type: 'final', held_on: '2026-11-20', duration_min: 45, format: 'in_person' },
      today,
    );
    const { wrapper } = await open(`/pairs/${pair.id}/questionnaires/${mentee.id}/exit`);
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="entry-value-q1"]').exists()).toBe(true),
    );
    expect(wrapper.find('[data-testid="entry-value-q1"]').text()).toBe('на входе: 4');
    expect(wrapper.find('[data-testid="entry-value-q4"]').text()).toBe('на входе: 2');
    expect(wrapper.find('[data-testid="entry-value-q7"]').exists()).toBe(false);
  });

  it('says when the exit questionnaire is not open yet', async () => {
    const { pair, mentee } = await anApprovedPair();
    const { wrapper } = await open(`/pairs/${pair.id}/questionnaires/${mentee.id}/exit`);
    await vi.waitFor(() =>
      expect(wrapper.text()).toContain('Итоговая анкета откроется ближе к концу программы.'),
    );
    expect(wrapper.find('form').exists()).toBe(false);
  });
});

describe('the pair page section', () => {
  it('lists each member’s questionnaires with their status and the way in', async () => {
    const { ctx, pair, mentor, mentee } = await anApprovedPair();
    // The mentor's exit answers are kept on this device: her exit questionnaire is a draft.
    await saveQuestionnaireDraft(ctx, {
      pairId: pair.id,
      participantId: mentor.id,
      templateId: MENTOR_EXIT,
      answers: { q1: 7 },
    });
    await submitQuestionnaire(ctx, {
      pairId: pair.id,
      participantId: mentee.id,
      templateId: STUDENT_ENTRY,
      answers: { q1: 4, q2: 3, q3: 6, q4: 2, q5: 4, q6: 3 },
    });
    const router = createRouter({ history: createMemoryHistory(), routes });
    const wrapper = mount(PairQuestionnaires, {
      props: { pairId: pair.id },
      global: { plugins: [createPinia(), createAppI18n(), router] },
    });
    mounted = wrapper;
    await vi.waitFor(() =>
      expect(wrapper.findAll('[data-testid="pair-questionnaire"]')).toHaveLength(6),
    );
    await flushPromises();
    const item = (who: string, kind: string) =>
      wrapper.find(
        `[data-testid="pair-questionnaire"][data-participant="${who}"][data-kind="${kind}"]`,
      );
    expect(item(mentee.id, 'entry').attributes('data-status')).toBe('submitted');
    expect(item(mentee.id, 'entry').text()).toContain('Отправлена');
    expect(item(mentee.id, 'entry').find('[data-testid="questionnaire-open"]').exists()).toBe(true);
    expect(item(mentor.id, 'entry').text()).toContain('Не начата');
    expect(item(mentor.id, 'entry').text()).toContain('Пора заполнить');
    expect(
      item(mentor.id, 'entry').find('[data-testid="questionnaire-fill"]').attributes('href'),
    ).toBe(`/pairs/${pair.id}/questionnaires/${mentor.id}/entry`);
    expect(item(mentor.id, 'exit').attributes('data-status')).toBe('draft');
    expect(item(mentee.id, 'exit').attributes('data-status')).toBe('not_started');
    // Before the programme's end there is nothing to fill at exit.
    expect(item(mentor.id, 'exit').find('a').exists()).toBe(false);
  });
});
