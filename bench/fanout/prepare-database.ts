import type { Activity } from 'botbuilder';
import type { CardView } from '../../cards/views/card-view.ts';
import { activityToInbound } from '../../bot/teams/to-inbound.ts';
import { composeServices } from '../../bot/compose-services.ts';
import { createLogger } from '../../bot/logger.ts';
import type { Clock } from '../../core/clock.ts';
import type { ChannelLink } from '../../core/domain/access/channel-link.ts';
import { TypeOrmChannelLinkRepository } from '../../storage/access/typeorm-channel-link-repository.ts';
import { migrate, openDatabase } from '../../storage/data-source.ts';
import { sql } from './bench-database.ts';

export interface BenchChannel {
  platform: 'teams' | 'slack';
  /** Teams conversation id of the channel, or Slack channel id (what the fakes see). */
  channelId: string;
  organisationId: string;
}

export interface PreparedDatabase {
  channels: BenchChannel[];
}

export interface AnnouncedNotice {
  noticeId: string;
  deliveryRows: number;
  /** Date.now() just before the Announcer was called: where the bench clock starts. */
  publishedAt: number;
}

/** Channels per organisation: a chain notice goes to many organisations with a few channels each. */
export const CHANNELS_PER_ORGANISATION = 10;

/**
 * The channel mix: channel i is Teams when i * teamsShare crosses a whole number, so the platforms
 * alternate through the outbox (for 0.5: Teams, Slack, Teams, …) instead of one platform's rows
 * queueing behind the other's.
 */
export function channelMix(count: number, teamsShare: number): Array<'teams' | 'slack'> {
  return Array.from({ length: count }, (_, i) => (Math.floor((i + 1) * teamsShare) > Math.floor(i * teamsShare) ? 'teams' : 'slack'));
}

/**
 * A fresh database exactly as production would hold it: migrations, one channel link per channel
 * (Teams links carry the ConversationReference the bot stores when "kanaal koppel" is said in a
 * channel, built by the bot's own activityToInbound). The notice comes later (announceNotice), while
 * the server runs, as an administrator's announcement would.
 */
export async function prepareDatabase(databaseUrl: string, o: { channels: number; teamsShare: number; teamsServiceUrl: string }): Promise<PreparedDatabase> {
  const dataSource = await openDatabase(databaseUrl);
  try {
    await migrate(dataSource);
    const start = Date.now();
    const mix = channelMix(o.channels, o.teamsShare);
    const channels: BenchChannel[] = [];
    const links: ChannelLink[] = [];
    mix.forEach((platform, i) => {
      const n = String(i).padStart(5, '0');
      const organisationId = `org-${String(Math.floor(i / CHANNELS_PER_ORGANISATION)).padStart(4, '0')}`;
      const createdAt = new Date(start + i).toISOString(); // distinct, so the order is the creation order
      if (platform === 'teams') {
        const teamId = `19:bench-team-${n}@thread.tacv2`;
        const channelId = `19:bench-channel-${n}@thread.tacv2`;
        const inbound = activityToInbound(teamsChannelActivity(o.teamsServiceUrl, teamId, channelId, n), new Date(start));
        links.push({
          id: `link-${n}`, organisationId, platform: 'teams', channelId: inbound.conversation.id,
          ...(inbound.conversation.teamId ? { teamId: inbound.conversation.teamId } : {}),
          name: `Meldingen ${n}`, reference: inbound.conversation.reference, active: true, createdBy: 'bench', createdAt,
        });
        channels.push({ platform, channelId: inbound.conversation.id, organisationId });
      } else {
        const channelId = `C0BENCH${n}`;
        links.push({ id: `link-${n}`, organisationId, platform: 'slack', channelId, teamId: 'TBENCH', name: `meldingen-${n}`, active: true, createdBy: 'bench', createdAt });
        channels.push({ platform, channelId, organisationId });
      }
    });
    await new TypeOrmChannelLinkRepository(dataSource).save(links, []);
    return { channels };
  } finally {
    await dataSource.destroy();
  }
}

/** ONE notice to every organisation's channels through the project's Announcer and TypeORM outbox. */
export async function announceNotice(databaseUrl: string, channels: BenchChannel[]): Promise<AnnouncedNotice> {
  const dataSource = await openDatabase(databaseUrl);
  try {
    const clock: Clock = { now: () => new Date() };
    const services = composeServices(dataSource, clock, createLogger('warn', false));
    const organisations = [...new Set(channels.map((c) => c.organisationId))];
    // The clock starts at the publication itself, not at opening the bench's own connection.
    const publishedAt = Date.now();
    const { notice, channels: targeted } = await services.announcer.announce('incident', 'INC-BENCH-1', incidentCard(), organisations);
    if (targeted !== channels.length) throw new Error(`the announcer targeted ${targeted} channels, expected ${channels.length}`);
    const [{ n }] = (await dataSource.query(sql(dataSource, 'SELECT COUNT(*) AS n FROM delivery WHERE notice_id = ?'), [notice.id])) as [{ n: number }];
    return { noticeId: notice.id, deliveryRows: Number(n), publishedAt };
  } finally {
    await dataSource.destroy();
  }
}

/** A "kanaal koppel" message in a Teams channel thread, as the Bot Connector delivers it. */
function teamsChannelActivity(serviceUrl: string, teamId: string, channelId: string, n: string): Activity {
  const messageId = `17000000000${n}`;
  return {
    type: 'message', id: messageId, timestamp: new Date(), localTimestamp: new Date(), channelId: 'msteams', serviceUrl,
    from: { id: `29:bench-admin-${n}`, name: 'Bench Beheerder', aadObjectId: '00000000-0000-0000-0000-00000000be0c' },
    recipient: { id: '28:ketenbot', name: 'Ketenbot' },
    conversation: { id: `${channelId};messageid=${messageId}`, conversationType: 'channel', isGroup: true, tenantId: 'tenant-bench' },
    channelData: { tenant: { id: 'tenant-bench' }, team: { id: teamId, name: `Team ${n}` }, channel: { id: channelId, name: `Meldingen ${n}` } },
    text: '<at>Ketenbot</at> kanaal koppel Bench', locale: 'nl-NL', textFormat: 'plain', entities: [],
  } as unknown as Activity;
}

/** An incident notice as a chain coordinator would announce it. */
function incidentCard(): CardView {
  return {
    kind: 'incident',
    title: 'Storing: LSP-koppeling huisartsenpost',
    subtitle: 'Ketenbrede melding',
    badge: { text: 'Verstoring', tone: 'attention' },
    blocks: [
      { type: 'text', text: 'Medicatiegegevens kunnen niet worden opgevraagd via het LSP. Werk volgens het terugvalprotocol.' },
      { type: 'facts', facts: [{ label: 'Sinds', value: '08:12' }, { label: 'Impact', value: 'Alle huisartsenposten in de regio' }, { label: 'Verwacht herstel', value: 'onbekend' }] },
    ],
    actions: [{ kind: 'url', label: 'Statuspagina', url: 'https://status.example.org/inc-bench-1' }],
    fallbackText: 'Storing: LSP-koppeling huisartsenpost. Werk volgens het terugvalprotocol.',
  };
}
