import { describe, expect, it, vi } from 'vitest';
import { appDataContext } from '@/data/context';
import { logMeeting } from '@/data/repos/meetings';
import { aPairWithPeople } from '../../data/context';
import { mountApp } from '../mountApp';

const TODAY = '2026-11-25';

async function setUp() {
  const ctx = await appDataContext();
  const { pair } = await aPairWithPeople(ctx);
  const meeting = await logMeeting(
    ctx,
    pair.id,
    {
      type: 'regular',
      held_on: '2026-11-20',
      duration_min: 45,
      format: 'online',
      topic: 'Старая тема',
    },
    TODAY,
  );
  await ctx.db.outbox.clear();
  return { ctx, pair, meeting };
}

describe('the sync issues screen', () => {
  it('shows a refused change with the user’s text, and can send it again or let it go', async () => {
    const { ctx, meeting } = await setUp();
    await ctx.db.quarantine.put({
      mutation_id: 'm-1',
      table: 'meetings',
      row_id: meeting.id,
      op: 'patch',
      fields: { notes: 'Длинная заметка, которую нельзя потерять' },
      base: { notes: null },
      code: '42501',
      constraint: null,
      message: 'row_not_updatable',
      reason: 'rejected',
      quarantined_at: '2026-11-25T10:00:00.000Z',
    });
    const { wrapper } = await mountApp('/sync-issues');
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="quarantined"]')).toHaveLength(1));
    const card = wrapper.find('[data-testid="quarantined"]');
    expect(card.text()).toContain('Длинная заметка, которую нельзя потерять');
    expect(card.text()).toContain('Нет прав на это изменение');

    await card
      .findAll('button')
      .find((b) => b.text() === 'Отправить ещё раз')
      ?.trigger('click');
    await vi.waitFor(async () => expect(await ctx.db.quarantine.count()).toBe(0));
    const [resent] = await ctx.db.outbox.toArray();
    expect(resent).toMatchObject({
      row_id: meeting.id,
      op: 'patch',
      fields: { notes: 'Длинная заметка, которую нельзя потерять' },
    });
    expect(resent?.mutation_id).not.toBe('m-1');
  });

  it('names the rule the server applied when it is known', async () => {
    const { ctx, meeting } = await setUp();
    await ctx.db.quarantine.put({
      mutation_id: 'm-3',
      table: 'questionnaire_responses',
      row_id: meeting.id,
      op: 'patch',
      fields: { answers: { q8: 'Ответ со второго телефона' } },
      base: {},
      code: '23514',
      constraint: 'questionnaire_response_submitted',
      message: 'questionnaire_response_submitted',
      reason: 'rejected',
      quarantined_at: '2026-11-25T10:00:00.000Z',
    });
    const { wrapper } = await mountApp('/sync-issues');
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="quarantined"]')).toHaveLength(1));
    const card = wrapper.get('[data-testid="quarantined"]');
    expect(card.text()).toContain('Анкета');
    expect(card.text()).toContain('Анкета уже отправлена: ответы больше не меняются');
    expect(card.text()).toContain('Ответ со второго телефона');
  });

  it.each([
    [
      'consent_required',
      { code: '23514', constraint: 'consent_required', message: 'new row violates check' },
      'Пока нет согласия родителей на обработку данных',
    ],
    [
      'plan_mentee_fields_only',
      { code: '42501', constraint: null, message: 'plan_mentee_fields_only' },
      'наставляемый может только отметить задачу «Я выполнил(а)»',
    ],
    [
      'row_not_visible',
      { code: '42501', constraint: null, message: 'row_not_visible' },
      'Этой записи нет или к ней нет доступа',
    ],
    [
      'too_large',
      { code: 'too_large', constraint: null, message: 'mutation over 65536 bytes' },
      'Изменение слишком большое',
    ],
    [
      'row_too_large',
      { code: '54000', constraint: null, message: 'row_too_large' },
      'Запись слишком большая',
    ],
    [
      'batch_too_large',
      { code: '54000', constraint: null, message: 'batch_too_large' },
      'Слишком много данных за один раз',
    ],
  ])('translates the server’s %s refusal and keeps the text', async (_name, refusal, text) => {
    const { ctx, meeting } = await setUp();
    await ctx.db.quarantine.put({
      mutation_id: 'm-4',
      table: 'meetings',
      row_id: meeting.id,
      op: 'patch',
      fields: { notes: 'Мой длинный текст' },
      base: {},
      ...refusal,
      reason: 'rejected',
      quarantined_at: '2026-11-25T10:00:00.000Z',
    });
    const { wrapper } = await mountApp('/sync-issues');
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="quarantined"]')).toHaveLength(1));
    const card = wrapper.get('[data-testid="quarantined"]');
    expect(card.get('[data-testid="refusal-reason"]').text()).toContain(text);
    expect(card.text()).toContain('Мой длинный текст');
  });

  it('resolves a conflict by taking the user’s value as a new edit', async () => {
    const { ctx, meeting } = await setUp();
    await ctx.db.sync_conflicts.put({
      id: 'c-1',
      school_id: ctx.schoolId,
      pair_id: meeting.pair_id,
      table_name: 'meetings',
      row_id: meeting.id,
      field: 'topic',
      base_value: 'Старая тема',
      server_value: 'Тема с планшета',
      client_value: 'Тема с телефона',
      mutation_id: 'm-2',
      author: null,
      resolved_at: null,
      resolution: null,
      version: 7,
      deleted_at: null,
      created_at: '2026-11-25T10:00:00.000Z',
      updated_at: '2026-11-25T10:00:00.000Z',
      created_by: null,
    });
    const { wrapper } = await mountApp('/sync-issues');
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="conflict"]')).toHaveLength(1));
    expect(wrapper.text()).toContain('Тема с планшета');
    expect(wrapper.text()).toContain('Тема с телефона');

    const take = wrapper.findAll('button').find((b) => b.text() === 'Взять мой вариант');
    await take?.trigger('click');
    await vi.waitFor(async () =>
      expect((await ctx.db.sync_conflicts.get('c-1'))?.resolution).toBe('took_client'),
    );
    expect((await ctx.db.meetings.get(meeting.id))?.topic).toBe('Тема с телефона');
    const ops = (await ctx.db.outbox.toArray()).map((e) => [e.table, e.fields]);
    expect(ops).toEqual([
      ['meetings', { topic: 'Тема с телефона' }],
      ['sync_conflicts', { resolved_at: expect.any(String), resolution: 'took_client' }],
    ]);
    await vi.waitFor(() => expect(wrapper.text()).toContain('Всё в порядке'));
  });
});
