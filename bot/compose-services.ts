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
import { KbSearch } from '../core/domain/knowledge-base/kb-search.ts';
import { Synonyms } from '../core/domain/knowledge-base/synonyms.ts';
import { SqlKbSearchIndex } from '../storage/knowledge-base/kb-search-index.ts';
import { TypeOrmKbEventLog } from '../storage/knowledge-base/typeorm-kb-event-log.ts';
import { loadSynonyms } from './kb-synonyms.ts';
import { Announcer } from '../core/delivery/announcer.ts';
import { DeliveryMetrics } from '../core/delivery/delivery-metrics.ts';
import { TypeOrmOutboxRepository } from '../storage/delivery/typeorm-outbox-repository.ts';
import type { Logger } from './logger.ts';
import { PlatformAdminNotifier } from './notify/admin-notifier.ts';

/** Repositories and core services on one database: shared by the server and the CLI. */
export function composeServices(dataSource: DataSource, clock: Clock, logger: Logger) {
  const store = new TypeOrmKeyValueStore(dataSource, clock);
  const directory = new TypeOrmDirectoryRepository(dataSource);
  const personRepository = new TypeOrmPersonRepository(dataSource);
  const notifier = new PlatformAdminNotifier(personRepository, store, logger.child({ component: 'notify' }));
  const kb = new TypeOrmKbRepository(dataSource);
  const kbSearch = new KbSearch(new SqlKbSearchIndex(dataSource), new Synonyms(loadSynonyms()));
  const kbEvents = new TypeOrmKbEventLog(dataSource);
  const links = new TypeOrmChannelLinkRepository(dataSource);
  const outbox = new TypeOrmOutboxRepository(dataSource);
  return {
    store,
    directory,
    kb,
    kbSearch,
    kbEvents,
    kbAnswers: new KbAnswers(kbSearch, kb, kbEvents, clock),
    audit: new TypeOrmAuditLog(dataSource),
    personRepository,
    notifier,
    conversations: new TypeOrmConversationReferenceStore(dataSource),
    people: new People(personRepository, directory, clock),
    invitations: new Invitations(new TypeOrmInvitationRepository(dataSource), personRepository, directory, clock),
    channels: new ChannelLinks(links, directory, notifier, clock),
    outbox,
    announcer: new Announcer(outbox, links, clock),
    deliveryMetrics: new DeliveryMetrics(),
    tree: new TreeVersions(new TypeOrmTreeRepository(dataSource), directory, loadDefaultTree(), clock),
    knownIssues: new KnownIssues(),
  };
}

export type Services = ReturnType<typeof composeServices>;
