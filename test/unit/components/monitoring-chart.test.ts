// The chart's chunk may fail to load (offline on a version whose chunk was never cached, a
// blocked script): the chart says so in words and the page goes on with its tables.
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, expect, it, vi } from 'vitest';
import MonitoringChart from '@/components/monitoring/MonitoringChart.vue';
import { createAppI18n, loadFeatureMessages } from '@/i18n';

vi.mock('chart.js', () => {
  throw new Error('Failed to fetch dynamically imported module');
});

afterEach(() => vi.unstubAllGlobals());

it('says the chart did not load when its chunk fails', async () => {
  vi.stubGlobal('IntersectionObserver', undefined);
  // The page's messages load with the page (route 'monitoring'); here the chart stands alone.
  await loadFeatureMessages(['monitoring']);
  const wrapper = mount(MonitoringChart, {
    props: {
      labels: ['В1', 'В2'],
      series: [{ label: 'На входе', values: [4, 5], color: '#b36200' }],
      max: 10,
    },
    global: { plugins: [createAppI18n()] },
  });
  await vi.waitFor(async () => {
    await flushPromises();
    expect(wrapper.find('[data-testid="chart-failed"]').exists()).toBe(true);
  });
  expect(wrapper.find('[data-testid="chart-failed"]').text()).toBe(
    'График не загрузился — те же числа в таблице.',
  );
  expect(wrapper.find('canvas').attributes('style')).toContain('display: none');
});
