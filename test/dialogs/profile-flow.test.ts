import { describe, expect, it } from 'vitest';
import { translator } from '../../cards/i18n/translate.ts';
import type { CardView } from '../../cards/views/card-view.ts';
import { grantHarnessRole, harnessPersonId, onlyCard, onlyText, type DialogHarness, useDemoHarness } from './dialog-harness.ts';

const LINDENDAEL = 'org-ziekenhuis-lindendael';
const AMANDUS = 'org-sint-amandus-gasthuis';
const nl = translator('nl');
const en = translator('en');

let h: DialogHarness;
useDemoHarness((opened) => (h = opened));

const values = (card: CardView) => Object.fromEntries(card.blocks.flatMap((b) => (b.type === 'input' ? [[b.input.id, b.input.kind === 'text' ? b.input.value : undefined]] : [])));
const facts = (card: CardView) => Object.fromEntries(card.blocks.flatMap((b) => (b.type === 'facts' ? b.facts.map((f) => [f.label, f.value]) : [])));
const warnings = (card: CardView) => card.blocks.flatMap((b) => (b.type === 'text' && b.style === 'warning' ? [b.text] : []));
const GOOD = { name: 'Jan Jansen', phone: '+31 6 1234 5678', email: 'jan@lindendael.example', role: 'servicedesk ICT' };

describe('"mijn gegevens": the profile card', () => {
  it('a newcomer: care professional, linked to nothing, the id to give an administrator, and empty inputs', async () => {
    const replies = await h.say('mijn gegevens');
    const card = onlyCard(replies);
    expect(replies[0]).toMatchObject({ replaceKey: 'profile' });
    expect(card.kind).toBe('profile');
    expect(card.title).toBe(nl('profile.title'));
    expect(facts(card)).toEqual({ [nl('profile.roles')]: nl('role.care-professional'), [nl('profile.organisations')]: nl('profile.none') });
    expect(card.blocks).toContainEqual({ type: 'text', text: nl('profile.id', { id: harnessPersonId() }), style: 'muted' });
    expect(values(card)).toEqual({ name: '', phone: '', email: '', role: '' });
    expect(card.actions).toEqual([expect.objectContaining({ kind: 'submit', id: 'profile.save' }), expect.objectContaining({ kind: 'submit', id: 'form.cancel' })]);
    expect(warnings(card)).toEqual([]);
  });

  it.each([['mijn profiel'], ['profiel'], ['Mijn gegevens'], ['wie ben ik?']])('%j → the same card', async (input) => {
    expect(onlyCard(await h.say(input)).kind).toBe('profile');
  });

  it('in English: "my details"', async () => {
    const card = onlyCard(await h.say('my details', { locale: 'en' }));
    expect(card.title).toBe(en('profile.title'));
    expect(facts(card)).toEqual({ [en('profile.roles')]: en('role.care-professional'), [en('profile.organisations')]: en('profile.none') });
  });

  it('lists every role with its organisation', async () => {
    await grantHarnessRole(h, 'user-1', 'servicedesk-agent', LINDENDAEL);
    await grantHarnessRole(h, 'user-1', 'administrator', AMANDUS);
    const card = onlyCard(await h.say('mijn gegevens'));
    expect(facts(card)).toEqual({
      [nl('profile.roles')]: 'servicedeskmedewerker (Ziekenhuis Lindendael), beheerder (Sint Amandus Gasthuis)',
      [nl('profile.organisations')]: 'Ziekenhuis Lindendael, Sint Amandus Gasthuis',
    });
  });
});

describe('saving one\'s own details', () => {
  it('a bad e-mail address → the card again with everything typed kept, and the reason; nothing saved', async () => {
    await grantHarnessRole(h, 'user-1', 'servicedesk-agent', LINDENDAEL);
    const typed = { ...GOOD, email: 'jan-at-lindendael' };
    const replies = await h.submit('profile.save', typed);
    const card = onlyCard(replies);
    expect(card.kind).toBe('profile');
    expect(replies[0]).toMatchObject({ replaceKey: 'profile' });
    expect(values(card)).toEqual(typed);
    expect(warnings(card)).toEqual([nl('access.invalidField.email')]);
    expect((await h.services.directory.load()).contacts.filter((c) => c.organisationId === LINDENDAEL)).toHaveLength(1);
  });

  it.each([
    ['a bad phone number', { ...GOOD, phone: 'bel me maar' }, 'access.invalidField.phone'],
    ['no name', { ...GOOD, name: '' }, 'access.invalidField.name'],
  ] as const)('%s → the card again with the values and the reason', async (_what, typed, key) => {
    await grantHarnessRole(h, 'user-1', 'servicedesk-agent', LINDENDAEL);
    const card = onlyCard(await h.submit('profile.save', typed));
    expect(values(card)).toEqual(typed);
    expect(warnings(card)).toEqual([nl(key)]);
  });

  it('good values → saved; the card shows them next time; the organisation\'s contacts list them', async () => {
    await grantHarnessRole(h, 'user-1', 'servicedesk-agent', LINDENDAEL);
    expect(onlyText(await h.submit('profile.save', GOOD))).toBe(nl('profile.saved'));
    expect(values(onlyCard(await h.say('mijn gegevens')))).toEqual(GOOD);
    const orgCard = onlyCard(await h.say('contact Ziekenhuis Lindendael'));
    const contacts = orgCard.blocks.flatMap((b) => (b.type === 'list' ? b.items : []));
    expect(contacts).toContainEqual({ title: 'Jan Jansen – servicedesk ICT', links: [{ label: '+31 6 1234 5678', url: 'tel:+31612345678' }, { label: 'jan@lindendael.example', url: 'mailto:jan@lindendael.example' }] });

    // Changing them again updates the same contact.
    expect(onlyText(await h.submit('profile.save', { ...GOOD, phone: '020 555 0000' }))).toBe(nl('profile.saved'));
    expect(values(onlyCard(await h.say('mijn gegevens')))).toEqual({ ...GOOD, phone: '020 555 0000' });
    expect((await h.services.directory.load()).contacts.filter((c) => c.organisationId === LINDENDAEL)).toHaveLength(2);
  });

  it('someone linked to no organisation → the card again with the values and "accept an invitation first"', async () => {
    const card = onlyCard(await h.submit('profile.save', GOOD));
    expect(values(card)).toEqual(GOOD);
    expect(warnings(card)).toEqual([nl('access.notLinkedPerson')]);
  });

  it('in English the reason is English', async () => {
    await grantHarnessRole(h, 'user-1', 'servicedesk-agent', LINDENDAEL);
    const card = onlyCard(await h.submit('profile.save', { ...GOOD, email: 'nope' }, { locale: 'en' }));
    expect(card.title).toBe(en('profile.title'));
    expect(warnings(card)).toEqual([en('access.invalidField.email')]);
    expect(onlyText(await h.submit('profile.save', GOOD, { locale: 'en' }))).toBe(en('profile.saved'));
  });
});

describe('an administrator edits a contact of their organisation', () => {
  it('"contact bewerk Wouter Peters" → the form; saving updates the contact', async () => {
    await grantHarnessRole(h, 'admin', 'administrator', LINDENDAEL);
    const form = onlyCard(await h.say('contact bewerk Wouter Peters', { user: 'admin' }));
    expect(form.kind).toBe('contact.edit');
    expect(values(form)).toMatchObject({ name: 'Wouter Peters', phone: '+31 20 555 0160' });
    const save = form.actions?.[0];
    if (save?.kind !== 'submit') throw new Error('expected a save button');
    expect(onlyText(await h.submit(save.id, { ...save.data, ...values(form), phone: '+31 20 555 0199' }, { user: 'admin' }))).toBe(nl('contact.saved', { name: 'Wouter Peters' }));
    expect((await h.services.directory.load()).contacts.find((c) => c.id === 'contact-wouter-peters')?.phone).toBe('+31 20 555 0199');
  });

  it('an administrator of another organisation is refused before any form is shown', async () => {
    await grantHarnessRole(h, 'other', 'administrator', AMANDUS);
    expect(onlyText(await h.say('contact bewerk Wouter Peters', { user: 'other' }))).toBe(nl('access.forbidden.org', { role: 'beheerder', organisation: 'Ziekenhuis Lindendael' }));
  });
});
