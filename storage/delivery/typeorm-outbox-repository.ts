import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { CardView } from '../../cards/views/card-view.ts';
import type { Delivery, DeliveryOperation, DeliveryStatus, DeliveryTarget, Notice } from '../../core/delivery/delivery.ts';
import type { DeliveryReportRow, OutboxRepository } from '../../core/delivery/outbox-repository.ts';
import { DeliveryEntity, NoticeEntity, type DeliveryRow, type NoticeRow } from '../entities/outbox.entities.ts';

const toNotice = (r: NoticeRow): Notice => ({ id: r.id, kind: r.kind, subjectId: r.subject_id, version: r.version, card: JSON.parse(r.card) as CardView, createdAt: r.created_at, updatedAt: r.updated_at });

const toDelivery = (r: DeliveryRow): Delivery => ({
  id: r.id, noticeId: r.notice_id, linkId: r.link_id, organisationId: r.organisation_id, platform: r.platform as Delivery['platform'], channelId: r.channel_id,
  ...(r.team_id ? { teamId: r.team_id } : {}), ...(r.reference ? { reference: JSON.parse(r.reference) } : {}),
  operation: r.operation as DeliveryOperation, idempotencyKey: r.idempotency_key, ...(r.text !== null ? { text: r.text } : {}),
  status: r.status as DeliveryStatus, attempts: r.attempts, nextAttemptAt: r.next_attempt_at, ...(r.last_error ? { lastError: r.last_error } : {}),
  ...(r.message_id ? { messageId: r.message_id } : {}), ...(r.sending_started_at ? { sendingStartedAt: r.sending_started_at } : {}),
  ...(r.sent_at ? { sentAt: r.sent_at } : {}), createdAt: r.created_at,
});

function row(noticeId: string, target: DeliveryTarget, operation: DeliveryOperation, version: number, at: string, text?: string): DeliveryRow {
  return {
    id: randomUUID(), notice_id: noticeId, link_id: target.linkId, organisation_id: target.organisationId, platform: target.platform, channel_id: target.channelId,
    team_id: target.teamId ?? null, reference: target.reference === undefined ? null : JSON.stringify(target.reference), operation,
    idempotency_key: `${noticeId}:${target.linkId}:${operation}:${version}`, text: text ?? null, status: 'pending', attempts: 0, next_attempt_at: at,
    last_error: null, message_id: null, sending_started_at: null, sent_at: null, created_at: at,
  };
}

const targetOf = (r: DeliveryRow): DeliveryTarget => ({
  linkId: r.link_id, organisationId: r.organisation_id, platform: r.platform as Delivery['platform'], channelId: r.channel_id,
  ...(r.team_id ? { teamId: r.team_id } : {}), ...(r.reference ? { reference: JSON.parse(r.reference) } : {}),
});

const OPEN: DeliveryStatus[] = ['pending', 'retrying'];

export class TypeOrmOutboxRepository implements OutboxRepository {
  constructor(private readonly dataSource: DataSource) {}

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
  }

  async revise(noticeId: string, card: CardView, options: { reply?: string; now: Date }): Promise<Notice | undefined> {
    return this.dataSource.transaction(async (m) => {
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

  async markSending(id: string, now: Date): Promise<boolean> {
    const result = await this.deliveries().createQueryBuilder().update()
      .set({ status: 'sending', sending_started_at: now.toISOString(), attempts: () => 'attempts + 1' })
      .where('id = :id AND status IN (:...open)', { id, open: OPEN }).execute();
    return Boolean(result.affected);
  }

  async markSendingMany(ids: string[], now: Date): Promise<Set<string>> {
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
        const sql = `/* claim */ UPDATE delivery SET status = 'sending', sending_started_at = ${p(1)}, attempts = attempts + 1
          WHERE status IN (${OPEN.map((_, k) => p(k + 2)).join(', ')}) AND id IN (${chunk.map((_, k) => p(k + 2 + OPEN.length)).join(', ')}) RETURNING id`;
        const result = (await runner.query(sql, [now.toISOString(), ...OPEN, ...chunk], true)) as { records?: Array<{ id: string }> };
        for (const r of result.records ?? []) claimed.add(r.id);
      }
    } finally {
      await runner.release();
    }
    return claimed;
  }

  async markSent(id: string, messageId: string | undefined, now: Date): Promise<void> {
    await this.deliveries().update({ id }, { status: 'sent', sent_at: now.toISOString(), ...(messageId ? { message_id: messageId } : {}), last_error: null });
  }

  async markRetry(id: string, nextAttemptAt: Date, error: string): Promise<void> {
    await this.deliveries().update({ id }, { status: 'retrying', next_attempt_at: nextAttemptAt.toISOString(), last_error: error.slice(0, 2000) });
  }

  async markDead(id: string, error: string): Promise<void> {
    await this.deliveries().update({ id }, { status: 'dead', last_error: error.slice(0, 2000) });
  }

  async markUncertain(id: string, error: string): Promise<void> {
    await this.deliveries().update({ id }, { status: 'uncertain', last_error: error.slice(0, 2000) });
  }

  async markPending(id: string, now: Date): Promise<void> {
    await this.deliveries().update({ id }, { status: 'pending', next_attempt_at: now.toISOString() });
  }

  async inFlight(): Promise<Delivery[]> {
    return (await this.deliveries().findBy({ status: 'sending' })).map(toDelivery);
  }

  async reclaimStuck(before: Date, now: Date): Promise<Delivery[]> {
    const stuck = await this.deliveries().createQueryBuilder('d').select('d.id', 'id')
      .where("d.status = 'sending' AND d.sending_started_at < :before", { before: before.toISOString() }).limit(500).getRawMany<{ id: string }>();
    if (!stuck.length) return [];
    const p = (n: number) => (this.dataSource.options.type === 'postgres' ? `$${n}` : '?');
    const ids = stuck.map((r) => r.id);
    const sql = `/* reclaim */ UPDATE delivery SET sending_started_at = ${p(1)} WHERE status = 'sending' AND sending_started_at < ${p(2)} AND id IN (${ids.map((_, k) => p(k + 3)).join(', ')}) RETURNING id`;
    const runner = this.dataSource.createQueryRunner();
    let taken: string[];
    try {
      const result = (await runner.query(sql, [now.toISOString(), before.toISOString(), ...ids], true)) as { records?: Array<{ id: string }> };
      taken = (result.records ?? []).map((r) => r.id);
    } finally {
      await runner.release();
    }
    return taken.length ? (await this.deliveries().findBy({ id: In(taken) })).map(toDelivery) : [];
  }

  async report(noticeId?: string): Promise<DeliveryReportRow[]> {
    const rows = await this.deliveries().find({ where: noticeId ? { notice_id: noticeId } : {}, order: { created_at: 'ASC' } });
    const byChannel = new Map<string, DeliveryReportRow>();
    for (const r of rows) {
      const key = `${r.notice_id}|${r.link_id}`;
      const entry = byChannel.get(key) ?? { noticeId: r.notice_id, linkId: r.link_id, organisationId: r.organisation_id, platform: r.platform, channelId: r.channel_id, counts: {} };
      entry.counts[r.status as DeliveryStatus] = (entry.counts[r.status as DeliveryStatus] ?? 0) + 1;
      if (r.last_error && (r.status === 'dead' || r.status === 'retrying' || r.status === 'uncertain')) entry.lastError = r.last_error;
      byChannel.set(key, entry);
    }
    return [...byChannel.values()];
  }

  async resend(noticeId: string, now: Date): Promise<number> {
    const result = await this.deliveries().update({ notice_id: noticeId, status: In(['dead', 'uncertain']) }, { status: 'pending', next_attempt_at: now.toISOString(), attempts: 0 });
    return result.affected ?? 0;
  }

  async failedCount(organisationId: string, from: string, to: string): Promise<number> {
    return this.deliveries().createQueryBuilder('d')
      .where('d.organisation_id = :organisationId AND d.status IN (:...failed) AND d.created_at >= :from AND d.created_at < :to', { organisationId, failed: ['dead', 'uncertain'], from, to })
      .getCount();
  }

  async progress(): Promise<{ oldestDueAt?: string; lastSentAt?: string }> {
    const oldest = await this.deliveries().createQueryBuilder('d').select('MIN(d.next_attempt_at)', 'v').where('d.status IN (:...open)', { open: OPEN }).getRawOne<{ v: string | null }>();
    const last = await this.deliveries().createQueryBuilder('d').select('MAX(d.sent_at)', 'v').getRawOne<{ v: string | null }>();
    const sending = await this.deliveries().createQueryBuilder('d').select('MIN(d.sending_started_at)', 'v').where("d.status = 'sending'").getRawOne<{ v: string | null }>();
    return { ...(oldest?.v ? { oldestDueAt: oldest.v } : {}), ...(last?.v ? { lastSentAt: last.v } : {}), ...(sending?.v ? { oldestSendingSince: sending.v } : {}) };
  }
}
