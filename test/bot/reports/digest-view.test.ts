import { describe, expect, it, vi } from 'vitest';
import { renderAdaptiveCard } from '../../../cards/adaptive/render-adaptive-card.ts';
import { renderBlocks } from '../../../cards/blockkit/render-blocks.ts';
import { en } from '../../../cards/i18n/en.ts';
import { nl } from '../../../cards/i18n/nl.ts';
import { translator } from '../../../cards/i18n/translate.ts';
import type { CardView } from '../../../cards/views/card-view.ts';
import { CHART_PATH, digestView } from '../../../bot/reports/digest-view.ts';
import { renderIncidentChart } from '../../../bot/reports/incident-chart.ts';
import type { DirectoryDocument } from '../../../core/domain/directory/types.ts';
import type { Digest } from '../../../core/domain/reports/digest.ts';
import { daysOf, lastCompletePeriod } from '../../../core/domain/reports/report-period.ts';
import { TypeOrmReportImages } from '../../../storage/reports/typeorm-report-images.ts';
import { validateAdaptiveCard } from '../../cards/adaptive/adaptivecards-validator.ts';
import { databasePerTest } from '../../support/databases.ts';

/**
 * The digest card with its chart (issue 9 point 2): with PUBLIC_URL the chart is rendered, stored
 * under a fresh token and shown as an image from the bot's own URL; without it the card says so
 * and is complete in text. On a real SQLite file.
 */

const NOW = new Date('2026-11-23T07:00:00.000Z');
const PUBLIC = 'https://ketenbot.example.org';
const week = lastCompletePeriod('week', NOW);

const directory: DirectoryDocument = {
  organisations: [{ id: 'org-a', name: 'Ziekenhuis A', kind: 'care-provider', region: 'Rivierenland', gtkServiceProviderIds: [], desk: { name: 'Servicedesk A', hours: '24x7' } } as DirectoryDocument['organisations'][number]],
  applications: [{ id: 'app-x', name: 'X-platform', kind: 'gtk', administratorId: 'org-a', usedBy: ['org-a'] }],
  contacts: [],
};

const digest: Digest = {
  organisationId: 'org-a',
  period: week,
  incidents: {
    opened: 17, resolved: 11, open: 6,
    openedByLayer: { local: 5, gtk: 4, chain: 7, 'common-facility': 1 },
    openedByApplication: { 'app-x': 9 },
    takeMinutes: { count: 13, median: 42, p90: 125 },
    resolveMinutes: { count: 11, median: 95, p90: 610 },
    perDay: daysOf(week).map((d, i) => ({ day: d.day, byLayer: { local: i, chain: 7 - i } })),
  },
  maintenance: { done: 3, coming: 2 },
  deliveriesFailed: 4,
  kbUnanswered: 8,
};

type Block = CardView['blocks'][number];
const images = (card: CardView) => card.blocks.filter((b): b is Extract<Block, { type: 'image' }> => b.type === 'image');
const texts = (card: CardView) => card.blocks.flatMap((b) => (b.type === 'text' ? [b.text] : []));
const facts = (card: CardView) => card.blocks.flatMap((b) => (b.type === 'facts' ? b.facts : []));
const URL_OF_CHART = new RegExp(`^${PUBLIC.replace(/\./g, '\\.')}${CHART_PATH}/([A-Za-z0-9_-]{32})\\.png$`);

describe('digestView', () => {
  const database = databasePerTest('sqlite');

  async function setup() {
    const db = await database.open();
    const store = new TypeOrmReportImages(db.dataSource);
    return { db, store, rows: async () => Number((await db.dataSource.query('SELECT COUNT(*) AS n FROM report_image'))[0].n) };
  }

  describe('without a public URL', () => {
    it('says there is no chart and why, with no image block and nothing stored', async () => {
      const { store, rows } = await setup();
      const spy = vi.spyOn(store, 'store');
      const card = await digestView(store, undefined, () => NOW)(translator('nl'), digest, directory);
      expect(images(card)).toEqual([]);
      expect(card.blocks).toContainEqual({ type: 'text', text: nl['report.chart.noPublicUrl'], style: 'muted' });
      expect(spy).not.toHaveBeenCalled();
      expect(await rows()).toBe(0);
    });

    it('treats an empty PUBLIC_URL as not set', async () => {
      const { store, rows } = await setup();
      const card = await digestView(store, '', () => NOW)(translator('en'), digest, directory);
      expect(images(card)).toEqual([]);
      expect(texts(card)).toContain(en['report.chart.noPublicUrl']);
      expect(await rows()).toBe(0);
    });

    it('stays complete in text: every number of the digest is on the card', async () => {
      const { store } = await setup();
      const card = await digestView(store, undefined, () => NOW)(translator('nl'), digest, directory);
      const byLabel = Object.fromEntries(facts(card).map((f) => [f.label, f.value]));
      expect(byLabel[nl['report.fact.opened']]).toBe('17');
      expect(byLabel[nl['report.fact.resolved']]).toBe('11');
      expect(byLabel[nl['report.fact.open']]).toBe('6');
      expect(byLabel[nl['report.fact.byLayer']]).toBe(`${nl['incident.layer.local']} 5 · ${nl['incident.layer.gtk']} 4 · ${nl['incident.layer.chain']} 7 · ${nl['incident.layer.common-facility']} 1`);
      expect(byLabel[nl['report.fact.byApplication']]).toBe('X-platform 9');
      expect(byLabel[nl['report.fact.take']]).toBe('mediaan 42 min, 90% binnen 2 u 05 min (13 incidenten)');
      expect(byLabel[nl['report.fact.resolve']]).toContain('(11 incidenten)');
      expect(byLabel[nl['report.fact.maintenance']]).toBe(translator('nl')('report.fact.maintenanceValue', { done: 3, coming: 2 }));
      expect(byLabel[nl['report.fact.deliveriesFailed']]).toBe('4');
      expect(byLabel[nl['report.fact.kbUnanswered']]).toBe('8');
      // The week's per-day series in text: what the chart would have shown, day by day.
      const list = card.blocks.find((b) => b.type === 'list');
      expect(list && list.type === 'list' ? list.items.map((i) => i.title) : []).toEqual(daysOf(week).map((d) => d.day));
      expect(list && list.type === 'list' ? list.items[2]!.text : '').toContain(`${nl['incident.layer.chain']} 5`);
    });
  });

  describe('with a public URL', () => {
    it('shows one image from <publicUrl>/reports/chart/<token>.png, with the stored PNG under that token', async () => {
      const { store, db } = await setup();
      const t = translator('nl');
      const card = await digestView(store, PUBLIC, () => NOW)(t, digest, directory);
      const shown = images(card);
      expect(shown).toHaveLength(1);
      expect(shown[0]!.alt).toBe(nl['report.chart.alt']);
      const token = URL_OF_CHART.exec(shown[0]!.url)?.[1];
      expect(token, shown[0]!.url).toBeDefined();
      const png = await store.get(token!);
      expect(png!.equals(renderIncidentChart(t, digest))).toBe(true);
      expect(png!.readUInt32BE(16)).toBe(800);
      expect(png!.readUInt32BE(20)).toBe(400);
      expect(await db.dataSource.query('SELECT token, created_at FROM report_image')).toEqual([{ token, created_at: NOW.toISOString() }]);
      expect(texts(card)).not.toContain(nl['report.chart.noPublicUrl']);
    });

    it('has the same facts as the text-only card: only the chart block differs', async () => {
      const { store } = await setup();
      const t = translator('nl');
      const withUrl = await digestView(store, PUBLIC, () => NOW)(t, digest, directory);
      const without = await digestView(store, undefined, () => NOW)(t, digest, directory);
      const strip = (c: CardView) => c.blocks.filter((b) => b.type !== 'image' && !(b.type === 'text' && b.text === nl['report.chart.noPublicUrl']));
      expect(strip(withUrl)).toEqual(strip(without));
      expect(withUrl.title).toBe(without.title);
      expect(withUrl.fallbackText).toBe(without.fallbackText);
      // The chart comes before the closing "counts and times only" line.
      const last = withUrl.blocks[withUrl.blocks.length - 1]!;
      expect(last).toEqual({ type: 'text', text: nl['report.metadataOnly'], style: 'muted' });
      expect(withUrl.blocks[withUrl.blocks.length - 2]!.type).toBe('image');
    });

    it('stores a new image under a new token for every card', async () => {
      const { store, rows } = await setup();
      const view = digestView(store, PUBLIC, () => NOW);
      const urls = [];
      for (let i = 0; i < 3; i++) urls.push(images(await view(translator('en'), digest, directory))[0]!.url);
      expect(new Set(urls).size).toBe(3);
      expect(await rows()).toBe(3);
    });

    it('keeps a path under the public URL (a bot behind a reverse proxy)', async () => {
      const { store } = await setup();
      const card = await digestView(store, 'https://example.org/ketenbot', () => NOW)(translator('en'), digest, directory);
      expect(images(card)[0]!.url).toMatch(/^https:\/\/example\.org\/ketenbot\/reports\/chart\/[A-Za-z0-9_-]{32}\.png$/);
      expect(images(card)[0]!.alt).toBe(en['report.chart.alt']);
    });

    it('renders the chart in the reader\'s language', async () => {
      const { store } = await setup();
      const view = digestView(store, PUBLIC, () => NOW);
      const tokenOf = (c: CardView) => URL_OF_CHART.exec(images(c)[0]!.url)![1]!;
      const en = await store.get(tokenOf(await view(translator('en'), digest, directory)));
      expect(en!.equals(renderIncidentChart(translator('en'), digest))).toBe(true);
      expect(en!.equals(renderIncidentChart(translator('nl'), digest))).toBe(false);
    });

    it('renders as a valid Adaptive Card (1.5) with an Image, and as Block Kit with an image block', async () => {
      const { store } = await setup();
      for (const locale of ['nl', 'en'] as const) {
        const card = await digestView(store, PUBLIC, () => NOW)(translator(locale), digest, directory);
        const url = images(card)[0]!.url;
        const adaptive = renderAdaptiveCard(card);
        expect(validateAdaptiveCard(adaptive)).toEqual([]);
        const adaptiveImages = JSON.parse(JSON.stringify(adaptive)) as unknown;
        const found: Array<Record<string, unknown>> = [];
        const walk = (n: unknown): void => {
          if (Array.isArray(n)) return n.forEach(walk);
          if (n && typeof n === 'object') {
            if ((n as { type?: string }).type === 'Image') found.push(n as Record<string, unknown>);
            Object.values(n).forEach(walk);
          }
        };
        walk(adaptiveImages);
        expect(found).toEqual([{ type: 'Image', url, altText: (locale === 'nl' ? nl : en)['report.chart.alt'] }]);

        const { blocks } = renderBlocks(card);
        expect(blocks.filter((b) => b.type === 'image')).toEqual([{ type: 'image', image_url: url, alt_text: (locale === 'nl' ? nl : en)['report.chart.alt'] }]);
      }
    });

    it('renders the text-only card as a valid Adaptive Card and Block Kit without images', async () => {
      const { store } = await setup();
      const card = await digestView(store, undefined, () => NOW)(translator('nl'), digest, directory);
      const adaptive = renderAdaptiveCard(card);
      expect(validateAdaptiveCard(adaptive)).toEqual([]);
      expect(JSON.stringify(adaptive)).not.toContain('"Image"');
      expect(JSON.stringify(adaptive)).toContain(JSON.stringify(nl['report.chart.noPublicUrl']).slice(1, -1));
      const { blocks } = renderBlocks(card);
      expect(blocks.some((b) => b.type === 'image')).toBe(false);
      expect(JSON.stringify(blocks)).toContain('PUBLIC_URL');
    });
  });
});
