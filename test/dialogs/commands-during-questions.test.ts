import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Locale } from '../../core/conversation/locale.ts';
import type { Reply } from '../../core/conversation/reply.ts';
import { grantHarnessRole, translate, type DialogHarness, useDemoHarness } from './dialog-harness.ts';

/**
 * Commands typed while the decision tree waits for an answer (issue 16, point 2): a look-up is
 * carried out and the tree stays open; any other command closes the tree first and says so; text
 * that is neither an answer nor a command gets the hint with the choices. Cases are
 * [person says, what the bot does], as care and servicedesk staff type them.
 */
let h: DialogHarness;
useDemoHarness((opened) => (h = opened));

const texts = (replies: Reply[]) => replies.filter((r) => r.kind === 'text').map((r) => (r.kind === 'text' ? r.text : ''));
const kinds = (replies: Reply[]) => replies.map((r) => (r.kind === 'card' ? `card:${r.card.kind}` : 'text'));
const stillOpen = (locale: Locale) => translate(locale, 'conversation.stillOpen', { name: treeName(locale) });
const left = (locale: Locale) => translate(locale, 'conversation.left', { name: treeName(locale) });
const treeName = (locale: Locale) => translate(locale, 'conversation.flowName.tree');

/** The tree is open and waits at its first question (the organisation, or the problem when known). */
async function openTree(locale: Locale = 'nl'): Promise<string> {
  await h.say(locale === 'nl' ? 'ik heb een probleem' : 'i have a problem', { locale });
  const state = await h.activeState();
  expect(state?.flowId).toBe('tree');
  return JSON.stringify(state?.data);
}

// Quick look-ups: carried out, and the tree waits exactly where it was.
const LOOKUPS: Array<[Locale, string, string]> = [
  ['nl', 'wie beheert RivierenNet?', 'card:directory'],
  ['nl', 'Wie beheert rivierennet', 'card:directory'],
  ['nl', 'wie is de beheerder van het zorgadresboek', 'card:directory'],
  ['nl', 'contactgegevens van Vroedsoft', 'card:directory'],
  ['nl', 'kb wachtwoord vergeten', 'card:kb'],
  ['nl', 'kennisbank inloggen lukt niet', 'card:kb'],
  ['nl', 'zoek in de kennisbank berichten komen niet aan', 'card:kb'],
  ['nl', 'mijn profiel', 'card:'],
  ['nl', 'onderhoud lijst', 'card:maintenance'],
  ['nl', 'mijn organisatie', 'card:'],
  ['en', 'maintenance list', 'card:maintenance'],
  ['nl', 'incidenten', 'card:incident'],
  ['en', 'open incidents', 'card:incident'],
  ['en', 'who manages WestLink?', 'card:directory'],
  ['en', 'kb password forgotten', 'card:kb'],
  ['en', 'search the knowledge base regional viewer empty', 'card:kb'],
];

// Commands that start something else: the tree is closed first, with one line saying so.
const LEAVERS: Array<[Locale, string, string]> = [
  ['nl', 'meld storing', 'card:incident.form'],
  ['nl', 'Storing melden', 'card:incident.form'],
  ['nl', 'nieuw incident', 'card:incident.form'],
  ['en', 'report an incident', 'card:incident.form'],
  ['en', 'new incident', 'card:incident.form'],
];

describe('commands while the decision tree waits for an answer', () => {
  it.each(LOOKUPS)('[%s] %j → the look-up is answered and the tree stays open where it was', async (locale, said, card) => {
    const before = await openTree(locale);
    const replies = await h.say(said, { locale });
    expect(kinds(replies)[0]).toContain(card);
    expect(texts(replies).at(-1)).toBe(stillOpen(locale));
    // Not taken as an answer: no "no care provider looks like …", and the run did not move.
    expect(JSON.stringify(replies)).not.toMatch(/lijkt op|looks like/);
    expect(JSON.stringify((await h.activeState())?.data)).toBe(before);
  });

  it.each(LEAVERS)('[%s] %j → the tree is closed (one line says so) and the command is carried out', async (locale, said, card) => {
    await openTree(locale);
    const replies = await h.say(said, { locale });
    expect(texts(replies)).toContain(left(locale));
    expect(kinds(replies)).toContain(card);
    expect((await h.activeState())?.flowId).not.toBe('tree');
  });

  it('the closed tree replaces its own card (no stale buttons) before saying it closed', async () => {
    await openTree();
    const replies = await h.say('meld storing');
    const first = replies[0];
    expect(first?.kind === 'card' && first.replaceKey?.startsWith('tree:')).toBe(true);
  });

  it('help, stop and language still interrupt as before', async () => {
    const before = await openTree();
    expect(kinds(await h.say('help'))).toEqual(['card:help']);
    expect(JSON.stringify((await h.activeState())?.data)).toBe(before);
    await h.say('English');
    expect((await h.activeState())?.flowId).toBe('tree');
    expect(texts(await h.say('stop', { locale: 'en' }))).toContain(translate('en', 'flow.stopped'));
    expect(await h.activeState()).toBeUndefined();
  });

  it('an answer is still an answer: a typed organisation name moves the tree on', async () => {
    const before = await openTree();
    const replies = await h.say('Verloskundigenpraktijk De Meander');
    expect(texts(replies)).not.toContain(stillOpen('nl'));
    expect(texts(replies)).not.toContain(left('nl'));
    expect((await h.activeState())?.flowId).toBe('tree');
    expect(JSON.stringify((await h.activeState())?.data)).not.toBe(before);
  });

  it('the tree\'s own words ("storing", "probleem") during the tree are not a new command', async () => {
    await grantHarnessRole(h, 'user-1', 'servicedesk-agent', 'org-vp-de-meander');
    const before = await openTree();
    for (const said of ['storing', 'probleem']) {
      const replies = await h.say(said);
      expect(texts(replies)).not.toContain(left('nl'));
      expect((await h.activeState())?.flowId).toBe('tree');
    }
    expect(JSON.parse(JSON.stringify((await h.activeState())?.data)).run).toBe(JSON.parse(before).run);
  });

  it.each([
    ['nl', 'hoe laat is het'],
    ['nl', 'ik weet het eigenlijk niet zo goed, mijn collega zegt dat het aan de server ligt'],
    ['en', 'what time is it'],
  ] as Array<[Locale, string]>)('[%s] %j (neither an answer nor a command) → the step again with a hint, the tree stays', async (locale, said) => {
    await openTree(locale);
    const replies = await h.say(said, { locale });
    const card = replies.find((r) => r.kind === 'card');
    expect(card?.kind === 'card' && card.card.kind).toMatch(/^tree\./);
    expect(card?.kind === 'card' && card.card.blocks.some((b) => b.type === 'text' && b.style === 'warning')).toBe(true);
    expect((await h.activeState())?.flowId).toBe('tree');
  });
});

describe('"stop" while a form is open', () => {
  it('closes the form: its card is replaced by a note that nothing was saved', async () => {
    const form = (await h.say('meld storing')).find((r) => r.kind === 'card');
    expect(form?.kind === 'card' && form.card.kind).toBe('incident.form');
    const replies = await h.say('stop');
    const closed = replies.find((r) => r.kind === 'card');
    expect(closed?.kind === 'card' && closed.replaceKey).toBe(form?.kind === 'card' && form.replaceKey);
    expect(closed?.kind === 'card' && closed.card.kind).toBe('form.cancelled');
    expect(texts(replies)).toHaveLength(1);
    expect(texts(replies)[0]).toContain(translate('nl', 'conversation.formClosed.reply', { title: form?.kind === 'card' ? form.card.title : '' }));
    expect(texts(replies)).not.toContain(translate('nl', 'flow.nothingToStop'));
    // Once closed, there is nothing left to stop.
    expect(texts(await h.say('stop'))).toEqual([translate('nl', 'flow.nothingToStop')]);
  });

  it('in English too', async () => {
    await h.say('report an incident', { locale: 'en' });
    const replies = await h.say('cancel', { locale: 'en' });
    expect(texts(replies).join(' ')).toContain('Nothing of it was saved');
  });

  it('a form that was sent is not "closed" afterwards', async () => {
    await h.say('meld storing');
    // Any button of the form's own flow answers the form (sent, cancelled, or sent back with errors).
    await h.submit('incident.file', { title: '', description: '' });
    const after = await h.say('stop');
    // Sent back with errors: the new form is open again and stop closes that one.
    expect(kinds(after)).toContain('card:form.cancelled');
    expect(texts(await h.say('stop'))).toEqual([translate('nl', 'flow.nothingToStop')]);
  });

  it('a form closed with its own cancel button is not open any more', async () => {
    const form = (await h.say('meld storing')).find((r) => r.kind === 'card');
    const cancel = form?.kind === 'card' ? form.card.actions?.find((a) => a.label === translate('nl', 'form.cancel')) : undefined;
    expect(cancel?.kind).toBe('submit');
    if (cancel?.kind === 'submit') await h.submit(cancel.id, { ...cancel.data });
    expect(texts(await h.say('stop'))).toEqual([translate('nl', 'flow.nothingToStop')]);
  });

  it('a plain form card with a cancel (the invitation form) is closed by stop too', async () => {
    await grantHarnessRole(h, 'user-1', 'administrator', 'org-vp-de-meander');
    const form = (await h.say('uitnodigen')).find((r) => r.kind === 'card');
    expect(form?.kind === 'card' && form.replaceKey).toBeTruthy();
    expect(kinds(await h.say('stop'))).toContain('card:form.cancelled');
  });

  it('a button that is not the form\'s own (another form\'s cancel) leaves it open for stop', async () => {
    await h.say('meld storing');
    await h.submit('form.cancel', { form: 'news-form:someother' });
    expect(kinds(await h.say('stop'))).toContain('card:form.cancelled');
  });

  it('stop in another conversation does not close this one\'s form', async () => {
    await h.say('meld storing', { conversation: 'a' });
    expect(texts(await h.say('stop', { conversation: 'b' }))).toEqual([translate('nl', 'flow.nothingToStop')]);
    expect(kinds(await h.say('stop', { conversation: 'a' }))).toContain('card:form.cancelled');
  });
});

describe('whatever is typed during the tree (property-based)', () => {
  const typed = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.string({ unit: 'grapheme', maxLength: 80 }),
    fc.constantFrom('wie beheert', 'kb', 'kb ', 'contact', 'meld', 'stop ', '  help  ', 'incident INC-', 'onderhoud lijst', '/ketenbot kb', '🙂', '\u0000', '<at>x</at>'),
    fc.tuple(fc.constantFrom('wie beheert ', 'kb ', 'contact ', 'meld storing ', 'who manages '), fc.string({ maxLength: 60 })).map(([a, b]) => a + b),
  );

  it('never fails, always answers, and leaves the tree open, closed with a line, or stopped', async () => {
    await fc.assert(
      fc.asyncProperty(typed, async (text) => {
        await h.say('stop');
        await openTree();
        const replies = await h.say(text);
        expect(replies.length).toBeGreaterThan(0);
        expect(texts(replies)).not.toContain(translate('nl', 'error.generic'));
        const state = await h.activeState();
        if (state?.flowId !== 'tree') {
          // Closed: by stop, or by another command that said so.
          const said = texts(replies);
          expect(said.includes(left('nl')) || said.includes(translate('nl', 'flow.stopped'))).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
    expect(h.errors).toEqual([]);
  }, 120_000);
});

describe('a command that only answers is a look-up after all', () => {
  it.each([['nl', 'onderhoud'], ['nl', 'uitnodigen'], ['en', 'maintenance'], ['en', 'invite']] as Array<[Locale, string]>)(
    '[%s] %j from a care worker (a list or a reason, nothing started) → answered, the tree stays open', async (locale, said) => {
      const before = await openTree(locale);
      const replies = await h.say(said, { locale });
      expect(texts(replies)).not.toContain(left(locale));
      expect(texts(replies).at(-1)).toBe(stillOpen(locale));
      expect(JSON.stringify((await h.activeState())?.data)).toBe(before);
    },
  );

  it('an administrator\'s "uitnodigen" opens the form: the tree is closed first', async () => {
    await grantHarnessRole(h, 'user-1', 'administrator', 'org-vp-de-meander');
    await openTree();
    const replies = await h.say('uitnodigen');
    expect(texts(replies)).toContain(left('nl'));
    expect((await h.activeState())?.flowId).not.toBe('tree');
  });
});

describe('buttons of other cards while the tree waits', () => {
  it('a button on a look-up\'s result (or a knowledge-base card) leaves the tree where it was', async () => {
    const before = await openTree();
    const found = await h.say('wie verloskundigenpraktijk');
    const card = found.find((r) => r.kind === 'card');
    const button = card?.kind === 'card' ? card.card.actions?.find((a) => a.kind === 'submit') : undefined;
    expect(button?.kind).toBe('submit');
    if (button?.kind === 'submit') await h.submit(button.id, { ...button.data });
    expect(JSON.stringify((await h.activeState())?.data)).toBe(before);
  });
});
