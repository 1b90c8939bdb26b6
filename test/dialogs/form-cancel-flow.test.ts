import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { translator } from '../../cards/i18n/translate.ts';
import type { CardAction, CardView } from '../../cards/views/card-view.ts';
import type { Reply } from '../../core/conversation/reply.ts';
import { ANNOUNCEMENT_USERS, as, deliveryRows, grantRoles, openAnnouncementHarness, RSO } from '../support/chain-dialogs.ts';
import { onlyText, type DialogHarness, type SayOptions } from './dialog-harness.ts';

/**
 * "Annuleren" on every form (issue 16, point 4), through the real installed flows and the engine on
 * SQLite: the form turns into a short "Geannuleerd" note in place (same replace key), nothing is
 * stored or announced, a flow that is running goes on, and a forged cancel cannot wipe another card.
 */

const nl = translator('nl');
const en = translator('en');
const { ADMIN, NURSE, COORDINATOR } = ANNOUNCEMENT_USERS;
const RSO_ADMIN = 'rso-beheerder';

let h: DialogHarness;
beforeEach(async () => {
  h = await openAnnouncementHarness();
  await grantRoles(h, [RSO_ADMIN, 'administrator', RSO]);
});
afterEach(async () => {
  await h.dispose();
});

/** The one card reply and its replace key. */
function onlyCardReply(replies: Reply[]): { card: CardView; replaceKey: string | undefined } {
  expect(replies, JSON.stringify(replies)).toHaveLength(1);
  const reply = replies[0]!;
  if (reply.kind !== 'card') throw new Error(`expected a card, got ${JSON.stringify(reply)}`);
  return { card: reply.card, replaceKey: reply.replaceKey };
}

/** The form's cancel button; fails when there is none. */
function cancelOf(card: CardView): Extract<CardAction, { kind: 'submit' }> {
  const found = (card.actions ?? []).find((a): a is Extract<CardAction, { kind: 'submit' }> => a.kind === 'submit' && a.id === 'form.cancel');
  if (!found) throw new Error(`no cancel on ${card.kind}: ${JSON.stringify(card.actions)}`);
  return found;
}

/** Pressing the cancel: Teams sends only the button's data (associatedInputs None, so no inputs). */
const pressCancel = (card: CardView, o: SayOptions) => h.submit('form.cancel', { ...cancelOf(card).data }, o);

describe('a cancel on every form', () => {
  it.each<[string, string, string, string]>([
    ['maintenance (Medicura administrator)', ADMIN, 'onderhoud', 'maintenance.form'],
    ['news (RSO administrator)', RSO_ADMIN, 'nieuws', 'news.form'],
    ['change/release (Medicura administrator)', ADMIN, 'wijziging', 'release.form'],
    ['knowledge-base article (chain coordinator)', COORDINATOR, 'kb nieuw', 'kb.edit'],
    ['invitation (chain coordinator)', COORDINATOR, 'uitnodigen', 'invite.form'],
    ['own contact details (nurse)', NURSE, 'mijn gegevens', 'profile'],
  ])('%s: "Annuleren" replaces the form in place with "Geannuleerd" and stores nothing', async (_name, user, says, kind) => {
    const form = onlyCardReply(await h.say(says, as(user)));
    expect(form.card.kind).toBe(kind);
    const cancel = cancelOf(form.card);
    expect(cancel).toMatchObject({ label: nl('form.cancel'), ignoresInputs: true });
    // The save button stays first: a Slack modal takes the first submit as its own button.
    expect(form.card.actions?.[0]).not.toBe(cancel);

    const cancelled = onlyCardReply(await pressCancel(form.card, as(user)));
    expect(cancelled.card.kind).toBe('form.cancelled');
    expect(cancelled.card.title).toBe(nl('forms.cancelled.title'));
    expect(cancelled.card.actions ?? []).toEqual([]);
    expect(cancelled.replaceKey).toBe(form.replaceKey);
    expect(await deliveryRows(h)).toEqual([]);
    expect(await h.services.maintenanceRepository.list({})).toEqual([]);
    expect(await h.activeState(as(user))).toBeUndefined();
  });

  it('an administrator editing a contact can cancel too', async () => {
    const contacts = (await h.services.directory.load()).contacts.filter((c) => c.organisationId === RSO);
    expect(contacts.length).toBeGreaterThan(0);
    const form = onlyCardReply(await h.say(`contact bewerk ${contacts[0]!.name}`, as(RSO_ADMIN)));
    expect(form.card.kind).toBe('contact.edit');
    const cancelled = onlyCardReply(await pressCancel(form.card, as(RSO_ADMIN)));
    expect(cancelled).toMatchObject({ card: { kind: 'form.cancelled' }, replaceKey: 'contact.edit' });
    expect((await h.services.directory.load()).contacts.find((c) => c.id === contacts[0]!.id)).toEqual(contacts[0]);
  });

  it('in English the button is "Cancel" and the form becomes "Cancelled"', async () => {
    const o = as(ADMIN, { locale: 'en' });
    const form = onlyCardReply(await h.say('maintenance', o));
    expect(cancelOf(form.card).label).toBe('Cancel');
    const cancelled = onlyCardReply(await pressCancel(form.card, o));
    expect(cancelled.card.title).toBe(en('forms.cancelled.title'));
    expect(cancelled.card.fallbackText).toBe(en('forms.cancelled.short'));
  });

  it('a maintenance form sent back with problems still has its cancel, and cancelling it keeps nothing typed', async () => {
    const o = as(ADMIN);
    const form = onlyCardReply(await h.say('onderhoud', o));
    const save = (form.card.actions ?? []).find((a) => a.kind === 'submit' && a.id === 'maintenance.save');
    const back = onlyCardReply(await h.submit('maintenance.save', { ...(save?.kind === 'submit' ? save.data : {}), description: 'Upgrade koppelserver' }, o));
    expect(back.card.kind).toBe('maintenance.form');
    expect(back.replaceKey).toBe(form.replaceKey);
    expect(onlyCardReply(await pressCancel(back.card, o)).replaceKey).toBe(form.replaceKey);
    expect(await h.services.maintenanceRepository.list({})).toEqual([]);
  });

  it('a cancel leaves a decision tree that is running where it was', async () => {
    const o = as(NURSE);
    const form = onlyCardReply(await h.say('mijn gegevens', o));
    await h.say('ik heb een probleem', o);
    const running = await h.activeState(o);
    expect(running?.flowId).toBe('tree');
    expect(onlyCardReply(await pressCancel(form.card, o)).card.kind).toBe('form.cancelled');
    expect((await h.activeState(o))?.data).toEqual(running?.data);
  });

  it('a cancel of a form never sent to this person here is refused, and the running flow goes on', async () => {
    const o = as(NURSE);
    await h.say('ik heb een probleem', o);
    expect((await h.activeState(o))?.flowId).toBe('tree');
    expect(onlyText(await h.submit('form.cancel', { form: 'incident-form:abc12345', flow: 'tree' }, o))).toBe(nl('forms.cancel.notOpen'));
    expect((await h.activeState(o))?.flowId).toBe('tree');
  });

  it('a colleague cannot cancel someone else\'s form in a channel, nor anyone a form already sent', async () => {
    const channel = { kind: 'channel' as const, conversation: 'chan-1', teamId: 'team-1' };
    const form = (await h.say('meld storing', { ...as(NURSE), ...channel })).find((r) => r.kind === 'card');
    const key = form?.kind === 'card' ? form.replaceKey! : '';
    expect(key).toMatch(/^incident-form:/);
    expect(onlyText(await h.submit('form.cancel', { form: key }, { user: 'someone-else', ...channel }))).toBe(nl('forms.cancel.notOpen'));
    // The nurse herself can.
    const own = await h.submit('form.cancel', { form: key }, { ...as(NURSE), ...channel });
    expect(own.some((r) => r.kind === 'card' && r.replaceKey === key && r.card.kind === 'form.cancelled')).toBe(true);
    // Once closed, a second cancel (or one replayed after filing) changes nothing.
    expect(onlyText(await h.submit('form.cancel', { form: key }, { ...as(NURSE), ...channel }))).toBe(nl('forms.cancel.notOpen'));
  });

  it.each([
    ['a tree step', 'tree:run-1'],
    ['an incident card', 'incident:INC-2025-0001'],
    ['nothing', ''],
    ['not a text', 42],
  ])('a forged cancel aimed at %s replaces nothing: a short note only', async (_name, form) => {
    expect(onlyText(await h.submit('form.cancel', { form }, as(NURSE)))).toBe(nl('forms.cancelled.short'));
  });
});
