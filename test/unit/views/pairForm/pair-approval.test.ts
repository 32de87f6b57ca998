import { afterEach, describe, expect, it } from 'vitest';
import { mount, type VueWrapper } from '@vue/test-utils';
import PairApproval from '@/components/pairs/PairApproval.vue';
import { recordConsent } from '@/data/repos/participants';
import { localIsoDate } from '@/domain/dates';
import { createAppI18n } from '@/i18n';
import { aPairWithPeople } from '../../data/context';
import { settle, useFreshDatabase } from '../people/support';

let wrapper: VueWrapper | undefined;
afterEach(() => wrapper?.unmount());
const today = localIsoDate(new Date());

describe('approving a pair by order', () => {
  const db = useFreshDatabase();

  it('is refused while a member has no consent, then accepted once they have one', async () => {
    const { mentor, mentee, pair } = await aPairWithPeople(db(), { consents: false });
    await recordConsent(db(), mentor.id, { given_by: 'self', signed_on: today }, today);
    wrapper = mount(PairApproval, {
      props: { pairId: pair.id },
      global: { plugins: [createAppI18n()] },
    });
    await settle(() => expect(wrapper?.find('[data-testid="pair-approval"]').exists()).toBe(true));
    await wrapper.find('[name="order_number"]').setValue('45-о');
    await wrapper.find('form').trigger('submit');

    await settle(() =>
      expect(wrapper?.find('[role="alert"]').text()).toBe(
        'Нет действующего согласия на обработку персональных данных: Смирнова Анна',
      ),
    );
    expect((wrapper.find('[name="order_number"]').element as HTMLInputElement).value).toBe('45-о');
    expect((await db().db.pairs.get(pair.id))?.status).toBe('draft');

    await recordConsent(
      db(),
      mentee.id,
      { given_by: 'representative', representative_name: 'Смирнова Елена', signed_on: today },
      today,
    );
    await wrapper.find('form').trigger('submit');
    await settle(() =>
      expect(wrapper?.find('[data-testid="pair-approved"]').text()).toMatch(
        /^Утверждена приказом № 45-о от /,
      ),
    );
    expect(await db().db.pairs.get(pair.id)).toMatchObject({
      status: 'approved',
      order_number: '45-о',
      order_date: today,
    });
  });

  it('asks for the order number', async () => {
    const { pair } = await aPairWithPeople(db(), { consents: false });
    wrapper = mount(PairApproval, {
      props: { pairId: pair.id },
      global: { plugins: [createAppI18n()] },
    });
    await settle(() => expect(wrapper?.find('form').exists()).toBe(true));
    await wrapper.find('form').trigger('submit');
    await settle(() => expect(wrapper?.text()).toContain('Заполните это поле'));
  });
});
