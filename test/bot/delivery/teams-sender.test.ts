import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { teamsResult, TeamsSender } from '../../../bot/delivery/teams-sender.ts';
import { nl } from '../../../cards/i18n/nl.ts';
import type { CardView } from '../../../cards/views/card-view.ts';
import type { Delivery } from '../../../core/delivery/delivery.ts';
import { startFakeTeamsConnector, type FakeTeamsConnector } from '../../support/fake-delivery-platforms.ts';

/**
 * The Teams sender against a fake Bot Connector: what it sends, and what each connector answer
 * means for the outbox (sent, retry with Retry-After, gone, failed). Every answer must reach the
 * outbox: nothing retried or swallowed on the way, and never an error text into the alert channel.
 */

const CHANNEL = '19:sender@thread.tacv2';
const card: CardView = { kind: 'incident', title: 'Storing', blocks: [{ type: 'text', text: 'Details' }], fallbackText: 'Storing' };

let connector: FakeTeamsConnector;
let sender: TeamsSender;
let token: string | undefined;
beforeAll(async () => {
  connector = await startFakeTeamsConnector();
  sender = new TeamsSender(async () => token);
});
afterAll(async () => {
  await connector?.close();
});
beforeEach(() => {
  connector.calls.length = 0;
  connector.script = undefined;
  token = undefined;
});

const delivery = (operation: Delivery['operation'], extra: Partial<Delivery> = {}): Delivery => ({
  id: `d-${operation}`, noticeId: 'n-1', linkId: 'l-1', organisationId: 'org', platform: 'teams', channelId: CHANNEL, teamId: 'team',
  reference: { channelId: 'msteams', serviceUrl: `${connector.url}/`, bot: { id: '28:bot' }, conversation: { id: CHANNEL, conversationType: 'channel', isGroup: true } },
  operation, idempotencyKey: `n-1:l-1:${operation}:1`, status: 'sending', attempts: 1, nextAttemptAt: '2025-01-01T00:00:00.000Z', createdAt: '2025-01-01T00:00:00.000Z',
  ...extra,
});

const answerWith = (status: number, headers: Record<string, string> = {}) => {
  connector.script = (call) => (call.method !== 'GET' ? { status, headers, json: { error: { code: `E${status}`, message: `fake ${status}` } } } : undefined);
};

describe('TeamsSender.send', () => {
  it('post: the card as a new message in the channel; the connector\'s activity id is the message id', async () => {
    const before = Date.now();
    const result = await sender.send(delivery('post'), { card }, undefined);
    expect(result).toEqual({ kind: 'sent', messageId: 'activity-1', leftAt: expect.any(Number) });
    // When the request had been written out: what the outbox counts against the rate limits.
    expect(result.leftAt).toBeGreaterThanOrEqual(before);
    expect(result.leftAt).toBeLessThanOrEqual(Date.now());
    expect(connector.calls[0]!.headers['content-type']).toMatch(/^application\/json/);
    const [post] = connector.postsTo(CHANNEL);
    expect(post!.path).toBe(`/v3/conversations/${CHANNEL}/activities`);
    expect(post!.body.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(post!.body.replyToId).toBeUndefined();
  });

  it('with Bot Framework credentials, the request carries the bearer token', async () => {
    token = 'eyJ-test-token';
    await sender.send(delivery('post'), { card }, undefined);
    expect(connector.calls[0]!.headers.authorization).toBe('Bearer eyJ-test-token');
  });

  it('update: PUT of the posted activity', async () => {
    expect(await sender.send(delivery('update'), { card }, 'activity-7')).toMatchObject({ kind: 'sent' });
    expect(connector.putsTo(CHANNEL).map((c) => c.path)).toEqual([`/v3/conversations/${CHANNEL}/activities/activity-7`]);
  });

  it('reply: the text in the post\'s thread', async () => {
    const result = await sender.send(delivery('reply', { text: 'Opgelost' }), { text: 'Opgelost' }, 'activity-7');
    expect(result.kind).toBe('sent');
    expect(connector.postsTo(`${CHANNEL};messageid=activity-7`).map((c) => c.body.text)).toEqual(['Opgelost']);
  });

  it('no stored conversation reference: gone, nothing sent', async () => {
    expect(await sender.send(delivery('post', { reference: undefined }), { card }, undefined)).toMatchObject({ kind: 'gone' });
    expect(connector.calls).toEqual([]);
  });

  it.each([
    { status: 429, headers: { 'retry-after': '3' }, expected: { kind: 'retry', rateLimited: true, afterMs: 3000 } },
    { status: 429, headers: {}, expected: { kind: 'retry', rateLimited: true } },
    { status: 503, headers: {}, expected: { kind: 'retry' } },
    { status: 500, headers: {}, expected: { kind: 'retry' } },
    { status: 412, headers: {}, expected: { kind: 'retry' } },
    { status: 404, headers: {}, expected: { kind: 'gone' } },
    { status: 403, headers: {}, expected: { kind: 'gone' } },
    { status: 400, headers: {}, expected: { kind: 'failed' } },
  ] as Array<{ status: number; headers: Record<string, string>; expected: Record<string, unknown> }>)('the connector keeps answering $status → $expected.kind, and no error text is posted into the alert channel', async ({ status, headers, expected }) => {
    answerWith(status, headers);
    const result = await sender.send(delivery('post'), { card }, undefined);
    // The error must reach the outbox (retry later, deactivate the link, or give up) …
    expect(result).toMatchObject(expected);
    // … once (the outbox decides when to try again), and the channel's members must not read
    // "Er ging iets mis aan mijn kant. Probeer het zo nog eens".
    expect(connector.calls).toHaveLength(1);
    expect(connector.calls.map((c) => c.body?.text)).not.toContain(nl['error.generic']);
  });

  it('the connector cannot be reached: retry', async () => {
    const d = delivery('post', { reference: { serviceUrl: 'http://127.0.0.1:9/', conversation: { id: CHANNEL } } });
    expect(await sender.send(d, { card }, undefined)).toMatchObject({ kind: 'retry' });
  });
});

describe('teamsResult: a connector answer as the outbox sees it', () => {
  it.each([
    { status: 429, retryAfter: '2', expected: { kind: 'retry', rateLimited: true, afterMs: 2000 } },
    { status: 429, retryAfter: null, expected: { kind: 'retry', rateLimited: true } },
    { status: 429, retryAfter: 'soon', expected: { kind: 'retry', rateLimited: true } },
    { status: 500, retryAfter: null, expected: { kind: 'retry' } },
    { status: 502, retryAfter: null, expected: { kind: 'retry' } },
    { status: 503, retryAfter: null, expected: { kind: 'retry' } },
    { status: 504, retryAfter: null, expected: { kind: 'retry' } },
    { status: 412, retryAfter: null, expected: { kind: 'retry' } },
    { status: 403, retryAfter: null, expected: { kind: 'gone' } },
    { status: 404, retryAfter: null, expected: { kind: 'gone' } },
    { status: 400, retryAfter: null, expected: { kind: 'failed' } },
    { status: 401, retryAfter: null, expected: { kind: 'failed' } },
  ])('$status (Retry-After $retryAfter) → $expected.kind', ({ status, retryAfter, expected }) => {
    const result = teamsResult(status, retryAfter, '{"error":{"code":"X","message":"fake"}}');
    expect(result).toMatchObject(expected);
    expect((result as { error: string }).error).toContain(String(status));
    if (!('afterMs' in expected)) expect(result).not.toHaveProperty('afterMs');
  });
});
