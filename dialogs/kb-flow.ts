import { randomBytes } from 'node:crypto';
import { kbAnswerCard, kbNoAnswerCard, kbNotHelpedCard, kbOutOfScopeCard, kbSearchCard, kbSuggestionsCard, type KbAnswerState, type KbCardContext } from '../cards/views/kb-cards.ts';
import type { Flow, FlowContext, FlowStep } from '../core/conversation/flow.ts';
import type { Inbound } from '../core/conversation/inbound.ts';
import { StateConflictError, type KeyValueStore, type Versioned } from '../core/conversation/key-value-store.ts';
import { normalizeText } from '../core/conversation/normalize.ts';
import { cardReply, textReply, type Reply } from '../core/conversation/reply.ts';
import type { People } from '../core/domain/access/people.ts';
import type { DirectoryRepository } from '../core/domain/directory/directory-repository.ts';
import type { DirectoryDocument } from '../core/domain/directory/types.ts';
import type { KnownIssuesSource } from '../core/domain/known-issues.ts';
import type { KbAnswers } from '../core/domain/knowledge-base/kb-answers.ts';
import { scrubQuestion } from '../core/domain/knowledge-base/kb-events.ts';
import type { KbRepository } from '../core/domain/knowledge-base/kb-repository.ts';
import { seesKbDrafts } from '../core/domain/knowledge-base/kb-rights.ts';
import type { KbEntry } from '../core/domain/knowledge-base/types.ts';
import { outOfScope } from '../core/domain/knowledge-base/out-of-scope.ts';

const COMMAND = /^(?:zoek in (?:de )?kennisbank|search (?:the )?knowledge base|knowledge base|knowledgebase|kennisbank|kb)(?:\s+(.+))?$/i;

/** Learning from use: the phrasing that led a person to an entry becomes one of its questions (KbLearning). */
export interface KbLearner {
  learn(entryId: string, question: string, by: { actor: string; source: 'feedback' | 'review' }): Promise<unknown>;
}

export interface KbFlowDependencies {
  answers: KbAnswers;
  people: People;
  directory: DirectoryRepository;
  knownIssues: KnownIssuesSource;
  /**
   * Reads entries without counting a view: for a card updated in place (after Ja/Nee), the titles
   * offered after "Nee", and a pick that does not count (see `pick`).
   */
  entries: Pick<KbRepository, 'byIds'>;
  /** Called when a person, after "Nee", picks another entry: their question is learned for it. */
  learning?: KbLearner;
  /**
   * Where the bot records each card it shows (`kb-asked:<card>`): the question, the entries on it
   * and who asked. Only what the bot itself recorded counts: feedback, views from picks and learning
   * never come from button data alone. Without it nothing is counted or learned.
   */
  store?: KeyValueStore;
}

/** The card behind a record: an answer (Ja / Nee), suggestions (`kb.pick`) or the card after "Nee" (`kb.other`). */
type AskedCard = 'answer' | 'suggestions' | 'not-helped';

/** One card as the bot recorded it when it showed it. */
interface AskedRecord {
  card: AskedCard;
  /** What was asked (scrubbed of numbers); empty when it must never be learned (a clinical or personal question). */
  question: string;
  /** An answer card's entry: the only one its Ja / Nee counts for. */
  answer?: string;
  /** The entries offered: to pick (suggestions, after "Nee"), or to offer after "Nee" (an answer card). */
  offered: string[];
  asker: string;
  at: string;
  /** The press that counted: each card counts once, whatever is pressed on it later. */
  used?: 'helped' | 'not-helped' | 'picked';
}

/** Records of cards are kept under this prefix... */
export const ASKED_PREFIX = 'kb-asked:';
/** ...and count only this long after the card was shown; then they are removed (they hold what someone typed). */
export const ASKED_FOR_MS = 24 * 60 * 60 * 1000;

/**
 * Removes the records of cards shown longer ago than ASKED_FOR_MS (reading one removes it too):
 * for the server's clock, so that a question typed in chat is not kept past its use.
 */
export const forgetOldAsked = (store: KeyValueStore, now: Date): Promise<number> =>
  store.deleteOlderThan(ASKED_PREFIX, new Date(now.getTime() - ASKED_FOR_MS));

/**
 * The knowledge base in chat. Free text that no other flow claims is taken as a question (this is
 * the engine's fallback), as is "kb <vraag>". What comes back depends on how sure the search is:
 * one answer card with "Heeft dit geholpen?", "Bedoelt u een van deze?" with the likely titles, or
 * an honest no-answer with the decision tree and filing an incident. A clinical or personal (HR)
 * question first gets the line that Ketenbot is not for that, and where to go instead.
 *
 * Every card gets its own replace key, so asking again is answered with new messages, while a
 * press on a card (Ja, Nee, a pick) shows the choice on that same card instead of its buttons.
 */
export function createKbFlow(deps: KbFlowDependencies): Flow<never> {
  async function ask(ctx: FlowContext, inbound: Inbound, question: string): Promise<FlowStep<never>> {
    const person = await deps.people.of(inbound);
    const directory = await deps.directory.load();
    const reply = await deps.answers.ask(question, { language: ctx.locale, includeDrafts: seesKbDrafts(person, directory) });
    const context: KbCardContext = { card: newCardKey(), question: asked(question) };
    const scope = outOfScope(question);
    if (scope) {
      // Not an ICT question: an article found is at most a suggestion, never "the answer".
      const found = reply.kind === 'answer' ? [reply.entry, ...reply.others] : reply.kind === 'suggestions' ? reply.entries : [];
      const replies = [cardReply(kbOutOfScopeCard(ctx.t, scope.kind))];
      if (found.length) {
        // Picks count as views, but a clinical or personal question is never learned: not recorded.
        await remember(ctx, context.card, { card: 'suggestions', question: '', offered: found.slice(0, 3).map((e) => e.id), asker: person.id });
        replies.push(cardReply(kbSuggestionsCard(ctx.t, found.slice(0, 3), context), context.card, true));
      }
      return { replies };
    }
    if (reply.kind === 'none') return { replies: [cardReply(kbNoAnswerCard(ctx.t, question))] };
    if (reply.kind === 'suggestions') {
      await remember(ctx, context.card, { card: 'suggestions', question: context.question, offered: reply.entries.map((e) => e.id), asker: person.id });
      return { replies: [cardReply(kbSuggestionsCard(ctx.t, reply.entries, context), context.card, true)] };
    }
    const others = reply.others.map((e) => e.id);
    await remember(ctx, context.card, { card: 'answer', question: context.question, answer: reply.entry.id, offered: others, asker: person.id });
    return { replies: [await answerCard(ctx, directory, reply.entry, { context: { ...context, others } })] };
  }

  /** Records a card (best effort: without it, presses on the card are shown but not counted or learned). */
  async function remember(ctx: FlowContext, card: string, record: Omit<AskedRecord, 'at'>): Promise<void> {
    if (!deps.store) return;
    await deps.store.write<AskedRecord>(`${ASKED_PREFIX}${card}`, { ...record, at: ctx.now.toISOString() }, 'new').catch(() => undefined);
  }

  /** The bot's record of a card, if this person asked for it, recently; an expired one is removed. */
  async function recalled(ctx: FlowContext, card: string | undefined, personId: string): Promise<Versioned<AskedRecord> | undefined> {
    if (!deps.store || !card) return undefined;
    const found = await deps.store.read<AskedRecord>(`${ASKED_PREFIX}${card}`).catch(() => undefined);
    const record = found?.value;
    if (!record) return undefined;
    const age = ctx.now.getTime() - Date.parse(record.at);
    if (!(age <= ASKED_FOR_MS)) {
      await deps.store.delete(`${ASKED_PREFIX}${card}`, { etag: found.etag }).catch(() => undefined);
      return undefined;
    }
    return record.asker === personId ? found : undefined;
  }

  /**
   * Marks a card as used by this press; false when another press got there first (a second press,
   * or two at once: the write is conditional on the version read).
   */
  async function claim(card: string, found: Versioned<AskedRecord>, used: NonNullable<AskedRecord['used']>): Promise<boolean> {
    if (!deps.store || found.value.used) return false;
    try {
      await deps.store.write<AskedRecord>(`${ASKED_PREFIX}${card}`, { ...found.value, used }, { etag: found.etag });
      return true;
    } catch (error) {
      if (error instanceof StateConflictError) return false;
      throw error;
    }
  }

  /** One answer card, with the known issues of its applications first. */
  async function answerCard(ctx: FlowContext, directory: DirectoryDocument, entry: KbEntry, state: KbAnswerState, key?: string): Promise<Reply> {
    const appName = (id: string) => directory.applications.find((a) => a.id === id)?.name ?? id;
    const known = (await Promise.all(entry.applicationIds.map(async (id) =>
      (await deps.knownIssues.forApplication(id, ctx.now, ctx.locale)).map((issue) => ({ application: appName(id), issue }))))).flat();
    const card = kbAnswerCard(ctx.t, entry, entry.applicationIds.map(appName), known, state);
    // Without a key: the card of a new answer, under the key just made for it.
    return key ? cardReply(card, key) : cardReply(card, state.context?.card, true);
  }

  /**
   * Ja / Nee: the answer card shows the feedback instead of its buttons; "Nee" offers the way on.
   * Counted only for the entry the bot answered this person with on that card (its record), and
   * once per card: the first press counts, a later one changes what the card shows but not the stats.
   */
  async function feedback(ctx: FlowContext, inbound: Inbound, helped: boolean): Promise<FlowStep<never>> {
    const values = inbound.action!.values;
    const entryId = entryIdOf(values);
    const person = await deps.people.of(inbound);
    const directory = await deps.directory.load();
    const includeDrafts = seesKbDrafts(person, directory);
    const key = cardKey(values.card);
    const [entry] = key ? await read([entryId], includeDrafts) : [];
    const found = await recalled(ctx, key, person.id);
    const counts = entry !== undefined && found?.value.card === 'answer' && found.value.answer === entry.id
      && await claim(key!, found, helped ? 'helped' : 'not-helped');
    if (counts) await deps.answers.feedback(entry.id, helped, ctx.locale);
    const replies: Reply[] = [];
    // A card from before the replace keys, or an entry gone since: a line instead of the updated card.
    if (entry && key) replies.push(await answerCard(ctx, directory, entry, { feedback: helped ? 'helped' : 'not-helped' }, key));
    else replies.push(textReply(ctx.t(helped ? 'kb.answer.givenHelped' : 'kb.answer.givenNotHelped')));
    if (helped) return { replies };
    // What was asked and offered comes from the bot's own record of the answer card, not from the button.
    const record = found?.value;
    const others = (await read((record?.offered ?? ids(values.others)).filter((id) => id !== entryId), includeDrafts)).slice(0, 3);
    const application = entry?.applicationIds.length === 1 ? entry.applicationIds[0] : undefined;
    const context = { card: newCardKey(), question: record?.question || asked(text(values.question)), ...(application ? { application } : {}) };
    // Only the "Nee" that counted gets a card whose picks count: a repeated one cannot mint new ones.
    if (counts) await remember(ctx, context.card, { card: 'not-helped', question: record!.question, offered: others.map((e) => e.id), asker: person.id });
    replies.push(cardReply(kbNotHelpedCard(ctx.t, others, context), context.card, true));
    return { replies };
  }

  /**
   * A title picked from "Bedoelt u een van deze?" (`kb.pick`) or after "Nee" (`kb.other`): the
   * choice shows on that card, the entry comes as an answer card. Counted as a view (and, after
   * "Nee", proposed as a phrasing of that entry) only when the bot offered this entry to this person
   * on that card, and only for the first pick on it; any other pick is shown without counting.
   */
  async function pick(ctx: FlowContext, inbound: Inbound, afterNo: boolean): Promise<FlowStep<never>> {
    const values = inbound.action!.values;
    const person = await deps.people.of(inbound);
    const directory = await deps.directory.load();
    const includeDrafts = seesKbDrafts(person, directory);
    const wanted = entryIdOf(values);
    const chooser = cardKey(values.card);
    const found = await recalled(ctx, chooser, person.id);
    const record = found?.value;
    const counts = record?.card === (afterNo ? 'not-helped' : 'suggestions') && record.offered.includes(wanted) && await claim(chooser!, found!, 'picked');
    const entry = counts ? await deps.answers.open(wanted, { language: ctx.locale, includeDrafts }) : (await read([wanted], includeDrafts))[0];
    if (!entry) return { replies: [textReply(ctx.t('kb.gone'))] };
    const question = record?.question || asked(text(values.question));
    const others = (record?.offered ?? ids(values.others)).filter((id) => id !== entry.id).slice(0, 2);
    if (counts && afterNo && record.question && deps.learning) {
      // Best effort: the learner refuses what it should not keep; a failure must not cost the person the answer.
      await deps.learning.learn(entry.id, record.question, { actor: person.id, source: 'feedback' }).catch(() => undefined);
    }
    const replies: Reply[] = [];
    if (chooser) {
      const context = { card: chooser, question };
      replies.push(cardReply(afterNo
        ? kbNotHelpedCard(ctx.t, [], context, { title: entry.title })
        : kbSuggestionsCard(ctx.t, [], context, { title: entry.title, of: others.length + 1 }), chooser));
    }
    const card = newCardKey();
    // Only a pick that counted gets an answer card whose Ja / Nee count; a question from button data is shown, never kept.
    if (counts) await remember(ctx, card, { card: 'answer', question: record.question, answer: entry.id, offered: others, asker: person.id });
    replies.push(await answerCard(ctx, directory, entry, { context: { card, question, others } }));
    return { replies };
  }

  /** Entries by id in that order, only those the person may see; no view counted. */
  async function read(wanted: string[], includeDrafts: boolean): Promise<KbEntry[]> {
    if (!wanted.length) return [];
    const visible = (e: KbEntry | undefined): e is KbEntry => e !== undefined && (e.published || includeDrafts);
    const found = new Map((await deps.entries.byIds(wanted)).map((e) => [e.id, e]));
    return wanted.map((id) => found.get(id)).filter(visible);
  }

  return {
    id: 'kb',
    matches: (text) => COMMAND.test(text),
    isLookup: () => true,
    async start(ctx, inbound) {
      const action = inbound.action;
      if (action) {
        // Feedback and picks name an entry by its id; anything else in its place is not from our cards.
        const hasEntry = entryIdOf(action.values) !== '';
        if ((action.id === 'kb.helped' || action.id === 'kb.notHelped') && hasEntry) return feedback(ctx, inbound, action.id === 'kb.helped');
        if ((action.id === 'kb.pick' || action.id === 'kb.other') && hasEntry) return pick(ctx, inbound, action.id === 'kb.other');
        if (action.id === 'kb.search') {
          const question = text(action.values.question).trim();
          return question ? ask(ctx, inbound, question) : { replies: [cardReply(kbSearchCard(ctx.t, '', ctx.t('kb.search.empty')))] };
        }
        if (action.id === 'kb.open') return { replies: [cardReply(kbSearchCard(ctx.t))] };
        // A button of a flow that no longer exists, or of another app.
        return { replies: [textReply(ctx.t('unknown.action'))] };
      }
      const typed = (inbound.text ?? '').trim();
      const command = COMMAND.exec(typed);
      if (command) {
        const question = command[1]?.trim() ?? '';
        return question ? ask(ctx, inbound, question) : { replies: [cardReply(kbSearchCard(ctx.t))] };
      }
      if (!normalizeText(typed)) return { replies: [textReply(ctx.t('unknown.text'))] };
      return ask(ctx, inbound, typed);
    },
    capabilities: (t) => [{ title: t('kb.capability.title'), text: t('kb.capability.text'), action: { kind: 'submit', id: 'kb.open', label: t('kb.search.title') } }],
  };
}

const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

const ENTRY_ID = /^[a-z0-9][a-z0-9._-]{0,99}$/i;
/** Entry ids from button data: at most a few, each shaped like an id. */
const ids = (v: unknown): string[] => text(v).split(',').map((s) => s.trim()).filter((s) => ENTRY_ID.test(s)).slice(0, 3);
const entryIdOf = (values: Record<string, unknown>): string => (ENTRY_ID.test(text(values.entry)) ? text(values.entry) : '');

/**
 * A new replace key for one card. Inbound carries no message id, so it is random: the same question
 * asked twice gets new cards, and a press on a card replaces that card only.
 */
const newCardKey = (): string => `kb:${randomBytes(6).toString('hex')}`;
const cardKey = (v: unknown): string | undefined => (/^kb:[0-9a-f]{12}$/.test(text(v)) ? text(v) : undefined);

/** The question as button data carries it: numbers scrubbed, on one line, at most 300 characters. */
function asked(question: string): string {
  return scrubQuestion(question.slice(0, 2000).replace(/[\u0000-\u001f\u007f-\u009f\s]+/g, ' ')).slice(0, 300).trim();
}
