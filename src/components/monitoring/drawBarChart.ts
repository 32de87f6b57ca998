// The chart code, loaded on demand (MonitoringChart imports this module with import()), so
// Chart.js is never in the first visit's JavaScript. Only the parts a bar chart needs are
// registered, which keeps the chunk small.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  Tooltip,
} from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export interface BarSeries {
  label: string;
  values: (number | null)[];
  color: string;
}

export interface BarChartData {
  labels: string[];
  series: BarSeries[];
  /** The scale's top (10 for the 1–10 questionnaires). */
  max: number;
  /** Bars run left to right: long question texts stay readable on a phone. */
  horizontal: boolean;
  locale: string;
}

export interface BarChartHandle {
  update(data: BarChartData): void;
  destroy(): void;
}

const datasets = (data: BarChartData) =>
  data.series.map((s) => ({
    label: s.label,
    data: s.values,
    backgroundColor: s.color,
    borderColor: s.color,
    borderRadius: 3,
    maxBarThickness: 28,
  }));

/** Draws a grouped bar chart on the canvas; null when the browser cannot draw one. */
export function drawBarChart(canvas: HTMLCanvasElement, data: BarChartData): BarChartHandle | null {
  const context = canvas.getContext('2d');
  if (!context) return null;
  const valueAxis = data.horizontal ? 'x' : 'y';
  const chart = new Chart(context, {
    type: 'bar',
    data: { labels: data.labels, datasets: datasets(data) },
    options: {
      indexAxis: data.horizontal ? 'y' : 'x',
      locale: data.locale,
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      // The canvas is a picture for the eyes: the same numbers are in the table beside it.
      events: ['mousemove', 'mouseout', 'click', 'touchstart', 'touchmove'],
      scales: {
        [valueAxis]: { min: 0, max: data.max, ticks: { stepSize: 2 } },
      },
      plugins: { legend: { position: 'bottom' } },
    },
  });
  return {
    update(next) {
      chart.data.labels = next.labels;
      chart.data.datasets = datasets(next);
      chart.update();
    },
    destroy: () => chart.destroy(),
  };
}
