import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { translator } from '../../cards/i18n/translate.ts';
import type { CardView } from '../../cards/views/card-view.ts';
import type { Flow } from '../../core/conversation/flow.ts';
import type { Locale } from '../../core/conversation/locale.ts';
import { textReply } from '../../core/conversation/reply.ts';
import { describeReplies, LOCALES, onlyCard, openDialogHarness, type DialogHarness } from './dialog-harness.ts';
import { asWho, cardText, helpItems, loadDirectory, say, type Who } from './help-audience.ts';

let h: DialogHarness;
beforeEach(async () => {
  h = await openDialogHarness();
});
afterEach(async () => {
  await h.dispose();
});

const HELP_INPUTS: Array<string | undefined> = [
  'help', 'Help!', 'HELP', 'hallo', '', undefined, '   ', 'Help.', '  help  ', 'Hallo!', 'hoi', 'Hi', 'hello',
  'menu', 'start', 'welkom', 'Welcome!', 'info', 'Wat kun je?', 'wat kan je', 'What can you do?', 'ＨＥＬＰ',
];

describe('help flow (through the engine, with the installed flows)', () => {
  describe.each(LOCALES)('locale %s', (locale: Locale) => {
    const t = translator(locale);

    it.each(HELP_INPUTS.map((input) => [input]))('%j → the help card', async (input) => {
      const card = onlyCard(await h.say(input, { locale }));
      expect(card.kind).toBe('help');
      expect(card.title).toBe(t('help.title'));
      expect(card.subtitle).toBe(t('help.subtitle'));
      expect(card.fallbackText).toBe(t('help.fallback'));
    });

    it('a care professional gets one list: the capabilities of the installed flows for everyone, in their language', async () => {
      const card = onlyCard(await h.say('help', { locale }));
      const lists = card.blocks.flatMap((b) => (b.type === 'list' ? [b.items] : []));
      expect(lists).toHaveLength(1);
      const expected = h.flows.flatMap((f) => f.capabilities?.(t, { platform: 'local', roles: [] }) ?? []).map(({ title, text }) => ({ title, text }));
      expect(lists[0]).toEqual(expected);
      // help itself and the language switch come first, whatever else is installed
      expect(lists[0]!.map((i) => i.title).slice(0, 2)).toEqual([t('help.capability.help.title'), t('help.capability.language.title')]);
      expect(new Set(lists[0]!.map((i) => i.title)).size).toBe(lists[0]!.length);
      for (const item of lists[0]!) {
        expect(item.title.trim()).not.toBe('');
        expect(item.text?.trim()).not.toBe('');
      }
      expect(card.blocks[0]).toEqual({ type: 'text', text: t('help.intro') });
      expect(card.blocks.at(-1)).toEqual({ type: 'text', text: t('help.examples.local'), style: 'muted' });
    });

    it.each([['helpdesk'], ['hallo daar']])('%j is not a help word (→ a knowledge-base question)', async (input) => {
      expect(describeReplies(await h.say(input, { locale }), locale)).not.toContain('card:help');
    });

    it.each([['hulp'], ['help me']])('%j asks for help with a problem: the decision tree starts, not the help card', async (input) => {
      const replies = await h.say(input, { locale });
      expect(replies.some((r) => r.kind === 'card' && r.card.kind === 'help')).toBe(false);
      expect(replies.some((r) => r.kind === 'card' && r.card.kind === 'tree.step')).toBe(true);
    });
  });

  it('also lists a flow installed later, with its button', async () => {
    await h.dispose();
    const extra: Flow<never> = {
      id: 'storing',
      matches: (text) => text === 'storing',
      start: () => ({ replies: [textReply('Welke storing?')] }),
      capabilities: (t) => [
        { title: 'Storing melden', text: t('help.intro'), action: { kind: 'submit', id: 'storing.start', label: 'Storing melden' } },
      ],
    };
    h = await openDialogHarness([extra]);
    const card = onlyCard(await h.say('help'));
    const items = card.blocks.flatMap((b) => (b.type === 'list' ? b.items : []));
    expect(items.map((i) => i.title).at(-1)).toBe('Storing melden');
    expect(card.actions?.at(-1)).toEqual({ kind: 'submit', id: 'storing.start', label: 'Storing melden' });
  });

  it('a help action (button) shows the card too', async () => {
    expect(onlyCard(await h.press('help.show')).kind).toBe('help');
  });

  it('help stores no conversation state', async () => {
    await h.say('help');
    expect(await h.activeState()).toBeUndefined();
  });
});

/**
 * The welcome card fits the person and the platform: care staff see what they can do,
 * administrators also administration, and the hint is the one for the platform in use.
 */
describe('the welcome card per person and platform', () => {
  beforeEach(async () => {
    await loadDirectory(h);
  });

  const nl = translator('nl');
  const en = translator('en');
  const helpOf = async (who: Who, text = 'help', locale: Locale = 'nl'): Promise<CardView> => onlyCard(await say(h, who, text, { locale }));

  it.each<[Who['platform'], string]>([
    ['local', nl('help.examples.local')],
    ['teams', nl('help.examples.teams')],
    ['slack', nl('help.examples.slack')],
  ])('a midwife on %s: what she can do, no administration, the hint of that platform only', async (platform, hint) => {
    const card = await helpOf({ platform, user: 'vroedvrouw-sanne' }, 'hallo');
    const text = cardText(card);
    expect(card.blocks.at(-1)).toEqual({ type: 'text', text: hint, style: 'muted' });
    expect(text).not.toContain(nl('help.administration'));
    expect(text).not.toContain(nl('maintenance.capability.announce.title'));
    expect(text).not.toContain(nl('invite.capability.title'));
    expect(text).not.toContain(nl('channel.capability.title'));
    expect(text).not.toContain(nl('news.capability.title'));
    expect(text).not.toContain(nl('report.capability.title'));
    expect(card.actions?.map((a) => (a.kind === 'submit' ? a.id : a.url))).not.toContain('maintenance.new');
    // What she can do is there: the decision tree, an incident, the address book, maintenance to look at, accepting an invitation.
    const titles = helpItems(card).map((i) => i.title);
    expect(titles).toEqual(expect.arrayContaining([nl('tree.capability.title'), nl('incident.capability.title'), nl('directory.capability.title'), nl('maintenance.capability.title'), nl('invite.capability.accept.title')]));
    if (platform === 'slack') expect(text).toContain('/ketenbot');
    else expect(text).not.toMatch(/\/ketenbot|slack/i);
    if (platform !== 'teams') expect(text).not.toContain('@Ketenbot');
  });

  it('the Teams welcome (conversationUpdate → "help") of a care professional has no Slack hint', async () => {
    const text = cardText(await helpOf({ platform: 'teams', user: 'kraamverzorgende-ilse' }));
    expect(text).toContain(nl('help.examples.teams'));
    expect(text).not.toMatch(/slack|\/ketenbot/i);
  });

  it('the administrator of a supplier (Vroedsoft) also sees administration: announcing maintenance (with its button), releases, invitations, channels; no news', async () => {
    const who: Who = { platform: 'teams', user: 'beheer-vroedsoft', role: ['administrator', 'org-lev-vroedsoft'] };
    await asWho(h, who);
    const card = await helpOf(who);
    const text = cardText(card);
    expect(text).toContain(nl('help.administration'));
    const admin = helpItems(card, 'administration').map((i) => i.title);
    expect(admin).toEqual(expect.arrayContaining([nl('maintenance.capability.announce.title'), nl('release.capability.title'), nl('invite.capability.title'), nl('channel.capability.title')]));
    expect(admin).not.toContain(nl('news.capability.title'));
    expect(admin).not.toContain(nl('kbEdit.capability.title'));
    expect(card.actions).toContainEqual({ kind: 'submit', id: 'maintenance.new', label: nl('maintenance.action.new') });
    expect(helpItems(card).map((i) => i.title)).toContain(nl('report.capability.title'));
  });

  it('the administrator of a care provider that administers no application: invitations and channels, but no "Onderhoud aankondigen"', async () => {
    const who: Who = { platform: 'local', user: 'beheer-amandus', role: ['administrator', 'org-sint-amandus-gasthuis'] };
    await asWho(h, who);
    const card = await helpOf(who);
    const admin = helpItems(card, 'administration').map((i) => i.title);
    expect(admin).toEqual(expect.arrayContaining([nl('invite.capability.title'), nl('channel.capability.title')]));
    expect(admin).not.toContain(nl('maintenance.capability.announce.title'));
    expect(admin).not.toContain(nl('release.capability.title'));
    expect(card.actions?.some((a) => a.kind === 'submit' && a.id === 'maintenance.new')).toBe(false);
  });

  it('an RSO administrator on Slack, in English: news and the knowledge base too, and English commands only', async () => {
    const who: Who = { platform: 'slack', user: 'URSOADMIN', role: ['administrator', 'org-rso-rivierenland'] };
    await asWho(h, who);
    const card = await helpOf(who, 'help', 'en');
    const admin = helpItems(card, 'administration').map((i) => i.title);
    expect(admin).toEqual(expect.arrayContaining([en('news.capability.title'), en('kbEdit.capability.title'), en('maintenance.capability.announce.title'), en('channel.capability.title')]));
    const text = cardText(card);
    expect(text).toContain(en('help.administration'));
    expect(text).toContain('channel link [organisation]');
    expect(text).not.toMatch(/kanaal|koppel|onderhoud|uitnodig|nieuws|rapport/i);
    expect(text).toContain('/ketenbot');
  });

  it('a chain coordinator sees every capability there is', async () => {
    const who: Who = { platform: 'local', user: 'ketenregisseur-joris', role: ['chain-coordinator'] };
    await asWho(h, who);
    const card = await helpOf(who);
    const all = h.flows.flatMap((f) => f.capabilities?.(nl) ?? []).map((c) => c.title);
    expect(helpItems(card).map((i) => i.title).sort()).toEqual([...all].sort());
  });
});
