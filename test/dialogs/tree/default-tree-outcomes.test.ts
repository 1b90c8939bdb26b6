import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { translator } from '../../../cards/i18n/translate.ts';
import type { CardView } from '../../../cards/views/card-view.ts';
import type { Reply } from '../../../core/conversation/reply.ts';
import type { DecisionTree, OutcomeNode } from '../../../core/domain/decision-tree/types.ts';
import type { DirectoryDocument } from '../../../core/domain/directory/types.ts';
import type { KnownIssue, KnownIssuesSource } from '../../../core/domain/known-issues.ts';
import { loadDefaultTree } from '../../../bot/default-tree.ts';
import { grantHarnessRole, harnessPersonId, loadDemoDirectory, onlyCard, openDialogHarness, type DialogHarness, type SayOptions } from '../dialog-harness.ts';

/**
 * The default decision tree through the real engine and flows (demo directory): what a midwife
 * at Ziekenhuis Lindendael types or clicks, and the desk the outcome card names, for every
 * outcome of the tree. Plus navigation (back, start over, stop), typed answers, stale buttons,
 * English, version pinning and known issues.
 */

const nl = translator('nl');
const en = translator('en');
const TREE = loadDefaultTree();
const LINDENDAEL = 'org-ziekenhuis-lindendael';
const RSO = 'org-rso-rivierenland';

// Texts of the default tree, read from the file (so a rewording there does not break these tests).
const treeNode = (id: string) => {
  const found = TREE.nodes.find((n) => n.id === id);
  if (!found) throw new Error(`no node ${id} in the default tree`);
  return found;
};
/** The label of the choice at `nodeId` that leads to `next`. */
const choiceTo = (nodeId: string, next: string, locale: 'nl' | 'en' = 'nl') => {
  const n = treeNode(nodeId);
  const found = n.kind === 'question' ? n.choices.find((c) => c.next === next) : undefined;
  if (!found) throw new Error(`no choice from ${nodeId} to ${next}`);
  return found.label[locale];
};
/** Its number, as a user would type it. */
const numberTo = (nodeId: string, next: string) => {
  const n = treeNode(nodeId);
  return String((n.kind === 'question' ? n.choices.findIndex((c) => c.next === next) : -1) + 1);
};
const question = (id: string, locale: 'nl' | 'en' = 'nl') => treeNode(id).text[locale];
const continueLabel = (id: string, locale: 'nl' | 'en' = 'nl') => {
  const n = treeNode(id);
  if (n.kind !== 'advice') throw new Error(`${id} is no advice`);
  return n.continueLabel[locale];
};
const own = (i: number, locale: 'nl' | 'en' = 'nl') => {
  const n = treeNode('own');
  return n.kind === 'question' ? n.choices[i]!.label[locale] : '';
};
const UNKNOWN = nl('tree.choice.unknown');

let h: DialogHarness;
let directory: DirectoryDocument;
beforeEach(async () => {
  h = await openDialogHarness();
  directory = await loadDemoDirectory(h);
});
afterEach(async () => {
  await h.dispose();
});

// ---------- reading cards ----------

const org = (id: string) => directory.organisations.find((o) => o.id === id)!;
const outcomeNode = (id: string) => TREE.nodes.find((n): n is OutcomeNode => n.kind === 'outcome' && n.id === id)!;
const texts = (card: CardView) => card.blocks.flatMap((b) => (b.type === 'text' ? [b.text] : []));
const styled = (card: CardView, style: 'heading' | 'muted' | 'warning') => card.blocks.flatMap((b) => (b.type === 'text' && b.style === style ? [b.text] : []));
const heading = (card: CardView) => styled(card, 'heading')[0];
const choicesOf = (card: CardView) => card.blocks.flatMap((b) => (b.type === 'input' && b.input.kind === 'choice' ? b.input.choices : []));
const action = (card: CardView, id: string) => {
  const found = card.actions?.find((a) => a.kind === 'submit' && a.id === id);
  if (!found || found.kind !== 'submit') throw new Error(`no "${id}" button on ${card.kind}: ${JSON.stringify(card.actions)}`);
  return found;
};
/** The desks the outcome card names, as "Loket: <desk name>" lines, in order. */
const deskLines = (card: CardView) => texts(card).filter((t) => t.startsWith('Loket: ') || t.startsWith('Desk: '));
const phones = (card: CardView) => card.blocks.flatMap((b) => (b.type === 'facts' ? b.facts.filter((f) => f.label === nl('desk.field.phone') || f.label === en('desk.field.phone')).map((f) => f.value) : []));
const replaceKeyOf = (replies: Reply[]) => (replies[0]?.kind === 'card' ? replies[0].replaceKey : undefined);

// ---------- doing things ----------

/** The card on screen now (the last card the bot sent), per user. */
const screen = new Map<string, CardView>();
const userOf = (o: SayOptions) => `${o.user ?? 'user-1'}/${o.conversation ?? 'conv-1'}`;

async function reply(replies: Reply[], o: SayOptions): Promise<CardView> {
  const card = onlyCard(replies);
  screen.set(userOf(o), card);
  return card;
}
const current = (o: SayOptions = {}) => {
  const card = screen.get(userOf(o));
  if (!card) throw new Error('no card on screen yet');
  return card;
};

/** Types a message. */
const type = async (text: string, o: SayOptions = {}) => reply(await h.say(text, o), o);

/**
 * Clicks what the card offers under this title: a choice (selected, then "Verder", exactly as the
 * card's submit data and input come back) or a button (the advice's "Dit hielp niet").
 */
async function click(title: string, o: SayOptions = {}): Promise<CardView> {
  const card = current(o);
  const choice = choicesOf(card).find((c) => c.title === title);
  if (choice) return reply(await h.submit('tree.choose', { ...action(card, 'tree.choose').data, choice: choice.value }, o), o);
  const button = card.actions?.find((a) => a.label === title);
  if (button?.kind === 'submit') return reply(await h.submit(button.id, { ...button.data }, o), o);
  throw new Error(`"${title}" is not on the ${card.kind} card: ${JSON.stringify([choicesOf(card).map((c) => c.title), card.actions?.map((a) => a.label)])}`);
}

/** `type:<text>` or `click:<title>`. */
async function act(step: string, o: SayOptions = {}): Promise<CardView> {
  const [how, ...rest] = step.split(':');
  const what = rest.join(':');
  if (how === 'type') return type(what, o);
  if (how === 'click') return click(what, o);
  throw new Error(`bad step ${step}`);
}

/** "ik heb een probleem", then the organisation question answered (typed or clicked). */
async function startAs(organisationStep: string, o: SayOptions = {}): Promise<CardView> {
  const asked = await type('ik heb een probleem', o);
  expect(asked.kind).toBe('tree.step');
  expect(heading(asked)).toBe(nl('tree.org.question'));
  const root = await act(organisationStep, o);
  expect(heading(root)).toBe(TREE.nodes[0]!.text.nl);
  return root;
}

/** The outcome card names exactly these desks (name, desk, phone) under the outcome's roles, with what to prepare. */
function expectOutcome(card: CardView, outcomeId: string, desks: string[]) {
  const node = outcomeNode(outcomeId);
  expect(card.kind).toBe('tree.outcome');
  expect(card.title).toBe(node.title.nl);
  expect(action(card, 'incident.new').data).toMatchObject({ outcome: outcomeId });
  expect(deskLines(card)).toEqual(desks.map((id) => `Loket: ${org(id).desk.name}`));
  expect(phones(card)).toEqual(desks.map((id) => org(id).desk.phone));
  for (const id of desks) expect(texts(card)).toContain(org(id).name);
  for (const role of node.desks.map((d) => d.role.nl)) expect(styled(card, 'heading')).toContain(role);
  expect(texts(card)).toContain(node.text.nl);
  // What to have at hand: a list, one item per thing, right after its heading.
  const prepareAt = card.blocks.findIndex((b) => b.type === 'text' && b.text === nl('tree.outcome.prepare'));
  expect(card.blocks[prepareAt + 1]).toEqual({ type: 'list', items: node.prepare.map((p) => ({ title: p.nl })) });
  // It says which organisation it assumed, with a button to change it.
  expect(styled(card, 'muted')).toContain(nl('tree.outcome.assumed', { name: org(LINDENDAEL).name }));
  expect(action(card, 'tree.organisation').label).toBe(nl('tree.outcome.changeOrganisation'));
  if (node.warning) expect(styled(card, 'warning')).toContain(node.warning.nl);
  // The badge names the first desk (none when the outcome names people, not a desk).
  if (desks.length) expect(card.badge?.text).toBe(org(desks[0]!).desk.name);
  else expect(card.badge).toBeUndefined();
}

// ---------- every outcome ----------

const AMANDUS = 'org-sint-amandus-gasthuis';
const MEANDER = 'org-vp-de-meander';
const CASES: Array<[string, string[], string, string[]]> = [
  ['computer, printer or network (buttons)', [`click:${choiceTo('start', 'own')}`, `click:${choiceTo('own', 'own-advice')}`, `click:${continueLabel('own-advice')}`], 'own-helpdesk', [LINDENDAEL]],
  ['password refused (typed words)', ['type:inloggen', 'type:wachtwoord', 'type:dit hielp niet'], 'own-login', [LINDENDAEL]],
  ['own record system, Medicura EPD (typed synonyms, then a button)', ['type:mijn printer doet het niet', 'type:epd', 'type:nee', 'click:Medicura EPD'], 'own-system', [LINDENDAEL, 'org-lev-medicura']],
  ['own record system, do not know which', ['type:computer', `type:${numberTo('own', 'own-system-advice')}`, 'type:nee', `click:${UNKNOWN}`], 'own-helpdesk', [LINDENDAEL]],
  ['data from another provider, Sint Amandus (buttons)', [`click:${choiceTo('start', 'other-org')}`, 'click:Sint Amandus Gasthuis'], 'other-provider', [AMANDUS, LINDENDAEL]],
  ['data from another provider, Duinzicht (typed)', ['type:ander ziekenhuis', 'type:Ziekenhuis Duinzicht'], 'other-provider', ['org-ziekenhuis-duinzicht', LINDENDAEL]],
  ['data from another provider, do not know which', [`type:${numberTo('start', 'other-org')}`, `click:${UNKNOWN}`], 'own-helpdesk-other', [LINDENDAEL]],
  ['messages to one provider, Sint Amandus (buttons)', [`click:${choiceTo('start', 'link-what')}`, `click:${choiceTo('link-what', 'link-org')}`, 'click:Sint Amandus Gasthuis'], 'link-provider', [AMANDUS, LINDENDAEL]],
  ['messages to one provider, do not know which', ['type:koppeling', `type:${numberTo('link-what', 'link-org')}`, 'type:weet ik niet'], 'link-unknown', [LINDENDAEL]],
  ['messages to everyone, Medicura EPD (buttons)', [`click:${choiceTo('start', 'link-what')}`, `click:${choiceTo('link-what', 'link-app')}`, 'click:Medicura EPD'], 'link', ['org-lev-medicura', 'org-gtk-rivierennet', 'org-gtk-geboortenet']],
  // Geboortenet's supplier is also the user's GtK service provider: its desk is shown once.
  ['messages to everyone, Geboortenet (typed)', ['type:koppeling', 'type:iedereen', 'type:geboortenet'], 'link', ['org-gtk-geboortenet']],
  ['messages, do not know the system (typed)', ['type:berichten', 'type:iedereen', 'type:weet ik niet'], 'link-unknown', [LINDENDAEL]],
  ['the exchange platform is down, RivierenNet', ['type:berichten komen niet aan', 'type:het uitwisselplatform ligt eruit', 'click:RivierenNet uitwisselplatform'], 'gtk-down', ['org-gtk-rivierennet', 'org-twiin-ketenregie']],
  ['the regional viewer, one client (buttons)', [`click:${choiceTo('start', 'regional')}`, `click:${choiceTo('regional', 'viewer-one-advice')}`, `click:${continueLabel('viewer-one-advice')}`], 'rso', [RSO]],
  ['the regional viewer, empty for everyone, only in the region (typed)', ['type:viewer', 'type:leeg', 'type:nee', 'type:alleen in onze regio'], 'rso', [RSO]],
  ['the regional viewer, empty for everyone, national (buttons)', [`click:${choiceTo('start', 'regional')}`, `click:${choiceTo('regional', 'viewer-all-advice')}`, `click:${continueLabel('viewer-all-advice')}`, `click:${choiceTo('viewer-scope', 'viewer-national')}`], 'viewer-national', [RSO, 'org-lhdz']],
  ['a common facility is down (buttons)', [`click:${choiceTo('start', 'national')}`, `click:${choiceTo('national', 'common-facility')}`], 'common-facility', ['org-twiin-ketenregie']],
  ['a common facility is down (typed)', ['type:landelijk', 'type:zorgadresboek'], 'common-facility', ['org-twiin-ketenregie']],
  ['another national question (buttons)', [`click:${choiceTo('start', 'national')}`, `click:${choiceTo('national', 'national-helpdesk')}`], 'national-helpdesk', ['org-lhdz']],
  ['another national question (numbers)', [`type:${numberTo('start', 'national')}`, `type:${numberTo('national', 'national-helpdesk')}`], 'national-helpdesk', ['org-lhdz']],
  ['a data leak in Medicura EPD (typed, then button)', ['type:datalek', 'click:Medicura EPD'], 'security', ['org-lev-medicura', RSO]],
  ['a data leak, system not known (buttons)', [`click:${choiceTo('start', 'security-app')}`, `click:${UNKNOWN}`], 'security-unknown', [LINDENDAEL, RSO]],
  ['sent to the wrong recipient, De Meander, with Medicura EPD (buttons)', [`click:${choiceTo('start', 'security-recipient')}`, 'click:Verloskundigenpraktijk De Meander', 'click:Medicura EPD'], 'security-recipient-outcome', [MEANDER, 'org-lev-medicura', RSO]],
  ['sent to the wrong recipient, system not known (typed)', ['type:verkeerde ontvanger', 'type:de meander', 'type:weet ik niet'], 'security-recipient-unknown', [LINDENDAEL, MEANDER, RSO]],
  ['sent to the wrong recipient, recipient not known → the data-leak questions', ['type:verkeerde ontvanger', 'type:weet ik niet', 'click:Medicura EPD'], 'security', ['org-lev-medicura', RSO]],
  // The directory's "verantwoordelijke beheerder" contact is named (no desk) when Ketenbot knows no administrator.
  ['account or invitation (button)', [`click:${choiceTo('start', 'account')}`], 'account', []],
  ['account or invitation (typed)', ['type:mijn uitnodiging is verlopen'], 'account', []],
];

describe.each([
  ['typed', 'type:Ziekenhuis Lindendael'],
  ['clicked', 'click:Ziekenhuis Lindendael'],
])('every outcome, for a midwife at Ziekenhuis Lindendael (organisation %s)', (_how, organisationStep) => {
  it.each(CASES.map(([name, steps, id, desks]) => [`${name} → ${id}`, steps, id, desks] as const))('%s', async (_name, steps, outcomeId, desks) => {
    await startAs(organisationStep);
    let card = current();
    for (const step of steps) {
      expect(card.kind, `before "${step}"`).not.toBe('tree.outcome');
      card = await act(step);
    }
    expectOutcome(card, outcomeId, desks);
    // The run is over: nothing is left waiting for an answer.
    expect(await h.activeState()).toBeUndefined();
  });
});

it('the table above reaches every outcome of the default tree', () => {
  const covered = new Set(CASES.map(([, , id]) => id));
  expect(TREE.nodes.filter((n) => n.kind === 'outcome').map((n) => n.id).filter((id) => !covered.has(id))).toEqual([]);
});

describe('details of outcomes', () => {
  it('account: without an administrator known to Ketenbot, the directory\'s "verantwoordelijk beheerder" contact is named; the way there is shown', async () => {
    await startAs('click:Ziekenhuis Lindendael');
    const card = await click(choiceTo('start', 'account'));
    const people = card.blocks.flatMap((b) => (b.type === 'list' ? b.items : []));
    expect(people.map((p) => p.title)).toContain('Wouter Peters – verantwoordelijke beheerder');
    expect(styled(card, 'muted')).not.toContain(nl('tree.note.no-administrator-known'));
    expect(styled(card, 'muted')).toContain(nl('tree.outcome.path', { answers: choiceTo('start', 'account') }));
  });

  it('account: an administrator of Lindendael known to Ketenbot is named with phone and e-mail, no note', async () => {
    await grantHarnessRole(h, 'wouter', 'administrator', LINDENDAEL);
    const person = (await h.services.personRepository.get(harnessPersonId('wouter')))!;
    await h.services.personRepository.save({ ...person, contactId: 'contact-wouter-peters' }, []);

    await startAs('click:Ziekenhuis Lindendael');
    const card = await click(choiceTo('start', 'account'));
    expect(card.title).toBe(outcomeNode('account').title.nl);
    const people = card.blocks.flatMap((b) => (b.type === 'list' ? b.items : [])).filter((i) => i.links?.length);
    // Phone and e-mail as tel:/mailto: links, so a tap calls or writes.
    expect(people).toEqual([{ title: 'Wouter Peters – verantwoordelijke beheerder', links: [{ label: '+31 20 555 0160', url: 'tel:+31205550160' }, { label: 'wouter.peters@example.org', url: 'mailto:wouter.peters@example.org' }] }]);
    expect(deskLines(card)).toEqual([]);
    expect(styled(card, 'muted')).not.toContain(nl('tree.note.no-administrator-known'));
  });

  it('a midwife of Helmgras (Noordkust, no RSO) linked to her practice is never asked her organisation; regional → national helpdesk with the note', async () => {
    await grantHarnessRole(h, 'anouk', 'care-professional', 'org-vp-helmgras');
    const o = { user: 'anouk' };
    const root = await type('ik heb een probleem', o);
    expect(heading(root)).toBe(TREE.nodes[0]!.text.nl);
    await click(choiceTo('start', 'regional'), o);
    await click(choiceTo('regional', 'viewer-one-advice'), o);
    const card = await click(continueLabel('viewer-one-advice'), o);
    expect(card.title).toBe(outcomeNode('rso').title.nl);
    expect(deskLines(card)).toEqual([`Loket: ${org('org-lhdz').desk.name}`]);
    expect(styled(card, 'muted')).toContain(nl('tree.note.no-rso-in-region'));
  });

  it('a data leak at Helmgras: the supplier of Vroedsoft XIS, and the national helpdesk instead of an RSO', async () => {
    await grantHarnessRole(h, 'anouk', 'care-professional', 'org-vp-helmgras');
    const o = { user: 'anouk' };
    await type('ik heb een probleem', o);
    await type('datalek', o);
    expect(heading(current(o))).toBe(question('security-app'));
    const card = await click('Vroedsoft XIS', o);
    expect(deskLines(card)).toEqual([`Loket: ${org('org-lev-vroedsoft').desk.name}`, `Loket: ${org('org-lhdz').desk.name}`]);
    expect(styled(card, 'warning')).toContain(outcomeNode('security').warning!.nl);
  });
});

// ---------- the organisation question ----------

describe('the organisation is asked once', () => {
  it('a second run does not ask again, in any conversation of that user; another user is asked', async () => {
    await startAs('type:Ziekenhuis Lindendael');
    await click(choiceTo('start', 'account'));

    expect(heading(await type('ik heb een probleem'))).toBe(TREE.nodes[0]!.text.nl);
    await h.say('stop');
    expect(heading(await type('ik heb een probleem', { conversation: 'conv-2' }))).toBe(TREE.nodes[0]!.text.nl);
    expect(heading(await type('ik heb een probleem', { user: 'user-2' }))).toBe(nl('tree.org.question'));
  });

  it('remembered: the outcome after a second run still names Lindendael\'s desk', async () => {
    await startAs('click:Ziekenhuis Lindendael');
    await h.say('stop');
    await type('ik heb een probleem');
    await click(choiceTo('start', 'own'));
    await click(choiceTo('own', 'own-advice'));
    expectOutcome(await click(continueLabel('own-advice')), 'own-helpdesk', [LINDENDAEL]);
  });

  it('a name that matches no organisation repeats the question, saying so', async () => {
    await type('ik heb een probleem');
    const card = await type('Bakkerij de Korenbloem');
    expect(heading(card)).toBe(nl('tree.org.question'));
    expect(styled(card, 'warning')).toEqual([nl('tree.org.unmatched', { query: 'Bakkerij de Korenbloem' })]);
  });
});

// ---------- navigation ----------

describe('back, start over, stop', () => {
  it('"terug" and the Terug button go one step back, on the same card', async () => {
    const root = await startAs('click:Ziekenhuis Lindendael');
    const key = replaceKeyOf(await h.say('printer'));
    const backTyped = await h.say('terug');
    expect(replaceKeyOf(backTyped)).toBe(key);
    expect(heading(onlyCard(backTyped))).toBe(heading(root));

    const own = await click(choiceTo('start', 'own'));
    expect(heading(own)).toBe(question('own'));
    const backPressed = await h.submit('tree.back', { ...action(own, 'tree.back').data });
    expect(replaceKeyOf(backPressed)).toBe(key);
    expect(heading(onlyCard(backPressed))).toBe(heading(root));
    // The first question has no way back.
    expect(onlyCard(backPressed).actions?.some((a) => a.kind === 'submit' && a.id === 'tree.back')).toBe(false);
  });

  it('going back undoes the answer: the outcome shows only the answers that stand', async () => {
    await startAs('click:Ziekenhuis Lindendael');
    await type('printer');
    await type('terug');
    const card = await type(numberTo('start', 'account'));
    expect(card.kind).toBe('tree.outcome');
    expect(styled(card, 'muted')).toContain(nl('tree.outcome.path', { answers: choiceTo('start', 'account') }));
  });

  it('"opnieuw" and the button start over at the first question, on the same card', async () => {
    const root = await startAs('click:Ziekenhuis Lindendael');
    const key = replaceKeyOf(await h.say('koppeling'));
    const typed = await h.say('opnieuw');
    expect(replaceKeyOf(typed)).toBe(key);
    expect(heading(onlyCard(typed))).toBe(heading(root));
    expect(onlyCard(typed).subtitle).toBe(nl('tree.step', { number: 1 }));

    await type('viewer');
    const advice = await type('leeg');
    expect(advice.kind).toBe('tree.advice');
    const pressed = await h.submit('tree.restart', { ...action(advice, 'tree.restart').data });
    expect(replaceKeyOf(pressed)).toBe(key);
    expect(heading(onlyCard(pressed))).toBe(heading(root));
  });

  it('Stoppen ends the run: the card becomes the stopped card and nothing is waiting any more', async () => {
    await startAs('click:Ziekenhuis Lindendael');
    const key = replaceKeyOf(await h.say('koppeling'));
    const stopped = await h.submit('tree.stop', { ...action(current(), 'tree.stop').data });
    expect(replaceKeyOf(stopped)).toBe(key);
    const card = onlyCard(stopped);
    expect(card.kind).toBe('tree.stopped');
    expect(texts(card)).toEqual([nl('tree.stopped')]);
    expect(card.actions ?? []).toEqual([]);
    expect(await h.activeState()).toBeUndefined();
  });

  it('typing "stop" ends it too', async () => {
    await startAs('click:Ziekenhuis Lindendael');
    await h.say('stop');
    expect(await h.activeState()).toBeUndefined();
  });
});

// ---------- typed answers and stale buttons ----------

describe('typed answers', () => {
  it.each([
    ['printer', question('own')],
    ['datalek', question('security-app')],
    ['koppeling', question('link-what')],
    ['mijn wachtwoord wordt geweigerd', question('own')],
    ['ik heb een overdracht naar de verkeerde praktijk gestuurd', question('security-recipient')],
    ['Er is een DATALEK!', question('security-app')],
    [numberTo('start', 'link-what'), question('link-what')],
  ])('%j picks the choice it names → %j', async (typed, next) => {
    await startAs('click:Ziekenhuis Lindendael');
    expect(heading(await type(typed))).toBe(next);
  });

  it('an answer that matches nothing repeats the question with the hint', async () => {
    const root = await startAs('click:Ziekenhuis Lindendael');
    const card = await type('de koffieautomaat is leeg');
    expect(heading(card)).toBe(heading(root));
    expect(styled(card, 'warning')).toEqual([nl('tree.hint.unmatched')]);
    expect(choicesOf(card)).toEqual(choicesOf(root));
  });

  it('"Verder" without a choice asks to choose first', async () => {
    const root = await startAs('click:Ziekenhuis Lindendael');
    const card = onlyCard(await h.submit('tree.choose', { ...action(root, 'tree.choose').data }));
    expect(heading(card)).toBe(heading(root));
    expect(styled(card, 'warning')).toEqual([nl('tree.hint.choose')]);
  });

  it('at an advice step, an answer other than "dit hielp niet" repeats the advice with the hint', async () => {
    await startAs('click:Ziekenhuis Lindendael');
    await type('viewer');
    const advice = await type('leeg');
    expect(advice.kind).toBe('tree.advice');
    const card = await type('ja hoor');
    expect(card.kind).toBe('tree.advice');
    expect(texts(card)).toContain(nl('tree.hint.unmatched'));
  });
});

describe('stale buttons', () => {
  it('a button of an earlier run shows the current step with the stale note', async () => {
    const root = await startAs('click:Ziekenhuis Lindendael');
    const old = action(root, 'tree.choose').data!;
    await h.say('stop');
    const fresh = await type('ik heb een probleem');
    const card = onlyCard(await h.submit('tree.choose', { ...old, choice: '0' }));
    expect(heading(card)).toBe(heading(fresh));
    expect(styled(card, 'warning')).toEqual([nl('tree.stale')]);
    // Nothing was chosen: the current run is still at its first question.
    expect(action(card, 'tree.choose').data).toEqual(action(fresh, 'tree.choose').data);
  });

  it('a button of an earlier step of the same run shows the current step with the stale note', async () => {
    const root = await startAs('click:Ziekenhuis Lindendael');
    await click(choiceTo('start', 'own'));
    const card = onlyCard(await h.submit('tree.choose', { ...action(root, 'tree.choose').data, choice: '5' }));
    expect(heading(card)).toBe(question('own'));
    expect(styled(card, 'warning')).toEqual([nl('tree.stale')]);
  });

  it('a button pressed after the run ended starts a new run, saying the old button was stale', async () => {
    const root = await startAs('click:Ziekenhuis Lindendael');
    await h.say('stop');
    const replies = await h.submit('tree.back', { ...action(root, 'tree.restart').data });
    expect(replies[0]).toEqual({ kind: 'text', text: nl('tree.stale') });
    expect(replies[1]?.kind === 'card' && heading(replies[1].card)).toBe(TREE.nodes[0]!.text.nl);
  });

  it('a stale button while the run is at an advice step shows the advice with the stale note', async () => {
    await startAs('click:Ziekenhuis Lindendael');
    await type('viewer');
    const advice = await type('leeg');
    const card = onlyCard(await h.submit('tree.continue', { ...action(advice, 'tree.continue').data, run: 'andere-ronde' }));
    expect(card.kind).toBe('tree.advice');
    expect(texts(card)).toContain(nl('tree.stale'));
  });
});

// ---------- language ----------

describe('English', () => {
  it('an English user gets every question, choice and outcome in English', async () => {
    const o = { locale: 'en' as const };
    const asked = await type('I have a problem', o);
    expect(heading(asked)).toBe(en('tree.org.question'));
    expect(asked.title).toBe(en('tree.title'));
    const root = await click('Ziekenhuis Lindendael', o);
    expect(heading(root)).toBe(question('start', 'en'));
    expect(choicesOf(root).map((c) => c.title)).toEqual(TREE.nodes[0]!.kind === 'question' ? TREE.nodes[0]!.choices.map((c) => c.label.en) : []);
    expect(action(root, 'tree.choose').label).toBe(en('tree.next'));

    await click(choiceTo('start', 'own', 'en'), o);
    const advice = await click(own(1, 'en'), o);
    expect(heading(advice)).toBe(question('own-advice', 'en'));
    const card = await click(continueLabel('own-advice', 'en'), o);
    expect(card.title).toBe(outcomeNode('own-helpdesk').title.en);
    expect(styled(card, 'heading')).toContain(outcomeNode('own-helpdesk').desks[0]!.role.en);
    expect(styled(card, 'heading')).toContain(en('tree.outcome.prepare'));
    expect(texts(card)).toContain(outcomeNode('own-helpdesk').text.en);
    expect(deskLines(card)).toEqual([`Desk: ${org(LINDENDAEL).desk.name}`]);
    expect(texts(card).join('\n')).not.toContain(outcomeNode('own-helpdesk').text.nl);
  });
});

// ---------- versions ----------

describe('a new version published during a run', () => {
  it('the run finishes on the version it started on; the next run uses the new one', async () => {
    const root = await startAs('click:Ziekenhuis Lindendael');
    const changed: DecisionTree = structuredClone(TREE);
    changed.version = '2026.11.2';
    const own = changed.nodes.find((n) => n.id === 'own')!;
    own.text = { nl: 'NIEUW: wat werkt er niet?', en: 'NEW: what does not work?' };
    changed.nodes[0]!.text = { nl: 'NIEUW: waar gaat het over?', en: 'NEW: what is it about?' };
    expect(await h.services.tree.publish(changed, 'test')).toEqual({ ok: true, version: '2026.11.2' });

    expect(heading(await click(choiceTo('start', 'own')))).toBe(question('own'));
    expect(heading(await type('terug'))).toBe(heading(root));
    expect(heading(await type('opnieuw'))).toBe(heading(root));
    await type('1');
    await type('1');
    expectOutcome(await type('nee'), 'own-login', [LINDENDAEL]);

    expect(heading(await type('ik heb een probleem'))).toBe('NIEUW: waar gaat het over?');
    expect(heading(await type('printer'))).toBe('NIEUW: wat werkt er niet?');
  });
});

// ---------- what follows the outcome ----------

describe('the buttons on the outcome', () => {
  it('tree.kb opens the knowledge-base search on the chosen application', async () => {
    await startAs('click:Ziekenhuis Lindendael');
    await type('datalek');
    const outcome = await click('Medicura EPD');
    const replies = await h.submit('tree.kb', { ...action(outcome, 'tree.kb').data });
    const card = replies.find((r) => r.kind === 'card');
    expect(card?.kind === 'card' && card.card.kind).toBe('kb.search');
    const input = card?.kind === 'card' ? card.card.blocks.find((b) => b.type === 'input') : undefined;
    expect(input?.type === 'input' && input.input.kind === 'text' && input.input.value).toBe('Medicura EPD');
  });

  it('"Meld incident" opens the incident form, prefilled with the application, the answers and the organisation', async () => {
    await startAs('click:Ziekenhuis Lindendael');
    const card = await type('datalek');
    const outcome = await click('Medicura EPD');
    expect(card.kind).toBe('tree.step');
    expect(outcome.kind).toBe('tree.outcome');
    expect(action(outcome, 'incident.new').label).toBe(nl('tree.outcome.incident'));
    expect(action(outcome, 'tree.kb').label).toBe(nl('tree.outcome.kb'));
    const replies = await h.submit('incident.new', { ...action(outcome, 'incident.new').data });
    const form = replies.find((r) => r.kind === 'card');
    expect(form?.kind === 'card' && form.card.kind).toBe('incident.form');
    const inputs = form?.kind === 'card' ? Object.fromEntries(form.card.blocks.flatMap((b) => (b.type === 'input' ? [[b.input.id, b.input]] : []))) : {};
    expect(inputs.applications?.kind === 'choice' && inputs.applications.value).toEqual(['app-medicura-epd']);
    expect(inputs.organisations?.kind === 'choice' && inputs.organisations.value).toEqual(['org-ziekenhuis-lindendael']);
    expect(inputs.description?.kind === 'text' && inputs.description.value).toContain('Medicura EPD');
  });
});

describe('known issues', () => {
  const issue: KnownIssue = { kind: 'incident', applicationId: 'app-medicura-epd', title: 'Storing Medicura EPD: berichten vertraagd', detail: 'In behandeling sinds 09:30' };
  let asked: Array<[string, Date, string]>;
  beforeEach(() => {
    asked = [];
    const source: KnownIssuesSource = {
      forApplication: async (applicationId, now, locale) => {
        asked.push([applicationId, now, locale]);
        return applicationId === 'app-medicura-epd' ? [issue] : [];
      },
    };
    h.services.knownIssues.register(source);
  });

  it('a data leak via Medicura EPD: the known incident comes first, before the desks', async () => {
    await startAs('click:Ziekenhuis Lindendael');
    await type('datalek');
    const card = await click('Medicura EPD');
    expect(asked).toEqual([['app-medicura-epd', h.clock.now(), 'nl']]);
    expect(card.blocks[0]).toEqual({ type: 'text', text: nl('tree.known.title', { application: 'Medicura EPD' }), style: 'warning' });
    expect(card.blocks[1]).toEqual({ type: 'list', items: [{ title: issue.title, text: issue.detail }] });
    const firstRole = card.blocks.findIndex((b) => b.type === 'text' && b.text === outcomeNode('security').desks[0]!.role.nl);
    expect(firstRole).toBeGreaterThan(1);
    expectOutcome(card, 'security', ['org-lev-medicura', RSO]);
  });

  it('an application without known issues shows none', async () => {
    await startAs('click:Ziekenhuis Lindendael');
    await type('koppeling');
    await type('iedereen');
    const card = await click('Geboortenet categoraal knooppunt');
    expect(asked.map(([id]) => id)).toEqual(['app-geboortenet']);
    expect(texts(card).some((t) => t.startsWith('Er is al iets bekend'))).toBe(false);
  });
});
