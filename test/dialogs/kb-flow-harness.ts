import { renderAdaptiveCard } from '../../cards/adaptive/render-adaptive-card.ts';
import { renderBlocks } from '../../cards/blockkit/render-blocks.ts';
import type { CardAction, CardView } from '../../cards/views/card-view.ts';
import { ConversationEngine } from '../../core/conversation/engine.ts';
import type { Inbound } from '../../core/conversation/inbound.ts';
import type { Reply } from '../../core/conversation/reply.ts';
import { KbAnswers } from '../../core/domain/knowledge-base/kb-answers.ts';
import type { KbHit, KbSearch } from '../../core/domain/knowledge-base/kb-search.ts';
import { importKbEntries } from '../../core/domain/knowledge-base/import-entries.ts';
import { createKbFlow, type KbLearner } from '../../dialogs/kb-flow.ts';
import { loadDemoDirectory, openDialogHarness, type DialogHarness, type SayOptions } from './dialog-harness.ts';

/**
 * The knowledge-base flow as install-flows will wire it (with `entries` and a learner), behind a
 * real ConversationEngine with all the other installed flows, on the dialog harness's database with
 * the demo directory and a small knowledge base of its own. The search is real unless a test
 * scripts the next hits: which tier a question reaches is the search's business (tested there),
 * what the chat does with each tier is tested here.
 */

export const VIEWER = 'app-panorama-viewer';

export const SMALL_KB = [
  entry('kb-001', 'nl', 'Quarkviewer toont een leeg dossier', 'De quarkviewer blijft leeg bij één cliënt.', 'Controleer of de cliënt is aangemeld en vernieuw de quarkviewer.', ['quarkviewer', 'leeg'], [VIEWER]),
  entry('kb-002', 'nl', 'Quarkviewer loopt achter', 'De laatste controle ontbreekt in de quarkviewer.', 'Wacht een kwartier; de quarkviewer haalt elk kwartier bij.', ['quarkviewer', 'achter'], [VIEWER]),
  entry('kb-003', 'nl', 'Quarkportaal: wachtwoord opnieuw instellen', 'Ik weet mijn wachtwoord van het quarkportaal niet meer.', 'Kies "Wachtwoord vergeten" op het inlogscherm van het quarkportaal.', ['quarkportaal', 'wachtwoord'], []),
  entry('kb-004', 'nl', 'Quarkscanner concept', 'De quarkscanner leest niets.', 'Herstart de quarkscanner.', ['quarkscanner'], [], false),
  entry('kb-051', 'en', 'Quarkviewer shows an empty record', 'The quarkviewer stays empty for one client.', 'Check that the client is registered and refresh the quarkviewer.', ['quarkviewer', 'empty'], [VIEWER]),
  entry('kb-052', 'en', 'Quarkviewer is behind', 'The latest check-up is missing in the quarkviewer.', 'Wait fifteen minutes; the quarkviewer catches up every quarter of an hour.', ['quarkviewer', 'behind'], [VIEWER]),
];

function entry(id: string, language: 'nl' | 'en', title: string, problem: string, solution: string, tags: string[], applicationIds: string[], published = true) {
  return { id, language, title, problem, solution, tags, applicationIds, audience: 'zorgverlener', published };
}

export interface Learned { entryId: string; question: string; by: { actor: string; source: 'feedback' | 'review' } }

export interface KbHarness {
  h: DialogHarness;
  /** What the learner was asked to learn, in order. */
  learned: Learned[];
  /** The next searches return these hits (then the real search again); undefined: the real search. */
  script(hits: KbHit[] | undefined): void;
  say(text: string, options?: SayOptions): Promise<Reply[]>;
  /** Presses a button of a card, with the data the card gave it. */
  press(action: CardAction, options?: SayOptions): Promise<Reply[]>;
  submit(actionId: string, values: Record<string, unknown>, options?: SayOptions): Promise<Reply[]>;
  dispose(): Promise<void>;
}

export async function openKbHarness(options: { learner?: KbLearner } = {}): Promise<KbHarness> {
  const h = await openDialogHarness();
  const directory = await loadDemoDirectory(h);
  const result = await importKbEntries(h.services.kb, { entries: SMALL_KB }, { actor: 'test', now: h.clock.now(), knownApplicationIds: new Set(directory.applications.map((a) => a.id)) });
  if ('problems' in result) throw new Error(`knowledge base did not import: ${JSON.stringify(result.problems)}`);
  h.services.kbSearch.invalidate();

  let scripted: KbHit[] | undefined;
  const real = h.services.kbSearch;
  const search: KbSearch = Object.assign(Object.create(real) as KbSearch, {
    search: (query: string, o: Parameters<KbSearch['search']>[1]) => (scripted ? Promise.resolve(scripted) : real.search(query, o)),
  });
  const learned: Learned[] = [];
  const learning: KbLearner = options.learner ?? { learn: async (entryId, question, by) => { learned.push({ entryId, question, by }); return 'learned'; } };
  const kb = createKbFlow({
    answers: new KbAnswers(search, h.services.kb, h.services.kbEvents, h.clock),
    people: h.services.people, directory: h.services.directory, knownIssues: h.services.knownIssues, entries: h.services.kb, learning, store: h.store,
  });
  const flows = h.flows.map((f) => (f.id === 'kb' ? kb : f));
  const engine = new ConversationEngine({ store: h.store, flows, fallback: kb, clock: h.clock, logger: { error: (o) => h.errors.push(o), warn: () => undefined } });
  const inbound = (o: SayOptions, fields: Partial<Inbound>): Inbound => ({
    platform: 'local', actor: { id: o.user ?? 'user-1' }, conversation: { id: o.conversation ?? 'conv-1', kind: o.kind ?? 'personal' },
    locale: o.locale ?? 'nl', receivedAt: h.clock.now(), ...fields,
  });
  const submit = (id: string, values: Record<string, unknown>, o: SayOptions = {}) => engine.handle(inbound(o, { action: { id, values } }));
  return {
    h,
    learned,
    script: (hits) => { scripted = hits; },
    say: (text, o = {}) => engine.handle(inbound(o, { text })),
    press: (action, o = {}) => {
      if (action.kind !== 'submit') throw new Error(`not a submit button: ${JSON.stringify(action)}`);
      return submit(action.id, { ...action.data }, o);
    },
    submit,
    dispose: () => h.dispose(),
  };
}

export const answerHit = (id: string): KbHit => ({ id, score: 0.9, tier: 'answer' });
export const suggestionHit = (id: string): KbHit => ({ id, score: 0.5, tier: 'suggestion' });

/** The card replies, with their replace keys. */
export const cardsIn = (replies: Reply[]): Array<{ card: CardView; key: string | undefined }> =>
  replies.flatMap((r) => (r.kind === 'card' ? [{ card: r.card, key: r.replaceKey }] : []));

/** The one card reply; fails loudly otherwise. */
export function onlyCardReply(replies: Reply[]): { card: CardView; key: string | undefined } {
  const cards = cardsIn(replies);
  if (cards.length !== 1 || replies.length !== 1) throw new Error(`expected one card reply, got ${JSON.stringify(replies)}`);
  return cards[0]!;
}

export function button(card: CardView, id: string, label?: string): CardAction & { kind: 'submit' } {
  const found = (card.actions ?? []).find((a): a is CardAction & { kind: 'submit' } => a.kind === 'submit' && a.id === id && (label === undefined || a.label === label));
  if (!found) throw new Error(`no button ${id} ${label ?? ''} on ${JSON.stringify(card)}`);
  return found;
}

/** Every text a person can see on a card, as the view holds it. */
export function visibleTexts(card: CardView): string[] {
  return [
    card.title, card.subtitle ?? '', card.badge?.text ?? '', card.fallbackText,
    ...card.blocks.flatMap((b) => (b.type === 'text' ? [b.text] : b.type === 'facts' ? b.facts.flatMap((f) => [f.label, f.value])
      : b.type === 'list' ? b.items.flatMap((i) => [i.title, i.text ?? '']) : b.type === 'input' ? [b.input.label] : [])),
    ...(card.actions ?? []).map((a) => a.label),
  ];
}

/** The card as Teams and Slack get it, without the button data that goes back to the bot (it is never shown). */
export function renderedWithoutData(card: CardView): string {
  const adaptive = JSON.stringify(renderAdaptiveCard(card), (key, value) => (key === 'data' ? undefined : value));
  const slack = JSON.stringify(renderBlocks(card), (key, value) => (key === 'value' || key === 'action_id' ? undefined : value));
  return `${adaptive}\n${slack}`;
}
