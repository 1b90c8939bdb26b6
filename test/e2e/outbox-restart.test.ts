import { START_COMMAND } from '../support/start-command.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_FRAMEWORK_KEYS, SECRET_KEYS } from '../../bot/config.ts';
import { composeServices } from '../../bot/compose-services.ts';
import { createLogger } from '../../bot/logger.ts';
import type { CardView } from '../../cards/views/card-view.ts';
import { systemClock } from '../../core/clock.ts';
import type { ChannelLink } from '../../core/domain/access/channel-link.ts';
import { TypeOrmChannelLinkRepository } from '../../storage/access/typeorm-channel-link-repository.ts';
import { migrate, openDatabase } from '../../storage/data-source.ts';
import { startFakeSlackDelivery, startFakeTeamsConnector, type FakeSlackDelivery, type FakeTeamsConnector, type TimedCall } from '../support/fake-delivery-platforms.ts';
import { httpRequest } from '../support/http-request.ts';
import { botEnv, cli, startOutboxBot, tempDatabase, type OutboxBot } from '../support/outbox-bot.ts';
import { adaptiveCardIn } from '../support/adaptive-cards.ts';

/**
 * Kill and restart: nothing lost, nothing silently sent twice. The first bot is the real server, started as `npm start`
 * starts it, in a child process; it is killed (SIGKILL) while its sends are on the wire: some posts reached
 * Slack (the answer never came back), some never did, the Teams post reached the connector. A new
 * bot on the same database file must finish the job: every Slack channel shows each notice exactly
 * once (confirmed through its history); the Teams post, which nobody can confirm, is sent again
 * marked as possibly repeated (at least once, never silently lost).
 */

const ROOT = join(import.meta.dirname, '..', '..');
const ORG = 'org-ketenregie-restart';
const SLACK_CHANNELS = Array.from({ length: 30 }, (_, i) => `CR${String(i + 1).padStart(2, '0')}`);
/** Slack posted these before the crash (the answers were lost); the other half never arrived. */
const REACHED_SLACK = new Set(SLACK_CHANNELS.slice(0, 15));
const TEAMS_CHANNEL = '19:restart-meldingen@thread.tacv2';

const database = tempDatabase();
let slack: FakeSlackDelivery;
let connector: FakeTeamsConnector;
let child: ChildProcess | undefined;
let second: OutboxBot | undefined;
const notices = { a: '', b: '' };

const card = (title: string): CardView => ({ kind: 'incident', title, blocks: [{ type: 'text', text: `${title}: details` }], fallbackText: title });
const linkId = (channel: string) => `link-${channel}`;
const keyOf = (noticeId: string, channel: string) => `${noticeId}:${linkId(channel)}:post:1`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const cardTitle = (call: TimedCall): string | undefined => {
  const content = adaptiveCardIn(call);
  return content ? JSON.stringify(content).match(/"text":"(Melding [AB])"/)?.[1] : undefined;
};
const teamsCardsOf = (title: string) => connector.postsTo(TEAMS_CHANNEL).filter((c) => cardTitle(c) === title);

beforeAll(async () => {
  slack = await startFakeSlackDelivery();
  connector = await startFakeTeamsConnector();

  // Channel links and two notices for them, as the bot's announcer stores them.
  const dataSource = await openDatabase(database.url);
  await migrate(dataSource);
  const at = new Date().toISOString();
  const link = (platform: 'slack' | 'teams', channelId: string, extra: Partial<ChannelLink> = {}): ChannelLink => ({
    id: linkId(channelId), organisationId: ORG, platform, channelId, active: true, createdBy: 'test', createdAt: at, ...extra,
  });
  await new TypeOrmChannelLinkRepository(dataSource).save([
    ...SLACK_CHANNELS.map((c) => link('slack', c, { teamId: 'T1' })),
    link('teams', TEAMS_CHANNEL, {
      teamId: '19:restart-team@thread.tacv2',
      reference: {
        channelId: 'msteams', serviceUrl: `${connector.url}/`, bot: { id: '28:ketenbot-app-id', name: 'Ketenbot' },
        conversation: { id: TEAMS_CHANNEL, conversationType: 'channel', isGroup: true, tenantId: 'tenant-1' },
      },
    }),
  ], []);
  const services = composeServices(dataSource, systemClock, createLogger('silent', false));
  notices.a = (await services.announcer.announce('incident', 'inc-a', card('Melding A'), [ORG])).notice.id;
  notices.b = (await services.announcer.announce('incident', 'inc-b', card('Melding B'), [ORG])).notice.id;
  await dataSource.destroy();
});

afterAll(async () => {
  if (child?.exitCode === null && child.pid) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await second?.stop();
  await slack?.close();
  await connector?.close();
  database.remove();
});

/** The real server as `npm start` starts it (START_COMMAND), with a clean environment. */
function startChild(): { child: ChildProcess; output: { text: string }; exited: Promise<void> } {
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) clean[key] = value;
  for (const key of [...SECRET_KEYS, ...BOT_FRAMEWORK_KEYS, 'SLACK_API_URL', 'LOCAL_CHAT', 'PUBLIC_URL']) clean[key] = '';
  const proc = spawn(START_COMMAND[0]!, START_COMMAND.slice(1), {
    cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...clean, ...botEnv(database.url, { slackApiUrl: slack.apiUrl }), LOG_LEVEL: 'error' },
  });
  const output = { text: '' };
  proc.stdout!.on('data', (d: Buffer) => (output.text += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (output.text += d.toString()));
  const exited = new Promise<void>((resolve) => proc.on('exit', () => resolve()));
  return { child: proc, output, exited };
}

const reportOf = async (noticeId: string): Promise<Record<string, Record<string, number>>> => {
  const result = await cli(database.url, 'deliveries', '--notice', noticeId, '--json');
  expect(result.code, result.err).toBe(0);
  return Object.fromEntries((JSON.parse(result.out) as Array<{ channelId: string; counts: Record<string, number> }>).map((r) => [r.channelId, r.counts]));
};

describe('a crash while sends are in flight, then a restart on the same database', () => {
  it('the first bot (a real process) is killed while its sends are on the wire', async () => {
    // Slack: the posts of REACHED_SLACK are posted but never answered; the others are lost on the way.
    slack.script = (call) => (call.path === '/api/chat.postMessage' ? (REACHED_SLACK.has(call.body?.channel) ? { never: true, post: true } : { never: true }) : undefined);
    connector.script = (call) => (call.method === 'POST' ? { never: true } : undefined);

    const started = startChild();
    child = started.child;
    const deadline = Date.now() + 30_000;
    while (slack.callsOf('chat.postMessage').length < SLACK_CHANNELS.length || connector.postsTo(TEAMS_CHANNEL).length < 1) {
      expect(Date.now() < deadline, `the first bot did not send within 30 s:\n${started.output.text}`).toBe(true);
      expect(child.exitCode, `the first bot exited early:\n${started.output.text}`).toBeNull();
      await sleep(50);
    }
    await sleep(300);
    process.kill(-child.pid!, 'SIGKILL');
    await started.exited;

    // What it was sending: notice A, one post per channel (B waits behind A in every channel).
    expect(slack.callsOf('chat.postMessage').map((c) => c.body.metadata?.event_payload?.key).sort()).toEqual(SLACK_CHANNELS.map((c) => keyOf(notices.a, c)).sort());
    expect(connector.postsTo(TEAMS_CHANNEL).map(cardTitle)).toEqual(['Melding A']);
    for (const c of SLACK_CHANNELS) expect(slack.withKey(c, keyOf(notices.a, c))).toHaveLength(REACHED_SLACK.has(c) ? 1 : 0);

    // As the crash left the database: A in flight everywhere, B not started.
    const a = await reportOf(notices.a);
    const b = await reportOf(notices.b);
    expect(Object.keys(a)).toHaveLength(31);
    for (const counts of Object.values(a)) expect(counts).toMatchObject({ sending: 1, sent: 0 });
    for (const counts of Object.values(b)) expect(counts).toMatchObject({ pending: 1, sent: 0 });
  }, 60_000);

  it('a new bot on the same database: every Slack channel shows each notice exactly once', async () => {
    slack.script = undefined;
    slack.delayMs = 200;
    connector.script = undefined;
    const slackCallsBefore = slack.callsOf('chat.postMessage').length;
    const teamsCallsBefore = connector.calls.length;

    second = await startOutboxBot({ databaseUrl: database.url, slackApiUrl: slack.apiUrl });
    await expect.poll(() => SLACK_CHANNELS.filter((c) => slack.withKey(c, keyOf(notices.b, c)).length === 1).length, { timeout: 20_000, interval: 100 }).toBe(30);
    await expect.poll(() => teamsCardsOf('Melding B').length, { timeout: 5000 }).toBe(1);
    // Give a duplicate every chance to show up.
    await sleep(2500);

    for (const c of SLACK_CHANNELS) {
      expect(slack.withKey(c, keyOf(notices.a, c)), `${c}: notice A`).toHaveLength(1);
      expect(slack.withKey(c, keyOf(notices.b, c)), `${c}: notice B`).toHaveLength(1);
      expect(slack.messages(c), `${c}: nothing else`).toHaveLength(2);
    }
    // Only what never arrived was posted again; the others were confirmed through conversations.history.
    const again = slack.callsOf('chat.postMessage').slice(slackCallsBefore).filter((c) => c.body.metadata?.event_payload?.key?.startsWith(notices.a));
    expect(again.map((c) => c.body.channel).sort()).toEqual(SLACK_CHANNELS.filter((c) => !REACHED_SLACK.has(c)).sort());
    expect(slack.callsOf('conversations.history').map((c) => c.body.channel).sort()).toEqual([...SLACK_CHANNELS].sort());
    const teamsAgain = connector.calls.slice(teamsCallsBefore).filter((c) => c.method === 'POST');
    expect(teamsAgain.map(cardTitle).sort()).toEqual(['Melding A', 'Melding B']);
    // The repeat says so above its title; notice B, sent once, does not.
    const marked = (c: TimedCall) => JSON.stringify(adaptiveCardIn(c)).includes('"id":"possibly-repeated"');
    expect(teamsAgain.filter(marked).map(cardTitle)).toEqual(['Melding A']);
  }, 60_000);

  it('the Teams post that was in flight is sent again marked as possibly repeated, and the report says so', async () => {
    expect(teamsCardsOf('Melding A')).toHaveLength(2);
    const a = await reportOf(notices.a);
    expect(a[TEAMS_CHANNEL]).toMatchObject({ uncertain: 0, sent: 1, pending: 0, sending: 0 });
    for (const c of SLACK_CHANNELS) expect(a[c], c).toMatchObject({ sent: 1, sending: 0, pending: 0, uncertain: 0, dead: 0 });
    const b = await reportOf(notices.b);
    for (const counts of Object.values(b)) expect(counts).toMatchObject({ sent: 1, pending: 0 });

    // The text report says why.
    const text = await cli(database.url, 'deliveries', '--notice', notices.a);
    expect(text.out).toContain('unconfirmable at a crash, sent again marked "possibly repeated"');
    expect(text.out).toContain('had not arrived at a crash, sent again');
    expect(text.out).toContain('confirmed arrived after a crash');
    const metrics = (await httpRequest(`${second!.url}/metrics`)).text;
    expect(metrics).toMatch(/^ketenbot_delivery_uncertain_total\{platform="teams"\} 1$/m);
    expect(metrics).toMatch(/^ketenbot_delivery_uncertain_total\{platform="slack"\} 0$/m);
  });

  it('a revision after the restart edits the Slack messages that were confirmed after the crash', async () => {
    await second!.bot.services.announcer.revise(notices.a, card('Melding A bijgewerkt'));
    await expect.poll(() => SLACK_CHANNELS.filter((c) => slack.withKey(c, keyOf(notices.a, c))[0]?.updates === 1).length, { timeout: 20_000, interval: 100 }).toBe(30);
    for (const c of SLACK_CHANNELS) expect(JSON.stringify(slack.withKey(c, keyOf(notices.a, c))[0]!.blocks)).toContain('Melding A bijgewerkt');
  }, 30_000);
});
