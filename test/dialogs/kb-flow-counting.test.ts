import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CardView } from '../../cards/views/card-view.ts';
import { ASKED_FOR_MS, ASKED_PREFIX, forgetOldAsked } from '../../dialogs/kb-flow.ts';
import { HARNESS_NOW } from './dialog-harness.ts';
import { answerHit, button, cardsIn, onlyCardReply, openKbHarness, SMALL_KB, suggestionHit, type KbHarness } from './kb-flow-harness.ts';

/**
 * What the knowledge-base stats count comes from the bot's own record of each card it showed
 * (`kb-asked:<card>`), never from button data alone: feedback only for the entry the card answered
 * this person with, once per card (the first press counts; a later one changes what the card shows,
 * not the stats); a pick is a view only for an entry the bot offered on that card, once. The
 * records hold what people typed, so they count for a day and are then removed.
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
const stats = () => k.h.services.kbEvents.stats(since, 20);
const FAKE_CARD = 'kb:0123456789ab';

/** An answer card for kb-001 (kb-002 and kb-003 as the others). */
async function answered(question = 'quarkviewer blijft leeg', user = 'user-1') {
  k.script([answerHit('kb-001'), suggestionHit('kb-002'), suggestionHit('kb-003')]);
  const reply = onlyCardReply(await k.say(question, { user }));
  k.script(undefined);
  return reply;
}

/** A suggestions card offering kb-002, kb-001 and kb-003. */
async function suggested() {
  k.script([suggestionHit('kb-002'), suggestionHit('kb-001'), suggestionHit('kb-003')]);
  const reply = onlyCardReply(await k.say('quarkviewer'));
  k.script(undefined);
  return reply;
}

describe('Ja / Nee count only for a card the bot showed, once', () => {
  it('25 forged "Nee" presses (no card, a made-up card) record nothing; the person still gets the way on', async () => {
    for (let i = 0; i < 25; i++) {
      const replies = await k.submit('kb.notHelped', { entry: 'kb-001', ...(i % 2 ? { card: FAKE_CARD } : {}) });
      expect(cardsIn(replies).map((c) => c.card.kind)).toContain('kb.not-helped');
    }
    expect((await stats()).feedback).toEqual([]);
  });

  it('an entry that does not exist, or another than the card answered, is never recorded; the real one is', async () => {
    const { card, key } = await answered();
    await k.submit('kb.notHelped', { entry: 'kb-999', card: key });
    await k.submit('kb.helped', { entry: 'kb-002', card: key });
    expect((await stats()).feedback).toEqual([]);
    await k.press(button(card, 'kb.helped'));
    const recorded = await stats();
    expect(recorded.feedback).toEqual([{ entryId: 'kb-001', helped: 1, notHelped: 0, notHelpedRate: 0 }]);
    expect(JSON.stringify(recorded)).not.toContain('kb-999');
  });

  it('"Nee", "Nee", "Ja" on one card: one "not helped", nothing more; the card shows the last choice; only the first "Nee" card\'s picks count', async () => {
    const { card, key } = await answered();
    const firstNee = cardsIn(await k.press(button(card, 'kb.notHelped')))[1]!;
    const secondNee = cardsIn(await k.press(button(card, 'kb.notHelped')))[1]!;
    const ja = onlyCardReply(await k.press(button(card, 'kb.helped')));
    expect(ja.key).toBe(key);
    expect(texts(ja.card).at(-1)).toBe('U gaf aan dat dit heeft geholpen. Bedankt voor het laten weten!');
    expect((await stats()).feedback).toEqual([{ entryId: 'kb-001', helped: 0, notHelped: 1, notHelpedRate: 1 }]);

    // The repeated "Nee" offered the same titles, but picking there counts and teaches nothing.
    await k.press(button(secondNee.card, 'kb.other', title('kb-002')));
    expect(k.learned).toEqual([]);
    expect((await stats()).mostViewed).toEqual([{ entryId: 'kb-001', views: 1 }]);
    await k.press(button(firstNee.card, 'kb.other', title('kb-002')));
    expect(k.learned.map((l) => l.entryId)).toEqual(['kb-002']);
    expect((await stats()).mostViewed).toEqual(expect.arrayContaining([{ entryId: 'kb-002', views: 1 }]));
  });

  it('two presses at the same moment count once', async () => {
    const { card } = await answered();
    await Promise.all([k.press(button(card, 'kb.helped')), k.press(button(card, 'kb.helped')), k.press(button(card, 'kb.notHelped'))]);
    const [row] = (await stats()).feedback;
    expect(row!.helped + row!.notHelped).toBe(1);
  });

  it("another person pressing someone's card: shown to them, not counted", async () => {
    const { card } = await answered();
    await k.press(button(card, 'kb.notHelped'), { user: 'care-1' });
    expect((await stats()).feedback).toEqual([]);
  });
});

describe('a pick is a view only for an entry the bot offered on that card, once', () => {
  it('forged picks (no card, a made-up card, an entry the card did not offer, the wrong kind of pick) are shown but count no view', async () => {
    const { key } = await suggested();
    for (let i = 0; i < 5; i++) {
      await k.submit('kb.pick', { entry: 'kb-001' });
      await k.submit('kb.pick', { entry: 'kb-001', card: FAKE_CARD });
    }
    const shown = cardsIn(await k.submit('kb.pick', { entry: 'kb-051', card: key }));
    expect(shown.at(-1)!.card).toMatchObject({ kind: 'kb.answer', title: 'Quarkviewer shows an empty record' });
    // "After Nee" picks belong on the card after "Nee", not on a suggestions card.
    await k.submit('kb.other', { entry: 'kb-001', card: key });
    expect((await stats()).mostViewed).toEqual([]);
    expect(k.learned).toEqual([]);
  });

  it('the same suggestion picked twice is one view; only the first pick\'s answer card counts its "Ja"', async () => {
    const { card } = await suggested();
    const first = cardsIn(await k.press(button(card, 'kb.pick', title('kb-001'))))[1]!;
    const second = cardsIn(await k.press(button(card, 'kb.pick', title('kb-001'))))[1]!;
    expect(second.card).toMatchObject({ kind: 'kb.answer', title: title('kb-001') });
    expect((await stats()).mostViewed).toEqual([{ entryId: 'kb-001', views: 1 }]);
    await k.press(button(second.card, 'kb.helped'));
    expect((await stats()).feedback).toEqual([]);
    await k.press(button(first.card, 'kb.helped'));
    expect((await stats()).feedback).toEqual([{ entryId: 'kb-001', helped: 1, notHelped: 0, notHelpedRate: 0 }]);
  });
});

describe('records of cards count for a day, then are removed', () => {
  it('a day later, a press on the card counts nothing and its record is removed on reading', async () => {
    const { card, key } = await answered();
    expect(await k.h.store.read(`${ASKED_PREFIX}${key}`)).toBeDefined();
    k.h.clock.set(new Date(HARNESS_NOW.getTime() + ASKED_FOR_MS + 1000));
    const next = cardsIn(await k.press(button(card, 'kb.notHelped')))[1]!;
    expect(await k.h.store.read(`${ASKED_PREFIX}${key}`)).toBeUndefined();
    expect((await stats()).feedback).toEqual([]);
    // Nor does the card after it teach anything.
    await k.press(button(next.card, 'kb.other', title('kb-002')));
    expect(k.learned).toEqual([]);
  });

  it('forgetOldAsked removes the records last written more than a day ago, and nothing else', async () => {
    const old = await answered('quarkviewer blijft leeg');
    const oldSuggestions = await suggested();
    k.h.clock.set(new Date(HARNESS_NOW.getTime() + 12 * 3_600_000));
    const recent = await answered('quarkviewer toont niets');
    await k.h.store.write('language:someone', 'en', 'new');
    k.h.clock.set(new Date(HARNESS_NOW.getTime() + ASKED_FOR_MS + 60_000));

    expect(await forgetOldAsked(k.h.store, k.h.clock.now())).toBe(2);
    expect(await k.h.store.read(`${ASKED_PREFIX}${old.key}`)).toBeUndefined();
    expect(await k.h.store.read(`${ASKED_PREFIX}${oldSuggestions.key}`)).toBeUndefined();
    expect(await k.h.store.read(`${ASKED_PREFIX}${recent.key}`)).toBeDefined();
    expect((await k.h.store.read('language:someone'))?.value).toBe('en');
    // The recent card still counts.
    await k.press(button(recent.card, 'kb.helped'));
    expect((await stats()).feedback).toEqual([{ entryId: 'kb-001', helped: 1, notHelped: 0, notHelpedRate: 0 }]);
  });
});
