import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../cards/i18n/en.ts';
import { nl } from '../../cards/i18n/nl.ts';
import { startBot, type RunningBot } from '../support/bot-server.ts';
import { httpRequest, postJson } from '../support/http-request.ts';

const BROWSER_TIMEOUT = 30_000;

let bot: RunningBot;

beforeAll(async () => {
  bot = await startBot();
});

afterAll(async () => {
  await bot?.stop();
});

interface WireActivity {
  id: string;
  type: string;
  text?: string;
  replyToId?: string;
  from?: { id: string; role?: string };
  attachments?: Array<{ contentType: string; content: any }>;
}

describe('local Direct Line endpoint over HTTP', () => {
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  async function poll(conversationId: string, token: string, watermark: string, until: (a: WireActivity) => boolean) {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const res = await httpRequest(`${bot.url}/v3/directline/conversations/${conversationId}/activities?watermark=${watermark}`, { headers: auth(token) });
      expect(res.status).toBe(200);
      const found = (res.json.activities as WireActivity[]).find(until);
      if (found) return { activity: found, watermark: res.json.watermark as string };
      if (Date.now() > deadline) throw new Error(`no matching activity; got ${res.text}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('greets, answers a message, refuses a wrong token and updates a message in place', async () => {
    const session = await postJson(`${bot.url}/local/session`, { userId: '' });
    expect(session.status).toBe(200);
    const { token, userId } = session.json as { token: string; userId: string };
    expect(token).toMatch(/\S{16,}/);

    const started = await httpRequest(`${bot.url}/v3/directline/conversations`, { method: 'POST', headers: auth(token) });
    expect(started.status).toBe(201);
    const conversationId = started.json.conversationId as string;

    const greeting = await poll(conversationId, token, '0', (a) => a.from?.id !== userId && Boolean(a.attachments?.length));
    expect(JSON.stringify(greeting.activity.attachments)).toContain(nl['help.intro']);

    const sent = await postJson(`${bot.url}/v3/directline/conversations/${conversationId}/activities`, { type: 'message', text: 'stop', from: { id: userId } }, auth(token));
    expect(sent.status).toBe(200);
    const reply = await poll(conversationId, token, greeting.watermark, (a) => a.replyToId === sent.json.id);
    expect(reply.activity.text).toBe(nl['flow.nothingToStop']);

    const wrong = await httpRequest(`${bot.url}/v3/directline/conversations/${conversationId}/activities?watermark=0`, { headers: auth('not-the-token') });
    expect(wrong.status).toBe(403);
    const wrongStart = await httpRequest(`${bot.url}/v3/directline/conversations`, { method: 'POST', headers: auth('not-the-token') });
    expect(wrongStart.status).toBe(403);

    // The bot updates its reply as the connector API lets it (updateActivity → PUT), with the
    // connector token only the bot holds; the same call without it is refused.
    const activityUrl = `${bot.url}/v3/conversations/${encodeURIComponent(conversationId)}/activities/${encodeURIComponent(reply.activity.id)}`;
    const forged = await httpRequest(activityUrl, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message', text: 'vervalst' }) });
    expect(forged.status).toBe(401);
    const updated = await httpRequest(activityUrl, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bot.bot.localConnectorToken}` },
      body: JSON.stringify({ type: 'message', text: 'bijgewerkt' }),
    });
    expect(updated.status).toBe(200);
    expect(updated.json).toEqual({ id: reply.activity.id });
    const next = await poll(conversationId, token, reply.watermark, (a) => a.id === reply.activity.id);
    expect(next.activity.text).toBe('bijgewerkt');
  });
});

describe('local web chat page in Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, BROWSER_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
  });

  /** A fresh browser context each time: the page keeps its user id in localStorage. */
  async function openChat(query = ''): Promise<Page> {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${bot.url}/${query}`);
    await page.locator('[data-id="webchat-sendbox-input"]').waitFor({ timeout: 20_000 }).catch((error) => {
      throw new Error(`Web Chat did not render (${problems.join('; ') || error.message})`);
    });
    return page;
  }

  const cards = (page: Page) => page.locator('#webchat .ac-adaptiveCard');

  it('shows the Dutch welcome card by itself and a second card after typing "help"', async () => {
    const page = await openChat();
    try {
      await expect.poll(() => cards(page).count(), { timeout: 15_000 }).toBe(1);
      await expect.poll(() => cards(page).first().innerText()).toContain(nl['help.intro']);
      expect(await cards(page).first().innerText()).toContain(nl['help.title']);

      await page.locator('[data-id="webchat-sendbox-input"]').fill('help');
      await page.keyboard.press('Enter');
      await expect.poll(() => cards(page).count(), { timeout: 15_000 }).toBe(2);
      expect(await cards(page).nth(1).innerText()).toContain(nl['help.intro']);
    } finally {
      await page.context().close();
    }
  }, BROWSER_TIMEOUT);

  it('answers "help" in English with ?lang=en', async () => {
    const page = await openChat('?lang=en');
    try {
      await expect.poll(() => cards(page).count(), { timeout: 15_000 }).toBe(1);
      await page.locator('[data-id="webchat-sendbox-input"]').fill('help');
      await page.keyboard.press('Enter');
      await expect.poll(() => cards(page).count(), { timeout: 15_000 }).toBe(2);
      expect(await cards(page).nth(1).innerText()).toContain(en['help.intro']);
    } finally {
      await page.context().close();
    }
  }, BROWSER_TIMEOUT);

  // The greeting is the first thing a visitor of the English page sees; it must be English too.
  it('greets in English with ?lang=en', async () => {
    const page = await openChat('?lang=en');
    try {
      await expect.poll(() => cards(page).count(), { timeout: 15_000 }).toBe(1);
      const welcome = await cards(page).first().innerText();
      expect(welcome).toContain(en['help.intro']);
      expect(welcome).not.toContain(nl['help.intro']);
    } finally {
      await page.context().close();
    }
  }, BROWSER_TIMEOUT);
});
