import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CardView } from '../../../cards/views/card-view.ts';
import type { Delivery, DeliveryTarget, Notice } from '../../../core/delivery/delivery.ts';
import { TypeOrmOutboxRepository } from '../../../storage/delivery/typeorm-outbox-repository.ts';
import { DATABASE_KINDS, databasePerTest, type DatabaseKind } from '../../support/databases.ts';

/** The outbox's storage, on a real SQLite file and the real Postgres server. */

const T0 = new Date('2025-06-02T08:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const card = (title: string): CardView => ({ kind: 'notice', title, blocks: [{ type: 'text', text: `${title} – details` }], fallbackText: title });
const slack = (channelId: string, organisationId = 'org-a'): DeliveryTarget => ({ linkId: `link-${channelId}`, organisationId, platform: 'slack', channelId, teamId: 'T1' });
const teams = (channelId: string): DeliveryTarget => ({
  linkId: `link-${channelId}`, organisationId: 'org-b', platform: 'teams', channelId, teamId: '19:team@thread.tacv2',
  reference: { conversation: { id: channelId, conversationType: 'channel' }, serviceUrl: 'https://smba.trafficmanager.net/emea/', bot: { id: '28:bot' } },
});

function notice(title: string, createdAt = T0): Notice {
  return { id: randomUUID(), kind: 'incident', subjectId: `inc-${title}`, version: 1, card: card(title), createdAt: createdAt.toISOString(), updatedAt: createdAt.toISOString() };
}

describe.each(DATABASE_KINDS)('the outbox on %s', (kind: DatabaseKind) => {
  const databases = databasePerTest(kind);

  async function setup() {
    const db = await databases.open();
    const outbox = new TypeOrmOutboxRepository(db.dataSource);
    /** The open (pending, retrying) and sending rows of a notice, as the worker sees them: posts first. */
    const rows = async (noticeId: string): Promise<Delivery[]> => {
      const order = { post: 0, update: 1, reply: 2 } as const;
      const all = [...(await outbox.due(at(10 ** 10), 10_000)), ...(await outbox.inFlight())].filter((d) => d.noticeId === noticeId);
      return all.sort((a, b) => order[a.operation] - order[b.operation] || a.channelId.localeCompare(b.channelId) || a.idempotencyKey.localeCompare(b.idempotencyKey));
    };
    /** Status of every row of a notice, as [channel, operation, status], from the table itself. */
    const statuses = async (noticeId: string): Promise<Array<[string, string, string]>> => {
      const raw = await db.dataSource.query(
        kind === 'postgres' ? 'SELECT channel_id, operation, status FROM delivery WHERE notice_id = $1' : 'SELECT channel_id, operation, status FROM delivery WHERE notice_id = ?',
        [noticeId],
      ) as Array<{ channel_id: string; operation: string; status: string }>;
      const order: Record<string, number> = { post: 0, update: 1, reply: 2 };
      return raw
        .map((r): [string, string, string] => [r.channel_id, r.operation, r.status])
        .sort((a, b) => a[0].localeCompare(b[0]) || order[a[1]]! - order[b[1]]! || a[2].localeCompare(b[2]));
    };
    return { outbox, rows, statuses };
  }

  describe('publish', () => {
    it('stores the notice and one pending post per target, with everything the sender needs', async () => {
      const { outbox, rows } = await setup();
      const n = notice('Storing');
      await outbox.publish(n, [slack('C1'), slack('C2'), teams('19:ch@thread.tacv2')]);

      expect(await outbox.notice(n.id)).toEqual(n);
      const posts = await rows(n.id);
      expect(posts).toHaveLength(3);
      for (const post of posts) {
        expect(post).toMatchObject({ noticeId: n.id, operation: 'post', status: 'pending', attempts: 0, nextAttemptAt: T0.toISOString(), createdAt: T0.toISOString() });
        expect(post.idempotencyKey).toBe(`${n.id}:${post.linkId}:post:1`);
        expect(post.messageId).toBeUndefined();
      }
      expect(posts.find((p) => p.channelId === 'C1')).toMatchObject({ platform: 'slack', linkId: 'link-C1', organisationId: 'org-a', teamId: 'T1' });
      expect(posts.find((p) => p.platform === 'teams')).toMatchObject({ organisationId: 'org-b', reference: teams('19:ch@thread.tacv2').reference });
    });

    it('a notice for no channels is stored without deliveries', async () => {
      const { outbox } = await setup();
      const n = notice('Niemand');
      await outbox.publish(n, []);
      expect(await outbox.notice(n.id)).toEqual(n);
      expect(await outbox.report(n.id)).toEqual([]);
    });

    it('many channels (more than one insert batch) are all stored', async () => {
      const { outbox } = await setup();
      const n = notice('Groot');
      await outbox.publish(n, Array.from({ length: 250 }, (_, i) => slack(`C${i}`)));
      expect(await outbox.report(n.id)).toHaveLength(250);
      expect(await outbox.due(T0, 1000)).toHaveLength(250);
    });

    it('one transaction: a failing delivery insert (a duplicate idempotency key) leaves neither the notice nor any delivery', async () => {
      const { outbox } = await setup();
      const n = notice('Dubbel');
      // The same link twice gives the same idempotency key: the unique index refuses the second row.
      await expect(outbox.publish(n, [slack('C1'), slack('C2'), slack('C1')])).rejects.toThrow();
      expect(await outbox.notice(n.id)).toBeUndefined();
      expect(await outbox.report(n.id)).toEqual([]);
      expect(await outbox.due(T0, 100)).toEqual([]);
    });

    it('a failure in a later insert batch also rolls back the earlier batches', async () => {
      const { outbox } = await setup();
      const n = notice('Dubbel groot');
      const targets = Array.from({ length: 150 }, (_, i) => slack(`C${i}`));
      await expect(outbox.publish(n, [...targets, slack('C3')])).rejects.toThrow();
      expect(await outbox.notice(n.id)).toBeUndefined();
      expect(await outbox.report()).toEqual([]);
    });

    it('publishing the same notice twice is refused and leaves the first intact', async () => {
      const { outbox } = await setup();
      const n = notice('Eens');
      await outbox.publish(n, [slack('C1')]);
      await expect(outbox.publish({ ...n, card: card('Anders') }, [slack('C2')])).rejects.toThrow();
      expect((await outbox.notice(n.id))?.card.title).toBe('Eens');
      expect((await outbox.report(n.id)).map((r) => r.channelId)).toEqual(['C1']);
    });
  });

  describe('due', () => {
    it('pending and retrying rows whose time has come, oldest due first, at most `limit`', async () => {
      const { outbox } = await setup();
      const early = notice('Vroeg', T0);
      const late = notice('Laat', at(60_000));
      await outbox.publish(late, [slack('CL')]);
      await outbox.publish(early, [slack('CE1'), slack('CE2')]);
      const [e1, e2] = [...await outbox.due(at(60_000), 10)].filter((d) => d.noticeId === early.id).sort((a, b) => a.channelId.localeCompare(b.channelId));

      // Not yet due: only the early notice.
      expect((await outbox.due(at(59_999), 10)).map((d) => d.channelId).sort()).toEqual(['CE1', 'CE2']);
      expect((await outbox.due(at(60_000), 10)).map((d) => d.noticeId)).toEqual([early.id, early.id, late.id]);
      expect(await outbox.due(at(60_000), 2)).toHaveLength(2);

      // A retry later than the late notice goes after it; a sending, sent or dead row is not due.
      await outbox.markSending(e1!.id, at(1000));
      await outbox.markRetry(e1!.id, at(90_000), '503');
      await outbox.markSending(e2!.id, at(1000));
      expect((await outbox.due(at(89_999), 10)).map((d) => d.channelId)).toEqual(['CL']);
      expect((await outbox.due(at(90_000), 10)).map((d) => [d.channelId, d.status])).toEqual([['CL', 'pending'], ['CE1', 'retrying']]);
      await outbox.markSent(e2!.id, '1.1', at(2000));
      const [cl] = await outbox.due(at(90_000), 1);
      await outbox.markDead(cl!.id, 'channel_not_found');
      expect((await outbox.due(at(10 ** 9), 10)).map((d) => d.channelId)).toEqual(['CE1']);
    });

    it('rows due at the same time come out in the order they were made', async () => {
      const { outbox } = await setup();
      const a = notice('A', T0);
      const b = notice('B', at(10));
      await outbox.publish(b, [slack('C1')]);
      await outbox.publish(a, [slack('C1')]);
      await outbox.revise(b.id, card('B2'), { now: at(20), reply: 'x' });
      expect((await outbox.due(at(100), 10)).map((d) => d.noticeId)).toEqual([a.id, b.id, b.id]);
    });
  });

  describe('markSending is a claim', () => {
    it('two concurrent claims of one row: exactly one wins', async () => {
      const { outbox } = await setup();
      const n = notice('Claim');
      await outbox.publish(n, [slack('C1')]);
      const [d] = await outbox.due(T0, 1);
      const results = await Promise.all([outbox.markSending(d!.id, T0), outbox.markSending(d!.id, T0)]);
      expect(results.filter(Boolean)).toHaveLength(1);
      const [sending] = await outbox.inFlight();
      expect(sending).toMatchObject({ id: d!.id, status: 'sending', attempts: 1, sendingStartedAt: T0.toISOString() });
    });

    it('many rows claimed by two workers at once: every row by exactly one', async () => {
      const { outbox } = await setup();
      const n = notice('Veel');
      await outbox.publish(n, Array.from({ length: 40 }, (_, i) => slack(`C${i}`)));
      const due = await outbox.due(T0, 100);
      const claims = await Promise.all(due.flatMap((d) => [outbox.markSending(d.id, T0), outbox.markSending(d.id, T0)]));
      expect(claims.filter(Boolean)).toHaveLength(40);
      for (let i = 0; i < due.length; i++) expect([claims[2 * i], claims[2 * i + 1]].filter(Boolean)).toHaveLength(1);
    });

    it('markSendingMany: two workers claiming overlapping rows at once take each row once, and the claim time is kept', async () => {
      const { outbox } = await setup();
      const n = notice('Ronde');
      await outbox.publish(n, Array.from({ length: 30 }, (_, i) => slack(`C${i}`)));
      const ids = (await outbox.due(T0, 100)).map((d) => d.id);
      const [first, second] = await Promise.all([outbox.markSendingMany(ids.slice(0, 20), at(100)), outbox.markSendingMany(ids.slice(10), at(100))]);
      expect([...first].filter((id) => second.has(id))).toEqual([]);
      expect(new Set([...first, ...second])).toEqual(new Set(ids));
      const inFlight = await outbox.inFlight();
      expect(inFlight).toHaveLength(30);
      for (const d of inFlight) expect(d).toMatchObject({ status: 'sending', attempts: 1, sendingStartedAt: at(100).toISOString() });
      // Nothing left to claim; an empty round claims nothing.
      expect(await outbox.markSendingMany(ids, at(200))).toEqual(new Set());
      expect(await outbox.markSendingMany([], at(200))).toEqual(new Set());
    });

    it('a row that is sent, dead or already sending cannot be claimed; a retrying one can', async () => {
      const { outbox } = await setup();
      const n = notice('Status');
      await outbox.publish(n, [slack('C1'), slack('C2'), slack('C3'), slack('C4')]);
      const [a, b, c, d] = (await outbox.due(T0, 10)).sort((x, y) => x.channelId.localeCompare(y.channelId));
      for (const x of [a, b, c, d]) expect(await outbox.markSending(x!.id, T0)).toBe(true);
      await outbox.markSent(a!.id, '1.1', T0);
      await outbox.markDead(b!.id, 'gone');
      await outbox.markRetry(d!.id, at(1000), '503');
      expect(await outbox.markSending(a!.id, T0)).toBe(false);
      expect(await outbox.markSending(b!.id, T0)).toBe(false);
      expect(await outbox.markSending(c!.id, T0)).toBe(false);
      expect(await outbox.markSending(d!.id, at(1000))).toBe(true);
      expect((await outbox.inFlight()).find((x) => x.id === d!.id)).toMatchObject({ attempts: 2, sendingStartedAt: at(1000).toISOString() });
    });
  });

  describe('marks', () => {
    it('sent keeps the message id and clears the error; retry, dead and uncertain keep the error', async () => {
      const { outbox, rows } = await setup();
      const n = notice('Marks');
      await outbox.publish(n, [slack('C1')]);
      const [d] = await rows(n.id);
      await outbox.markSending(d!.id, T0);
      await outbox.markRetry(d!.id, at(2000), 'x'.repeat(3000));
      const [retrying] = await rows(n.id);
      expect(retrying).toMatchObject({ status: 'retrying', nextAttemptAt: at(2000).toISOString() });
      expect(retrying!.lastError).toHaveLength(2000);
      await outbox.markSending(d!.id, at(2000));
      await outbox.markSent(d!.id, '1717315200.000100', at(2100));
      expect(await outbox.post(n.id, 'link-C1')).toMatchObject({ status: 'sent', messageId: '1717315200.000100', sentAt: at(2100).toISOString(), attempts: 2 });
      expect((await outbox.post(n.id, 'link-C1'))!.lastError).toBeUndefined();
    });

    it('markPending puts a row back to be sent now', async () => {
      const { outbox } = await setup();
      const n = notice('Terug');
      await outbox.publish(n, [slack('C1')]);
      const [d] = await outbox.due(T0, 1);
      await outbox.markSending(d!.id, T0);
      await outbox.markPending(d!.id, at(5000));
      expect(await outbox.due(at(4999), 10)).toEqual([]);
      expect((await outbox.due(at(5000), 10)).map((x) => x.status)).toEqual(['pending']);
    });
  });

  describe('revise', () => {
    it('a notice that does not exist: undefined, nothing stored', async () => {
      const { outbox } = await setup();
      expect(await outbox.revise(randomUUID(), card('X'), { now: T0, reply: 'x' })).toBeUndefined();
      expect(await outbox.report()).toEqual([]);
    });

    it('nothing posted yet: the notice gets the new card and version, and no update rows (the posts carry the new card)', async () => {
      const { outbox, statuses } = await setup();
      const n = notice('V1');
      await outbox.publish(n, [slack('C1'), slack('C2')]);
      const revised = await outbox.revise(n.id, card('V2'), { now: at(1000) });
      expect(revised).toMatchObject({ id: n.id, version: 2, card: card('V2'), createdAt: T0.toISOString(), updatedAt: at(1000).toISOString() });
      expect(await outbox.notice(n.id)).toEqual(revised);
      expect(await statuses(n.id)).toEqual([['C1', 'post', 'pending'], ['C2', 'post', 'pending']]);
    });

    it('nothing posted yet, with a note: a reply per channel, sent once the card is there', async () => {
      const { outbox, rows } = await setup();
      const n = notice('V1');
      await outbox.publish(n, [slack('C1'), slack('C2')]);
      await outbox.revise(n.id, card('V2'), { now: at(1000), reply: 'Opgelost' });
      const replies = (await rows(n.id)).filter((d) => d.operation === 'reply');
      expect(replies.map((r) => [r.channelId, r.text, r.status, r.idempotencyKey])).toEqual([
        ['C1', 'Opgelost', 'pending', `${n.id}:link-C1:reply:2`],
        ['C2', 'Opgelost', 'pending', `${n.id}:link-C2:reply:2`],
      ]);
    });

    it('posted (sent, sending or uncertain): an update per channel; dead or unsent posts get none', async () => {
      const { outbox, statuses, rows } = await setup();
      const n = notice('V1');
      await outbox.publish(n, [slack('CSENT'), slack('CSENDING'), teams('19:uncertain'), slack('CDEAD'), slack('CRETRY')]);
      const byChannel = new Map((await rows(n.id)).map((d) => [d.channelId, d]));
      for (const d of byChannel.values()) await outbox.markSending(d.id, T0);
      await outbox.markSent(byChannel.get('CSENT')!.id, '1.1', T0);
      await outbox.markUncertain(byChannel.get('19:uncertain')!.id, 'in flight');
      await outbox.markDead(byChannel.get('CDEAD')!.id, 'channel_not_found');
      await outbox.markRetry(byChannel.get('CRETRY')!.id, at(5000), '503');

      await outbox.revise(n.id, card('V2'), { now: at(1000) });
      expect(await statuses(n.id)).toEqual([
        ['19:uncertain', 'post', 'uncertain'], ['19:uncertain', 'update', 'pending'],
        ['CDEAD', 'post', 'dead'],
        ['CRETRY', 'post', 'retrying'],
        ['CSENDING', 'post', 'sending'], ['CSENDING', 'update', 'pending'],
        ['CSENT', 'post', 'sent'], ['CSENT', 'update', 'pending'],
      ]);
      const update = (await rows(n.id)).find((d) => d.operation === 'update' && d.channelId === 'CSENT')!;
      expect(update).toMatchObject({ idempotencyKey: `${n.id}:link-CSENT:update:2`, nextAttemptAt: at(1000).toISOString(), linkId: 'link-CSENT', platform: 'slack', teamId: 'T1' });
      const teamsUpdate = (await rows(n.id)).find((d) => d.operation === 'update' && d.platform === 'teams')!;
      expect(teamsUpdate.reference).toEqual(teams('19:uncertain').reference);
    });

    it('a second revision supersedes an update that still waits, but not one on its way', async () => {
      const { outbox, statuses, rows } = await setup();
      const n = notice('V1');
      await outbox.publish(n, [slack('C1'), slack('C2')]);
      for (const d of await rows(n.id)) { await outbox.markSending(d.id, T0); await outbox.markSent(d.id, `ts-${d.channelId}`, T0); }
      await outbox.revise(n.id, card('V2'), { now: at(100) });
      // C2's update is already being sent when V3 arrives.
      const c2update = (await rows(n.id)).find((d) => d.channelId === 'C2' && d.operation === 'update')!;
      await outbox.markSending(c2update.id, at(150));
      await outbox.revise(n.id, card('V3'), { now: at(200) });

      expect(await statuses(n.id)).toEqual([
        ['C1', 'post', 'sent'], ['C1', 'update', 'pending'], ['C1', 'update', 'superseded'],
        ['C2', 'post', 'sent'], ['C2', 'update', 'pending'], ['C2', 'update', 'sending'],
      ]);
      expect((await outbox.notice(n.id))).toMatchObject({ version: 3, card: card('V3') });
      const pendingUpdates = (await rows(n.id)).filter((d) => d.operation === 'update' && d.status === 'pending');
      expect(pendingUpdates.map((u) => u.idempotencyKey).sort()).toEqual([`${n.id}:link-C1:update:3`, `${n.id}:link-C2:update:3`]);
    });

    it('a note reaches every channel, also those whose post has not gone out yet when others have', async () => {
      const { outbox, rows } = await setup();
      const n = notice('V1');
      await outbox.publish(n, [slack('C1'), slack('C2')]);
      const c1 = (await rows(n.id)).find((d) => d.channelId === 'C1')!;
      await outbox.markSending(c1.id, T0);
      await outbox.markSent(c1.id, '1.1', T0);

      await outbox.revise(n.id, card('V2'), { now: at(500), reply: 'Opgelost' });
      const replies = (await rows(n.id)).filter((d) => d.operation === 'reply');
      // C2's post will carry the new card; its members must get the same note as C1's.
      expect(replies.map((r) => [r.channelId, r.text])).toEqual([['C1', 'Opgelost'], ['C2', 'Opgelost']]);
    });
  });

  describe('report', () => {
    it('counts per notice and channel, with the last error of a failed one', async () => {
      const { outbox, rows } = await setup();
      const n = notice('Rapport');
      const other = notice('Ander');
      await outbox.publish(n, [slack('C1'), slack('CGONE'), teams('19:t@thread.tacv2')]);
      await outbox.publish(other, [slack('C1')]);
      const byChannel = new Map((await rows(n.id)).map((d) => [d.channelId, d]));
      for (const d of byChannel.values()) await outbox.markSending(d.id, T0);
      await outbox.markSent(byChannel.get('C1')!.id, '1.1', T0);
      await outbox.markDead(byChannel.get('CGONE')!.id, 'channel_not_found: An API error occurred');
      await outbox.markUncertain(byChannel.get('19:t@thread.tacv2')!.id, 'in flight when the bot stopped');
      await outbox.revise(n.id, card('Rapport 2'), { now: at(1000), reply: 'Update' });

      const report = await outbox.report(n.id);
      expect(report.map((r) => [r.channelId, r.counts, r.lastError]).sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
        ['19:t@thread.tacv2', { uncertain: 1, pending: 2 }, 'in flight when the bot stopped'],
        ['C1', { sent: 1, pending: 2 }, undefined],
        ['CGONE', { dead: 1 }, 'channel_not_found: An API error occurred'],
      ]);
      expect(report.find((r) => r.channelId === 'C1')).toMatchObject({ noticeId: n.id, linkId: 'link-C1', organisationId: 'org-a', platform: 'slack' });
      // Without a notice: every notice's channels.
      const all = await outbox.report();
      expect(all).toHaveLength(4);
      expect(all.filter((r) => r.noticeId === other.id).map((r) => r.counts)).toEqual([{ pending: 1 }]);
    });
  });

  describe('resend', () => {
    it('moves the dead and uncertain deliveries of one notice back to pending, due now, with fresh attempts', async () => {
      const { outbox, rows, statuses } = await setup();
      const n = notice('Opnieuw');
      const other = notice('Ander');
      await outbox.publish(n, [slack('CSENT'), slack('CDEAD'), teams('19:unsure')]);
      await outbox.publish(other, [slack('CDEAD')]);
      for (const d of [...await rows(n.id), ...await rows(other.id)]) await outbox.markSending(d.id, T0);
      const byChannel = new Map((await rows(n.id)).map((d) => [d.channelId, d]));
      await outbox.markSent(byChannel.get('CSENT')!.id, '1.1', T0);
      await outbox.markDead(byChannel.get('CDEAD')!.id, 'gone');
      await outbox.markUncertain(byChannel.get('19:unsure')!.id, 'in flight');
      const otherRow = (await rows(other.id))[0]!;
      await outbox.markDead(otherRow.id, 'gone');

      expect(await outbox.resend(n.id, at(60_000))).toBe(2);
      expect(await statuses(n.id)).toEqual([['19:unsure', 'post', 'pending'], ['CDEAD', 'post', 'pending'], ['CSENT', 'post', 'sent']]);
      expect(await statuses(other.id)).toEqual([['CDEAD', 'post', 'dead']]);
      const due = await outbox.due(at(60_000), 10);
      expect(due.map((d) => [d.channelId, d.attempts, d.nextAttemptAt]).sort()).toEqual([
        ['19:unsure', 0, at(60_000).toISOString()], ['CDEAD', 0, at(60_000).toISOString()],
      ]);
      expect(await outbox.resend(n.id, at(60_000))).toBe(0);
    });
  });

  describe('progress', () => {
    it('the oldest due time of what is still to send, and the last time anything was sent', async () => {
      const { outbox } = await setup();
      expect(await outbox.progress()).toEqual({});
      const a = notice('A', T0);
      const b = notice('B', at(30_000));
      await outbox.publish(a, [slack('C1'), slack('C2')]);
      await outbox.publish(b, [slack('C3')]);
      expect(await outbox.progress()).toEqual({ oldestDueAt: T0.toISOString() });

      const [c1, c2] = (await outbox.due(T0, 10)).sort((x, y) => x.channelId.localeCompare(y.channelId));
      await outbox.markSending(c1!.id, at(40_000));
      await outbox.markSent(c1!.id, '1.1', at(41_000));
      // C2 is still due since T0.
      expect(await outbox.progress()).toEqual({ oldestDueAt: T0.toISOString(), lastSentAt: at(41_000).toISOString() });
      await outbox.markSending(c2!.id, at(42_000));
      // Sending is not due; it is sending since then (for /readyz's stuck check).
      expect(await outbox.progress()).toEqual({ oldestDueAt: at(30_000).toISOString(), lastSentAt: at(41_000).toISOString(), oldestSendingSince: at(42_000).toISOString() });
      await outbox.markRetry(c2!.id, at(50_000), '503');
      expect(await outbox.progress()).toEqual({ oldestDueAt: at(30_000).toISOString(), lastSentAt: at(41_000).toISOString() });
      const [c3] = await outbox.due(at(30_000), 1);
      await outbox.markSending(c3!.id, at(43_000));
      await outbox.markSent(c3!.id, '1.2', at(44_000));
      await outbox.markSending(c2!.id, at(50_000));
      await outbox.markDead(c2!.id, 'gone');
      expect(await outbox.progress()).toEqual({ lastSentAt: at(44_000).toISOString() });
    });
  });
});
