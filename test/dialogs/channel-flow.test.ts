import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { translator } from '../../cards/i18n/translate.ts';
import { grantHarnessRole, loadDemoDirectory, onlyCard, onlyText, openDialogHarness, type DialogHarness, type SayOptions } from './dialog-harness.ts';

const LINDENDAEL = 'org-ziekenhuis-lindendael';
const LINDENDAEL_NAME = 'Ziekenhuis Lindendael';
const AMANDUS = 'org-sint-amandus-gasthuis';
const nl = translator('nl');
const en = translator('en');

/** A Teams/Slack channel the bot is a member of. */
const CHANNEL: SayOptions = { kind: 'channel', conversation: 'C-STORINGEN', teamId: 'T-ZIEKENHUIS', conversationName: 'storingen' };
const as = (user: string, extra: SayOptions = {}): SayOptions => ({ ...CHANNEL, user, ...extra });

let h: DialogHarness;
beforeEach(async () => {
  h = await openDialogHarness();
  await loadDemoDirectory(h);
  await grantHarnessRole(h, 'admin', 'administrator', LINDENDAEL);
  await grantHarnessRole(h, 'admin-b', 'administrator', AMANDUS);
  await grantHarnessRole(h, 'nurse', 'care-professional', LINDENDAEL);
  await grantHarnessRole(h, 'coord', 'chain-coordinator');
});
afterEach(async () => {
  await h.dispose();
});

const stored = () => h.services.channels.inChannel({ platform: 'local', channelId: 'C-STORINGEN' });

describe('"kanaal koppel <organisatie>" in a channel', () => {
  it('by the organisation\'s administrator → linked; again → already linked', async () => {
    expect(onlyText(await h.say('kanaal koppel Ziekenhuis Lindendael', as('admin')))).toBe(nl('channel.linked', { organisation: LINDENDAEL_NAME }));
    expect(await stored()).toMatchObject({ ok: true, value: [{ link: { organisationId: LINDENDAEL, teamId: 'T-ZIEKENHUIS', name: 'storingen', active: true, createdBy: 'local:admin' } }] });
    expect(onlyText(await h.say('kanaal koppel lindendael', as('admin')))).toBe(nl('channel.alreadyLinked', { organisation: LINDENDAEL_NAME }));
  });

  it('in English: "channel link lindendael"', async () => {
    expect(onlyText(await h.say('channel link lindendael', as('admin', { locale: 'en' })))).toBe(en('channel.linked', { organisation: LINDENDAEL_NAME }));
  });

  it('by a care professional → refused, naming the role needed and the organisation; nothing linked', async () => {
    const text = onlyText(await h.say('kanaal koppel Ziekenhuis Lindendael', as('nurse')));
    expect(text).toBe(nl('access.forbidden.org', { role: 'beheerder', organisation: LINDENDAEL_NAME }));
    expect(text).toContain('beheerder');
    const english = onlyText(await h.say('kanaal koppel Ziekenhuis Lindendael', as('nurse', { locale: 'en' })));
    expect(english).toContain('administrator');
    expect(english).toContain(LINDENDAEL_NAME);
    expect(await stored()).toEqual({ ok: true, value: [] });
  });

  it('by the administrator of another organisation → refused the same way', async () => {
    expect(onlyText(await h.say('kanaal koppel Ziekenhuis Lindendael', as('admin-b')))).toBe(nl('access.forbidden.org', { role: 'beheerder', organisation: LINDENDAEL_NAME }));
  });

  it('in a personal chat → only works in a channel', async () => {
    expect(onlyText(await h.say('kanaal koppel Ziekenhuis Lindendael', { user: 'admin' }))).toBe(nl('access.notInChannel'));
    expect(onlyText(await h.say('kanaal lijst', { user: 'admin' }))).toBe(nl('access.notInChannel'));
    expect(onlyText(await h.say('kanaal ontkoppel', { user: 'admin' }))).toBe(nl('access.notInChannel'));
  });

  it('in a group chat it works as in a channel', async () => {
    expect(onlyText(await h.say('kanaal koppel Ziekenhuis Lindendael', { user: 'admin', kind: 'group', conversation: 'G-1' }))).toBe(nl('channel.linked', { organisation: LINDENDAEL_NAME }));
  });

  it('an unknown or ambiguous organisation is named back; without one, the usage', async () => {
    expect(onlyText(await h.say('kanaal koppel Nergenshuizen', as('coord')))).toBe(nl('access.unknownOrganisation', { query: 'Nergenshuizen' }));
    const ambiguous = onlyText(await h.say('kanaal koppel ziekenhuis', as('coord')));
    expect(ambiguous).toContain('Ziekenhuis Lindendael (org-ziekenhuis-lindendael)');
    expect(ambiguous).toContain('Ziekenhuis Duinzicht (org-ziekenhuis-duinzicht)');
    expect(onlyText(await h.say('kanaal koppel', as('coord')))).toBe(nl('channel.usage'));
    expect(await stored()).toEqual({ ok: true, value: [] });
  });
});

describe('"kanaal lijst" and "kanaal ontkoppel"', () => {
  it('list → the organisations of this channel; unlink → no longer; list → empty', async () => {
    expect(onlyText(await h.say('kanaal lijst', as('nurse')))).toBe(nl('channel.list.empty'));
    await h.say('kanaal koppel Ziekenhuis Lindendael', as('coord'));
    await h.say('kanaal koppel Sint Amandus Gasthuis', as('coord'));

    const card = onlyCard(await h.say('kanaal lijst', as('nurse')));
    expect(card.kind).toBe('channel.list');
    expect(card.title).toBe(nl('channel.list.title'));
    expect(card.blocks.flatMap((b) => (b.type === 'list' ? b.items.map((i) => i.title) : [])).sort()).toEqual(['Sint Amandus Gasthuis', LINDENDAEL_NAME]);
    expect(onlyCard(await h.say('kanaal', as('nurse'))).kind).toBe('channel.list');

    // The administrator of Lindendael unlinks their own organisation; Sint Amandus stays.
    expect(onlyText(await h.say('kanaal ontkoppel Ziekenhuis Lindendael', as('admin')))).toBe(nl('channel.unlinked', { organisations: LINDENDAEL_NAME }));
    expect(onlyCard(await h.say('kanaal lijst', as('nurse'))).blocks.flatMap((b) => (b.type === 'list' ? b.items.map((i) => i.title) : []))).toEqual(['Sint Amandus Gasthuis']);

    expect(onlyText(await h.say('kanaal ontkoppel', as('admin-b')))).toBe(nl('channel.unlinked', { organisations: 'Sint Amandus Gasthuis' }));
    expect(onlyText(await h.say('kanaal lijst', as('nurse')))).toBe(nl('channel.list.empty'));
  });

  it('"kanaal ontkoppel" by a care professional is refused; nothing to unlink → "not linked yet"', async () => {
    expect(onlyText(await h.say('kanaal ontkoppel', as('admin')))).toBe(nl('access.notLinked'));
    await h.say('kanaal koppel Ziekenhuis Lindendael', as('admin'));
    expect(onlyText(await h.say('kanaal ontkoppel', as('nurse')))).toBe(nl('access.forbidden.org', { role: 'beheerder', organisation: LINDENDAEL_NAME }));
    expect(onlyText(await h.say('kanaal ontkoppel Sint Amandus Gasthuis', as('coord')))).toBe(nl('access.notLinkedOrg', { organisation: 'Sint Amandus Gasthuis' }));
    expect(onlyText(await h.say('kanaal ontkoppel', as('admin')))).toBe(nl('channel.unlinked', { organisations: LINDENDAEL_NAME }));
  });

  it('links belong to one channel: another channel lists nothing', async () => {
    await h.say('kanaal koppel Ziekenhuis Lindendael', as('admin'));
    expect(onlyText(await h.say('kanaal lijst', { ...as('admin'), conversation: 'C-ANDERS' }))).toBe(nl('channel.list.empty'));
  });
});
