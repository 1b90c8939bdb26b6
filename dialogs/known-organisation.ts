import { userPreferencesKey, type UserPreferences } from '../core/conversation/conversation-state.ts';
import type { Inbound } from '../core/conversation/inbound.ts';
import type { KeyValueStore } from '../core/conversation/key-value-store.ts';
import type { People } from '../core/domain/access/people.ts';
import type { DirectoryDocument } from '../core/domain/directory/types.ts';

/** The user's organisation: linked in Ketenbot (a care provider first), or told to the bot before. */
export async function knownOrganisation(deps: { people: People; store: KeyValueStore }, inbound: Inbound, directory: DirectoryDocument): Promise<string | undefined> {
  const person = await deps.people.of(inbound);
  const linked = person.organisationIds.map((id) => directory.organisations.find((o) => o.id === id)).filter((o) => o !== undefined);
  const chosen = linked.find((o) => o.kind === 'care-provider') ?? linked[0];
  if (chosen) return chosen.id;
  const prefs = await deps.store.read<UserPreferences>(userPreferencesKey(inbound));
  const remembered = prefs?.value.organisationId;
  return remembered && directory.organisations.some((o) => o.id === remembered) ? remembered : undefined;
}
