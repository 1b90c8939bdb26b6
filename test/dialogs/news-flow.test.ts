import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { translator } from '../../cards/i18n/translate.ts';
import type { CardView } from '../../cards/views/card-view.ts';
import type { Reply } from '../../core/conversation/reply.ts';
import {
  AMANDUS, as, channelAdmin, DUINZICHT, errors, formSubmission, grantRoles, inputs, inputValues, linkAlertChannels, onlyModalForm, openDemoHarness,
  RSO, texts, textThenCard, TWIIN,
} from '../support/chain-dialogs.ts';
import { onlyCard, onlyText, type DialogHarness, type SayOptions } from './dialog-harness.ts';

/**
 * News in chat (issue 8 point 6), through the real installed flows and the engine on SQLite with the
 * demo directory: the form for RSO administrators and chain coordinators, problems shown in the form
 * with everything typed kept, posting to the alert channels in scope, correcting in place, showing an
 * item, refusals, and English texts.
 */

const nl = translator('nl');
const en = translator('en');

const MEANDER = 'org-vp-de-meander';

/** The RSO's administrator (also the one who linked its channel), a chain coordinator, a nurse, a care provider's administrator, an RSO care professional. */
const RSO_ADMIN = channelAdmin(RSO);
const COORD = 'coord';
const NURSE = 'nurse';
const MEANDER_ADMIN = channelAdmin(MEANDER);
const RSO_MEMBER = 'rso-member';

let h: DialogHarness;
beforeEach(async () => {
  h = await openDemoHarness();
  await grantRoles(h, [COORD, 'chain-coordinator'], [NURSE, 'care-professional', AMANDUS], [RSO_MEMBER, 'care-professional', RSO]);
  // Alert channels in Rivierenland (RSO, Amandus, Meander), Noordkust (Duinzicht) and no region (Twiin).
  await linkAlertChannels(h, [RSO, AMANDUS, MEANDER, DUINZICHT, TWIIN]);
});
afterEach(async () => {
  await h.dispose();
});

/** The card's submit actions (its buttons), with their labels and data. */
const submitActions = (card: CardView) => (card.actions ?? []).flatMap((a) => (a.kind === 'submit' ? [a] : []));

/** The one reply, which must be the news form sent as a form (a modal in Slack). */
const onlyForm = (replies: Reply[]) => onlyModalForm(replies, 'news.form');

/** The save button's data (formId, id when correcting) merged with what was typed, as a platform would send it. */
const submission = (card: CardView, typed: Record<string, unknown>) => formSubmission(card, 'news.save', typed);

const TITLE = 'Nieuwe versie verwijsindex';
const TEXT = 'Op 1 april gaat de nieuwe versie van de verwijsindex live.';

/** Someone opens the form and posts; returns the text and the card. */
async function post(user: string, typed: Record<string, unknown> = { title: TITLE, text: TEXT }, o: SayOptions = as(user)): Promise<{ text: string; card: CardView }> {
  const { card: form } = onlyForm(await h.say('nieuws', o));
  const { text, card } = textThenCard(await h.submit('news.save', submission(form, typed), o), 'news');
  return { text, card };
}

const stored = () => h.services.news.recent(100);
const outboxRows = () => h.services.outbox.report();
const noticeCards = async () => (await h.db.dataSource.query('SELECT card, version FROM notice ORDER BY created_at') as Array<{ card: string; version: number }>).map((n) => ({ version: Number(n.version), card: JSON.parse(n.card) as CardView }));
const replyTexts = async () => (await h.db.dataSource.query("SELECT text FROM delivery WHERE operation = 'reply'") as Array<{ text: string }>).map((r) => r.text);

describe('the news form', () => {
  it.each([['nieuws'], ['Nieuws'], ['nieuwsbericht'], ['nieuws plaatsen'], ['news'], ['post news']])('%j by an RSO administrator → the form for the region', async (said) => {
    const { card } = onlyForm(await h.say(said, as(RSO_ADMIN)));
    expect(card.title).toBe(nl('news.form.title'));
    expect(texts(card, 'muted')).toEqual([nl('news.form.audience', { audience: nl('news.scope.region', { region: 'Rivierenland' }) })]);
    expect(texts(card, 'muted')[0]).toBe('Voor: de organisaties in regio Rivierenland');
    expect(inputs(card).map((i) => i.id)).toEqual(['title', 'text']);
    expect(inputValues(card)).toEqual({ title: '', text: '' });
    expect(submitActions(card).map((a) => a.id)).toEqual(['news.save', 'form.cancel']);
    expect(errors(card)).toEqual({});
  });

  it('a chain coordinator gets the national form', async () => {
    const { card } = onlyForm(await h.say('nieuws', as(COORD)));
    expect(texts(card, 'muted')).toEqual(['Voor: alle organisaties (landelijk)']);
  });

  it.each([
    ['a care professional', NURSE],
    ['an administrator of a care provider', MEANDER_ADMIN],
    ['a care professional of the RSO', RSO_MEMBER],
    ['someone unknown', 'stranger'],
  ])('%s → the news.forbidden text, no form', async (_name, user) => {
    expect(onlyText(await h.say('nieuws', as(user)))).toBe(nl('news.forbidden'));
    expect(onlyText(await h.press('news.new', as(user)))).toBe(nl('news.forbidden'));
  });
});

describe('posting', () => {
  it('an RSO administrator posts: stored, one notice to the alert channels of Rivierenland only, the sender gets the card with Corrigeren', async () => {
    const { text, card } = await post(RSO_ADMIN);
    const items = await stored();
    expect(items).toHaveLength(1);
    const item = items[0]!;
    expect(item).toMatchObject({ id: 'NWS-2025-0001', title: TITLE, text: TEXT, scope: 'region', senderId: RSO, region: 'Rivierenland', status: 'published' });
    expect(item.audienceIds).toEqual(expect.arrayContaining([RSO, AMANDUS, MEANDER]));
    expect(item.audienceIds).not.toContain(DUINZICHT);
    expect(item.audienceIds).not.toContain(TWIIN);
    // In words: where it went and how to find it again in chat; no notice id, no CLI command.
    expect(text).toBe(`Nieuwsbericht ${item.id} gaat naar 3 meldingskanalen van de organisaties in regio Rivierenland. Typ "nieuws ${item.id}" om het bericht terug te zien of te corrigeren.`);
    expect(text).not.toContain(item.noticeId!);
    expect(text).not.toMatch(/ketenbot deliveries|--notice/);
    expect(card.title).toBe(TITLE);
    expect(card.subtitle).toBe('NWS-2025-0001 · RSO Rivierenland · de organisaties in regio Rivierenland');
    expect(card.badge).toBeUndefined();
    expect(submitActions(card).map((a) => [a.id, a.label, a.data])).toEqual([['news.edit', 'Corrigeren', { newsId: item.id }]]);

    const rows = await outboxRows();
    expect(rows.map((r) => r.organisationId).sort()).toEqual([AMANDUS, RSO, MEANDER].sort());
    expect(rows.every((r) => r.noticeId === item.noticeId && r.counts.pending === 1)).toBe(true);
    // The channel card is Dutch and has no buttons.
    const notices = await noticeCards();
    expect(notices).toHaveLength(1);
    expect(notices[0]!.card.actions).toEqual([]);
  });

  it('a chain coordinator posts nationally: every linked channel', async () => {
    const { text } = await post(COORD);
    const item = (await stored())[0]!;
    expect(item).toMatchObject({ scope: 'national', senderId: TWIIN });
    // The alert channels linked (Sint Amandus, Duinzicht, RSO, Meander, Twiin), not the organisations in the audience.
    expect(text).toBe(nl('news.done.posted', { id: item.id, channels: 5, audience: nl('news.scope.national') }));
    expect(text).toContain('5 meldingskanalen van alle organisaties (landelijk)');
    expect((await outboxRows()).map((r) => r.organisationId).sort()).toEqual([AMANDUS, DUINZICHT, RSO, MEANDER, TWIIN].sort());
  });

  it.each([
    ['a care professional', NURSE],
    ['an administrator of a care provider', MEANDER_ADMIN],
  ])('%s submitting anyway → news.forbidden, nothing stored or posted', async (_name, user) => {
    expect(onlyText(await h.submit('news.save', { title: TITLE, text: TEXT }, as(user)))).toBe(nl('news.forbidden'));
    expect(await stored()).toEqual([]);
    expect(await outboxRows()).toEqual([]);
  });

  it.each([
    ['empty title', { title: '  ', text: TEXT }, { title: nl('form.required') }],
    ['empty text', { title: TITLE, text: '' }, { text: nl('form.required') }],
    ['title too long', { title: 'x'.repeat(201), text: TEXT }, { title: nl('incident.problem.tooLong', { max: 200 }) }],
    ['text too long', { title: TITLE, text: 'y'.repeat(4001) }, { text: nl('incident.problem.tooLong', { max: 4000 }) }],
    ['a BSN in the text', { title: TITLE, text: 'Cliënt met BSN 123 456 782 is verhuisd' }, { text: nl('incident.problem.bsn', { found: '123 456 782' }) }],
  ])('%s → the form again with the problem and the typed values kept; nothing stored or posted', async (_name, typed, expectedErrors) => {
    const { card: form, replaceKey } = onlyForm(await h.say('nieuws', as(RSO_ADMIN)));
    const formId = submitActions(form)[0]!.data!['formId'];
    expect(formId).toEqual(expect.any(String));
    expect(replaceKey).toBe(`news-form:${String(formId)}`);
    const again = onlyForm(await h.submit('news.save', submission(form, typed), as(RSO_ADMIN)));
    expect(errors(again.card)).toEqual(expectedErrors);
    expect(inputValues(again.card)).toEqual(typed);
    // The same form (same id), so it replaces itself.
    expect(again.replaceKey).toBe(replaceKey);
    expect(submitActions(again.card)[0]!.data).toEqual({ formId });
    expect(await stored()).toEqual([]);
    expect(await outboxRows()).toEqual([]);
  });

  it('the BSN problem in English', async () => {
    const o = as(RSO_ADMIN, { locale: 'en' });
    const { card: form } = onlyForm(await h.say('news', o));
    const again = onlyForm(await h.submit('news.save', submission(form, { title: TITLE, text: 'BSN 123456782 moved' }), o));
    expect(errors(again.card)).toEqual({ text: en('incident.problem.bsn', { found: '123456782' }) });
    expect(await stored()).toEqual([]);
  });
});

describe('correcting', () => {
  async function posted() {
    await post(RSO_ADMIN);
    return (await stored())[0]!;
  }

  it('the sender presses Corrigeren → the form filled in → the same notice revised, "Gecorrigeerd", a note in every thread', async () => {
    const item = await posted();
    const { card: form } = onlyForm(await h.submit('news.edit', { newsId: item.id }, as(RSO_ADMIN)));
    expect(form.title).toBe(nl('news.form.titleEdit', { id: item.id }));
    expect(inputValues(form)).toEqual({ title: TITLE, text: TEXT });
    const save = submitActions(form)[0]!;
    expect(save.label).toBe(nl('news.form.saveEdit'));
    expect(save.data).toMatchObject({ id: item.id });

    const replies = await h.submit('news.save', submission(form, { text: 'Het wordt 8 april.' }), as(RSO_ADMIN));
    expect(replies.map((r) => r.kind)).toEqual(['text', 'card']);
    expect((replies[0] as Extract<Reply, { kind: 'text' }>).text).toBe(nl('news.done.edited', { id: item.id }));
    const card = (replies[1] as Extract<Reply, { kind: 'card' }>).card;
    expect(card.badge).toEqual({ text: 'Gecorrigeerd', tone: 'accent' });
    expect(texts(card)).toContain('Het wordt 8 april.');

    const items = await stored();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ id: item.id, noticeId: item.noticeId, title: TITLE, text: 'Het wordt 8 april.', status: 'edited' });
    const notices = await noticeCards();
    expect(notices).toHaveLength(1);
    expect(notices[0]!.version).toBe(2);
    expect(notices[0]!.card.badge?.text).toBe('Gecorrigeerd');
    expect(await replyTexts()).toEqual(['NWS-2025-0001: gecorrigeerd', 'NWS-2025-0001: gecorrigeerd', 'NWS-2025-0001: gecorrigeerd']);
  });

  it.each([
    ['a chain coordinator', COORD],
    ['an administrator of a care provider', MEANDER_ADMIN],
    ['a care professional', NURSE],
  ])('%s submitting a correction → news.forbidden, nothing changed', async (_name, user) => {
    const item = await posted();
    expect(onlyText(await h.submit('news.save', { id: item.id, title: 'Overgenomen', text: 'Anders' }, as(user)))).toBe(nl('news.forbidden'));
    expect(await stored()).toEqual([item]);
    expect((await noticeCards())[0]!.version).toBe(1);
  });

  it('a care professional pressing Corrigeren gets news.forbidden; an unknown item is not found', async () => {
    const item = await posted();
    expect(onlyText(await h.submit('news.edit', { newsId: item.id }, as(NURSE)))).toBe(nl('news.forbidden'));
    expect(onlyText(await h.submit('news.edit', { newsId: 'NWS-2025-0099' }, as(RSO_ADMIN)))).toBe(nl('news.notFound', { id: 'NWS-2025-0099' }));
  });

  it('an invalid correction keeps the form with the values, and changes nothing', async () => {
    const item = await posted();
    const { card: form } = onlyForm(await h.submit('news.edit', { newsId: item.id }, as(RSO_ADMIN)));
    const again = onlyForm(await h.submit('news.save', submission(form, { title: '' }), as(RSO_ADMIN)));
    expect(again.card.title).toBe(nl('news.form.titleEdit', { id: item.id }));
    expect(errors(again.card)).toEqual({ title: nl('form.required') });
    expect(inputValues(again.card)).toEqual({ title: '', text: TEXT });
    expect(submitActions(again.card)[0]!.data).toMatchObject({ id: item.id });
    expect(await stored()).toEqual([item]);
  });
});

describe('showing one item', () => {
  it('"nieuws NWS-…" shows the card; Corrigeren only for the sender in a personal chat', async () => {
    await post(RSO_ADMIN);
    const item = (await stored())[0]!;
    const mine = onlyCard(await h.say(`nieuws ${item.id}`, as(RSO_ADMIN)));
    expect(mine.kind).toBe('news');
    expect(mine.title).toBe(TITLE);
    expect(submitActions(mine).map((a) => a.id)).toEqual(['news.edit']);
    // However the id is typed.
    expect(submitActions(onlyCard(await h.say('nieuws nws-2025-1', as(RSO_ADMIN)))).map((a) => a.id)).toEqual(['news.edit']);
    // In a channel, even for the sender: no button.
    expect(onlyCard(await h.say(`nieuws ${item.id}`, { user: RSO_ADMIN, kind: 'channel', conversation: `C-${RSO}`, teamId: 'T1' })).actions).toEqual([]);
    // Others see it without a button.
    for (const user of [COORD, NURSE, MEANDER_ADMIN]) {
      const card = onlyCard(await h.say(`news ${item.id}`, as(user)));
      expect(card.title, user).toBe(TITLE);
      expect(card.actions, user).toEqual([]);
    }
  });

  it('an edited item shows the "Gecorrigeerd" badge; an unknown id is not found', async () => {
    await post(RSO_ADMIN);
    const item = (await stored())[0]!;
    await h.submit('news.save', { id: item.id, title: TITLE, text: 'Anders' }, as(RSO_ADMIN));
    expect(onlyCard(await h.say(`nieuws ${item.id}`, as(NURSE))).badge?.text).toBe('Gecorrigeerd');
    expect(onlyText(await h.say('nieuws NWS-2025-0042', as(NURSE)))).toBe(nl('news.notFound', { id: 'NWS-2025-0042' }));
  });
});

describe('in English', () => {
  it('the form, the confirmation, the card and the correction are English; the channels stay Dutch', async () => {
    const o = as(RSO_ADMIN, { locale: 'en' });
    const { card: form } = onlyForm(await h.say('news', o));
    expect(form.title).toBe('Post news');
    expect(texts(form, 'muted')).toEqual(['For: the organisations in region Rivierenland']);
    expect(submitActions(form).map((a) => a.label)).toEqual(['Post', 'Cancel']);

    const replies = await h.submit('news.save', submission(form, { title: TITLE, text: TEXT }), o);
    const item = (await stored())[0]!;
    expect((replies[0] as Extract<Reply, { kind: 'text' }>).text).toBe(`News item ${item.id} goes to 3 alert channels of the organisations in region Rivierenland. Type "news ${item.id}" to see the item again or correct it.`);
    const card = (replies[1] as Extract<Reply, { kind: 'card' }>).card;
    expect(card.subtitle).toBe('NWS-2025-0001 · RSO Rivierenland · the organisations in region Rivierenland');
    expect(submitActions(card).map((a) => a.label)).toEqual(['Correct']);

    const { card: editForm } = onlyForm(await h.submit('news.edit', { newsId: item.id }, o));
    expect(editForm.title).toBe(`Correct news ${item.id}`);
    const edited = await h.submit('news.save', submission(editForm, { text: 'Now 8 April.' }), o);
    expect((edited[0] as Extract<Reply, { kind: 'text' }>).text).toBe(en('news.done.edited', { id: item.id }));
    expect((edited[1] as Extract<Reply, { kind: 'card' }>).card.badge?.text).toBe('Corrected');

    // Channel cards and notes are Dutch.
    expect((await noticeCards())[0]!.card.badge?.text).toBe('Gecorrigeerd');
    expect(new Set(await replyTexts())).toEqual(new Set(['NWS-2025-0001: gecorrigeerd']));
  });

  it('refusals in English', async () => {
    expect(onlyText(await h.say('news', as(NURSE, { locale: 'en' })))).toBe(en('news.forbidden'));
    expect(en('news.forbidden')).toMatch(/^News can be posted/);
    expect(onlyText(await h.say('news NWS-2025-0007', as(NURSE, { locale: 'en' })))).toBe('News item NWS-2025-0007 does not exist.');
  });
});
