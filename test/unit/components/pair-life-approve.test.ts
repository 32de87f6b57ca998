// The curator approves several drafts under one order: the pairs whose members all consent
// are approved, the other is named with who lacks consent, and nothing is retyped per pair.
import { afterEach, describe, expect, it } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { addParticipant, recordConsent } from '@/data/repos/participants';
import { createPair } from '@/data/repos/pairs';
import { localIsoDate } from '@/domain/dates';
import { mountApp, settle, useFreshDatabase } from '../views/people/support';

let wrapper: VueWrapper | undefined;
afterEach(() => wrapper?.unmount());
const today = localIsoDate(new Date());

describe('approving many pairs under one order', () => {
  const db = useFreshDatabase();

  async function person(full_name: string, kind: 'teacher' | 'student', consent: boolean) {
    const p = await addParticipant(db(), {
      kind,
      full_name,
      is_minor: false,
      is_mentor: kind === 'teacher',
      is_mentee: kind === 'student',
      ...(kind === 'student' ? { class_label: '8В' } : {}),
    });
    if (consent) await recordConsent(db(), p.id, { given_by: 'self', signed_on: today }, today);
    return p;
  }

  it('approves the consenting pairs and names the refused pair with who lacks consent', async () => {
    const pairs = [];
    for (const [mentor, mentee, consent] of [
      ['Петрова Анна', 'Иванов Коля', true],
      ['Соколов Павел', 'Смирнова Оля', false],
      ['Орлова Нина', 'Зайцев Дима', true],
    ] as const) {
      const m = await person(mentor, 'teacher', true);
      const e = await person(mentee, 'student', consent);
      pairs.push(
        await createPair(db(), { form: 'uchitel_uchenik', mentorIds: [m.id], menteeIds: [e.id] }),
      );
    }
    const app = await mountApp('/pairs/approve');
    wrapper = app.wrapper;
    await settle(() => expect(wrapper?.findAll('[data-testid="approve-pair"]')).toHaveLength(3));
    // Every draft is chosen; the one without consent is flagged before sending.
    await settle(() => expect(wrapper?.findAll('input[name="pairs"]:checked')).toHaveLength(3));
    expect(wrapper.find('[data-testid="approve-warning"]').text()).toContain('Смирнова Оля');

    await wrapper.find('[name="order_number"]').setValue('112-о');
    await wrapper.find('[data-testid="approve-form"]').trigger('submit');

    await settle(() => expect(wrapper?.findAll('[data-testid="approve-result"]')).toHaveLength(3));
    const results = wrapper.findAll('[data-testid="approve-result"]');
    const refused = results.filter((r) => r.attributes('data-outcome') === 'refused');
    expect(refused).toHaveLength(1);
    expect(refused[0]!.text()).toContain('Соколов Павел → Смирнова Оля');
    expect(refused[0]!.text()).toContain('нет действующего согласия — Смирнова Оля');
    expect(wrapper.find('[data-testid="approve-results"]').text()).toContain('Утверждено: 2 из 3');

    const stored = await Promise.all(pairs.map((p) => db().db.pairs.get(p.id)));
    expect(stored.map((p) => [p?.status, p?.order_number])).toEqual([
      ['approved', '112-о'],
      ['draft', null],
      ['approved', '112-о'],
    ]);
  });

  it('keeps the typed number and says what is missing when the order is incomplete', async () => {
    const m = await person('Петрова Анна', 'teacher', true);
    const e = await person('Иванов Коля', 'student', true);
    await createPair(db(), { form: 'uchitel_uchenik', mentorIds: [m.id], menteeIds: [e.id] });
    const app = await mountApp('/pairs/approve');
    wrapper = app.wrapper;
    await settle(() => expect(wrapper?.find('[data-testid="approve-form"]').exists()).toBe(true));
    await wrapper.find('[name="order_date"]').setValue('2019-03-01');
    await wrapper.find('[name="order_number"]').setValue('7');
    await wrapper.find('[data-testid="approve-form"]').trigger('submit');
    await settle(() => expect(wrapper?.text()).toContain('Дата раньше начала программы'));
    expect((wrapper.find('[name="order_number"]').element as HTMLInputElement).value).toBe('7');
  });
});
