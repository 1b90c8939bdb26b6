import { createCanvas } from '@napi-rs/canvas';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Title } from 'chart.js';
import type { MessageKey, Translate } from '../../cards/i18n/translate.ts';
import { LAYERS } from '../../core/domain/incidents/coordination-layer.ts';
import type { Digest } from '../../core/domain/reports/digest.ts';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Title);

export const CHART_SIZE = { width: 800, height: 400 };
const COLOURS: Record<string, string> = { local: '#6b7280', gtk: '#2563eb', chain: '#dc2626', 'common-facility': '#7c3aed' };

/**
 * Incidents per day by coordination layer over the digest's period, as a PNG rendered on the
 * server with Chart.js on a native canvas (no browser, nothing downloaded at run time).
 */
export function renderIncidentChart(t: Translate, digest: Digest): Buffer {
  const canvas = createCanvas(CHART_SIZE.width, CHART_SIZE.height);
  const context = canvas.getContext('2d');
  const chart = new Chart(context as never, {
    type: 'bar',
    data: {
      labels: digest.incidents.perDay.map((d) => `${d.day.slice(8, 10)}-${d.day.slice(5, 7)}`), // 17-11: day first, as Dutch readers read it
      datasets: LAYERS.map((layer) => ({
        label: t(`incident.layer.${layer}` as MessageKey),
        data: digest.incidents.perDay.map((d) => d.byLayer[layer] ?? 0),
        backgroundColor: COLOURS[layer],
      })),
    },
    options: {
      responsive: false,
      animation: false,
      devicePixelRatio: 1,
      plugins: { title: { display: true, text: t('report.chart.title') }, legend: { position: 'bottom' } },
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
    },
    // A white background behind everything (Chart.js clears the canvas before it draws): chat clients
    // in dark mode would otherwise show dark axes and text on dark.
    plugins: [{
      id: 'white-background',
      beforeDraw: (c) => {
        c.ctx.save();
        c.ctx.globalCompositeOperation = 'destination-over';
        c.ctx.fillStyle = '#ffffff';
        c.ctx.fillRect(0, 0, c.width, c.height);
        c.ctx.restore();
      },
    }],
  });
  try {
    return canvas.toBuffer('image/png');
  } finally {
    chart.destroy();
  }
}
