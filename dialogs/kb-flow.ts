import { randomBytes } from 'node:crypto';
import { kbAnswerCard, kbNoAnswerCard, kbNotHelpedCard, kbOutOfScopeCard, kbSearchCard, kbSuggestionsCard, type KbAnswerState, type KbCardContext } from '../cards/views/kb-cards.ts';
import type { Flow, FlowContext, FlowStep } from '../core/conversation/flow.ts';
import type { Inbound } from '../core/conversation/inbound.ts';
import type { KeyValueStore } from '../core/conversation/key-value-store.ts';
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
   * Reads entries again for a card updated in place (after Ja/Nee) and for the titles offered after
   * "Nee", without counting a view. Without it they are read through `answers.open`, which does count one.
   */
  entries?: Pick<KbRepository, 'byIds'>;
  /** Called when a person, after "Nee", picks another entry: their question is learned for it. */
  learning?: KbLearner;
  /**
   * Where the question behind each answer card is kept, with the entries offered and who asked:
   * only what the bot itself recorded is ever learned, never a question or entry from button data.
   * Without it nothing is learned.
   */
  store?: KeyValueStore;
}

/** The question behind one card, as the bot recorded it when it showed the card. */
interface AskedRecord {
  question: string;
  offered: string[];
  asker: string;
  at: string;
}

/** A recorded question is learned only within this long after it was asked. */
const LEARN_WITHIN_MS = 24 * 60 * 60 * 1000;

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
      if (found.length) replies.push(cardReply(kbSuggestionsCard(ctx.t, found.slice(0, 3), context), context.card));
      return { replies };
    }
    if (reply.kind === 'none') return { replies: [cardReply(kbNoAnswerCard(ctx.t, question))] };
    if (reply.kind === 'suggestions') {
      await remember(ctx, context.card, { question: context.question, offered: reply.entries.map((e) => e.id), asker: person.id });
      return { replies: [cardReply(kbSuggestionsCard(ctx.t, reply.entries, context), context.card)] };
    }
    const others = reply.others.map((e) => e.id);
    await remember(ctx, context.card, { question: context.question, offered: others, asker: person.id });
    return { replies: [await answerCard(ctx, directory, reply.entry, { context: { ...context, others } })] };
  }

  /** Keeps the question behind a card (best effort: without it, a pick is shown but not learned). */
  async function remember(ctx: FlowContext, card: string, record: Omit<AskedRecord, 'at'>): Promise<void> {
    if (!deps.store || !record.question) return;
    await deps.store.write<AskedRecord>(`kb-asked:${card}`, { ...record, at: ctx.now.toISOString() }, 'new').catch(() => undefined);
  }

  /** The question the bot recorded behind a card, if this person asked it, recently. */
  async function recalled(ctx: FlowContext, card: string | undefined, personId: string): Promise<AskedRecord | undefined> {
    if (!deps.store || !card) return undefined;
    const found = await deps.store.read<AskedRecord>(`kb-asked:${card}`).catch(() => undefined);
    const record = found?.value;
    if (!record || record.asker !== personId || ctx.now.getTime() - Date.parse(record.at) > LEARN_WITHIN_MS) return undefined;
    return record;
  }

  /** One answer card, with the known issues of its applications first. */
  async function answerCard(ctx: FlowContext, directory: DirectoryDocument, entry: KbEntry, state: KbAnswerState, key?: string): Promise<Reply> {
    const appName = (id: string) => directory.applications.find((a) => a.id === id)?.name ?? id;
    const known = (await Promise.all(entry.applicationIds.map(async (id) =>
      (await deps.knownIssues.forApplication(id, ctx.now, ctx.locale)).map((issue) => ({ application: appName(id), issue }))))).flat();
    const card = kbAnswerCard(ctx.t, entry, entry.applicationIds.map(appName), known, state);
    return cardReply(card, key ?? state.context?.card);
  }

  /** Ja / Nee: recorded; the answer card shows the feedback instead of its buttons; "Nee" offers the way on. */
  async function feedback(ctx: FlowContext, inbound: Inbound, helped: boolean): Promise<FlowStep<never>> {
    const values = inbound.action!.values;
    const entryId = entryIdOf(values);
    await deps.answers.feedback(entryId, helped, ctx.locale);
    const person = await deps.people.of(inbound);
    const directory = await deps.directory.load();
    const includeDrafts = seesKbDrafts(person, directory);
    const key = cardKey(values.card);
    const [entry] = key ? await read(ctx, [entryId], includeDrafts) : [];
    const replies: Reply[] = [];
    // A card from before the replace keys, or an entry gone since: a line instead of the updated card.
    if (entry && key) replies.push(await answerCard(ctx, directory, entry, { feedback: helped ? 'helped' : 'not-helped' }, key));
    else replies.push(textReply(ctx.t(helped ? 'kb.answer.givenHelped' : 'kb.answer.givenNotHelped')));
    if (helped) return { replies };
    // What was asked and offered comes from the bot's own record of the answer card, not from the button.
    const record = await recalled(ctx, key, person.id);
    const others = (await read(ctx, (record?.offered ?? ids(values.others)).filter((id) => id !== entryId), includeDrafts)).slice(0, 3);
    const application = entry?.applicationIds.length === 1 ? entry.applicationIds[0] : undefined;
    const context = { card: newCardKey(), question: record?.question ?? asked(text(values.question)), ...(application ? { application } : {}) };
    if (record) await remember(ctx, context.card, { question: record.question, offered: others.map((e) => e.id), asker: person.id });
    replies.push(cardReply(kbNotHelpedCard(ctx.t, others, context), context.card));
    return { replies };
  }

  /**
   * A title picked from "Bedoelt u een van deze?" (`kb.pick`) or after "Nee" (`kb.other`): the
   * choice shows on that card, the entry comes as an answer card. After "Nee" the question is learned.
   */
  async function pick(ctx: FlowContext, inbound: Inbound, afterNo: boolean): Promise<FlowStep<never>> {
    const values = inbound.action!.values;
    const person = await deps.people.of(inbound);
    const directory = await deps.directory.load();
    const entry = await deps.answers.open(entryIdOf(values), { language: ctx.locale, includeDrafts: seesKbDrafts(person, directory) });
    if (!entry) return { replies: [textReply(ctx.t('kb.gone'))] };
    const chooser = cardKey(values.card);
    const record = await recalled(ctx, chooser, person.id);
    const question = record?.question ?? asked(text(values.question));
    const others = (record?.offered ?? ids(values.others)).filter((id) => id !== entry.id).slice(0, 2);
    // Learned only when the bot itself offered this entry for this person's recorded question.
    if (afterNo && record?.offered.includes(entry.id) && deps.learning) {
      // Best effort: the learner refuses what it should not keep; a failure must not cost the person the answer.
      await deps.learning.learn(entry.id, record.question, { actor: person.id, source: 'feedback' }).catch(() => undefined);
      await deps.store?.delete(`kb-asked:${chooser}`).catch(() => undefined);
    }
    const replies: Reply[] = [];
    if (chooser) {
      const context = { card: chooser, question };
      replies.push(cardReply(afterNo
        ? kbNotHelpedCard(ctx.t, [], context, { title: entry.title })
        : kbSuggestionsCard(ctx.t, [], context, { title: entry.title, of: others.length + 1 }), chooser));
    }
    const card = newCardKey();
    // Only a question the bot recorded itself travels on; one from button data is shown, never kept.
    if (record) await remember(ctx, card, { question: record.question, offered: others, asker: person.id });
    replies.push(await answerCard(ctx, directory, entry, { context: { card, question, others } }));
    return { replies };
  }

  /** Entries by id in that order, only those the person may see. */
  async function read(ctx: FlowContext, wanted: string[], includeDrafts: boolean): Promise<KbEntry[]> {
    if (!wanted.length) return [];
    const visible = (e: KbEntry | undefined): e is KbEntry => e !== undefined && (e.published || includeDrafts);
    if (!deps.entries) return (await Promise.all(wanted.map((id) => deps.answers.open(id, { language: ctx.locale, includeDrafts })))).filter(visible);
    const found = new Map((await deps.entries.byIds(wanted)).map((e) => [e.id, e]));
    return wanted.map((id) => found.get(id)).filter(visible);
  }

  return {
    id: 'kb',
    matches: (text) => COMMAND.test(text),
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
