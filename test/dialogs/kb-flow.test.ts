import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CardView } from '../../cards/views/card-view.ts';
import type { KnownIssue } from '../../core/domain/known-issues.ts';
import { grantHarnessRole, HARNESS_NOW, onlyText, translate } from './dialog-harness.ts';
import {
  answerHit, button, cardsIn, onlyCardReply, openKbHarness, renderedWithoutData, SMALL_KB, suggestionHit, VIEWER, visibleTexts, type KbHarness,
} from './kb-flow-harness.ts';

/**
 * Questions to the knowledge base in chat, through the real engine and flows, on a small knowledge
 * base: one answer card, "Bedoelt u een van deze?", or an honest no-answer; and the clinical and
 * personal questions Ketenbot is not for. Feedback and picks: kb-flow-feedback.test.ts.
 */

let k: KbHarness;
beforeEach(async () => {
  k = await openKbHarness();
});
afterEach(async () => {
  expect(k.h.errors).toEqual([]);
  await k.dispose();
});

const since = new Date(HARNESS_NOW.getTime() - 24 * 3600 * 1000);
const kbEntry = (id: string) => SMALL_KB.find((e) => e.id === id)!;
const texts = (card: CardView) => card.blocks.flatMap((b) => (b.type === 'text' ? [b.text] : []));
const labels = (card: CardView) => (card.actions ?? []).map((a) => a.label);
const ids = (card: CardView) => (card.actions ?? []).map((a) => (a.kind === 'submit' ? a.id : a.url));
/** No entry id anywhere a person looks: not in the view's texts, not in what Teams or Slack render. */
function expectNoIds(card: CardView): void {
  expect(visibleTexts(card).join('\n')).not.toMatch(/kb-\d/);
  expect(renderedWithoutData(card)).not.toMatch(/kb-\d/);
}

describe('a sure answer', () => {
  it('is one answer card: title, problem, solution, application, "Heeft dit geholpen?" Ja / Nee; no intro, no id', async () => {
    k.script([answerHit('kb-001'), suggestionHit('kb-002')]);
    const { card, key } = onlyCardReply(await k.say('mijn quarkviewer toont niks bij een cliënt'));
    const e = kbEntry('kb-001');
    expect(card.kind).toBe('kb.answer');
    expect(card.title).toBe(e.title);
    expect(card.subtitle).toBeUndefined();
    expect(texts(card)).toEqual([e.problem, e.solution, translate('nl', 'kb.answer.helped')]);
    expect(card.blocks).toContainEqual({ type: 'facts', facts: [{ label: 'Applicatie', value: 'Panorama Geboortezorgviewer' }] });
    expect(card.actions).toEqual([
      { kind: 'submit', id: 'kb.helped', label: 'Ja', style: 'primary', data: { entry: 'kb-001', card: key } },
      { kind: 'submit', id: 'kb.notHelped', label: 'Nee', data: { entry: 'kb-001', card: key, question: 'mijn quarkviewer toont niks bij een cliënt', others: 'kb-002' } },
    ]);
    expect(key).toMatch(/^kb:[0-9a-f]{12}$/);
    expectNoIds(card);
  });

  it('from the real search: the title as question is answered', async () => {
    const { card } = onlyCardReply(await k.say('Quarkportaal: wachtwoord opnieuw instellen'));
    expect(card.kind === 'kb.answer' ? card.title : labels(card)).toContain(kbEntry('kb-003').title);
    expectNoIds(card);
  });

  it('asking the same question again is answered again with new cards, never an update of the earlier ones', async () => {
    const keys: Array<string | undefined> = [];
    for (let i = 0; i < 3; i++) {
      k.script([answerHit('kb-001')]);
      keys.push(onlyCardReply(await k.say('quarkviewer leeg')).key);
    }
    expect(new Set(keys).size).toBe(3);
    // The installed flow (as the bot runs it today) too.
    const installed: Array<Array<string | undefined>> = [];
    for (let i = 0; i < 2; i++) installed.push(cardsIn(await k.h.say('Quarkportaal: wachtwoord opnieuw instellen')).map((c) => c.key));
    expect(installed[0]!.length).toBeGreaterThan(0);
    expect(installed[0]!.some((key) => installed[1]!.includes(key))).toBe(false);
  });

  it('the known issues of its application come first', async () => {
    const issue: KnownIssue = { kind: 'incident', applicationId: VIEWER, title: 'Storing Panorama Viewer', detail: 'In behandeling' };
    k.h.services.knownIssues.register({ forApplication: async (applicationId) => (applicationId === VIEWER ? [issue] : []) });
    k.script([answerHit('kb-001')]);
    const { card } = onlyCardReply(await k.say('quarkviewer leeg'));
    expect(card.blocks[0]).toEqual({ type: 'text', style: 'warning', text: `${translate('nl', 'kb.known.title', { application: 'Panorama Geboortezorgviewer' })}: Storing Panorama Viewer – In behandeling` });
    expect(texts(card)[0]).toBe('Actueel bij Panorama Geboortezorgviewer: Storing Panorama Viewer – In behandeling');
  });

  it('in English for an English user', async () => {
    k.script([answerHit('kb-051')]);
    const { card } = onlyCardReply(await k.say('quarkviewer empty', { locale: 'en' }));
    expect(card.title).toBe('Quarkviewer shows an empty record');
    expect(texts(card)).toContain('Did this help?');
    expect(labels(card)).toEqual(['Yes', 'No']);
    expect(card.blocks).toContainEqual({ type: 'facts', facts: [{ label: 'Application', value: 'Panorama Geboortezorgviewer' }] });
  });
});

describe('likely answers: "Bedoelt u een van deze?"', () => {
  it('one card with the titles as buttons (and the decision tree), nothing shown as the answer', async () => {
    k.script([suggestionHit('kb-002'), suggestionHit('kb-001'), suggestionHit('kb-003')]);
    const { card, key } = onlyCardReply(await k.say('iets met de quarkviewer 123456782'));
    expect(card).toMatchObject({ kind: 'kb.suggestions', title: 'Bedoelt u een van deze?' });
    expect(labels(card)).toEqual([kbEntry('kb-002').title, kbEntry('kb-001').title, kbEntry('kb-003').title, 'Zoek het juiste loket']);
    expect(ids(card)).toEqual(['kb.pick', 'kb.pick', 'kb.pick', 'tree.start']);
    // Each pick carries the others, the card's own key and the question without the number.
    expect(button(card, 'kb.pick', kbEntry('kb-002').title).data).toEqual({ entry: 'kb-002', card: key, question: 'iets met de quarkviewer [nummer]', others: 'kb-001,kb-003' });
    expect(key).toMatch(/^kb:[0-9a-f]{12}$/);
    expect(card.fallbackText).toContain(kbEntry('kb-001').title);
    expectNoIds(card);
    const stats = await k.h.services.kbEvents.stats(since, 10);
    expect(stats.mostViewed).toEqual([]);
  });

  it('one likely answer: "Bedoelt u dit?"; in English "Did you mean …"', async () => {
    k.script([suggestionHit('kb-001')]);
    expect(onlyCardReply(await k.say('quarkviewer')).card.title).toBe('Bedoelt u dit?');
    k.script([suggestionHit('kb-051'), suggestionHit('kb-052')]);
    const { card } = onlyCardReply(await k.say('quarkviewer', { locale: 'en' }));
    expect(card.title).toBe('Did you mean one of these?');
    expect(texts(card)).toEqual([translate('en', 'kb.suggestions.text')]);
    expect(labels(card)).toEqual(['Quarkviewer shows an empty record', 'Quarkviewer is behind', 'Find the right desk']);
  });
});

describe('no answer', () => {
  it.each([
    ['nl', 'waar vind ik het lunchmenu'],
    ['nl', 'blabla'],
    ['en', 'where is the lunch menu'],
  ] as const)('(%s: %j) → the honest no-answer card: the decision tree and filing an incident, and a pointer to help', async (locale, question) => {
    k.script([]);
    const { card, key } = onlyCardReply(await k.say(question, { locale }));
    expect(card.kind).toBe('kb.none');
    expect(card.title).toBe(translate(locale, 'kb.none.title'));
    expect(card.title).not.toBe(translate(locale, 'kb.search.title'));
    expect(texts(card)).toEqual([translate(locale, 'kb.none', { question })]);
    expect(texts(card)[0]).toContain(locale === 'nl' ? 'Typ "help"' : 'Type "help"');
    expect(card.actions).toEqual([
      { kind: 'submit', id: 'tree.start', label: translate(locale, 'kb.none.tree'), style: 'primary' },
      { kind: 'submit', id: 'incident.new', label: translate(locale, 'kb.incident') },
    ]);
    expect(key).toBeUndefined();
    expect(await k.h.activeState()).toBeUndefined();
  });

  it('its buttons start the decision tree and the incident form', async () => {
    k.script([]);
    const { card } = onlyCardReply(await k.say('blabla'));
    expect(cardsIn(await k.press(button(card, 'tree.start'))).map((c) => c.card.kind)).toContain('tree.step');
    expect(cardsIn(await k.press(button(card, 'incident.new'))).map((c) => c.card.kind)).toEqual(['incident.form']);
  });

  it('the question is echoed as text, on one line and cut at 200 characters', async () => {
    k.script([]);
    const hostile = `<at>iedereen</at> **vet** [link](https://evil.example)\n${'x'.repeat(400)}`;
    const { card } = onlyCardReply(await k.say(hostile));
    expect(texts(card)).toEqual([translate('nl', 'kb.none', { question: `${hostile.replace(/\s+/g, ' ').slice(0, 200)}…` })]);
    // Plain text, never markdown: the renderers escape the mention on Teams and Slack alike.
    expect(card.blocks).toEqual([{ type: 'text', text: expect.any(String) }]);
    expect(renderedWithoutData(card)).not.toMatch(/[^\\]<at>/);
  });

  it('the real search finds nothing for gibberish; the unanswered question is recorded without its number', async () => {
    expect(onlyCardReply(await k.say('zxqv wplk 123456782')).card.kind).toBe('kb.none');
    const stats = await k.h.services.kbEvents.stats(since, 10);
    expect(stats.unanswered).toEqual([expect.objectContaining({ query: 'zxqv wplk [nummer]', count: 1 })]);
  });
});

describe('clinical and personal (HR) questions', () => {
  it('clinical: one line that Ketenbot gives no medical advice, the way to the right care (112), and the decision tree', async () => {
    k.script([]);
    const { card } = onlyCardReply(await k.say('cliënt heeft veel bloedverlies na de bevalling, wat moet ik doen'));
    expect(card).toMatchObject({ kind: 'kb.out-of-scope', title: 'Medische vraag' });
    expect(texts(card)).toEqual([translate('nl', 'kb.scope.clinical'), translate('nl', 'kb.scope.ict')]);
    expect(texts(card)[0]).toMatch(/ICT- en ketenproblemen.*geen medisch advies.*protocollen.*verantwoordelijke zorgverlener.*112/);
    expect(card.actions).toEqual([{ kind: 'submit', id: 'tree.start', label: 'Zoek het juiste loket' }]);
  });

  it('personal: one line that Ketenbot is not for HR, pointing to the manager or HR of their own organisation', async () => {
    k.script([]);
    const { card } = onlyCardReply(await k.say('hoeveel verlofdagen heb ik nog dit jaar'));
    expect(card).toMatchObject({ kind: 'kb.out-of-scope', title: 'Personeelsvraag' });
    expect(texts(card)[0]).toMatch(/niet bij personeelszaken.*leidinggevende of de HR-afdeling van uw eigen organisatie/);
  });

  it('in English', async () => {
    k.script([]);
    expect(texts(onlyCardReply(await k.say('client lost a lot of blood after giving birth, what should I do', { locale: 'en' })).card)[0])
      .toBe('Ketenbot helps with ICT and chain problems and gives no medical advice. Follow your own protocols or consult the responsible care provider; in an emergency, call 112.');
    expect(onlyCardReply(await k.say('how do I request sick leave', { locale: 'en' })).card.title).toBe('HR question');
  });

  it('what the search found follows as suggestions, never as "the answer"', async () => {
    k.script([answerHit('kb-001'), suggestionHit('kb-002')]);
    const cards = cardsIn(await k.say('baby heeft koorts, wat moet ik doen'));
    expect(cards.map((c) => c.card.kind)).toEqual(['kb.out-of-scope', 'kb.suggestions']);
    expect(labels(cards[1]!.card).slice(0, 2)).toEqual([kbEntry('kb-001').title, kbEntry('kb-002').title]);
    expect(cards[1]!.key).toMatch(/^kb:/);
  });

  it('an ICT question with clinical words is answered as usual', async () => {
    k.script([answerHit('kb-002')]);
    expect(onlyCardReply(await k.say('de echo-uitslag van gisteren ontbreekt in de viewer')).card.kind).toBe('kb.answer');
    k.script([]);
    expect(onlyCardReply(await k.say('bevallingsverslag komt niet aan bij de kraamzorg')).card.kind).toBe('kb.none');
  });
});

describe('the search card and commands', () => {
  it.each([['kb'], ['kennisbank'], ['KB']])('%j alone → the search card, empty and without an error', async (text) => {
    const { card } = onlyCardReply(await k.say(text));
    expect(card).toMatchObject({ kind: 'kb.search', title: 'Zoek in de kennisbank' });
    expect(card.blocks.find((b) => b.type === 'input')).toMatchObject({ input: { id: 'question', value: '' } });
    expect(card.actions?.[0]).toMatchObject({ kind: 'submit', id: 'kb.search' });
  });

  it('Zoeken with an empty question → the search card again, with the error; with a question → the answer', async () => {
    for (const values of [{}, { question: '' }, { question: '   ' }]) {
      expect(onlyCardReply(await k.submit('kb.search', values)).card.blocks[0]).toMatchObject({ input: { error: 'Typ eerst uw vraag.' } });
    }
    k.script([answerHit('kb-003')]);
    expect(onlyCardReply(await k.submit('kb.search', { question: 'wachtwoord quarkportaal' })).card.title).toBe(kbEntry('kb-003').title);
    k.script([answerHit('kb-003')]);
    expect(onlyCardReply(await k.say('kb wachtwoord quarkportaal')).card.kind).toBe('kb.answer');
  });

  it('a button of an unknown kind, or feedback without a proper entry id → "unknown action", nothing recorded', async () => {
    expect(onlyText(await k.submit('kb.somethingElse', { entry: 'kb-001' }))).toBe(translate('nl', 'unknown.action'));
    for (const entry of ['', ' ', '../kb-001', 'x'.repeat(101), true, { id: 'kb-001' }]) {
      expect(onlyText(await k.submit('kb.helped', { entry }))).toBe(translate('nl', 'unknown.action'));
    }
    expect((await k.h.services.kbEvents.stats(since, 10)).feedback).toEqual([]);
  });
});

describe('drafts', () => {
  it('shown, with the draft note, to who may write the knowledge base; never to a care professional', async () => {
    await grantHarnessRole(k.h, 'writer-1', 'kb-editor', 'org-gtk-westlink');
    k.script([answerHit('kb-004')]);
    const { card } = onlyCardReply(await k.say('quarkscanner', { user: 'writer-1' }));
    expect(card.blocks[0]).toEqual({ type: 'text', text: translate('nl', 'kb.answer.draft'), style: 'warning' });
    // The real search does not hand a draft to a care professional; picking one by hand gets nothing.
    k.script(undefined);
    expect(JSON.stringify(await k.say('quarkscanner concept', { user: 'care-1' }))).not.toContain('Herstart de quarkscanner');
    expect(onlyText(await k.submit('kb.pick', { entry: 'kb-004' }, { user: 'care-1' }))).toBe(translate('nl', 'kb.gone'));
  });
});
