import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CardView } from '../../cards/views/card-view.ts';
import type { ChannelLink } from '../../core/domain/access/channel-link.ts';
import { TypeOrmChannelLinkRepository } from '../../storage/access/typeorm-channel-link-repository.ts';
import { migrate, openDatabase } from '../../storage/data-source.ts';
import { TypeOrmOutboxRepository } from '../../storage/delivery/typeorm-outbox-repository.ts';
import { composeServices } from '../../bot/compose-services.ts';
import { createLogger } from '../../bot/logger.ts';
import { startFakeSlackDelivery, startFakeTeamsConnector, type FakeSlackDelivery, type FakeTeamsConnector } from '../support/fake-delivery-platforms.ts';
import { httpRequest } from '../support/http-request.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { startOutboxBot, tempDatabase, type OutboxBot } from '../support/outbox-bot.ts';

/**
 * /readyz and the outbox, with the bot's clock under the test's control (createKetenbot's third
 * argument): deliveries due for more than 5 minutes while nothing is sent make the bot not ready,
 * with a reason an operator can act on; once they are sent it is ready again.
 */

const ORG = 'org-readyz';
const card = (title: string): CardView => ({ kind: 'incident', title, blocks: [{ type: 'text', text: title }], fallbackText: title });
const link = (platform: 'slack' | 'teams', channelId: string, at: string, extra: Partial<ChannelLink> = {}): ChannelLink => ({
  id: `link-${channelId}`, organisationId: ORG, platform, channelId, active: true, createdBy: 'test', createdAt: at, ...extra,
});
const readyz = async (url: string) => {
  const res = await httpRequest(`${url}/readyz`);
  return { status: res.status, body: res.json as { status: string; reason?: string } };
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('/readyz reports a stalled outbox', () => {
  const database = tempDatabase();
  const clock = new ManualClock(Date.now());
  let slack: FakeSlackDelivery;
  let bot: OutboxBot;

  beforeAll(async () => {
    slack = await startFakeSlackDelivery();
    bot = await startOutboxBot({ databaseUrl: database.url, slackApiUrl: slack.apiUrl, clock });
    await new TypeOrmChannelLinkRepository(bot.bot.dataSource).save([link('slack', 'CSTALL', clock.now().toISOString(), { teamId: 'T1' })], []);
  });

  afterAll(async () => {
    await bot?.stop();
    await slack?.close();
    database.remove();
  });

  it('ready with nothing to send', async () => {
    expect(await readyz(bot.url)).toEqual({ status: 200, body: { status: 'ready' } });
  });

  it('deliveries due for more than 5 minutes with nothing sent → 503, the reason names the outbox; sent → 200 again', async () => {
    let release!: () => void;
    slack.hold = new Promise<void>((r) => (release = r));
    // The first post hangs at Slack; the second waits behind it in the same channel.
    await bot.bot.services.announcer.announce('incident', 'i-1', card('Eerste'), [ORG]);
    await bot.bot.services.announcer.announce('incident', 'i-2', card('Tweede'), [ORG]);
    await slack.waitFor((c) => c.path === '/api/chat.postMessage' && c.body?.channel === 'CSTALL');

    // (A post hanging for minutes cannot happen for real, sends give up after 15 s; with this clock
    // the held post counts as stuck in sending after 3 minutes, the other one as due after 5.)
    clock.advance(2 * 60_000);
    await sleep(200);
    expect((await readyz(bot.url)).status).toBe(200);

    clock.advance(4 * 60_000);
    await expect.poll(async () => (await readyz(bot.url)).status, { timeout: 3000 }).toBe(503);
    const stalled = await readyz(bot.url);
    expect(stalled.body.status).toBe('not ready');
    expect(stalled.body.reason).toMatch(/outbox/);

    // Slack answers; the worker sends the second post once the channel's 1-per-second window (with its
    // margin) has passed since that ANSWER: the platform may have counted the first post as late as that.
    release();
    slack.hold = undefined;
    await expect.poll(() => slack.messages('CSTALL').length, { timeout: 3000 }).toBeGreaterThanOrEqual(1);
    await sleep(200);
    clock.advance(1100);
    await expect.poll(() => slack.messages('CSTALL').length, { timeout: 3000 }).toBe(2);
    await expect.poll(async () => (await readyz(bot.url)).status, { timeout: 3000 }).toBe(200);
    expect(await readyz(bot.url)).toEqual({ status: 200, body: { status: 'ready' } });

    // And it stays ready while nothing is due, however long it is quiet.
    clock.advance(60 * 60_000);
    await sleep(200);
    expect((await readyz(bot.url)).status).toBe(200);
  });
});

describe('/readyz after a crash left a Teams post in flight', () => {
  const database = tempDatabase();
  const clock = new ManualClock(Date.now());
  let connector: FakeTeamsConnector;
  let bot: OutboxBot;
  let noticeId = '';

  beforeAll(async () => {
    connector = await startFakeTeamsConnector();
    // What a crashed bot left: a Teams post claimed ("sending") that the platform cannot confirm.
    const dataSource = await openDatabase(database.url);
    await migrate(dataSource);
    await new TypeOrmChannelLinkRepository(dataSource).save([
      link('teams', '19:uncertain@thread.tacv2', clock.now().toISOString(), {
        reference: { channelId: 'msteams', serviceUrl: `${connector.url}/`, bot: { id: '28:bot' }, conversation: { id: '19:uncertain@thread.tacv2', conversationType: 'channel', isGroup: true } },
      }),
    ], []);
    const services = composeServices(dataSource, clock, createLogger('silent', false));
    noticeId = (await services.announcer.announce('incident', 'i-3', card('Onzeker'), [ORG])).notice.id;
    const outbox = new TypeOrmOutboxRepository(dataSource);
    for (const d of await outbox.due(clock.now(), 10)) await outbox.markSending(d.id, clock.now());
    await dataSource.destroy();
    bot = await startOutboxBot({ databaseUrl: database.url, clock });
  });

  afterAll(async () => {
    await bot?.stop();
    await connector?.close();
    database.remove();
  });

  it('the post is sent again marked as possibly repeated; revising it then edits it; the bot stays ready', async () => {
    // Leftovers are resolved alongside new sends after a start (not before them): wait for it.
    await expect.poll(async () => (await bot.bot.services.outbox.report(noticeId))[0], { timeout: 5000 }).toMatchObject({ counts: { sent: 1 }, recovered: { resent: 1 } });
    const [repeat] = connector.calls.filter((c) => c.method === 'POST');
    expect(JSON.stringify(repeat?.body)).toContain('"id":"possibly-repeated"');
    await bot.bot.services.announcer.revise(noticeId, card('Onzeker (opgelost)'), 'Opgelost');
    await expect.poll(async () => (await bot.bot.services.outbox.report(noticeId))[0]!.counts, { timeout: 5000 }).toEqual({ sent: 3 });
    expect(connector.calls.filter((c) => c.method !== 'GET').map((c) => c.method)).toEqual(['POST', 'PUT', 'POST']);
    // Nothing in the outbox is stuck: a quiet bot stays ready (once the idle worker's next round,
    // within IDLE_POLL_MS of real time, has seen the clock's jump).
    clock.advance(10 * 60_000);
    await expect.poll(() => readyz(bot.url), { timeout: 3000 }).toEqual({ status: 200, body: { status: 'ready' } });
  });
});
