import { afterEach, describe, expect, it, vi } from 'vitest';
import { createKetenbot, type Ketenbot } from '../../bot/app.ts';
import { loadConfig } from '../../bot/config.ts';
import { createLogger } from '../../bot/logger.ts';
import { ASKED_FOR_MS, ASKED_PREFIX } from '../../dialogs/kb-flow.ts';
import { botEnv, tempDatabase } from '../support/outbox-bot.ts';

/**
 * The server's clock removes the bot's records of knowledge-base cards (they hold what people typed)
 * a day after they were last written: wired in bot/app.ts, run on start and every minute after.
 */

let bot: Ketenbot | undefined;
const database = tempDatabase();
afterEach(async () => {
  await bot?.close();
  bot = undefined;
  database.remove();
});

describe('the kb-asked clock job', () => {
  it('on start, removes records of cards older than a day and keeps recent ones and other keys', async () => {
    let now = new Date('2026-03-02T09:00:00.000Z');
    const loaded = loadConfig(botEnv(database.url));
    if ('errors' in loaded) throw new Error(loaded.errors.join('\n'));
    bot = await createKetenbot(loaded.config, createLogger('silent', false), { now: () => now });
    const { store } = bot.services;
    await store.write(`${ASKED_PREFIX}kb:000000000001`, { question: 'viewer leeg' }, 'new');
    await store.write('language:someone', 'en', 'new');
    now = new Date(now.getTime() + ASKED_FOR_MS - 3_600_000);
    await store.write(`${ASKED_PREFIX}kb:000000000002`, { question: 'printen' }, 'new');
    now = new Date(now.getTime() + 2 * 3_600_000);

    await bot.listen();
    await vi.waitFor(async () => expect(await store.read(`${ASKED_PREFIX}kb:000000000001`)).toBeUndefined(), { timeout: 5000 });
    expect(await store.read(`${ASKED_PREFIX}kb:000000000002`)).toBeDefined();
    expect((await store.read('language:someone'))?.value).toBe('en');
  });
});
