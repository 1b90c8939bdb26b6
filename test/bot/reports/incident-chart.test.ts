import { createCanvas, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { CHART_SIZE, renderIncidentChart } from '../../../bot/reports/incident-chart.ts';
import { translator } from '../../../cards/i18n/translate.ts';
import type { Digest } from '../../../core/domain/reports/digest.ts';
import { daysOf, lastCompletePeriod } from '../../../core/domain/reports/report-period.ts';

/**
 * The digest chart (issue 9 point 2, "the PNG decodes to the expected size" of point 4): incidents
 * per day by layer, rendered on the server with Chart.js on @napi-rs/canvas to an 800×400 PNG.
 */

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const week = lastCompletePeriod('week', new Date('2026-11-25T10:00:00.000Z'));

function digestWith(perDay: Array<Record<string, number>>): Digest {
  const days = daysOf(week);
  return {
    organisationId: 'org-a',
    period: week,
    incidents: {
      opened: perDay.reduce((n, d) => n + Object.values(d).reduce((a, b) => a + b, 0), 0),
      resolved: 0,
      open: 0,
      openedByLayer: {},
      openedByApplication: {},
      takeMinutes: { count: 0, median: null, p90: null },
      resolveMinutes: { count: 0, median: null, p90: null },
      perDay: days.map((d, i) => ({ day: d.day, byLayer: perDay[i] ?? {} })),
    },
    maintenance: { done: 0, coming: 0 },
    deliveriesFailed: 0,
    kbUnanswered: 0,
  };
}

const empty = digestWith([]);
const busy = digestWith([{ local: 3 }, { gtk: 2, chain: 1 }, {}, { 'common-facility': 4 }, { local: 1, gtk: 1, chain: 1, 'common-facility': 1 }, {}, { chain: 6 }]);

/** Width and height from the IHDR chunk (bytes 16–23, big-endian). */
function ihdrSize(png: Buffer): { width: number; height: number; chunk: string } {
  return { chunk: png.subarray(12, 16).toString('latin1'), width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

async function pixels(png: Buffer): Promise<{ width: number; height: number; data: Uint8ClampedArray }> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  return { width: image.width, height: image.height, data: context.getImageData(0, 0, image.width, image.height).data };
}

describe('renderIncidentChart', () => {
  it('is 800×400', () => {
    expect(CHART_SIZE).toEqual({ width: 800, height: 400 });
  });

  it('returns a PNG whose header says 800×400', () => {
    const png = renderIncidentChart(translator('nl'), busy);
    expect(Buffer.isBuffer(png)).toBe(true);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(ihdrSize(png)).toEqual({ chunk: 'IHDR', width: 800, height: 400 });
    // Ends with the IEND chunk: a complete file, not a truncated buffer.
    expect(png.subarray(png.length - 8, png.length - 4).toString('latin1')).toBe('IEND');
  });

  it('decodes fully to 800×400', async () => {
    const { width, height, data } = await pixels(renderIncidentChart(translator('en'), empty));
    expect({ width, height }).toEqual({ width: 800, height: 400 });
    expect(data.length).toBe(800 * 400 * 4);
  });

  // PRODUCT BUG: renderIncidentChart fills the canvas white before `new Chart(...)`, but Chart.js
  // clears the canvas when it draws, so the PNG's background is fully transparent (RGBA 0,0,0,0 at
  // every corner and in the empty plot area: of the 320,000 pixels of an all-zero chart none but
  // the axes, grid and text are opaque). In a dark-mode Teams/Slack client the grey axes and black
  // title then sit on the dark background, which is exactly what the comment in the code wanted to
  // prevent. A fix: draw the white fill in a `beforeDraw` plugin, or composite after rendering.
  it('has an opaque white background (dark-mode chat clients)', async () => {
    const { data } = await pixels(renderIncidentChart(translator('en'), empty));
    // The top-left corner is outside the chart area: white, fully opaque.
    expect(Array.from(data.subarray(0, 4))).toEqual([255, 255, 255, 255]);
    let transparent = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 255) transparent++;
    expect(transparent).toBe(0);
  });

  it('draws the bars: an all-zero digest and one with incidents differ in pixels, including the layer colours', async () => {
    const a = await pixels(renderIncidentChart(translator('nl'), empty));
    const b = await pixels(renderIncidentChart(translator('nl'), busy));
    let differing = 0;
    for (let i = 0; i < a.data.length; i += 4) {
      if (a.data[i] !== b.data[i] || a.data[i + 1] !== b.data[i + 1] || a.data[i + 2] !== b.data[i + 2]) differing++;
    }
    // Bars of 20 incidents over 7 days cover far more than a few stray pixels.
    expect(differing).toBeGreaterThan(2000);

    const count = (data: Uint8ClampedArray, [r, g, bl]: [number, number, number]) => {
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i] === r && data[i + 1] === g && data[i + 2] === bl) n++;
      return n;
    };
    // chain #dc2626 and gtk #2563eb: bar pixels only where there are incidents (the legend has a few in both).
    const chain: [number, number, number] = [0xdc, 0x26, 0x26];
    const gtk: [number, number, number] = [0x25, 0x63, 0xeb];
    expect(count(b.data, chain)).toBeGreaterThan(count(a.data, chain) + 1000);
    expect(count(b.data, gtk)).toBeGreaterThan(count(a.data, gtk) + 500);
  });

  it('is deterministic for the same digest and language', () => {
    const t = translator('nl');
    expect(renderIncidentChart(t, busy).equals(renderIncidentChart(t, busy))).toBe(true);
  });

  it('renders the title in the reader\'s language (the Dutch and English PNGs differ)', () => {
    expect(renderIncidentChart(translator('nl'), busy).equals(renderIncidentChart(translator('en'), busy))).toBe(false);
  });

  it('renders a one-day digest and a digest without days without throwing', () => {
    const day = lastCompletePeriod('day', new Date('2026-11-25T10:00:00.000Z'));
    const oneDay: Digest = { ...busy, period: day, incidents: { ...busy.incidents, perDay: [{ day: day.firstDay, byLayer: { local: 2 } }] } };
    const noDays: Digest = { ...busy, incidents: { ...busy.incidents, perDay: [] } };
    for (const d of [oneDay, noDays]) expect(ihdrSize(renderIncidentChart(translator('nl'), d))).toMatchObject({ width: 800, height: 400 });
  });

  it('renders many charts in a row without leaking Chart instances (each render is independent)', () => {
    const t = translator('nl');
    const first = renderIncidentChart(t, empty);
    for (let i = 0; i < 5; i++) renderIncidentChart(t, busy);
    expect(renderIncidentChart(t, empty).equals(first)).toBe(true);
  });
});
