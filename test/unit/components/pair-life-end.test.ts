// Ending a pair: completed or early with a reason, on a day not before its start nor after
// today, confirmed in a second step; nothing changes until it is confirmed.
import { afterEach, describe, expect, it } from 'vitest';
import { mount, type VueWrapper } from '@vue/test-utils';
import PairEndDialog from '@/components/pairs/PairEndDialog.vue';
import { approvePairs } from '@/data/repos/pairs';
import { localIsoDate } from '@/domain/dates';
import type { Pair } from '@/domain/types';
import { createAppI18n } from '@/i18n';
import { aPairWithPeople } from '../data/context';
import { settle, useFreshDatabase } from '../views/people/support';

let wrapper: VueWrapper | undefined;
afterEach(() => wrapper?.unmount());
const today = localIsoDate(new Date());

describe('ending a pair', () => {
  const db = useFreshDatabase();

  async function approvedPair(): Promise<Pair> {
    const { pair } = await aPairWithPeople(db());
    await approvePairs(db(), [pair.id], { order_number: '5', order_date: today }, today);
    return (await db().db.pairs.get(pair.id))!;
  }

  it('asks for a reason to end early, then ends it after the confirmation', async () => {
    const pair = await approvedPair();
    wrapper = mount(PairEndDialog, {
      props: { pair },
      global: { plugins: [createAppI18n()] },
    });
    await wrapper.find('input[value="ended_early"]').setValue(true);
    await wrapper.find('form').trigger('submit');
    await settle(() => expect(wrapper?.text()).toContain('Заполните это поле'));
    expect(wrapper.find('[data-testid="pair-end-confirm"]').exists()).toBe(false);

    await wrapper.find('[name="end_reason"]').setValue('Наставляемый перешёл в другую школу');
    await wrapper.find('form').trigger('submit');
    await settle(() =>
      expect(wrapper?.find('[data-testid="pair-end-confirm"]').exists()).toBe(true),
    );
    expect((await db().db.pairs.get(pair.id))?.status).toBe('approved');

    await wrapper.find('[data-testid="pair-end-confirm"]').trigger('click');
    await settle(() => expect(wrapper?.emitted('done')).toHaveLength(1));
    expect(await db().db.pairs.get(pair.id)).toMatchObject({
      status: 'ended_early',
      ended_on: today,
      end_reason: 'Наставляемый перешёл в другую школу',
    });
  });

  it('refuses a day before the pair was approved, keeping what was typed', async () => {
    const pair = await approvedPair();
    wrapper = mount(PairEndDialog, {
      props: { pair },
      global: { plugins: [createAppI18n()] },
    });
    await wrapper.find('[name="ended_on"]').setValue('2021-01-10');
    await wrapper.find('[name="end_reason"]').setValue('Итог года');
    await wrapper.find('form').trigger('submit');
    await settle(() => expect(wrapper?.text()).toContain('Пара не может закончиться раньше'));
    expect((wrapper.find('[name="end_reason"]').element as HTMLTextAreaElement).value).toBe(
      'Итог года',
    );
    expect((await db().db.pairs.get(pair.id))?.status).toBe('approved');
  });
});
