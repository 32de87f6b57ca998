// A refusal from the server names the rule and shows labels, never enum codes or a guess.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { appDataContext } from '@/data/context';
import type { QuarantineEntry } from '@/data/db';
import { mountApp } from '../views/mountApp';

let wrapper: VueWrapper | undefined;
afterEach(() => wrapper?.unmount());

async function showRefusal(entry: Partial<QuarantineEntry>) {
  const ctx = await appDataContext();
  await ctx.db.quarantine.clear();
  await ctx.db.quarantine.put({
    mutation_id: crypto.randomUUID(),
    table: 'meetings',
    row_id: crypto.randomUUID(),
    op: 'insert',
    fields: {},
    base: {},
    code: '23514',
    constraint: null,
    message: '',
    reason: 'rejected',
    quarantined_at: '2026-11-25T10:00:00.000Z',
    ...entry,
  });
  const app = await mountApp('/sync-issues');
  wrapper = app.wrapper;
  await vi.waitFor(() => expect(wrapper!.findAll('[data-testid="quarantined"]')).toHaveLength(1));
  return wrapper.find('[data-testid="quarantined"]');
}

describe('a refused change on the sync issues screen', () => {
  it('names the rule of a meeting dated out of range and shows its type and format as words', async () => {
    const card = await showRefusal({
      fields: {
        pair_id: '6f1c2a52-3a8e-4c55-9d0b-0c3c5a1f2e11',
        type: 'organisational',
        format: 'in_person',
        held_on: '2062-11-20',
        topic: 'Знакомство',
      },
      constraint: 'meetings_date_out_of_range',
      message: 'meetings_date_out_of_range',
    });
    expect(card.find('[data-testid="refusal-reason"]').text()).toBe(
      'Дата встречи раньше начала программы или больше чем на год вперёд. Проверьте год.',
    );
    const text = card.text();
    expect(text).toContain('Организационная');
    expect(text).toContain('Очно');
    expect(text).toContain('Знакомство');
    expect(text).not.toMatch(/organisational|in_person|_/);
  });

  it('names the form rule for a member who does not fit', async () => {
    const card = await showRefusal({
      table: 'pair_members',
      fields: { side: 'mentee', participant_id: '6f1c2a52-3a8e-4c55-9d0b-0c3c5a1f2e12' },
      constraint: 'pair_members_form_kind',
      message: 'pair_members_form_kind',
    });
    expect(card.text()).toContain('Участник не подходит к форме пары');
    expect(card.text()).not.toMatch(/mentee|pair_members/);
  });

  it('without a known rule says it was not accepted, with no code and no guess', async () => {
    const card = await showRefusal({ code: 'P0001', constraint: 'some_new_rule', message: 'x y' });
    const reason = card.find('[data-testid="refusal-reason"]').text();
    expect(reason).toContain('Сервер не принял это изменение');
    expect(reason).not.toMatch(/P0001|some_new_rule|возможно/);
  });

  it('a missing permission states the rule, not «вас вывели из пары»', async () => {
    const card = await showRefusal({ code: '42501', message: 'permission denied' });
    expect(card.find('[data-testid="refusal-reason"]').text()).toBe(
      'Нет прав на это изменение по правилам программы',
    );
  });
});
