// Nothing chosen as the form of mentoring: the message says «Выберите форму наставничества».
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { appDataContext } from '@/data/context';
import { aPairWithPeople } from '../../data/context';
import { mountApp } from '../mountApp';

let mounted: VueWrapper | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

async function submitWithoutForm() {
  // People in both bases, so the form itself is shown.
  await aPairWithPeople(await appDataContext());
  const { wrapper } = await mountApp('/pairs/new');
  mounted = wrapper;
  await vi.waitFor(() => expect(wrapper.find('[data-testid="pair-form"]').exists()).toBe(true));
  await wrapper.find('[data-testid="pair-form"]').trigger('submit');
  await vi.waitFor(() => expect(wrapper.find('[data-testid="error-form"]').exists()).toBe(true));
  return wrapper;
}

describe('the pair form without a form of mentoring', () => {
  it('asks «Выберите форму наставничества», not «Заполните это поле»', async () => {
    const wrapper = await submitWithoutForm();
    expect(wrapper.find('[data-testid="error-form"]').text()).toBe('Выберите форму наставничества');
    expect(wrapper.find('[data-testid="error-form"]').attributes('role')).toBe('alert');
  });
});
