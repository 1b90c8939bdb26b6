import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAdaptiveCard } from '../../cards/adaptive/render-adaptive-card.ts';
import { nl } from '../../cards/i18n/nl.ts';
import type { CardView } from '../../cards/views/card-view.ts';
import { startBot, type RunningBot } from '../support/bot-server.ts';
import { buildMainCards, type MainCards } from '../support/main-cards.ts';
import { teamsLikePage } from '../support/teams-like-render.ts';
import { measureCard, type CardLayout } from '../support/webchat-layout.ts';

/*
 * The main cards in the real local Web Chat page (`npm start`'s page and Web Chat bundle, real
 * Chromium), at a narrow Teams-like width and a desktop width: no choice label, button title or
 * text is cut off with "…", no word (a fact label) is broken over two lines, nothing sticks out.
 * The cards are what the real flows build (test/support/main-cards.ts), rendered by the real
 * Adaptive Card renderer and posted into the page's conversation through the local connector,
 * exactly as the bot posts its replies. Screenshots of every card at both widths are written to
 * test/artifacts/webchat/ (gitignored; kept as the run's artifacts) with layout.json (sizes).
 */

const CHROMIUM = '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
if (!HAS_CHROMIUM) console.warn(`webchat-card-layout: skipped, ${CHROMIUM} is not installed (apt-get install chromium)`);

const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts', 'webchat');
/** Viewport widths: 440 px gives Web Chat cards of about 370 px (Teams on a phone, or a narrow pane); 1280 px its widest 480 px cards. */
const WIDTHS = [['narrow', 440], ['desktop', 1280]] as const;
// Tall enough that the longest form is on screen whole.
const HEIGHT = 2600;

let bot: RunningBot;
let browser: Browser;
let cards: MainCards;

beforeAll(async () => {
  if (!HAS_CHROMIUM) return;
  mkdirSync(ARTIFACTS, { recursive: true });
  [cards, bot, browser] = await Promise.all([
    buildMainCards('nl'),
    startBot(),
    chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    }),
  ]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await bot?.stop();
});

/** Opens the chat page; returns it with its Direct Line conversation id once the welcome card is there. */
async function openChat(width: number): Promise<{ page: Page; conversationId: string }> {
  const context = await browser.newContext({ viewport: { width, height: HEIGHT } });
  const page = await context.newPage();
  const conversation = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/v3/directline/conversations'));
  await page.goto(`${bot.url}/`);
  const { conversationId } = (await (await conversation).json()) as { conversationId: string };
  await page.locator('#webchat .ac-adaptiveCard').first().waitFor({ timeout: 20_000 });
  return { page, conversationId };
}

/** Posts a card into the conversation as the bot does (the local connector, with the bot's token). */
async function postCard(conversationId: string, view: CardView): Promise<void> {
  const response = await fetch(`${bot.url}/v3/conversations/${encodeURIComponent(conversationId)}/activities`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bot.bot.localConnectorToken}` },
    body: JSON.stringify({ type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: renderAdaptiveCard(view) }] }),
  });
  expect(response.status).toBe(200);
}

const cardsIn = (page: Page) => page.locator('#webchat .ac-adaptiveCard');

describe.skipIf(!HAS_CHROMIUM)('the main cards in Web Chat (Chromium)', () => {
  const layouts: Record<string, Record<string, CardLayout>> = {};

  afterAll(() => {
    if (Object.keys(layouts).length) writeFileSync(join(ARTIFACTS, 'layout.json'), `${JSON.stringify(layouts, null, 2)}\n`);
  });

  it.each(WIDTHS)('at the %s width (%i px): no choice, button or label cut off, no word broken; screenshots kept', async (name, width) => {
    const { page, conversationId } = await openChat(width);
    try {
      const shown = Object.entries(cards);
      for (const [i, [, view]] of shown.entries()) {
        await postCard(conversationId, view);
        // The welcome card is the first one.
        await expect.poll(() => cardsIn(page).count(), { timeout: 10_000 }).toBe(i + 2);
      }
      // Fonts and images settle before measuring.
      await page.evaluate('document.fonts.ready');
      const found: string[] = [];
      for (const [i, [key]] of shown.entries()) {
        const card = cardsIn(page).nth(i + 1);
        await card.scrollIntoViewIfNeeded();
        await card.screenshot({ path: join(ARTIFACTS, `${key}-${name}.png`) });
        const layout = await measureCard(card);
        (layouts[name] ??= {})[key] = layout;
        found.push(...layout.problems.map((p) => `${key}: ${p}`));
      }
      expect(found).toEqual([]);

      // The check measured what matters: the tree's radio choices and the forms' buttons.
      const start = layouts[name]!.treeStart!;
      const choice = cards.treeStart.blocks.find((b) => b.type === 'input' && b.input.kind === 'choice');
      const choices = choice?.type === 'input' && choice.input.kind === 'choice' ? choice.input.choices : [];
      expect(start.measured.choices).toHaveLength(choices.length);
      expect(start.measured.buttons.length).toBeGreaterThanOrEqual(2);
      expect(layouts[name]!.maintenanceForm!.measured.buttons).toContain(nl['form.cancel']);
      if (name === 'narrow') expect(start.width).toBeLessThanOrEqual(400);
    } finally {
      await page.context().close();
    }
  }, 60_000);

  // Teams puts the buttons in a row (Web Chat stacks them): on a phone a row of three or four
  // buttons does not fit. Choices, labels and words must fit; the buttons of the forms too. What
  // does not fit in the buttons rows of other cards is recorded in layout.json ("teams-like").
  it('Teams-like (the adaptivecards renderer with Teams\' host config, 360 px): no choice or label cut off, no word broken; the forms\' buttons fit', async () => {
    const context = await browser.newContext({ viewport: { width: 420, height: HEIGHT } });
    try {
      const page = await context.newPage();
      const draw = await teamsLikePage(page, 360);
      const found: string[] = [];
      const measured: Record<string, CardLayout> = {};
      for (const [key, view] of Object.entries(cards)) {
        const selector = await draw(renderAdaptiveCard(view));
        const card = page.locator(selector);
        await card.screenshot({ path: join(ARTIFACTS, `${key}-teams-like.png`) });
        measured[key] = await measureCard(card);
        const buttons = new Set(measured[key]!.measured.buttons.map((b) => JSON.stringify(b)));
        const inButtonRow = (p: string) => [...buttons].some((b) => p.endsWith(`: ${b}`));
        const forms = key === 'maintenanceForm' || key === 'profileForm';
        found.push(...measured[key]!.problems.filter((p) => forms || !inButtonRow(p)).map((p) => `${key}: ${p}`));
      }
      layouts['teams-like'] = measured;
      expect(found).toEqual([]);
      expect(measured.treeOutcome!.measured.buttons.length).toBeGreaterThanOrEqual(3);
    } finally {
      await context.close();
    }
  }, 40_000);

  it('"Annuleren" on the own-details form replaces it in place with "Geannuleerd" (typed in the real page)', async () => {
    const { page } = await openChat(440);
    try {
      await page.locator('[data-id="webchat-sendbox-input"]').fill('mijn gegevens');
      await page.keyboard.press('Enter');
      await expect.poll(() => cardsIn(page).count(), { timeout: 15_000 }).toBe(2);
      const form = cardsIn(page).nth(1);
      await form.locator('input').first().fill('Typ ik iets, dan blijft het niet bewaard');
      await form.getByRole('button', { name: nl['form.cancel'] }).click();
      await expect.poll(() => cardsIn(page).nth(1).innerText(), { timeout: 15_000 }).toContain(nl['forms.cancelled.title']);
      expect(await cardsIn(page).count()).toBe(2);
      expect(await cardsIn(page).nth(1).locator('button').count()).toBe(0);
      await cardsIn(page).nth(1).screenshot({ path: join(ARTIFACTS, 'profile-cancelled-narrow.png') });
    } finally {
      await page.context().close();
    }
  }, 40_000);
});
