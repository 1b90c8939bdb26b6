import type { ChannelLinks } from '../core/domain/access/channel-links.ts';
import type { Invitations } from '../core/domain/access/invitations.ts';
import type { People } from '../core/domain/access/people.ts';
import type { DirectoryRepository } from '../core/domain/directory/directory-repository.ts';
import type { Flow } from '../core/conversation/flow.ts';
import type { KeyValueStore } from '../core/conversation/key-value-store.ts';
import { createChannelFlow } from './channel-flow.ts';
import { createDirectoryFlow } from './directory-flow.ts';
import { fallbackFlow } from './fallback-flow.ts';
import { createHelpFlow } from './help-flow.ts';
import { createInvitationFlow } from './invitation-flow.ts';
import { createLanguageFlow } from './language-flow.ts';
import { createProfileFlow } from './profile-flow.ts';
import { stopFlow } from './stop-flow.ts';

export interface DialogDependencies {
  store: KeyValueStore;
  directory: DirectoryRepository;
  people: People;
  invitations: Invitations;
  channels: ChannelLinks;
}

/** Every flow Ketenbot runs, in routing priority order, and the fallback for unclaimed input. */
export function installFlows(deps: DialogDependencies): { flows: Flow<any>[]; fallback: Flow<any> } {
  const flows: Flow<any>[] = [];
  flows.push(
    createHelpFlow(() => flows),
    stopFlow,
    createLanguageFlow(deps.store),
    createChannelFlow(deps),
    createInvitationFlow(deps),
    createProfileFlow(deps),
    createDirectoryFlow(deps),
  );
  return { flows, fallback: fallbackFlow };
}
