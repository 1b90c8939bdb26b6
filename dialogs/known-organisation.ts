import { userPreferencesKey, type UserPreferences } from '../core/conversation/conversation-state.ts';
import type { Inbound } from '../core/conversation/inbound.ts';
import type { KeyValueStore } from '../core/conversation/key-value-store.ts';
import type { People } from '../core/domain/access/people.ts';
import type { DirectoryDocument } from '../core/domain/directory/types.ts';

/** Remembered as the organisation when the user said theirs is not listed (no organisation has this id). */
export const NOT_LISTED_PREFERENCE = '__none';

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

export type TreeOrganisation =
  | { source: 'chosen' | 'linked'; organisationId: string }
  | { source: 'not-listed' }
  | { source: 'unknown' };

/**
 * The organisation the decision tree assumes. What the user chose in the bot ("andere organisatie")
 * comes first, so a servicedesk agent linked to several organisations can pick one; then the
 * organisation they are linked to (a care provider first).
 */
export async function treeOrganisation(deps: { people: People; store: KeyValueStore }, inbound: Inbound, directory: DirectoryDocument): Promise<TreeOrganisation> {
  const prefs = await deps.store.read<UserPreferences>(userPreferencesKey(inbound));
  const remembered = prefs?.value.organisationId;
  if (remembered && directory.organisations.some((o) => o.id === remembered)) return { source: 'chosen', organisationId: remembered };
  const person = await deps.people.of(inbound);
  const linked = person.organisationIds.map((id) => directory.organisations.find((o) => o.id === id)).filter((o) => o !== undefined);
  const chosen = linked.find((o) => o.kind === 'care-provider') ?? linked[0];
  if (chosen) return { source: 'linked', organisationId: chosen.id };
  return remembered === NOT_LISTED_PREFERENCE ? { source: 'not-listed' } : { source: 'unknown' };
}

/** Remembers the organisation the user chose (or that theirs is not listed) in their preferences. */
export async function rememberOrganisation(store: KeyValueStore, inbound: Pick<Inbound, 'platform' | 'actor'>, organisationId: string): Promise<void> {
  const key = userPreferencesKey(inbound);
  const current = await store.read<UserPreferences>(key);
  await store.write<UserPreferences>(key, { ...current?.value, organisationId }, current ? { etag: current.etag } : 'new');
}
