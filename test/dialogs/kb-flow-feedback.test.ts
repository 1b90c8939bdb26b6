import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CardView } from '../../cards/views/card-view.ts';
import { HARNESS_NOW, harnessPersonId, onlyText, translate } from './dialog-harness.ts';
import {
  answerHit, button, cardsIn, onlyCardReply, openKbHarness, renderedWithoutData, SMALL_KB, suggestionHit, VIEWER, visibleTexts, type KbHarness,
} from './kb-flow-harness.ts';

/**
 * What happens after an answer or a suggestion: Ja / Nee replace the buttons on that same card,
 * "Nee" offers the other likely entries, the decision tree and filing an incident, and picking
 * another entry after "Nee" teaches the knowledge base the person's phrasing.
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
const title = (id: string) => SMALL_KB.find((e) => e.id === id)!.title;
const texts = (card: CardView) => card.blocks.flatMap((b) => (b.type === 'text' ? [b.text] : []));
const labels = (card: CardView) => (card.actions ?? []).map((a) => a.label);
function expectNoIds(...cards: CardView[]): void {
  for (const card of cards) {
    expect(visibleTexts(card).join('\n')).not.toMatch(/kb-\d/);
    expect(renderedWithoutData(card)).not.toMatch(/kb-\d/);
  }
}

/** Asks a question the (scripted) search answers with kb-001, kb-002 and kb-003 as the others. */
async function answered(question = 'quarkviewer blijft leeg', locale: 'nl' | 'en' = 'nl') {
  k.script(locale === 'nl' ? [answerHit('kb-001'), suggestionHit('kb-002'), suggestionHit('kb-003')] : [answerHit('kb-051'), suggestionHit('kb-052')]);
  const reply = onlyCardReply(await k.say(question, { locale }));
  k.script(undefined);
  expect(reply.card.kind).toBe('kb.answer');
  return reply;
}

describe('"Ja"', () => {
  it('replaces the buttons of that answer card by the feedback, in place, and records "helped"', async () => {
    const { card, key } = await answered();
    const replies = await k.press(button(card, 'kb.helped'));
    const updated = onlyCardReply(replies);
    expect(updated.key).toBe(key);
    expect(updated.card).toMatchObject({ kind: 'kb.answer', title: card.title });
    expect(updated.card.actions).toBeUndefined();
    expect(texts(updated.card)).toEqual([...texts(card).slice(0, -1), 'U gaf aan dat dit heeft geholpen. Bedankt voor het laten weten!']);
    expect(updated.card.blocks).toContainEqual({ type: 'facts', facts: [{ label: 'Applicatie', value: 'Panorama Geboortezorgviewer' }] });
    expectNoIds(updated.card);
    const stats = await k.h.services.kbEvents.stats(since, 10);
    expect(stats.feedback).toEqual([{ entryId: 'kb-001', helped: 1, notHelped: 0, notHelpedRate: 0 }]);
    // Updating the card is not another view.
    expect(stats.mostViewed).toEqual([{ entryId: 'kb-001', views: 1 }]);
    expect(k.learned).toEqual([]);
  });

  it('a "Ja" from a card without a replace key (sent before this version) → the feedback as a line, not counted (no record of the card)', async () => {
    expect(onlyText(await k.submit('kb.helped', { entry: 'kb-001' }))).toBe(translate('nl', 'kb.answer.givenHelped'));
    expect((await k.h.services.kbEvents.stats(since, 10)).feedback).toEqual([]);
  });
});

describe('"Nee"', () => {
  it('replaces the buttons by the feedback, then offers the others as "Bedoelt u een van deze?", the decision tree and an incident', async () => {
    const { card, key } = await answered();
    const replies = await k.press(button(card, 'kb.notHelped'));
    const [updated, next] = cardsIn(replies);
    expect(replies).toHaveLength(2);
    expect(updated!.key).toBe(key);
    expect(updated!.card.actions).toBeUndefined();
    expect(texts(updated!.card).at(-1)).toBe('U gaf aan dat dit niet heeft geholpen. Bedankt voor het laten weten.');

    expect(next!.card).toMatchObject({ kind: 'kb.not-helped', title: 'Jammer dat dit niet hielp' });
    expect(next!.card.title).not.toBe(translate('nl', 'kb.search.title'));
    expect(texts(next!.card)).toEqual(['Bedoelt u een van deze?', translate('nl', 'kb.notHelped.pick')]);
    expect(labels(next!.card)).toEqual([title('kb-002'), title('kb-003'), 'Zoek het juiste loket', 'Incident melden']);
    // The incident is about the answer's application.
    expect(button(next!.card, 'incident.new').data).toEqual({ application: VIEWER });
    expect(next!.key).toMatch(/^kb:[0-9a-f]{12}$/);
    expect(next!.key).not.toBe(key);
    expectNoIds(updated!.card, next!.card);
    expect((await k.h.services.kbEvents.stats(since, 10)).feedback).toEqual([{ entryId: 'kb-001', helped: 0, notHelped: 1, notHelpedRate: 1 }]);
  });

  it('picking another entry after "Nee": the choice shows on that card, the entry comes as a new answer, and the question is learned', async () => {
    const { card } = await answered('Hoi, bij mevrouw 123456782 blijft de quarkviewer helemaal leeg, wat nu?');
    const next = cardsIn(await k.press(button(card, 'kb.notHelped')))[1]!;
    const replies = await k.press(button(next.card, 'kb.other', title('kb-002')));
    const [chosen, answer] = cardsIn(replies);
    expect(replies).toHaveLength(2);
    expect(chosen!.key).toBe(next.key);
    expect(chosen!.card).toMatchObject({ kind: 'kb.not-helped', title: 'Jammer dat dit niet hielp' });
    expect(texts(chosen!.card)).toEqual([`U koos: ${title('kb-002')}`]);
    expect(chosen!.card.actions).toBeUndefined();

    expect(answer!.card).toMatchObject({ kind: 'kb.answer', title: title('kb-002') });
    expect(answer!.key).toMatch(/^kb:/);
    expect([next.key]).not.toContain(answer!.key);
    // Its own "Nee" offers what is left.
    expect(button(answer!.card, 'kb.notHelped').data).toMatchObject({ entry: 'kb-002', others: 'kb-003' });

    expect(k.learned).toEqual([{
      entryId: 'kb-002',
      question: 'Hoi, bij mevrouw [nummer] blijft de quarkviewer helemaal leeg, wat nu?',
      by: { actor: harnessPersonId(), source: 'feedback' },
    }]);
    expectNoIds(chosen!.card, answer!.card);
    expect((await k.h.services.kbEvents.stats(since, 10)).mostViewed).toEqual(expect.arrayContaining([{ entryId: 'kb-002', views: 1 }]));
  });

  it('the question travels scrubbed of numbers, on one line, cut to 300 characters', async () => {
    const long = `viewer\nleeg bij 987 654 321 ${'heel erg lang verhaal '.repeat(30)}`;
    const { card } = await answered(long);
    const question = String(button(card, 'kb.notHelped').data!.question);
    expect(question.length).toBeLessThanOrEqual(300);
    expect(question).toMatch(/^viewer leeg bij \[nummer\] heel erg lang/);
    expect(question).not.toMatch(/\n|987/);
    const next = cardsIn(await k.press(button(card, 'kb.notHelped')))[1]!;
    await k.press(button(next.card, 'kb.other', title('kb-003')));
    expect(k.learned.map((l) => l.question)).toEqual([question]);
  });

  it('button data is not trusted: a forged pick with its own question and card teaches nothing', async () => {
    await k.submit('kb.other', { entry: 'kb-002', card: 'kb:0123456789ab', question: `bsn 123456782\n${'x'.repeat(500)}` });
    expect(k.learned).toEqual([]);
  });

  it('button data is not trusted: a real card with a forged question or entry teaches only what the bot recorded and offered', async () => {
    const { card } = await answered('quarkviewer blijft leeg');
    const next = cardsIn(await k.press(button(card, 'kb.notHelped')))[1]!;
    // An entry that was not offered on that card, and a question of the sender's own.
    await k.submit('kb.other', { entry: 'kb-004', card: next.key, question: 'iets heel anders' });
    expect(k.learned).toEqual([]);
    // The offered entry with a forged question: the recorded question is learned, not the forged one.
    await k.submit('kb.other', { entry: 'kb-002', card: next.key, question: 'iets heel anders' });
    expect(k.learned.map((l) => [l.entryId, l.question])).toEqual([['kb-002', 'quarkviewer blijft leeg']]);
  });

  it("another person pressing someone's card teaches nothing", async () => {
    const { card } = await answered('quarkviewer blijft leeg');
    const next = cardsIn(await k.press(button(card, 'kb.notHelped')))[1]!;
    await k.submit('kb.other', { entry: 'kb-002', card: next.key }, { user: 'care-1' });
    expect(k.learned).toEqual([]);
  });

  it('without others: the decision tree and an incident only', async () => {
    k.script([answerHit('kb-003')]);
    const { card } = onlyCardReply(await k.say('quarkportaal wachtwoord'));
    const next = cardsIn(await k.press(button(card, 'kb.notHelped')))[1]!;
    expect(texts(next.card)).toEqual([translate('nl', 'kb.notHelped.text')]);
    expect(next.card.actions).toEqual([
      { kind: 'submit', id: 'tree.start', label: 'Zoek het juiste loket', style: 'primary' },
      { kind: 'submit', id: 'incident.new', label: 'Incident melden' },
    ]);
  });

  it('offers only entries the person may see: a draft id slipped into the data is left out', async () => {
    const replies = await k.submit('kb.notHelped', { entry: 'kb-001', card: 'kb:0123456789ab', question: 'viewer leeg', others: 'kb-004,kb-002,../etc' }, { user: 'care-1' });
    const next = cardsIn(replies).find((c) => c.card.kind === 'kb.not-helped')!;
    expect(labels(next.card)).toEqual([title('kb-002'), 'Zoek het juiste loket', 'Incident melden']);
  });

  it('in English', async () => {
    const { card } = await answered('quarkviewer empty', 'en');
    const [updated, next] = cardsIn(await k.press(button(card, 'kb.notHelped'), { locale: 'en' }));
    expect(texts(updated!.card).at(-1)).toBe('You said this did not help. Thank you for letting me know.');
    expect(next!.card.title).toBe('Sorry this did not help');
    expect(texts(next!.card)[0]).toBe('Did you mean one of these?');
    expect(labels(next!.card)).toEqual(['Quarkviewer is behind', 'Find the right desk', 'Report an incident']);
    const [chosen] = cardsIn(await k.press(button(next!.card, 'kb.other'), { locale: 'en' }));
    expect(texts(chosen!.card)).toEqual(['You chose: Quarkviewer is behind']);
  });
});

describe('picking a suggestion', () => {
  it('shows the choice on the suggestions card and the entry as an answer card; nothing is learned', async () => {
    k.script([suggestionHit('kb-002'), suggestionHit('kb-001'), suggestionHit('kb-003')]);
    const suggestions = onlyCardReply(await k.say('quarkviewer'));
    k.script(undefined);
    const replies = await k.press(button(suggestions.card, 'kb.pick', title('kb-001')));
    const [chosen, answer] = cardsIn(replies);
    expect(replies).toHaveLength(2);
    expect(chosen).toEqual({ key: suggestions.key, card: expect.objectContaining({ kind: 'kb.suggestions', title: 'Bedoelt u een van deze?' }) });
    expect(texts(chosen!.card)).toEqual([`U koos: ${title('kb-001')}`]);
    expect(chosen!.card.actions).toBeUndefined();
    expect(answer!.card).toMatchObject({ kind: 'kb.answer', title: title('kb-001') });
    expect(button(answer!.card, 'kb.notHelped').data).toMatchObject({ entry: 'kb-001', others: 'kb-002,kb-003', question: 'quarkviewer' });
    expect(k.learned).toEqual([]);
    expect((await k.h.services.kbEvents.stats(since, 10)).mostViewed).toEqual([{ entryId: 'kb-001', views: 1 }]);
    expectNoIds(chosen!.card, answer!.card);

    // "Nee" on the picked answer offers the other suggestions; picking one of those is learned.
    const next = cardsIn(await k.press(button(answer!.card, 'kb.notHelped')))[1]!;
    expect(labels(next.card).slice(0, 2)).toEqual([title('kb-002'), title('kb-003')]);
    await k.press(button(next.card, 'kb.other', title('kb-003')));
    expect(k.learned).toEqual([{ entryId: 'kb-003', question: 'quarkviewer', by: { actor: 'local:user-1', source: 'feedback' } }]);
  });

  it('an entry gone or not the person\'s to see → "no longer available"', async () => {
    expect(onlyText(await k.submit('kb.pick', { entry: 'kb-999', card: 'kb:0123456789ab' }))).toBe(translate('nl', 'kb.gone'));
    expect(onlyText(await k.submit('kb.other', { entry: 'kb-004', question: 'scanner' }, { user: 'care-1' }))).toBe(translate('nl', 'kb.gone'));
    expect(k.learned).toEqual([]);
  });

  it('a learner that fails does not cost the person the answer', async () => {
    await k.dispose();
    k = await openKbHarness({ learner: { learn: () => Promise.reject(new Error('database gone')) } });
    const replies = await k.submit('kb.other', { entry: 'kb-002', card: 'kb:0123456789ab', question: 'viewer loopt achter', others: '' });
    expect(cardsIn(replies).map((c) => c.card.kind)).toEqual(['kb.not-helped', 'kb.answer']);
  });
});

describe('as install-flows wires the flow today (no entries reader, no learner)', () => {
  it('Ja and Nee still update the answer card in place, and "Nee" still offers the others', async () => {
    // The real search: the title as the question is an answer, or at least a suggestion to pick.
    const first = cardsIn(await k.h.say('Quarkviewer toont een leeg dossier'));
    const answer = first.find((c) => c.card.kind === 'kb.answer') ?? first.find((c) => c.card.kind === 'kb.suggestions');
    expect(answer).toBeDefined();
    let card = answer!.card;
    let key = answer!.key;
    if (card.kind === 'kb.suggestions') {
      const picked = cardsIn(await k.h.submit('kb.pick', { ...button(card, 'kb.pick', title('kb-001')).data }));
      ({ card, key } = picked[1]!);
    }
    const replies = cardsIn(await k.h.submit('kb.notHelped', { ...button(card, 'kb.notHelped').data }));
    expect(replies[0]!.key).toBe(key);
    expect(replies[0]!.card.actions).toBeUndefined();
    expect(replies[1]!.card.kind).toBe('kb.not-helped');
  });
});
