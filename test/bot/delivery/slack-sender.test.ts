import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deliveryClient } from '../../../bot/delivery/delivery-client.ts';
import { SlackSender } from '../../../bot/delivery/slack-sender.ts';
import type { CardView } from '../../../cards/views/card-view.ts';
import type { Delivery } from '../../../core/delivery/delivery.ts';
import { startFakeSlackDelivery, type FakeSlackDelivery } from '../../support/fake-delivery-platforms.ts';

/**
 * The Slack sender with the outbox's Web API client (deliveryClient: no retries of its own) against
 * a fake Slack: what a channel shows after each send, and what each Slack answer means for the
 * outbox — above all, which answers end a channel's link ("gone").
 */

const card: CardView = { kind: 'incident', title: 'Storing ketenportaal', blocks: [{ type: 'text', text: 'Details' }], fallbackText: 'Storing ketenportaal' };

let slack: FakeSlackDelivery;
let sender: SlackSender;
beforeAll(async () => {
  slack = await startFakeSlackDelivery();
  sender = new SlackSender(await deliveryClient({ botToken: 'xoxb-test', apiUrl: slack.apiUrl }));
});
afterAll(async () => {
  await slack?.close();
});
beforeEach(() => {
  slack.script = undefined;
});

let n = 0;
const delivery = (operation: Delivery['operation'], channelId = `C${++n}`, extra: Partial<Delivery> = {}): Delivery => ({
  id: `d-${n}`, noticeId: 'n-1', linkId: `l-${channelId}`, organisationId: 'org', platform: 'slack', channelId,
  operation, idempotencyKey: `n-1:l-${channelId}:${operation}:1`, status: 'sending', attempts: 1, nextAttemptAt: new Date().toISOString(),
  sendingStartedAt: new Date().toISOString(), createdAt: new Date().toISOString(), ...extra,
});
const refuse = (method: string, error: string) => {
  slack.script = (call) => (call.path === `/api/${method}` ? { json: { ok: false, error } } : undefined);
};

describe('SlackSender.send', () => {
  it('post: blocks and the idempotency key as message metadata; the ts is the message id', async () => {
    const d = delivery('post');
    const result = await sender.send(d, { card }, undefined);
    const [message] = slack.messages(d.channelId);
    expect(result).toEqual({ kind: 'sent', messageId: message!.ts });
    expect(message!.metadata).toEqual({ event_type: 'ketenbot_delivery', event_payload: { key: d.idempotencyKey } });
    expect(JSON.stringify(message!.blocks)).toContain('Storing ketenportaal');
    expect(message!.text).toBe('Storing ketenportaal');
  });

  it('update: chat.update of the posted message; reply: a message in its thread', async () => {
    const post = delivery('post');
    const posted = await sender.send(post, { card }, undefined);
    const ts = (posted as { messageId: string }).messageId;
    expect(await sender.send(delivery('update', post.channelId), { card: { ...card, title: 'Opgelost' } }, ts)).toEqual({ kind: 'sent', messageId: ts });
    const reply = await sender.send(delivery('reply', post.channelId), { text: 'Opgelost' }, ts);
    expect(reply.kind).toBe('sent');
    const [top, threaded] = slack.messages(post.channelId);
    expect(top).toMatchObject({ ts, updates: 1 });
    expect(JSON.stringify(top!.blocks)).toContain('Opgelost');
    expect(threaded).toMatchObject({ thread_ts: ts, text: 'Opgelost' });
    expect(threaded!.metadata).toBeUndefined();
  });

  it('429 with Retry-After: retry after that time, rate limited; the client does not retry by itself', async () => {
    slack.script = (call) => (call.path === '/api/chat.postMessage' ? { status: 429, headers: { 'retry-after': '7' }, json: { ok: false, error: 'ratelimited' } } : undefined);
    const d = delivery('post');
    expect(await sender.send(d, { card }, undefined)).toMatchObject({ kind: 'retry', rateLimited: true, afterMs: 7000 });
    expect(slack.callsOf('chat.postMessage').filter((c) => c.body.channel === d.channelId)).toHaveLength(1);
  });

  it('a 5xx: retry, and the client does not retry by itself', async () => {
    slack.script = (call) => (call.path === '/api/chat.postMessage' ? { status: 503, json: { ok: false, error: 'service_unavailable' } } : undefined);
    const d = delivery('post');
    expect(await sender.send(d, { card }, undefined)).toMatchObject({ kind: 'retry' });
    expect(slack.callsOf('chat.postMessage').filter((c) => c.body.channel === d.channelId)).toHaveLength(1);
  });

  it.each(['channel_not_found', 'not_in_channel', 'is_archived'])('%s: the channel is gone', async (error) => {
    refuse('chat.postMessage', error);
    expect(await sender.send(delivery('post'), { card }, undefined)).toMatchObject({ kind: 'gone', error: expect.stringContaining(error) });
  });

  it.each(['invalid_blocks', 'msg_too_long', 'invalid_arguments'])('%s: refused for good (failed), the channel stays linked', async (error) => {
    refuse('chat.postMessage', error);
    expect(await sender.send(delivery('post'), { card }, undefined)).toMatchObject({ kind: 'failed', error: expect.stringContaining(error) });
  });

  it('an update of a message someone deleted (message_not_found) does not end the channel\'s link', async () => {
    refuse('chat.update', 'message_not_found');
    const result = await sender.send(delivery('update'), { card }, '1717315200.000100');
    // The channel is fine: only that one message is gone. "gone" would deactivate the link for every future alert.
    expect(result.kind).not.toBe('gone');
  });

  it('a bad or revoked bot token (invalid_auth) does not end the channel\'s link', async () => {
    refuse('chat.postMessage', 'invalid_auth');
    const result = await sender.send(delivery('post'), { card }, undefined);
    // Every channel answers the same until the token is fixed: deactivating them all (and telling the
    // administrators through that same broken token, which fails) loses every Slack alert channel.
    expect(result.kind).not.toBe('gone');
  });
});

describe('SlackSender.check (after a crash)', () => {
  it('a post that reached the channel is found by its key, with its ts', async () => {
    const d = delivery('post');
    await sender.send(d, { card }, undefined);
    const [message] = slack.messages(d.channelId);
    expect(await sender.check(d)).toEqual({ delivered: true, messageId: message!.ts });
  });

  it('a post that did not: not delivered (so it is sent again)', async () => {
    const d = delivery('post');
    // Another post of the same channel, with another key, is not it.
    await sender.send({ ...d, idempotencyKey: 'other-notice:l:post:1' }, { card }, undefined);
    expect(await sender.check(d)).toEqual({ delivered: false });
  });

  it('updates and replies cannot be checked: undefined (reported uncertain)', async () => {
    expect(await sender.check(delivery('update'))).toBeUndefined();
    expect(await sender.check(delivery('reply'))).toBeUndefined();
  });

  it('asks conversations.history from a minute before the send started, with metadata', async () => {
    const started = new Date(Date.now() - 5 * 60_000);
    const d = delivery('post', undefined, { sendingStartedAt: started.toISOString() });
    await sender.check(d);
    const call = slack.callsOf('conversations.history').filter((c) => c.body.channel === d.channelId).at(-1)!;
    expect(Number(call.body.oldest)).toBeCloseTo(started.getTime() / 1000 - 60, 3);
    expect(String(call.body.include_all_metadata)).toBe('true');
  });
});
