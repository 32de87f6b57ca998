// Next steps that stay true: a completed or ended pair offers no «Записать встречу» and no
// «Составить план», on its page, in its action bar or on the home screen.
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

for (const status of ['completed', 'ended_early'] as const) {
  describe(`a pair ${status}`, () => {
    it('has no step to take, no meeting to log and no plan to write', async () => {
      const ctx = await appDataContext();
      const { pair } = await aPairWithPeople(ctx);
      await ctx.db.pairs.update(pair.id, {
        status,
        order_number: '12-о',
        order_date: '2026-09-10',
        started_on: '2026-09-15',
        ended_on: '2026-11-20',
        end_reason: status === 'ended_early' ? 'Переезд' : null,
      });
      const { wrapper, router } = await mountApp(`/pairs/${pair.id}`);
      mounted = wrapper;
      await vi.waitFor(() =>
        expect(wrapper.find('[data-testid="pair-ended"]').exists()).toBe(true),
      );
      await vi.waitFor(() =>
        expect(wrapper.find('[data-testid="plan-summary"]').exists()).toBe(true),
      );
      expect(wrapper.find('[data-testid="log-meeting"]').exists()).toBe(false);
      expect(wrapper.find('[data-testid="paper-meeting"]').exists()).toBe(false);
      expect(wrapper.find('[data-testid="open-plan"]').exists()).toBe(false);
      // Only what is still true after the end: the exit questionnaire, when it is missing.
      expect(
        wrapper.findAll('[data-testid="next-step"]').map((s) => s.attributes('data-step')),
      ).toEqual(['exitQuestionnaireDue']);

      await router.push('/');
      await vi.waitFor(() => expect(wrapper.find('h1').text()).toBe('Добро пожаловать!'));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(wrapper.find('[data-testid="log-meeting"]').exists()).toBe(false);
      expect(wrapper.text()).not.toContain('Записать встречу');
      expect(wrapper.text()).not.toContain('Составить план');
    }, 20_000);
  });
}
