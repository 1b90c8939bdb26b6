import { translate, translator, type MessageKey } from '../../cards/i18n/translate.ts';
import type { CardView } from '../../cards/views/card-view.ts';
import type { Clock } from '../../core/clock.ts';
import { conversationStateKey, type ActiveFlowState } from '../../core/conversation/conversation-state.ts';
import { ConversationEngine, type EngineLogger } from '../../core/conversation/engine.ts';
import type { Flow } from '../../core/conversation/flow.ts';
import type { Inbound } from '../../core/conversation/inbound.ts';
import type { Locale } from '../../core/conversation/locale.ts';
import type { Reply } from '../../core/conversation/reply.ts';
import { composeServices } from '../../bot/compose-services.ts';
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
  dispose(): Promise<void>;
}

export interface SayOptions {
  locale?: Locale;
  user?: string;
  conversation?: string;
}

export async function openDialogHarness(extraFlows: Flow<any>[] = []): Promise<DialogHarness> {
  const db = await openTestDatabase('sqlite');
  const clock: Clock = { now: () => new Date('2025-03-03T09:00:00.000Z') };
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
    conversation: { id: o.conversation ?? 'conv-1', kind: 'personal' },
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
