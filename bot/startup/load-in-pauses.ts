import type { DeliveryWorker } from '../../core/delivery/delivery-worker.ts';

/**
 * The packages the chat adapters and the rest of the bot import, heaviest first, in the order they
 * load each other: each takes tens to a few hundred milliseconds of the event loop to evaluate.
 */
const HEAVY_PACKAGES = ['botframework-connector', 'botbuilder-core', 'botbuilder', '@slack/bolt', 'restify', 'snowball-stemmers', '@napi-rs/canvas', 'chart.js', 'nodemailer'];
/** Loaded only when configured (app.ts): no head start for them otherwise. */
const ONLY_WHEN = { '@slack/bolt': 'slack', nodemailer: 'mail' } as const;
/**
 * A pause long enough for the longest of those steps (the bot's own modules, last, take a few
 * hundred milliseconds on a small machine), and shorter than the pause after a Teams window's
 * sends, which is nearly a second.
 */
const PAUSE_MS = 700;
/** The chat must come up: after this, load whatever the outbox is doing. */
const AT_MOST_MS = 3000;

/**
 * Loads the chat adapters (app.ts and what it imports) piece by piece in the pauses of the outbox
 * worker that started before them. After a crash in the middle of a fan-out, the outbox then keeps
 * its pace (a send or an answer held up by loading would hold up the window of every send after
 * it), and the chat is up at most a few seconds later. Without a backlog there are no sends to
 * wait for, and everything loads at once.
 */
export async function importAppInPauses(worker: DeliveryWorker, configured: { slack: boolean; mail: boolean }): Promise<typeof import('../app.ts')> {
  const deadline = Date.now() + AT_MOST_MS;
  for (const name of HEAVY_PACKAGES) {
    const needs = ONLY_WHEN[name as keyof typeof ONLY_WHEN];
    if (needs && !configured[needs]) continue;
    await worker.whenIdle(PAUSE_MS, Math.max(0, deadline - Date.now()));
    // Only a head start: app.ts imports them again, and reports any real problem.
    await import(name).catch(() => undefined);
  }
  await worker.whenIdle(PAUSE_MS, Math.max(0, deadline - Date.now()));
  return import('../app.ts');
}
