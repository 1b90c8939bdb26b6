import { afterEach, beforeEach } from 'vitest';
import { translate, translator, type MessageKey } from '../../cards/i18n/translate.ts';
import type { CardView } from '../../cards/views/card-view.ts';
import type { Clock } from '../../core/clock.ts';
import { conversationStateKey, type ActiveFlowState } from '../../core/conversation/conversation-state.ts';
import { ConversationEngine, type EngineLogger } from '../../core/conversation/engine.ts';
import type { Flow } from '../../core/conversation/flow.ts';
import type { ConversationKind, Inbound } from '../../core/conversation/inbound.ts';
import type { Locale } from '../../core/conversation/locale.ts';
import type { Reply } from '../../core/conversation/reply.ts';
import { readFileSync } from 'node:fs';
import { composeServices, type Services } from '../../bot/compose-services.ts';
import type { Role } from '../../core/domain/access/types.ts';
import { importDirectory } from '../../core/domain/directory/import-directory.ts';
import type { DirectoryDocument } from '../../core/domain/directory/types.ts';
import { createLogger } from '../../bot/logger.ts';
import { installFlows } from '../../dialogs/install-flows.ts';
import { TypeOrmKeyValueStore } from '../../storage/state/typeorm-key-value-store.ts';
import { openTestDatabase, type TestDatabase } from '../support/databases.ts';

/**
 * The real dialogs (installFlows) behind a real ConversationEngine on a fresh SQLite file:
 * what a user types goes in, the replies come out.
 */
export interface DialogHarness {
  db: TestDatabase;
  store: TypeOrmKeyValueStore;
  engine: ConversationEngine;
  /** The installed flows, in routing order (plus any extra flows the test added). */
  flows: readonly Flow<any>[];
  errors: unknown[];
  say(text: string | undefined, options?: SayOptions): Promise<Reply[]>;
  press(actionId: string, options?: SayOptions): Promise<Reply[]>;
  activeState(options?: SayOptions): Promise<ActiveFlowState | undefined>;
  /** A button press or form submission carrying values (the button's data merged with the form inputs). */
  submit(actionId: string, values: Record<string, unknown>, options?: SayOptions): Promise<Reply[]>;
  /** The services the installed flows use (directory, people, invitations, channels, …), on the harness database. */
  services: Services;
  /** The harness clock (default Monday 3 March 2025, 10:00 in Amsterdam); `set` moves it. */
  clock: Clock & { set(at: Date): void };
  dispose(): Promise<void>;
}

export interface SayOptions {
  locale?: Locale;
  user?: string;
  conversation?: string;
  /** Where it is said: a personal chat (default), a group chat or a channel. */
  kind?: ConversationKind;
  /** The Teams team / Slack workspace of a channel conversation. */
  teamId?: string;
  /** The channel's display name. */
  conversationName?: string;
}

export const HARNESS_NOW = new Date('2025-03-03T09:00:00.000Z');

export async function openDialogHarness(extraFlows: Flow<any>[] = [], options: { now?: Date } = {}): Promise<DialogHarness> {
  const db = await openTestDatabase('sqlite');
  let current = options.now ?? HARNESS_NOW;
  const clock: Clock & { set(at: Date): void } = { now: () => current, set: (at) => { current = at; } };
  const services = composeServices(db.dataSource, clock, createLogger('silent', false));
  const store = services.store;
  const installed = installFlows(services);
  // Extra flows go behind the installed ones (same array, so the help card sees them too).
  installed.flows.push(...extraFlows);
  const errors: unknown[] = [];
  const logger: EngineLogger = {
    error: (obj) => errors.push((obj as { err?: unknown }).err ?? obj),
    warn: () => undefined,
  };
  const engine = new ConversationEngine({ store, flows: installed.flows, fallback: installed.fallback, clock, logger });
  const inbound = (text: string | undefined, o: SayOptions, action?: Inbound['action']): Inbound => ({
    platform: 'local',
    actor: { id: o.user ?? 'user-1' },
    conversation: {
      id: o.conversation ?? 'conv-1',
      kind: o.kind ?? 'personal',
      ...(o.teamId ? { teamId: o.teamId } : {}),
      ...(o.conversationName ? { name: o.conversationName } : {}),
    },
    locale: o.locale ?? 'nl',
    ...(text !== undefined ? { text } : {}),
    ...(action ? { action } : {}),
    receivedAt: clock.now(),
  });
  return {
    db,
    store,
    engine,
    flows: installed.flows,
    errors,
    say: (text, o = {}) => engine.handle(inbound(text, o)),
    press: (id, o = {}) => engine.handle(inbound(undefined, o, { id, values: {} })),
    activeState: async (o = {}) => (await store.read<ActiveFlowState>(conversationStateKey(inbound(undefined, o))))?.value,
    submit: (id, values, o = {}) => engine.handle(inbound(undefined, o, { id, values })),
    services,
    clock,
    dispose: () => db.dispose(),
  };
}

/** The one reply, as text; fails loudly when it is not exactly one text reply. */
export function onlyText(replies: Reply[]): string {
  if (replies.length !== 1 || replies[0]!.kind !== 'text') throw new Error(`expected one text reply, got ${JSON.stringify(replies)}`);
  return replies[0]!.text;
}

/** The one reply, as a card; fails loudly when it is not exactly one card reply. */
export function onlyCard(replies: Reply[]): CardView {
  if (replies.length !== 1 || replies[0]!.kind !== 'card') throw new Error(`expected one card reply, got ${JSON.stringify(replies)}`);
  return replies[0]!.card;
}

/** What the replies say, compactly: "card:<kind>" or the translation key whose text it is (else the text). */
export function describeReplies(replies: Reply[], locale: Locale): string[] {
  const t = translator(locale);
  return replies.map((r) => {
    if (r.kind === 'card') return `card:${r.card.kind}`;
    const keys = (KEYS as MessageKey[]).filter((k) => t(k) === r.text);
    return keys[0] ?? r.text;
  });
}

const KEYS: MessageKey[] = [
  'unknown.text',
  'unknown.action',
  'language.switched',
  'flow.stopped',
  'flow.nothingToStop',
  'error.generic',
  'error.busy',
];

export const LOCALES: Locale[] = ['nl', 'en'];
export { translate };

const DEMO_DIRECTORY = new URL('../../data/demo-directory.json', import.meta.url);

/** Imports data/demo-directory.json through the harness's own directory repository (so the flows see it at once). */
export async function loadDemoDirectory(h: DialogHarness): Promise<DirectoryDocument> {
  const result = await importDirectory(h.services.directory, JSON.parse(readFileSync(DEMO_DIRECTORY, 'utf8')), { replace: true, actor: 'test', now: h.clock.now() });
  if ('problems' in result) throw new Error(`demo directory did not import: ${JSON.stringify(result.problems)}`);
  return h.services.directory.load();
}

/** The person id the harness gives a user ("local:<user>"; default user "user-1"). */
export const harnessPersonId = (user = 'user-1'): string => `local:${user}`;

/** Gives a harness user a role (and links them to the organisation), as `ketenbot admin grant` would. */
export async function grantHarnessRole(h: DialogHarness, user: string, role: Role, organisationId?: string): Promise<void> {
  const person = await h.services.people.of({ platform: 'local', actor: { id: user } });
  const result = await h.services.people.grant(person, role, organisationId, 'test');
  if (!result.ok) throw new Error(`grant failed: ${JSON.stringify(result.error)}`);
}

/**
 * A fresh harness with the demo directory for every test of the file: `use` receives it before each
 * test, and it is disposed after. `let h: DialogHarness; useDemoHarness((opened) => (h = opened));`
 */
export function useDemoHarness(use: (h: DialogHarness) => void): void {
  let opened: DialogHarness | undefined;
  beforeEach(async () => {
    opened = await openDialogHarness();
    await loadDemoDirectory(opened);
    use(opened);
  });
  afterEach(async () => {
    await opened?.dispose();
  });
}
