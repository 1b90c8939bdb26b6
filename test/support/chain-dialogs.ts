import { expect } from 'vitest';
import type { CardInput, CardView } from '../../cards/views/card-view.ts';
import type { Reply } from '../../core/conversation/reply.ts';
import type { Role } from '../../core/domain/access/types.ts';
import { grantHarnessRole, loadDemoDirectory, onlyText, openDialogHarness, type DialogHarness, type SayOptions } from '../dialogs/dialog-harness.ts';

/**
 * Shared set-up and card readers for the chain dialog suites (incidents, maintenance, releases,
 * news, channel reports): the dialog harness on the demo directory, people with roles, linked
 * alert channels, and small readers for the cards and forms the flows answer with.
 */

// ---------- ids in data/demo-directory.json ----------

export const AMANDUS = 'org-sint-amandus-gasthuis';
export const DUINZICHT = 'org-ziekenhuis-duinzicht';
export const MEDICURA = 'org-lev-medicura';
export const RSO = 'org-rso-rivierenland';
export const TWIIN = 'org-twiin-ketenregie';
export const WESTLINK = 'org-gtk-westlink';
export const EPD = 'app-medicura-epd';
export const JGZ = 'app-medicura-jgz';

// ---------- the harness and its people ----------

/** The dialog harness (real flows, engine and SQLite) with the demo directory imported. */
export async function openDemoHarness(): Promise<DialogHarness> {
  const h = await openDialogHarness();
  await loadDemoDirectory(h);
  return h;
}

/** One role for one harness user: [user, role, organisation (none for a chain coordinator)]. */
export type RoleGrant = [user: string, role: Role, organisationId?: string];

/** Grants each user their role, in order. */
export async function grantRoles(h: DialogHarness, ...grants: RoleGrant[]): Promise<void> {
  for (const [user, role, organisationId] of grants) await grantHarnessRole(h, user, role, organisationId);
}

/** Say-options for `user` in their personal chat (conversation "dm-<user>"). */
export const as = (user: string, extra: SayOptions = {}): SayOptions => ({ user, conversation: `dm-${user}`, ...extra });

/** The user who administers `org` and links its alert channel ("admin-<org>"). */
export const channelAdmin = (org: string): string => `admin-${org}`;

/** Say-options for the administrator of `org` in its alert channel "C-<org><suffix>" (team T1, named "meldingen-<org><suffix>"). */
export const inAlertChannel = (org: string, suffix = ''): SayOptions => ({
  user: channelAdmin(org), kind: 'channel', conversation: `C-${org}${suffix}`, teamId: 'T1', conversationName: `meldingen-${org}${suffix}`,
});

/** "kanaal koppel <org>" said where `where` says; fails unless the bot confirms the alert channel. */
export async function linkChannel(h: DialogHarness, org: string, where: SayOptions): Promise<void> {
  expect(onlyText(await h.say(`kanaal koppel ${org}`, where))).toContain('meldingskanaal');
}

/** For each organisation: makes channelAdmin(org) its administrator, who links its alert channel inAlertChannel(org). */
export async function linkAlertChannels(h: DialogHarness, orgs: string[]): Promise<void> {
  for (const org of orgs) {
    await grantHarnessRole(h, channelAdmin(org), 'administrator', org);
    await linkChannel(h, org, inAlertChannel(org));
  }
}

// ---------- the announcement suites (maintenance, releases) ----------

/** Who announces and who reads: Medicura's administrator, a nurse at Sint Amandus, a chain coordinator, WestLink's administrator. */
export const ANNOUNCEMENT_USERS = { ADMIN: 'medicura-admin', NURSE: 'nurse', COORDINATOR: 'coordinator', WEST_ADMIN: 'westlink-admin' } as const;

/** The demo harness with ANNOUNCEMENT_USERS' roles and the alert channels of Medicura, Sint Amandus (uses the EPD), Twiin and RSO. */
export async function openAnnouncementHarness(): Promise<DialogHarness> {
  const { ADMIN, NURSE, COORDINATOR, WEST_ADMIN } = ANNOUNCEMENT_USERS;
  const h = await openDemoHarness();
  await grantRoles(h, [ADMIN, 'administrator', MEDICURA], [NURSE, 'care-professional', AMANDUS], [COORDINATOR, 'chain-coordinator'], [WEST_ADMIN, 'administrator', WESTLINK]);
  await linkAlertChannels(h, [MEDICURA, AMANDUS, TWIIN, RSO]);
  return h;
}

// ---------- what was stored ----------

/** A delivery row of the outbox. */
export interface DeliveryRow {
  channel_id: string;
  organisation_id: string;
  operation: string;
}

/** Every delivery in the outbox (channel, organisation, operation), ordered by channel id. */
export const deliveryRows = (h: DialogHarness): Promise<DeliveryRow[]> =>
  h.db.dataSource.query('SELECT channel_id, organisation_id, operation FROM delivery ORDER BY channel_id') as Promise<DeliveryRow[]>;

// ---------- reading cards ----------

/** The card's inputs, in order. */
export const inputs = (card: CardView): CardInput[] => card.blocks.flatMap((b) => (b.type === 'input' ? [b.input] : []));

/** The card's input with this id; throws when there is none. */
export const input = (card: CardView, id: string): CardInput => {
  const found = inputs(card).find((i) => i.id === id);
  if (!found) throw new Error(`no input "${id}" on ${card.kind}`);
  return found;
};

/** Each input's value, by input id. */
export const inputValues = (card: CardView): Record<string, unknown> => Object.fromEntries(inputs(card).map((i) => [i.id, i.value]));

/** The problem shown on each input that has one, by input id. */
export const errors = (card: CardView): Record<string, string> => Object.fromEntries(inputs(card).flatMap((i) => (i.error ? [[i.id, i.error]] : [])));

/** The card's text blocks, optionally only those of one style. */
export const texts = (card: CardView, style?: 'heading' | 'muted' | 'warning'): string[] =>
  card.blocks.flatMap((b) => (b.type === 'text' && (style === undefined || b.style === style) ? [b.text] : []));

/** The card's facts, value by label. */
export const facts = (card: CardView): Record<string, string> => Object.fromEntries(card.blocks.flatMap((b) => (b.type === 'facts' ? b.facts.map((f) => [f.label, f.value]) : [])));

/** The ids of the card's submit actions (its buttons), in order. */
export const actionIds = (card: CardView): string[] => (card.actions ?? []).flatMap((a) => (a.kind === 'submit' ? [a.id] : []));

/** A copy of the data the card's submit action `id` carries; throws when there is no such action. */
export const submitData = (card: CardView, id: string): Record<string, unknown> => {
  const found = (card.actions ?? []).find((a) => a.kind === 'submit' && a.id === id);
  if (!found || found.kind !== 'submit') throw new Error(`no ${id} on ${card.kind}`);
  return { ...(found.data ?? {}) };
};

/** The values a choice input offers (none for another kind of input). */
export const choiceValues = (card: CardView, id: string): string[] => {
  const i = input(card, id);
  return i.kind === 'choice' ? i.choices.map((c) => c.value) : [];
};

// ---------- forms and their answers ----------

/** The one reply, which must be a form of this kind sent as a form (a modal in Slack). */
export function onlyModalForm(replies: Reply[], kind: string): { card: CardView; replaceKey: string | undefined } {
  expect(replies, JSON.stringify(replies)).toHaveLength(1);
  const reply = replies[0]!;
  if (reply.kind !== 'card') throw new Error(`expected the form, got ${JSON.stringify(reply)}`);
  expect(reply.card.kind).toBe(kind);
  expect(reply.asModal).toBe(true);
  return { card: reply.card, replaceKey: reply.replaceKey };
}

/** The form's inputs as Teams sends them: text, multi-selects comma-separated, toggles "true"/"false". */
export function typedValues(card: CardView): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const i of inputs(card)) values[i.id] = Array.isArray(i.value) ? i.value.join(',') : typeof i.value === 'boolean' ? String(i.value) : i.value;
  return values;
}

/** What pressing the form's button `actionId` sends: the typed inputs with `changes`, and the button's data. */
export const formSubmission = (card: CardView, actionId: string, changes: Record<string, unknown> = {}): Record<string, unknown> =>
  ({ ...typedValues(card), ...changes, ...submitData(card, actionId) });

/** The replies must be a text and then a card of this kind; returns both (and the card's replace key). */
export function textThenCard(replies: Reply[], kind: string): { text: string; card: CardView; replaceKey: string | undefined } {
  expect(replies.map((r) => r.kind), JSON.stringify(replies)).toEqual(['text', 'card']);
  const [text, card] = replies as [Extract<Reply, { kind: 'text' }>, Extract<Reply, { kind: 'card' }>];
  expect(card.card.kind).toBe(kind);
  return { text: text.text, card: card.card, replaceKey: card.replaceKey };
}
