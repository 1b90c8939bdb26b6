import type { ChannelLinks } from '../core/domain/access/channel-links.ts';
import type { Invitations } from '../core/domain/access/invitations.ts';
import type { People } from '../core/domain/access/people.ts';
import type { DirectoryRepository } from '../core/domain/directory/directory-repository.ts';
import type { PersonRepository } from '../core/domain/access/person-repository.ts';
import type { TreeVersions } from '../core/domain/decision-tree/tree-versions.ts';
import type { KnownIssuesSource } from '../core/domain/known-issues.ts';
import type { Flow } from '../core/conversation/flow.ts';
import type { KeyValueStore } from '../core/conversation/key-value-store.ts';
import { createChannelFlow } from './channel-flow.ts';
import { createDirectoryFlow } from './directory-flow.ts';
import { formCancelFlow } from './form-cancel-flow.ts';
import { createHelpFlow } from './help-flow.ts';
import { createInvitationFlow } from './invitation-flow.ts';
import { createKbFlow } from './kb-flow.ts';
import { createKbEditFlow } from './kb-edit-flow.ts';
import { createKbReviewFlow } from './kb-review-flow.ts';
import type { KbLearning } from '../core/domain/knowledge-base/kb-learning.ts';
import type { KbReview } from '../core/domain/knowledge-base/kb-review.ts';
import type { KbRepository } from '../core/domain/knowledge-base/kb-repository.ts';
import type { KbSearch } from '../core/domain/knowledge-base/kb-search.ts';
import type { KbAnswers } from '../core/domain/knowledge-base/kb-answers.ts';
import { createLanguageFlow } from './language-flow.ts';
import { createIncidentFlow } from './incident-flow.ts';
import { createMaintenanceFlow } from './maintenance-flow.ts';
import { createNewsFlow } from './news-flow.ts';
import { createReleaseFlow } from './release-flow.ts';
import { createReportFlow } from './report-flow.ts';
import { createDigestSettingFlow } from './digest-setting-flow.ts';
import type { DigestSettings } from '../core/domain/reports/digest-settings.ts';
import type { DigestView } from '../cards/views/report-cards.ts';
import type { ReportService } from '../core/domain/reports/report-service.ts';
import type { ReleaseService } from '../core/domain/releases/release-service.ts';
import type { NewsService } from '../core/domain/news/news-service.ts';
import type { MaintenanceService } from '../core/domain/maintenance/maintenance-service.ts';
import type { IncidentService } from '../core/domain/incidents/incident-service.ts';
import { createProfileFlow } from './profile-flow.ts';
import { stopFlow } from './stop-flow.ts';
import { createTreeAdminFlow } from './tree/tree-admin-flow.ts';
import { createTreeFlow } from './tree/tree-flow.ts';
import { createOrganisationFlow } from './tree/organisation-flow.ts';

export interface DialogDependencies {
  store: KeyValueStore;
  directory: DirectoryRepository;
  people: People;
  invitations: Invitations;
  channels: ChannelLinks;
  personRepository: PersonRepository;
  tree: TreeVersions;
  knownIssues: KnownIssuesSource;
  kbAnswers: KbAnswers;
  kb: KbRepository;
  kbSearch: KbSearch;
  kbLearning: KbLearning;
  kbReview: KbReview;
  incidents: IncidentService;
  maintenance: MaintenanceService;
  news: NewsService;
  releases: ReleaseService;
  reports: ReportService;
  digestSettings: DigestSettings;
  reportView: DigestView;
}

/** Every flow Ketenbot runs, in routing priority order, and the fallback for unclaimed input. */
export function installFlows(deps: DialogDependencies): { flows: Flow<any>[]; fallback: Flow<any> } {
  const flows: Flow<any>[] = [];
  // Free text that no flow claims is a question for the knowledge base.
  // A pick after "Nee" teaches the entry that phrasing (learning from use).
  const kb = createKbFlow({ answers: deps.kbAnswers, people: deps.people, directory: deps.directory, knownIssues: deps.knownIssues, entries: deps.kb, learning: deps.kbLearning, store: deps.store });
  flows.push(
    createHelpFlow(() => flows, deps),
    stopFlow,
    // "Annuleren" on any form (cards/views/cancel-action.ts).
    formCancelFlow,
    createLanguageFlow(deps.store),
    createTreeFlow({ ...deps, versions: deps.tree }),
    createOrganisationFlow(deps),
    createTreeAdminFlow({ versions: deps.tree, people: deps.people, directory: deps.directory }),
    createDigestSettingFlow(deps),
    createChannelFlow(deps),
    createInvitationFlow(deps),
    createProfileFlow(deps),
    createDirectoryFlow(deps),
    createKbEditFlow(deps),
    // Before the knowledge base's own "kb <question>".
    createKbReviewFlow(deps),
    createIncidentFlow(deps),
    createMaintenanceFlow(deps),
    createNewsFlow(deps),
    createReleaseFlow(deps),
    createReportFlow(deps),
    kb,
  );
  return { flows, fallback: kb };
}
