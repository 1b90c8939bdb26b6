import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { CardView } from '../../cards/views/card-view.ts';
import type { Delivery, DeliveryOperation, DeliveryRecoveryKind, DeliveryStatus, DeliveryTarget, Lease, Notice } from '../../core/delivery/delivery.ts';
import type { DeliveryReportRow, OutboxRepository } from '../../core/delivery/outbox-repository.ts';
import { DeliveryEntity, NoticeEntity, type DeliveryRow, type NoticeRow } from '../entities/outbox.entities.ts';
import type { NewDeliveries } from '../../core/delivery/new-deliveries.ts';

const toNotice = (r: NoticeRow): Notice => ({ id: r.id, kind: r.kind, subjectId: r.subject_id, version: r.version, card: JSON.parse(r.card) as CardView, createdAt: r.created_at, updatedAt: r.updated_at });

const toDelivery = (r: DeliveryRow): Delivery => ({
  id: r.id, noticeId: r.notice_id, linkId: r.link_id, organisationId: r.organisation_id, platform: r.platform as Delivery['platform'], channelId: r.channel_id,
  ...(r.team_id ? { teamId: r.team_id } : {}), ...(r.reference ? { reference: JSON.parse(r.reference) } : {}),
  operation: r.operation as DeliveryOperation, idempotencyKey: r.idempotency_key, ...(r.text !== null ? { text: r.text } : {}),
  status: r.status as DeliveryStatus, attempts: r.attempts, nextAttemptAt: r.next_attempt_at, ...(r.last_error ? { lastError: r.last_error } : {}),
  ...(r.message_id ? { messageId: r.message_id } : {}), ...(r.sending_started_at ? { sendingStartedAt: r.sending_started_at } : {}),
  ...(r.sent_at ? { sentAt: r.sent_at } : {}), createdAt: r.created_at,
  ...(r.lease_owner ? { leaseOwner: r.lease_owner } : {}), ...(r.lease_until ? { leaseUntil: r.lease_until } : {}),
  ...(r.recovery ? { recovery: r.recovery as DeliveryRecoveryKind } : {}),
});

function row(noticeId: string, target: DeliveryTarget, operation: DeliveryOperation, version: number, at: string, text?: string): DeliveryRow {
  return {
    id: randomUUID(), notice_id: noticeId, link_id: target.linkId, organisation_id: target.organisationId, platform: target.platform, channel_id: target.channelId,
    team_id: target.teamId ?? null, reference: target.reference === undefined ? null : JSON.stringify(target.reference), operation,
    idempotency_key: `${noticeId}:${target.linkId}:${operation}:${version}`, text: text ?? null, status: 'pending', attempts: 0, next_attempt_at: at,
    last_error: null, message_id: null, sending_started_at: null, sent_at: null, created_at: at, lease_owner: null, lease_until: null, recovery: null,
  };
}

const targetOf = (r: DeliveryRow): DeliveryTarget => ({
  linkId: r.link_id, organisationId: r.organisation_id, platform: r.platform as Delivery['platform'], channelId: r.channel_id,
  ...(r.team_id ? { teamId: r.team_id } : {}), ...(r.reference ? { reference: JSON.parse(r.reference) } : {}),
});

const OPEN: DeliveryStatus[] = ['pending', 'retrying'];

export class TypeOrmOutboxRepository implements OutboxRepository {
  /** `queued` hears of deliveries queued through this repository (the worker of this process then sends at once). */
  constructor(private readonly dataSource: DataSource, private readonly queued?: NewDeliveries) {}

  private deliveries(m: EntityManager = this.dataSource.manager) {
    return m.getRepository<DeliveryRow>(DeliveryEntity);
  }

  async publish(notice: Notice, targets: DeliveryTarget[]): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.getRepository<NoticeRow>(NoticeEntity).insert({
        id: notice.id, kind: notice.kind, subject_id: notice.subjectId, version: notice.version, card: JSON.stringify(notice.card), created_at: notice.createdAt, updated_at: notice.updatedAt,
      });
      const rows = targets.map((t) => row(notice.id, t, 'post', notice.version, notice.createdAt));
      for (let i = 0; i < rows.length; i += 100) await this.deliveries(m).insert(rows.slice(i, i + 100));
    });
    if (targets.length) this.queued?.notify();
  }

  async revise(noticeId: string, card: CardView, options: { reply?: string; now: Date }): Promise<Notice | undefined> {
    const revised = await this.dataSource.transaction(async (m) => {
      const notices = m.getRepository<NoticeRow>(NoticeEntity);
      const current = await notices.findOneBy({ id: noticeId });
      if (!current) return undefined;
      const at = options.now.toISOString();
      const version = current.version + 1;
      await notices.update({ id: noticeId }, { version, card: JSON.stringify(card), updated_at: at });
      // Channels whose card is posted (or on its way) get an update; unsent posts will carry the new card anyway.
      const posts = await this.deliveries(m).findBy({ notice_id: noticeId, operation: 'post', status: In(['sent', 'sending', 'uncertain']) });
      const rows: DeliveryRow[] = [];
      for (const post of posts) {
        // An older update still waiting is replaced by this one (the newest card is what counts).
        await this.deliveries(m).update({ notice_id: noticeId, link_id: post.link_id, operation: 'update', status: In(OPEN) }, { status: 'superseded' });
        rows.push(row(noticeId, targetOf(post), 'update', version, at));
        if (options.reply) rows.push(row(noticeId, targetOf(post), 'reply', version, at, options.reply));
      }
      if (options.reply) {
        // Channels whose card has not gone out yet get the note too, once the card is there.
        for (const post of await this.deliveries(m).findBy({ notice_id: noticeId, operation: 'post', status: In(OPEN) })) rows.push(row(noticeId, targetOf(post), 'reply', version, at, options.reply));
      }
      for (let i = 0; i < rows.length; i += 100) await this.deliveries(m).insert(rows.slice(i, i + 100));
      return toNotice({ ...current, version, card: JSON.stringify(card), updated_at: at });
    });
    if (revised) this.queued?.notify();
    return revised;
  }

  async notice(id: string): Promise<Notice | undefined> {
    const r = await this.dataSource.getRepository<NoticeRow>(NoticeEntity).findOneBy({ id });
    return r ? toNotice(r) : undefined;
  }

  async due(now: Date, limit: number): Promise<Delivery[]> {
    const rows = await this.deliveries().createQueryBuilder('d')
      .where('d.status IN (:...open) AND d.next_attempt_at <= :now', { open: OPEN, now: now.toISOString() })
      .orderBy('d.next_attempt_at', 'ASC').addOrderBy('d.created_at', 'ASC').limit(limit).getMany();
    return rows.map(toDelivery);
  }

  async post(noticeId: string, linkId: string): Promise<Delivery | undefined> {
    const r = await this.deliveries().findOneBy({ notice_id: noticeId, link_id: linkId, operation: 'post' });
    return r ? toDelivery(r) : undefined;
  }

  async markSending(id: string, now: Date, lease?: Lease): Promise<boolean> {
    const result = await this.deliveries().createQueryBuilder().update()
      .set({ status: 'sending', sending_started_at: now.toISOString(), attempts: () => 'attempts + 1', lease_owner: lease?.owner ?? null, lease_until: lease?.until.toISOString() ?? null })
      .where('id = :id AND status IN (:...open)', { id, open: OPEN }).execute();
    return Boolean(result.affected);
  }

  async markSendingMany(ids: string[], now: Date, lease?: Lease): Promise<Set<string>> {
    if (!ids.length) return new Set();
    // One statement: it claims only rows still open, so of two workers racing for a row one gets it,
    // and it returns the ones it claimed. (The leading comment makes typeorm's SQLite runner read
    // the RETURNING rows; it only does so for statements not starting with UPDATE.)
    const p = (n: number) => (this.dataSource.options.type === 'postgres' ? `$${n}` : '?');
    const claimed = new Set<string>();
    const runner = this.dataSource.createQueryRunner();
    try {
      for (let i = 0; i < ids.length; i += 500) {
        const chunk = ids.slice(i, i + 500);
        const sql = `/* claim */ UPDATE delivery SET status = 'sending', sending_started_at = ${p(1)}, lease_owner = ${p(2)}, lease_until = ${p(3)}, attempts = attempts + 1
          WHERE status IN (${OPEN.map((_, k) => p(k + 4)).join(', ')}) AND id IN (${chunk.map((_, k) => p(k + 4 + OPEN.length)).join(', ')}) RETURNING id`;
        const result = (await runner.query(sql, [now.toISOString(), lease?.owner ?? null, lease?.until.toISOString() ?? null, ...OPEN, ...chunk], true)) as { records?: Array<{ id: string }> };
        for (const r of result.records ?? []) claimed.add(r.id);
      }
    } finally {
      await runner.release();
    }
    return claimed;
  }

  async renewLeases(owner: string, ids: string[], until: Date): Promise<void> {
    for (let i = 0; i < ids.length; i += 500) {
      await this.deliveries().update({ id: In(ids.slice(i, i + 500)), status: 'sending', lease_owner: owner }, { lease_until: until.toISOString() });
    }
  }

  async leaseOwners(): Promise<string[]> {
    const rows = await this.deliveries().createQueryBuilder('d').select('DISTINCT d.lease_owner', 'owner')
      .where("d.status = 'sending' AND d.lease_owner IS NOT NULL").getRawMany<{ owner: string }>();
    return rows.map((r) => r.owner);
  }

  async reclaim(options: { deadOwners: string[]; expiredBefore: Date; lease: Lease }): Promise<Delivery[]> {
    const { deadOwners, expiredBefore, lease } = options;
    const void_ = (alias: string) => `(${alias}.lease_owner IS NULL OR ${alias}.lease_until IS NULL OR ${alias}.lease_until < :expired${deadOwners.length ? ` OR ${alias}.lease_owner IN (:...dead)` : ''})`;
    const candidates = await this.deliveries().createQueryBuilder('d').select('d.id', 'id')
      .where(`d.status = 'sending' AND ${void_('d')}`, { expired: expiredBefore.toISOString(), dead: deadOwners }).limit(500).getRawMany<{ id: string }>();
    if (!candidates.length) return [];
    // The same conditions again in the UPDATE: a row another instance took meanwhile has a live lease now.
    const p = (n: number) => (this.dataSource.options.type === 'postgres' ? `$${n}` : '?');
    const ids = candidates.map((r) => r.id);
    let n = 0;
    const next = () => p(++n);
    const sql = `/* reclaim */ UPDATE delivery SET lease_owner = ${next()}, lease_until = ${next()} WHERE status = 'sending'
      AND (lease_owner IS NULL OR lease_until IS NULL OR lease_until < ${next()}${deadOwners.length ? ` OR lease_owner IN (${deadOwners.map(next).join(', ')})` : ''})
      AND id IN (${ids.map(next).join(', ')}) RETURNING id`;
    const runner = this.dataSource.createQueryRunner();
    let taken: string[];
    try {
      const result = (await runner.query(sql, [lease.owner, lease.until.toISOString(), expiredBefore.toISOString(), ...deadOwners, ...ids], true)) as { records?: Array<{ id: string }> };
      taken = (result.records ?? []).map((r) => r.id);
    } finally {
      await runner.release();
    }
    return taken.length ? (await this.deliveries().findBy({ id: In(taken) })).map(toDelivery) : [];
  }

  async recentAttempts(since: Date): Promise<Array<{ platform: Delivery['platform']; channelId: string; at: string }>> {
    const rows = await this.deliveries().createQueryBuilder('d').select(['d.platform AS platform', 'd.channel_id AS channel', 'd.sending_started_at AS at'])
      .where('d.sending_started_at >= :since', { since: since.toISOString() }).getRawMany<{ platform: string; channel: string; at: string }>();
    return rows.map((r) => ({ platform: r.platform as Delivery['platform'], channelId: r.channel, at: r.at }));
  }

  /** Which row a result goes to: by id, and with `heldBy` only while that instance holds it. */
  private held(id: string, heldBy?: string) {
    return heldBy ? { id, status: 'sending', lease_owner: heldBy } : { id };
  }

  async markSent(id: string, messageId: string | undefined, now: Date, recovery?: DeliveryRecoveryKind, heldBy?: string): Promise<boolean> {
    return this.changed(this.held(id, heldBy), { status: 'sent', sent_at: now.toISOString(), ...(messageId ? { message_id: messageId } : {}), last_error: null, lease_owner: null, lease_until: null, ...(recovery ? { recovery } : {}) });
  }

  private async changed(where: Partial<DeliveryRow>, set: Partial<DeliveryRow>): Promise<boolean> {
    return Boolean((await this.deliveries().update(where as never, set as never)).affected);
  }

  async markRetry(id: string, nextAttemptAt: Date, error: string, heldBy?: string): Promise<boolean> {
    return this.changed(this.held(id, heldBy), { status: 'retrying', next_attempt_at: nextAttemptAt.toISOString(), last_error: error.slice(0, 2000), lease_owner: null, lease_until: null });
  }

  async markDead(id: string, error: string, heldBy?: string): Promise<boolean> {
    return this.changed(this.held(id, heldBy), { status: 'dead', last_error: error.slice(0, 2000), lease_owner: null, lease_until: null });
  }

  async markUncertain(id: string, error: string): Promise<void> {
    await this.deliveries().update({ id }, { status: 'uncertain', last_error: error.slice(0, 2000), lease_owner: null, lease_until: null });
  }

  async markPending(id: string, now: Date, recovery?: DeliveryRecoveryKind, heldBy?: string): Promise<boolean> {
    return this.changed(this.held(id, heldBy), { status: 'pending', next_attempt_at: now.toISOString(), lease_owner: null, lease_until: null, ...(recovery ? { recovery } : {}) });
  }

  async inFlight(): Promise<Delivery[]> {
    return (await this.deliveries().findBy({ status: 'sending' })).map(toDelivery);
  }

  async report(noticeId?: string): Promise<DeliveryReportRow[]> {
    const rows = await this.deliveries().find({ where: noticeId ? { notice_id: noticeId } : {}, order: { created_at: 'ASC' } });
    const byChannel = new Map<string, DeliveryReportRow>();
    for (const r of rows) {
      const key = `${r.notice_id}|${r.link_id}`;
      const entry = byChannel.get(key) ?? { noticeId: r.notice_id, linkId: r.link_id, organisationId: r.organisation_id, platform: r.platform, channelId: r.channel_id, counts: {} };
      entry.counts[r.status as DeliveryStatus] = (entry.counts[r.status as DeliveryStatus] ?? 0) + 1;
      if (r.last_error && (r.status === 'dead' || r.status === 'retrying' || r.status === 'uncertain')) entry.lastError = r.last_error;
      if (r.recovery) entry.recovered = { ...entry.recovered, [r.recovery]: (entry.recovered?.[r.recovery as DeliveryRecoveryKind] ?? 0) + 1 };
      byChannel.set(key, entry);
    }
    return [...byChannel.values()];
  }

  async resend(noticeId: string, now: Date): Promise<number> {
    // Only rows that failed or that nobody could confirm; a sent row (also one a check confirmed) never.
    const dead = await this.deliveries().update({ notice_id: noticeId, status: 'dead' }, { status: 'pending', next_attempt_at: now.toISOString(), attempts: 0 });
    const uncertain = await this.deliveries().update({ notice_id: noticeId, status: 'uncertain' }, { status: 'pending', next_attempt_at: now.toISOString(), attempts: 0, recovery: 'resent' });
    const count = (dead.affected ?? 0) + (uncertain.affected ?? 0);
    if (count) this.queued?.notify();
    return count;
  }

  async failedCount(organisationId: string, from: string, to: string): Promise<number> {
    return this.deliveries().createQueryBuilder('d')
      .where('d.organisation_id = :organisationId AND d.status IN (:...failed) AND d.created_at >= :from AND d.created_at < :to', { organisationId, failed: ['dead', 'uncertain'], from, to })
      .getCount();
  }

  async countByStatus(): Promise<Partial<Record<DeliveryStatus, number>>> {
    const rows = await this.deliveries().createQueryBuilder('d').select('d.status', 'status').addSelect('COUNT(*)', 'n').groupBy('d.status').getRawMany<{ status: DeliveryStatus; n: string | number }>();
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }

  async progress(now?: Date): Promise<{ oldestDueAt?: string; lastSentAt?: string; oldestSendingSince?: string; oldestExpiredLease?: string }> {
    const oldest = await this.deliveries().createQueryBuilder('d').select('MIN(d.next_attempt_at)', 'v').where('d.status IN (:...open)', { open: OPEN }).getRawOne<{ v: string | null }>();
    const last = await this.deliveries().createQueryBuilder('d').select('MAX(d.sent_at)', 'v').getRawOne<{ v: string | null }>();
    const sending = await this.deliveries().createQueryBuilder('d').select('MIN(d.sending_started_at)', 'v').where("d.status = 'sending'").getRawOne<{ v: string | null }>();
    const expired = now
      ? await this.deliveries().createQueryBuilder('d').select('MIN(d.lease_until)', 'v').where("d.status = 'sending' AND d.lease_until < :now", { now: now.toISOString() }).getRawOne<{ v: string | null }>()
      : undefined;
    return { ...(oldest?.v ? { oldestDueAt: oldest.v } : {}), ...(last?.v ? { lastSentAt: last.v } : {}), ...(sending?.v ? { oldestSendingSince: sending.v } : {}), ...(expired?.v ? { oldestExpiredLease: expired.v } : {}) };
  }
}
