import type { NewDeliveries } from '../core/delivery/new-deliveries.ts';
import type { DataSource } from 'typeorm';
import type { Clock } from '../core/clock.ts';
import { ChannelLinks } from '../core/domain/access/channel-links.ts';
import { Invitations } from '../core/domain/access/invitations.ts';
import { People } from '../core/domain/access/people.ts';
import { TypeOrmChannelLinkRepository } from '../storage/access/typeorm-channel-link-repository.ts';
import { TypeOrmConversationReferenceStore } from '../storage/access/typeorm-conversation-reference-store.ts';
import { TypeOrmInvitationRepository } from '../storage/access/typeorm-invitation-repository.ts';
import { TypeOrmPersonRepository } from '../storage/access/typeorm-person-repository.ts';
import { TypeOrmAuditLog } from '../storage/audit/typeorm-audit-log.ts';
import { TypeOrmDirectoryRepository } from '../storage/directory/typeorm-directory-repository.ts';
import { TypeOrmKbRepository } from '../storage/knowledge-base/typeorm-kb-repository.ts';
import { TypeOrmKeyValueStore } from '../storage/state/typeorm-key-value-store.ts';
import { TypeOrmTreeRepository } from '../storage/decision-tree/typeorm-tree-repository.ts';
import { TreeVersions } from '../core/domain/decision-tree/tree-versions.ts';
import { KnownIssues } from '../core/domain/known-issues.ts';
import { loadDefaultTree } from './default-tree.ts';
import { KbAnswers } from '../core/domain/knowledge-base/kb-answers.ts';
import { KbLearning } from '../core/domain/knowledge-base/kb-learning.ts';
import { KbReview } from '../core/domain/knowledge-base/kb-review.ts';
import { KbSearch, type KbSearchEngine } from '../core/domain/knowledge-base/kb-search.ts';
import { Synonyms } from '../core/domain/knowledge-base/synonyms.ts';
import { SqlKbSearchIndex } from '../storage/knowledge-base/kb-search-index.ts';
import { TypeOrmKbEventLog } from '../storage/knowledge-base/typeorm-kb-event-log.ts';
import { TypeOrmKbLearningStore } from '../storage/knowledge-base/typeorm-kb-learning-store.ts';
import { loadSynonyms } from './kb-synonyms.ts';
import { Announcer } from '../core/delivery/announcer.ts';
import { DeliveryMetrics } from '../core/delivery/delivery-metrics.ts';
import { TypeOrmOutboxRepository } from '../storage/delivery/typeorm-outbox-repository.ts';
import type { Logger } from './logger.ts';
import { PlatformAdminNotifier } from './notify/admin-notifier.ts';
import { translator } from '../cards/i18n/translate.ts';
import { incidentCard, incidentThreadNote } from '../cards/views/incident-cards.ts';
import { IncidentService, type IncidentMailer, type IncidentPolicy } from '../core/domain/incidents/incident-service.ts';
import { TypeOrmIncidentRepository } from '../storage/incidents/typeorm-incident-repository.ts';
import { incidentKnownIssues } from '../dialogs/incident-known-issues.ts';
import { maintenanceKnownIssues } from '../dialogs/maintenance-known-issues.ts';
import { maintenanceCard, maintenanceThreadNote } from '../cards/views/maintenance-cards.ts';
import { MaintenanceService, type MaintenanceMailer } from '../core/domain/maintenance/maintenance-service.ts';
import { TypeOrmMaintenanceRepository } from '../storage/maintenance/typeorm-maintenance-repository.ts';
import { NewsService } from '../core/domain/news/news-service.ts';
import { TypeOrmNewsRepository } from '../storage/news/typeorm-news-repository.ts';
import { newsCard } from '../cards/views/news-cards.ts';
import { ReleaseService } from '../core/domain/releases/release-service.ts';
import { TypeOrmReleaseRepository } from '../storage/releases/typeorm-release-repository.ts';
import { releaseCard } from '../cards/views/release-cards.ts';
import { ReportService } from '../core/domain/reports/report-service.ts';
import { DigestScheduler } from '../core/domain/reports/digest-scheduler.ts';
import { TypeOrmDigestSettings } from '../storage/reports/typeorm-digest-settings.ts';
import { digestView } from './reports/digest-view.ts';
import { TypeOrmReportImages } from '../storage/reports/typeorm-report-images.ts';

/** Channels have no language of their own: cards and notes in channels are Dutch (DOMAIN.md). */
const channelText = translator('nl');

/** Repositories and core services on one database: shared by the server and the CLI. */
export function composeServices(dataSource: DataSource, clock: Clock, logger: Logger, options: { incidentPolicy?: IncidentPolicy; mailer?: IncidentMailer & MaintenanceMailer; deliveryMetrics?: DeliveryMetrics; publicUrl?: string; kbSearchEngine?: KbSearchEngine; newDeliveries?: NewDeliveries } = {}) {
  const store = new TypeOrmKeyValueStore(dataSource, clock);
  const directory = new TypeOrmDirectoryRepository(dataSource);
  const personRepository = new TypeOrmPersonRepository(dataSource);
  const notifier = new PlatformAdminNotifier(personRepository, store, logger.child({ component: 'notify' }));
  const kb = new TypeOrmKbRepository(dataSource);
  const kbSynonyms = new Synonyms(loadSynonyms());
  const kbSearch = new KbSearch(new SqlKbSearchIndex(dataSource), kbSynonyms, {
    engine: options.kbSearchEngine ?? 'memory',
    onRefreshError: (error) => logger.warn({ err: error }, 'reloading the knowledge-base index failed; the previous copy keeps answering'),
  });
  const links = new TypeOrmChannelLinkRepository(dataSource);
  const outbox = new TypeOrmOutboxRepository(dataSource, options.newDeliveries);
  const announcer = new Announcer(outbox, links, clock);
  const incidentRepository = new TypeOrmIncidentRepository(dataSource);
  const knownIssues = new KnownIssues();
  const maintenanceRepository = new TypeOrmMaintenanceRepository(dataSource);
  // Maintenance first: what is running or about to start explains a problem before any incident.
  knownIssues.register(maintenanceKnownIssues(maintenanceRepository));
  knownIssues.register(incidentKnownIssues(incidentRepository));
  const maintenance = new MaintenanceService({
    maintenance: maintenanceRepository, directory, announcer, clock,
    presenter: { channelCard: (m, d) => maintenanceCard(channelText, m, d), threadNote: (m, e) => maintenanceThreadNote(channelText, m, e) },
    ...(options.mailer ? { mailer: options.mailer } : {}),
  });
  const incidents = new IncidentService({
    incidents: incidentRepository, directory, announcer, notifier, clock,
    presenter: { channelCard: (i, d) => incidentCard(channelText, i, d), threadNote: (i, e) => incidentThreadNote(channelText, i, e) },
    ...(options.incidentPolicy ? { policy: options.incidentPolicy } : {}),
    ...(options.mailer ? { mailer: options.mailer } : {}),
  });
  const news = new NewsService({
    news: new TypeOrmNewsRepository(dataSource), directory, announcer, clock,
    presenter: { channelCard: (n, d) => newsCard(channelText, n, d), editedNote: (n) => channelText('news.note.edited', { id: n.id }) },
  });
  const releases = new ReleaseService({
    releases: new TypeOrmReleaseRepository(dataSource), directory, announcer, maintenance, incidents: incidentRepository, clock,
    presenter: { channelCard: (r, d) => releaseCard(channelText, r, d) },
  });
  const kbEvents = new TypeOrmKbEventLog(dataSource);
  const reports = new ReportService({ incidents: incidentRepository, maintenance: maintenanceRepository, outbox, kbEvents, directory, clock });
  const digestSettings = new TypeOrmDigestSettings(dataSource);
  const reportImages = new TypeOrmReportImages(dataSource);
  const reportView = digestView(reportImages, options.publicUrl, () => clock.now());
  const digests = new DigestScheduler({ reports, settings: digestSettings, announcer, outbox, directory, clock, card: (d, dir) => reportView(channelText, d, dir) });
  return {
    store,
    directory,
    kb,
    kbSearch,
    kbEvents,
    kbAnswers: new KbAnswers(kbSearch, kb, kbEvents, clock),
    // Learning from use: phrasings people propose (after "Nee"; used once two people did) and writers link (the review).
    kbLearning: new KbLearning({ kb, search: kbSearch, directory, clock, store: new TypeOrmKbLearningStore(dataSource) }),
    kbReview: new KbReview({ asked: kbEvents, search: kbSearch, kb, synonyms: kbSynonyms }),
    audit: new TypeOrmAuditLog(dataSource),
    personRepository,
    notifier,
    conversations: new TypeOrmConversationReferenceStore(dataSource),
    people: new People(personRepository, directory, clock),
    invitations: new Invitations(new TypeOrmInvitationRepository(dataSource), personRepository, directory, clock),
    channels: new ChannelLinks(links, directory, notifier, clock),
    outbox,
    announcer,
    incidentRepository,
    incidents,
    maintenanceRepository,
    maintenance,
    news,
    releases,
    reports,
    digestSettings,
    digests,
    reportImages,
    reportView,
    deliveryMetrics: options.deliveryMetrics ?? new DeliveryMetrics(),
    tree: new TreeVersions(new TypeOrmTreeRepository(dataSource), directory, loadDefaultTree(), clock),
    knownIssues,
  };
}

export type Services = ReturnType<typeof composeServices>;
