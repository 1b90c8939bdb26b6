import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { translate } from '../../../cards/i18n/translate.ts';
import type { Clock } from '../../../core/clock.ts';
import {
  conversationStateKey,
  userPreferencesKey,
  type ActiveFlowState,
  type UserPreferences,
} from '../../../core/conversation/conversation-state.ts';
import { ConversationEngine, type EngineLogger } from '../../../core/conversation/engine.ts';
import type { Flow } from '../../../core/conversation/flow.ts';
import type { Inbound } from '../../../core/conversation/inbound.ts';
import type { KeyValueStore } from '../../../core/conversation/key-value-store.ts';
import type { Locale } from '../../../core/conversation/locale.ts';
import { textReply, type Reply } from '../../../core/conversation/reply.ts';
import { createLanguageFlow } from '../../../dialogs/language-flow.ts';
import { openDatabase } from '../../../storage/data-source.ts';
import { TypeOrmKeyValueStore } from '../../../storage/state/typeorm-key-value-store.ts';
import { openTestDatabase, type TestDatabase } from '../../support/databases.ts';

/** The engine's fallback in these tests: a pointer to help, or "that button has ended" for actions. */
const testFallback: Flow<never> = {
  id: 'fallback',
  start: (ctx, inbound) => ({ replies: [textReply(ctx.t(inbound.action ? 'unknown.action' : 'unknown.text'))] }),
};

/**
 * The ConversationEngine on a real SQLite file through the real TypeOrmKeyValueStore,
 * with small test flows and a clock the test moves by hand.
 */

const TTL_MS = 60 * 60 * 1000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---- the clock and the logger -------------------------------------------------------------

let current: Date;
const clock: Clock = { now: () => current };
const advance = (ms: number) => {
  current = new Date(current.getTime() + ms);
};

interface LogEntry {
  level: 'error' | 'warn';
  obj: object;
  msg: string;
}
let logged: LogEntry[];
const logger: EngineLogger = {
  error: (obj, msg) => logged.push({ level: 'error', obj, msg }),
  warn: (obj, msg) => logged.push({ level: 'warn', obj, msg }),
};

// ---- test flows ---------------------------------------------------------------------------

interface GreetState {
  asked: 'name';
  attempts: number;
}

/** Knobs the tests turn on the flows. */
const knobs = { greetStartDelayMs: 0 };

/** Two steps: "greet me" → "What is your name?" → "<name>" → "Hello, <name>!". "crash" as a name throws. */
const greetFlow: Flow<GreetState> = {
  id: 'greet',
  matches: (text) => text === 'greet me',
  async start() {
    if (knobs.greetStartDelayMs) await sleep(knobs.greetStartDelayMs);
    return { replies: [textReply('What is your name?')], state: { asked: 'name', attempts: 0 } };
  },
  step(_ctx, state, inbound) {
    const name = inbound.text?.trim() ?? '';
    if (name === 'crash') throw new Error('the greet flow fell over');
    if (!name) return { replies: [textReply('Please tell me your name.')], state: { ...state, attempts: state.attempts + 1 } };
    return { replies: [textReply(`Hello, ${name}!`)] };
  },
  capabilities: () => [{ title: 'Greet', text: 'Type "greet me".' }],
};

/** Interrupts: answers without touching the active flow. */
const assistFlow: Flow<never> = {
  id: 'assist',
  interrupts: true,
  matches: (text) => text === 'help',
  start: () => ({ replies: [textReply('HELP TEXT')] }),
};

/** Interrupts and ends the active flow. */
const cancelFlow: Flow<never> = {
  id: 'cancel',
  interrupts: true,
  matches: (text) => text === 'cancel',
  start: () => ({ replies: [textReply('Cancelled.')], clearActive: true }),
};

/** Asks a question; anything but "a" or "b" is passed back to the engine to route anew. */
const quizFlow: Flow<{ question: number }> = {
  id: 'quiz',
  matches: (text) => text === 'quiz',
  start: () => ({ replies: [textReply('A or B?')], state: { question: 1 } }),
  step(_ctx, _state, inbound) {
    const answer = inbound.text?.trim().toLowerCase();
    if (answer === 'a' || answer === 'b') return { replies: [textReply(`You chose ${answer}.`)] };
    return { replies: [textReply('SHOULD NOT BE SHOWN')], pass: true };
  },
};

/** Throws as it starts. */
const explodeFlow: Flow<never> = {
  id: 'explode',
  matches: (text) => text === 'explode',
  start: () => {
    throw new Error('kaboom');
  },
};

/**
 * Plays "another writer": between the engine's read and its write it writes the conversation's
 * state key itself, as a second bot process handling the same conversation would.
 */
function createTamperFlow(store: KeyValueStore): Flow<{ n: number }> {
  const meddle = (inbound: Inbound, n: number) =>
    store.write<ActiveFlowState>(
      conversationStateKey(inbound),
      { flowId: 'tamper', data: { n, by: 'other process' }, startedAt: current.toISOString(), updatedAt: current.toISOString() },
      'any',
    );
  return {
    id: 'tamper',
    matches: (text) => text === 'tamper' || text === 'tamper now',
    async start(_ctx, inbound) {
      if (inbound.text === 'tamper now') await meddle(inbound, 99);
      return { replies: [textReply('tamper started')], state: { n: 0 } };
    },
    async step(_ctx, state, inbound) {
      await meddle(inbound, 42);
      if (inbound.text === 'finish') return { replies: [textReply('tamper finished')] };
      return { replies: [textReply(`tamper step ${state.n + 1}`)], state: { n: state.n + 1 } };
    },
  };
}

function buildEngine(store: KeyValueStore, stateTtlMs = TTL_MS): ConversationEngine {
  return new ConversationEngine({
    store,
    flows: [assistFlow, cancelFlow, createLanguageFlow(store), greetFlow, quizFlow, explodeFlow, createTamperFlow(store)],
    fallback: testFallback,
    clock,
    logger,
    stateTtlMs,
  });
}

// ---- helpers ------------------------------------------------------------------------------

interface Who {
  user?: string;
  conversation?: string;
  locale?: Locale;
}

const inbound = (text: string | undefined, who: Who = {}, action?: Inbound['action']): Inbound => ({
  platform: 'local',
  actor: { id: who.user ?? 'user-1', name: 'Test User' },
  conversation: { id: who.conversation ?? 'conv-1', kind: 'personal' },
  locale: who.locale ?? 'en',
  ...(text !== undefined ? { text } : {}),
  ...(action ? { action } : {}),
  receivedAt: current,
});

/** Replies as strings: the text, or "card:<kind>". */
const show = (replies: Reply[]) => replies.map((r) => (r.kind === 'text' ? r.text : `card:${r.card.kind}`));

let db: TestDatabase;
let store: TypeOrmKeyValueStore;
let engine: ConversationEngine;

const say = async (text: string | undefined, who: Who = {}) => show(await engine.handle(inbound(text, who)));
const press = async (actionId: string, who: Who = {}, values: Record<string, unknown> = {}) =>
  show(await engine.handle(inbound(undefined, who, { id: actionId, values })));
const storedState = (who: Who = {}) => store.read<ActiveFlowState>(conversationStateKey(inbound(undefined, who)));

beforeEach(async () => {
  current = new Date('2025-03-03T09:00:00.000Z');
  logged = [];
  knobs.greetStartDelayMs = 0;
  db = await openTestDatabase('sqlite');
  store = new TypeOrmKeyValueStore(db.dataSource, clock);
  engine = buildEngine(store);
});

afterEach(async () => {
  if (!db.dataSource.isInitialized) await db.dataSource.initialize();
  await db.dispose();
});

// ---- the tests ----------------------------------------------------------------------------

describe('ConversationEngine: flow state', () => {
  it('stores the state of a started flow and steps it with the next message', async () => {
    expect(await say('Greet me!')).toEqual(['What is your name?']);

    const saved = await storedState();
    expect(saved?.value).toEqual({
      flowId: 'greet',
      data: { asked: 'name', attempts: 0 },
      startedAt: '2025-03-03T09:00:00.000Z',
      updatedAt: '2025-03-03T09:00:00.000Z',
    });

    advance(5_000);
    expect(await say('')).toEqual(['Please tell me your name.']);
    const again = await storedState();
    expect(again?.value).toMatchObject({ flowId: 'greet', data: { attempts: 1 }, startedAt: '2025-03-03T09:00:00.000Z', updatedAt: '2025-03-03T09:00:05.000Z' });
    expect(again?.etag).not.toBe(saved?.etag);

    expect(await say('Alice')).toEqual(['Hello, Alice!']);
    expect(await storedState()).toBeUndefined();
    // finished: the same text now means nothing
    expect(await say('Alice')).toEqual([translate('en', 'unknown.text')]);
  });

  it('keeps the state of each user and each conversation apart', async () => {
    await say('greet me', { user: 'alice' });
    expect(await say('Bob', { user: 'bob' })).toEqual([translate('en', 'unknown.text')]);
    expect(await say('Alice', { user: 'alice', conversation: 'conv-2' })).toEqual([translate('en', 'unknown.text')]);
    expect(await say('Alice', { user: 'alice' })).toEqual(['Hello, Alice!']);
  });

  it('state survives a restart: a brand-new store and engine on the same DataSource continue the flow', async () => {
    expect(await say('greet me')).toEqual(['What is your name?']);

    const restartedStore = new TypeOrmKeyValueStore(db.dataSource, clock);
    engine = buildEngine(restartedStore);
    expect(await say('Alice')).toEqual(['Hello, Alice!']);
  });

  it('state survives a restart: the database is closed and the same SQLite file reopened', async () => {
    expect(await say('greet me')).toEqual(['What is your name?']);
    await db.dataSource.destroy();

    let reopened: DataSource | undefined;
    try {
      reopened = await openDatabase(db.url);
      store = new TypeOrmKeyValueStore(reopened, clock);
      engine = buildEngine(store);
      advance(60_000);
      expect(await say('Alice')).toEqual(['Hello, Alice!']);
      expect(await storedState()).toBeUndefined();
    } finally {
      await reopened?.destroy();
    }
  });

  it('forgets state older than the TTL (and removes it), but keeps state exactly at the TTL', async () => {
    await say('greet me');
    advance(TTL_MS);
    expect(await say('')).toEqual(['Please tell me your name.']);

    advance(TTL_MS + 1);
    expect(await say('Alice')).toEqual([translate('en', 'unknown.text')]);
    expect(await storedState()).toBeUndefined();
  });

  it('uses the TTL it is given', async () => {
    engine = buildEngine(store, 1_000);
    await say('greet me');
    advance(1_001);
    expect(await say('Alice')).toEqual([translate('en', 'unknown.text')]);
  });

  it('a flow started again after its old state expired gets a new start time (startedAt)', async () => {
    await say('greet me');
    advance(TTL_MS + 1);
    expect(await say('greet me')).toEqual(['What is your name?']);
    const saved = await storedState();
    expect(saved?.value.startedAt).toBe(current.toISOString());
  });
});

describe('ConversationEngine: routing', () => {
  it('an interrupting flow answers without ending the active flow', async () => {
    await say('greet me');
    const before = await storedState();

    expect(await say('Help')).toEqual(['HELP TEXT']);
    expect(await storedState()).toEqual(before);

    expect(await say('Alice')).toEqual(['Hello, Alice!']);
  });

  it('an interrupting flow with clearActive ends the active flow', async () => {
    await say('greet me');
    expect(await say('cancel')).toEqual(['Cancelled.']);
    expect(await storedState()).toBeUndefined();
    expect(await say('Alice')).toEqual([translate('en', 'unknown.text')]);
  });

  it('a command during an open flow closes it (one line says so) and the new flow becomes active', async () => {
    expect(await say('quiz')).toEqual(['A or B?']);
    expect(await say('greet me')).toEqual([translate('en', 'conversation.left', { name: translate('en', 'conversation.flow.generic') }), 'What is your name?']);
    expect((await storedState())?.value).toMatchObject({ flowId: 'greet' });
    expect(await say('Alice')).toEqual(['Hello, Alice!']);
  });

  it('pass: input no flow claims goes to the fallback and the passing flow is ended', async () => {
    await say('quiz');
    expect(await say('c')).toEqual([translate('en', 'unknown.text')]);
    expect(await storedState()).toBeUndefined();
    expect(await say('a')).toEqual([translate('en', 'unknown.text')]);
  });

  it('a flow that does not pass answers itself', async () => {
    await say('quiz');
    expect(await say('B')).toEqual(['You chose b.']);
  });

  it('an action whose id names a known flow starts it, and steps it while it is active', async () => {
    expect(await press('greet.start')).toEqual(['What is your name?']);
    expect(await press('greet.submit')).toEqual(['Please tell me your name.']);
  });

  it.each([
    ['nosuchflow.go'],
    ['nosuchflow'],
    ['.leading-dot'],
    [''],
  ])('an action with id %j (unknown flow) goes to the fallback', async (actionId) => {
    expect(await press(actionId)).toEqual([translate('en', 'unknown.action')]);
    expect(await press(actionId, { locale: 'nl' })).toEqual([translate('nl', 'unknown.action')]);
  });

  it('an action for an unknown flow does not destroy the flow the user is in', async () => {
    // A user answering a question presses a button on an old card: they are told the button is stale,
    // and their current conversation must go on.
    await say('greet me');
    expect(await press('retired-flow.confirm')).toEqual([translate('en', 'unknown.action')]);
    expect(await storedState()).toBeDefined();
    expect(await say('Alice')).toEqual(['Hello, Alice!']);
  });
});

describe('ConversationEngine: failures', () => {
  it('an exception as a flow starts gives the translated error.generic text and stores nothing', async () => {
    expect(await say('explode')).toEqual([translate('en', 'error.generic')]);
    expect(await say('explode', { locale: 'nl' })).toEqual([translate('nl', 'error.generic')]);
    expect(await storedState()).toBeUndefined();
    expect(logged.filter((l) => l.level === 'error')).toHaveLength(2);
    expect((logged[0]?.obj as { err?: Error }).err?.message).toBe('kaboom');

    // the conversation works normally afterwards
    expect(await say('greet me')).toEqual(['What is your name?']);
    expect(await say('Alice')).toEqual(['Hello, Alice!']);
  });

  it('an exception in a step leaves the last good state untouched, so the user can try again', async () => {
    await say('greet me');
    const before = await storedState();

    expect(await say('crash')).toEqual([translate('en', 'error.generic')]);
    expect(await storedState()).toEqual(before);

    expect(await say('Alice')).toEqual(['Hello, Alice!']);
    expect(await storedState()).toBeUndefined();
  });

  it('an exception does not block the next message of the conversation (the lock is released)', async () => {
    const [first, second] = await Promise.all([engine.handle(inbound('explode')), engine.handle(inbound('greet me'))]);
    expect(show(first)).toEqual([translate('en', 'error.generic')]);
    expect(show(second)).toEqual(['What is your name?']);
  });

  it('another writer changing the state between read and write gives error.busy (no state yet: "new" conflicts)', async () => {
    expect(await say('tamper now')).toEqual([translate('en', 'error.busy')]);
    expect(logged.some((l) => l.level === 'warn')).toBe(true);
    expect(logged.some((l) => l.level === 'error')).toBe(false);
    // the other writer's state is not overwritten
    expect((await storedState())?.value.data).toEqual({ n: 99, by: 'other process' });
    // in the user's language
    expect(await say('tamper now', { locale: 'nl', conversation: 'conv-nl' })).toEqual([translate('nl', 'error.busy')]);
  });

  it('another writer changing the state between read and write gives error.busy (stale eTag conflicts)', async () => {
    expect(await say('tamper')).toEqual(['tamper started']);
    expect(await say('go on')).toEqual([translate('en', 'error.busy')]);
    expect((await storedState())?.value.data).toEqual({ n: 42, by: 'other process' });
  });

  it('another writer changing the state while the flow ends is not wiped out either (error.busy, their state kept)', async () => {
    // The eTag should guard ending a flow just as it guards continuing it.
    expect(await say('tamper')).toEqual(['tamper started']);
    expect(await say('finish')).toEqual([translate('en', 'error.busy')]);
    expect((await storedState())?.value.data).toEqual({ n: 42, by: 'other process' });
  });

  it('two engines (two bot processes) starting the same conversation at once: one answers, the other is busy', async () => {
    knobs.greetStartDelayMs = 30;
    const other = buildEngine(new TypeOrmKeyValueStore(db.dataSource, clock));
    const results = (await Promise.all([engine.handle(inbound('greet me')), other.handle(inbound('greet me'))])).map(show);
    expect(results).toContainEqual(['What is your name?']);
    expect(results).toContainEqual([translate('en', 'error.busy')]);
  });
});

describe('ConversationEngine: concurrency', () => {
  it('handles two concurrent messages of one conversation in order, and answers both', async () => {
    // Without the per-conversation lock, "Alice" would be read before "greet me" saved its state.
    knobs.greetStartDelayMs = 30;
    const [first, second] = await Promise.all([engine.handle(inbound('greet me')), engine.handle(inbound('Alice'))]);
    expect(show(first)).toEqual(['What is your name?']);
    expect(show(second)).toEqual(['Hello, Alice!']);
    expect(await storedState()).toBeUndefined();
  });

  it('many messages in quick succession are all answered, in order', async () => {
    const texts = ['greet me', '', '', 'Alice', 'quiz', 'a'];
    const replies = await Promise.all(texts.map((t) => engine.handle(inbound(t))));
    expect(replies.map(show)).toEqual([
      ['What is your name?'],
      ['Please tell me your name.'],
      ['Please tell me your name.'],
      ['Hello, Alice!'],
      ['A or B?'],
      ['You chose a.'],
    ]);
  });

  it('does not make other conversations wait', async () => {
    knobs.greetStartDelayMs = 200;
    const slow = engine.handle(inbound('greet me', { conversation: 'slow' }));
    knobs.greetStartDelayMs = 0;
    const startedAt = Date.now();
    expect(show(await engine.handle(inbound('help', { conversation: 'fast' })))).toEqual(['HELP TEXT']);
    expect(Date.now() - startedAt).toBeLessThan(150);
    expect(show(await slow)).toEqual(['What is your name?']);
  });
});

describe('ConversationEngine: language preference', () => {
  it('the language the user chooses overrides the platform locale for later messages', async () => {
    expect(await say('xyz', { locale: 'en' })).toEqual([translate('en', 'unknown.text')]);

    expect(await say('Nederlands', { locale: 'en' })).toEqual([translate('nl', 'language.switched')]);
    const prefs = await store.read<UserPreferences>(userPreferencesKey(inbound(undefined)));
    expect(prefs?.value).toEqual({ locale: 'nl' });

    expect(await say('xyz', { locale: 'en' })).toEqual([translate('nl', 'unknown.text')]);
    expect(await say('explode', { locale: 'en' })).toEqual([translate('nl', 'error.generic')]);
    // per user, in every conversation
    expect(await say('xyz', { locale: 'en', conversation: 'conv-2' })).toEqual([translate('nl', 'unknown.text')]);
    // other users keep their platform locale
    expect(await say('xyz', { locale: 'en', user: 'user-2' })).toEqual([translate('en', 'unknown.text')]);

    expect(await say('English', { locale: 'nl' })).toEqual([translate('en', 'language.switched')]);
    expect(await say('xyz', { locale: 'nl' })).toEqual([translate('en', 'unknown.text')]);
  });

  it('switching language does not end the active flow', async () => {
    await say('greet me');
    expect(await say('English', { locale: 'nl' })).toEqual([translate('en', 'language.switched')]);
    expect(await say('Alice')).toEqual(['Hello, Alice!']);
  });

  it.each<[string, unknown]>([
    ['an unsupported language', { locale: 'fr' }],
    ['a non-string locale', { locale: {} }],
    ['no locale at all', {}],
  ])('a stored preference with %s is ignored: the platform locale applies and the user gets an answer', async (_name, value) => {
    await store.write(userPreferencesKey(inbound(undefined)), value, 'any');
    expect(await say('xyz', { locale: 'en' })).toEqual([translate('en', 'unknown.text')]);
    expect(await say('explode', { locale: 'en' })).toEqual([translate('en', 'error.generic')]);
  });

  it('the preference survives a restart', async () => {
    await say('Nederlands', { locale: 'en' });
    engine = buildEngine(new TypeOrmKeyValueStore(db.dataSource, clock));
    expect(await say('xyz', { locale: 'en' })).toEqual([translate('nl', 'unknown.text')]);
  });
});
