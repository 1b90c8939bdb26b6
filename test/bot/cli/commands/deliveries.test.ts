import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DeliveryTarget, Notice } from '../../../../core/delivery/delivery.ts';
import { migrate, openDatabase } from '../../../../storage/data-source.ts';
import { TypeOrmOutboxRepository } from '../../../../storage/delivery/typeorm-outbox-repository.ts';
import { runKetenbot, sqliteFolderPerTest } from '../../../support/ketenbot-cli.ts';

/** `ketenbot deliveries` and `ketenbot deliveries resend`, in-process against a SQLite file the bot would use. */

const T0 = new Date('2025-06-02T08:00:00.000Z');
const HEADER = ['notice', 'platform', 'channel', 'organisation', 'sent', 'pending', 'sending', 'retrying', 'dead', 'uncertain', 'notes'].join('\t');

const folder = sqliteFolderPerTest('ketenbot-cli-deliveries-');

const cli = (...args: string[]) => runKetenbot(folder.url, args);

const target = (platform: 'slack' | 'teams', channelId: string, organisationId: string): DeliveryTarget => ({ linkId: `link-${channelId}`, organisationId, platform, channelId });

/**
 * Two notices as a running bot would leave them. Notice A: C1 posted and its card updated, CGONE dead
 * (channel_not_found), the Teams channel uncertain after a crash. Notice B: C1 still pending.
 */
async function seed(): Promise<{ a: Notice; b: Notice }> {
  const dataSource = await openDatabase(folder.url);
  await migrate(dataSource);
  try {
    const outbox = new TypeOrmOutboxRepository(dataSource);
    const notice = (title: string): Notice => ({
      id: randomUUID(), kind: 'incident', subjectId: title, version: 1, card: { kind: 'notice', title, blocks: [], fallbackText: title },
      createdAt: T0.toISOString(), updatedAt: T0.toISOString(),
    });
    const a = notice('A');
    const b = notice('B');
    await outbox.publish(a, [target('slack', 'C1', 'org-west'), target('slack', 'CGONE', 'org-west'), target('teams', '19:t@thread.tacv2', 'org-oost')]);
    const posts = await outbox.due(T0, 10);
    const of = (channel: string) => posts.find((p) => p.channelId === channel)!;
    for (const p of posts) await outbox.markSending(p.id, T0);
    // C1's post was in flight at a crash and then confirmed through Slack's history.
    await outbox.markSent(of('C1').id, '1717315200.000100', T0, 'confirmed');
    await outbox.markDead(of('CGONE').id, 'channel_not_found: An API error occurred: channel_not_found');
    await outbox.markUncertain(of('19:t@thread.tacv2').id, 'in flight when the bot stopped; the platform cannot confirm whether it arrived');
    await outbox.revise(a.id, { ...a.card, title: 'A2' }, { now: T0 });
    const update = (await outbox.due(T0, 10)).find((d) => d.channelId === 'C1' && d.operation === 'update');
    await outbox.markSending(update!.id, T0);
    await outbox.markSent(update!.id, '1717315200.000100', T0);
    await outbox.revise(a.id, { ...a.card, title: 'A3' }, { now: T0 });
    await outbox.publish(b, [target('slack', 'C1', 'org-west')]);
    return { a, b };
  } finally {
    await dataSource.destroy();
  }
}

describe('ketenbot deliveries', () => {
  it('with nothing published yet says so', async () => {
    expect(await cli('deliveries')).toEqual({ code: 0, out: 'No deliveries yet.', err: '' });
    expect(await cli('deliveries', '--notice', 'n-1')).toEqual({ code: 0, out: 'No deliveries for notice n-1.', err: '' });
    expect(await cli('deliveries', '--json')).toEqual({ code: 0, out: '[]', err: '' });
  });

  it('the text report: one line per notice and channel with the counts, and the error of what failed', async () => {
    const { a, b } = await seed();
    const result = await cli('deliveries');
    expect(result.code).toBe(0);
    expect(result.err).toBe('');
    const lines = result.out.split('\n');
    expect(lines[0]).toBe(HEADER);
    expect(lines.slice(1).sort()).toEqual([
      // C1 of A: post and first update sent, the second update pending. The Teams channel's first update was
      // superseded by the second (not a column of the text report).
      [a.id, 'slack', 'C1', 'org-west', 2, 1, 0, 0, 0, 0, '1 confirmed arrived after a crash'].join('\t'),
      [a.id, 'slack', 'CGONE', 'org-west', 0, 0, 0, 0, 1, 0, 'channel_not_found: An API error occurred: channel_not_found'].join('\t'),
      [a.id, 'teams', '19:t@thread.tacv2', 'org-oost', 0, 1, 0, 0, 0, 1, 'in flight when the bot stopped; the platform cannot confirm whether it arrived'].join('\t'),
      [b.id, 'slack', 'C1', 'org-west', 0, 1, 0, 0, 0, 0].join('\t'),
    ].sort());
  });

  it('--notice limits the report to one notice', async () => {
    const { b } = await seed();
    const result = await cli('deliveries', '--notice', b.id);
    expect(result).toEqual({ code: 0, out: [HEADER, [b.id, 'slack', 'C1', 'org-west', 0, 1, 0, 0, 0, 0].join('\t')].join('\n'), err: '' });
  });

  it('--json: every status counted (zero included), per channel, with the error', async () => {
    const { a } = await seed();
    const result = await cli('deliveries', '--notice', a.id, '--json');
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.out) as Array<Record<string, unknown>>;
    const byChannel = Object.fromEntries(rows.map((r) => [r.channelId, r]));
    expect(Object.keys(byChannel).sort()).toEqual(['19:t@thread.tacv2', 'C1', 'CGONE']);
    expect(byChannel.C1).toEqual({
      noticeId: a.id, linkId: 'link-C1', organisationId: 'org-west', platform: 'slack', channelId: 'C1',
      counts: { sent: 2, pending: 1, sending: 0, retrying: 0, dead: 0, uncertain: 0, superseded: 0 },
      recovered: { confirmed: 1 },
    });
    expect(byChannel.CGONE).toMatchObject({ counts: { sent: 0, dead: 1 }, lastError: 'channel_not_found: An API error occurred: channel_not_found' });
    expect(byChannel['19:t@thread.tacv2']).toMatchObject({ platform: 'teams', organisationId: 'org-oost', counts: { uncertain: 1, pending: 1, superseded: 1, sent: 0 } });
  });

  it('--help shows the usage', async () => {
    expect(await cli('deliveries', '--help')).toEqual({ code: 0, out: expect.stringContaining('Usage: ketenbot deliveries [--notice ID] [--json]'), err: '' });
  });
});

describe('ketenbot deliveries resend', () => {
  it('--failed --notice: dead and uncertain deliveries of that notice go back in the queue; the report shows them pending', async () => {
    const { a, b } = await seed();
    const result = await cli('deliveries', 'resend', '--failed', '--notice', a.id);
    expect(result).toEqual({ code: 0, out: `2 deliveries of notice ${a.id} queued again; the running bot sends them.`, err: '' });

    const rows = JSON.parse((await cli('deliveries', '--json')).out) as Array<{ noticeId: string; channelId: string; counts: Record<string, number> }>;
    const counts = (notice: string, channel: string) => rows.find((r) => r.noticeId === notice && r.channelId === channel)!.counts;
    expect(counts(a.id, 'CGONE')).toMatchObject({ dead: 0, pending: 1 });
    expect(counts(a.id, '19:t@thread.tacv2')).toMatchObject({ uncertain: 0, pending: 2 });
    expect(counts(a.id, 'C1')).toMatchObject({ sent: 2, pending: 1 });
    expect(counts(b.id, 'C1')).toMatchObject({ pending: 1 });
    // The post a check confirmed is never posted again; the uncertain one goes out marked as possibly repeated.
    const recovered = (notice: string, channel: string) => (rows.find((r) => r.noticeId === notice && r.channelId === channel) as { recovered?: object }).recovered;
    expect(recovered(a.id, 'C1')).toEqual({ confirmed: 1 });
    expect(recovered(a.id, '19:t@thread.tacv2')).toEqual({ resent: 1 });
    expect((await cli('deliveries', '--notice', a.id)).out).toContain('unconfirmable at a crash, sent again marked "possibly repeated"');

    // Nothing left to resend.
    expect((await cli('deliveries', 'resend', '--failed', '--notice', a.id)).out).toBe(`0 deliveries of notice ${a.id} queued again; the running bot sends them.`);
  });

  it('a notice with nothing failed: 0, nothing changes', async () => {
    const { b } = await seed();
    expect(await cli('deliveries', 'resend', '--failed', '--notice', b.id)).toEqual({ code: 0, out: `0 deliveries of notice ${b.id} queued again; the running bot sends them.`, err: '' });
  });
});

describe('usage errors exit 2 with the usage', () => {
  it.each([
    { args: ['deliveries', 'resend', '--notice', 'n-1'], usage: 'ketenbot deliveries resend --failed --notice ID', says: '--failed' },
    { args: ['deliveries', 'resend', '--failed'], usage: 'ketenbot deliveries resend --failed --notice ID', says: '--notice' },
    { args: ['deliveries', 'resend'], usage: 'ketenbot deliveries resend --failed --notice ID', says: '--failed' },
    { args: ['deliveries', 'resend', '--failed', '--notice', 'n-1', '--all'], usage: 'ketenbot deliveries resend --failed --notice ID', says: '--all' },
    { args: ['deliveries', '--bogus'], usage: 'ketenbot deliveries [--notice ID] [--json]', says: '--bogus' },
    { args: ['deliveries', '--notice'], usage: 'ketenbot deliveries [--notice ID] [--json]', says: '--notice' },
    { args: ['deliveries', 'resnd', '--failed'], usage: 'ketenbot deliveries [--notice ID] [--json]', says: 'resnd' },
  ].map((c) => ({ ...c, line: c.args.join(' ') })))('ketenbot $line', async ({ args, usage, says }) => {
    const result = await cli(...args);
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toContain(says);
    expect(result.err).toContain(`Usage: ${usage}`);
  });

  it('a usage error changes nothing', async () => {
    const { a } = await seed();
    expect((await cli('deliveries', 'resend', '--notice', a.id)).code).toBe(2);
    const rows = JSON.parse((await cli('deliveries', '--notice', a.id, '--json')).out) as Array<{ channelId: string; counts: Record<string, number> }>;
    expect(rows.find((r) => r.channelId === 'CGONE')!.counts.dead).toBe(1);
  });
});
