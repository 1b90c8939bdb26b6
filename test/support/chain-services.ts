import { readFileSync } from 'node:fs';
import { composeServices, type Services } from '../../bot/compose-services.ts';
import { createLogger } from '../../bot/logger.ts';
import type { CardView } from '../../cards/views/card-view.ts';
import type { Platform } from '../../core/conversation/inbound.ts';
import type { ChannelLink } from '../../core/domain/access/channel-link.ts';
import type { Person, RoleGrant } from '../../core/domain/access/types.ts';
import { importDirectory } from '../../core/domain/directory/import-directory.ts';
import type { DirectoryDocument } from '../../core/domain/directory/types.ts';
import { TypeOrmChannelLinkRepository } from '../../storage/access/typeorm-channel-link-repository.ts';
import type { TestDatabase } from './databases.ts';
import { ManualClock } from './manual-clock.ts';

/**
 * The world the chain-service suites (incidents, maintenance, releases, news, digests) build:
 * the sample directory, people with roles, alert channels, composeServices on a manual clock,
 * and readers of what the outbox and audit log then hold.
 */

/** The sample directory: ../shared/data/directory-sample.json beside the project. */
export const SAMPLE_DIRECTORY = JSON.parse(readFileSync(new URL('../../../shared/data/directory-sample.json', import.meta.url), 'utf8')) as DirectoryDocument;

/** The name of an organisation in the sample directory (throws when it is not there). */
export function orgName(id: string): string {
  const org = SAMPLE_DIRECTORY.organisations.find((o) => o.id === id);
  if (!org) throw new Error(`no ${id} in the sample`);
  return org.name;
}

/** A person on a platform, linked to these organisations, with these role grants (linking = seeing). */
export function person(platform: Platform, userId: string, displayName: string, organisationIds: string[], roles: RoleGrant[]): Person {
  return { id: `${platform}:${userId}`, platform, userId, displayName, organisationIds, roles };
}

/** An alert channel of an organisation, made by 'test' on 1 January 2026; `active = false` makes it deactivated the day after. */
export function channelLink(id: string, organisationId: string, platform: Platform, channelId: string, active = true): ChannelLink {
  return {
    id, organisationId, platform, channelId, teamId: platform === 'slack' ? 'TKETEN' : '19:keten-team@thread.tacv2', name: `meldingen-${id}`,
    active, createdBy: 'test', createdAt: '2026-01-01T00:00:00.000Z', ...(active ? {} : { deactivatedAt: '2026-01-02T00:00:00.000Z', deactivatedReason: 'test' }),
  };
}

/** composeServices on `db` with a manual clock at `start`, `directory` (the sample by default) imported then and `links` saved. */
export async function chainServices(
  db: TestDatabase,
  options: { start: string; links: ChannelLink[]; directory?: DirectoryDocument; compose?: Parameters<typeof composeServices>[3] },
): Promise<{ clock: ManualClock; services: Services }> {
  const clock = new ManualClock(options.start);
  const services = composeServices(db.dataSource, clock, createLogger('silent', false), options.compose ?? {});
  const imported = await importDirectory(services.directory, options.directory ?? SAMPLE_DIRECTORY, { replace: true, actor: 'test', now: clock.now() });
  if ('problems' in imported) throw new Error(JSON.stringify(imported.problems));
  await new TypeOrmChannelLinkRepository(db.dataSource).save(options.links, []);
  return { clock, services };
}

/** The value of a successful service outcome (throws with the problem otherwise). */
export function succeeded<T>(outcome: { ok: true; value: T } | { ok: false; problem: unknown }): T {
  if (!outcome.ok) throw new Error(`expected success, got ${JSON.stringify(outcome.problem)}`);
  return outcome.value;
}

/** The rows of one SQL query on the test database. */
export function queryRows<T>(db: TestDatabase, text: string, params: unknown[] = []): Promise<T[]> {
  return db.dataSource.query(text, params) as Promise<T[]>;
}

/** The number of rows in `table` (that match `where`, when given). */
export async function countRows(db: TestDatabase, table: string, where?: string): Promise<number> {
  return Number((await queryRows<{ n: number }>(db, `SELECT COUNT(*) AS n FROM ${table}${where ? ` WHERE ${where}` : ''}`))[0]?.n);
}

/** A delivery row of the outbox as stored. */
export interface DeliveryRowView {
  link_id: string;
  organisation_id: string;
  channel_id: string;
  operation: 'post' | 'update' | 'reply';
  status: string;
  text: string | null;
  idempotency_key: string;
}

/** The outbox notices about one subject, oldest first, with their cards parsed. */
export async function noticesAbout(db: TestDatabase, subjectId: string): Promise<Array<{ id: string; kind: string; version: number; card: CardView }>> {
  return (await queryRows<{ id: string; version: number; card: string; kind: string }>(db, 'SELECT id, kind, version, card FROM notice WHERE subject_id = ? ORDER BY created_at, id', [subjectId]))
    .map((n) => ({ id: n.id, kind: n.kind, version: Number(n.version), card: JSON.parse(n.card) as CardView }));
}

/** The delivery rows of one notice, oldest first. */
export function deliveryRows(db: TestDatabase, noticeId: string): Promise<DeliveryRowView[]> {
  return queryRows<DeliveryRowView>(db, 'SELECT link_id, organisation_id, channel_id, operation, status, text, idempotency_key FROM delivery WHERE notice_id = ? ORDER BY created_at, idempotency_key', [noticeId]);
}

/** The audit actions on one subject, in the order they were written. */
export async function auditActionsOf(db: TestDatabase, subjectType: string, subjectId: string): Promise<string[]> {
  return (await queryRows<{ action: string }>(db, 'SELECT action FROM audit_log WHERE subject_type = ? AND subject_id = ? ORDER BY id', [subjectType, subjectId])).map((r) => r.action);
}

/** The delivery worker sent every pending post (so a revision makes update rows too). */
export async function sendPendingPosts(services: Services, clock: ManualClock): Promise<void> {
  for (const d of await services.outbox.due(new Date('9999-12-31T00:00:00Z'), 10_000)) if (d.operation === 'post') await services.outbox.markSent(d.id, `msg-${d.linkId}`, clock.now());
}
