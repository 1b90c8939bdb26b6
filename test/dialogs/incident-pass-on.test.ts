import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { translator, type MessageKey } from '../../cards/i18n/translate.ts';
import type { CardView } from '../../cards/views/card-view.ts';
import { incidentCard } from '../../cards/views/incident-cards.ts';
import type { Reply } from '../../core/conversation/reply.ts';
import { actionIds, as, deliveryRows, facts, grantRoles, inAlertChannel, linkAlertChannels, onlyModalForm, openDemoHarness, submitData, texts, textThenCard, typedValues } from '../support/chain-dialogs.ts';
import type { DialogHarness, SayOptions } from './dialog-harness.ts';

/**
 * Passing a local incident on (issue 16, point 7; seed 004: "kan worden doorgezet naar de eigen
 * leverancier of de eigen GtK-dienstverlener"), as [person says, bot answers]: a midwife at
 * Verloskundigenpraktijk De Meander files "meld storing" on Vroedsoft XIS (local: De Meander
 * coordinates), the practice's servicedesk agent passes it on to the supplier (Vroedsoft B.V.) or to
 * the practice's GtK service provider (RivierenNet), with a button on the card or typed. The desk's
 * alert channel gets the card through the outbox, the layer stays local, the timeline says who
 * passed it on to whom. Twice is once; a closed incident, a colleague without the role and someone
 * from elsewhere get a clear reason.
 */

const nl = translator('nl');
const en = translator('en');

const MEANDER = 'org-vp-de-meander';
const VROEDSOFT = 'org-lev-vroedsoft';
const RIVIERENNET = 'org-gtk-rivierennet';
const WESTLINK = 'org-gtk-westlink';
const XIS = 'app-vroedsoft-xis';
const ID = 'INC-2025-0001';

const MIDWIFE = 'midwife';
const AGENT = 'meander-desk';
const VROEDSOFT_DESK = 'vroedsoft-desk';
const WEST = 'westlinker';

let h: DialogHarness;
beforeEach(async () => {
  h = await openDemoHarness();
  await grantRoles(h,
    [MIDWIFE, 'care-professional', MEANDER],
    [AGENT, 'servicedesk-agent', MEANDER],
    [VROEDSOFT_DESK, 'servicedesk-agent', VROEDSOFT],
    [WEST, 'servicedesk-agent', WESTLINK],
  );
  await linkAlertChannels(h, [MEANDER, VROEDSOFT, RIVIERENNET, WESTLINK]);
});
afterEach(async () => {
  await h.dispose();
});

const XIS_FAULT = {
  title: 'Vroedsoft XIS stuurt geen overdracht naar het ziekenhuis',
  description: 'Sinds de update van vanochtend blijven de overdrachten in de wachtrij staan, ook na opnieuw versturen.',
  applications: XIS,
  organisations: MEANDER,
  impact: 'degraded',
  startDate: '2025-03-03',
  startTime: '08:40',
  dataLeak: 'false',
};

/** The midwife files the Vroedsoft XIS fault through the form. */
async function fileXisFault(changes: Record<string, string> = {}): Promise<CardView> {
  const form = onlyModalForm(await h.say('meld storing', as(MIDWIFE)), 'incident.form').card;
  return textThenCard(await h.submit('incident.file', { ...typedValues(form), ...XIS_FAULT, reporterName: 'Anna de Vries', ...changes }, as(MIDWIFE)), 'incident').card;
}

const stored = async () => (await h.services.incidentRepository.get(ID))!;
const textOf = (replies: Reply[]): string => replies.map((r) => (r.kind === 'text' ? r.text : `card:${r.card.kind}`)).join('\n');
/** The channels with a posted card (operation 'post'), by organisation. */
const postedTo = async () => [...new Set((await deliveryRows(h)).filter((r) => r.operation === 'post').map((r) => r.organisation_id))].sort();

describe('the Vroedsoft XIS case: filed locally, passed on to the supplier', () => {
  it('local: only De Meander\'s channel; its card names where it can go and offers both buttons', async () => {
    const card = await fileXisFault();
    expect((await stored()).layer).toBe('local');
    expect(await postedTo()).toEqual([MEANDER]);
    expect(facts(card)[nl('incident.fact.reporter')]).toBe('Anna de Vries (Verloskundigenpraktijk De Meander)');
    expect(card.subtitle).toBe(nl('incident.subtitle.local'));
    // The midwife herself may not pass it on: her copy has no such buttons.
    expect(actionIds(card)).not.toContain('incident.passOn');
    // The channel card (the same in every channel) and the agent's own copy do.
    const channelCard = incidentCard(nl, await stored(), await h.services.directory.load());
    for (const shown of [channelCard, await agentCard()]) {
      expect(shown.actions?.filter((a) => a.kind === 'submit' && a.id === 'incident.passOn').map((a) => a.label)).toEqual([nl('incident.action.passOn.supplier'), nl('incident.action.passOn.gtk')]);
    }
    expect(texts(channelCard, 'muted')).toContain(nl('incident.passOn.targets', { targets: 'leverancier Vroedsoft B.V. of GtK-dienstverlener RivierenNet Zorguitwisseling (GtK)', coordinator: 'Verloskundigenpraktijk De Meander' }));
  });

  it('[agent presses "Naar leverancier"] → Vroedsoft\'s channel gets the card, the layer stays local, the timeline says who and to whom', async () => {
    await fileXisFault();
    const card = await agentCard();
    const replies = await h.submit('incident.passOn', submitData(card, 'incident.passOn'), as(AGENT));
    expect(textOf(replies)).toBe(`${nl('incident.done.passedOn', { id: ID, organisations: 'Vroedsoft B.V.', coordinator: 'Verloskundigenpraktijk De Meander' })}\ncard:incident`);
    const incident = await stored();
    expect(incident).toMatchObject({ layer: 'local', coordinatorId: MEANDER, passedOn: [{ organisationId: VROEDSOFT, as: 'supplier', by: { id: `local:${AGENT}` } }] });
    expect(incident.timeline.at(-1)).toMatchObject({ kind: 'passed-on', actor: { id: `local:${AGENT}` }, text: 'Vroedsoft B.V.', organisationIds: [VROEDSOFT] });
    expect(await postedTo()).toEqual([MEANDER, VROEDSOFT].sort());
    // De Meander's card is updated in place, with a note in its thread.
    const rows = await deliveryRows(h);
    expect(rows.filter((r) => r.organisation_id === MEANDER).map((r) => r.operation)).toEqual(expect.arrayContaining(['post', 'reply']));
    // The updated card says it, and only the GtK button is left.
    const after = textThenCard(replies, 'incident').card;
    expect(facts(after)[nl('incident.fact.passedOn')]).toBe('Vroedsoft B.V.');
    expect(after.actions?.filter((a) => a.kind === 'submit' && a.id === 'incident.passOn').map((a) => a.label)).toEqual([nl('incident.action.passOn.gtk')]);
    // Vroedsoft's desk may now handle it.
    expect(textOf(await h.submit('incident.take', { incidentId: ID }, as(VROEDSOFT_DESK)))).toContain(nl('incident.done.taken', { id: ID }));
  });

  it('passing on twice to the same desk is once: the second time says since when, nothing is sent again', async () => {
    await fileXisFault();
    await h.say(`doorzetten naar leverancier ${ID}`, as(AGENT));
    const rows = (await deliveryRows(h)).length;
    const again = await h.say(`zet ${ID.toLowerCase()} door naar de leverancier`, as(AGENT));
    expect(textOf(again)).toBe(nl('incident.done.passedOn.already', { id: ID, organisations: 'Vroedsoft B.V.', actor: AGENT, at: '2025-03-03 10:00' }));
    expect((await deliveryRows(h)).length).toBe(rows);
    expect((await stored()).timeline.filter((e) => e.kind === 'passed-on')).toHaveLength(1);
  });

  it.each<[string, string, string]>([
    ['doorzetten naar gtk INC-2025-0001', RIVIERENNET, 'RivierenNet Zorguitwisseling (GtK)'],
    ['INC-2025-1 doorzetten naar RivierenNet', RIVIERENNET, 'RivierenNet Zorguitwisseling (GtK)'],
    ['doorzetten naar leveranceir INC-2025-0001', VROEDSOFT, 'Vroedsoft B.V.'],
    ['doorzetten naar vroedsoft', VROEDSOFT, 'Vroedsoft B.V.'],
  ])('[agent types %j] → passed on to that desk', async (said, org, name) => {
    await fileXisFault();
    expect(textOf(await h.say(said, as(AGENT)))).toContain(nl('incident.done.passedOn', { id: ID, organisations: name, coordinator: 'Verloskundigenpraktijk De Meander' }));
    expect((await stored()).passedOn?.map((p) => p.organisationId)).toEqual([org]);
  });

  it('[English: "pass INC-2025-0001 on to the supplier"] → the English answer', async () => {
    await fileXisFault();
    const replies = await h.say('pass INC-2025-0001 on to the supplier', as(AGENT, { locale: 'en' }));
    expect(textOf(replies)).toContain(en('incident.done.passedOn', { id: ID, organisations: 'Vroedsoft B.V.', coordinator: 'Verloskundigenpraktijk De Meander' }));
    expect(textOf(await h.say('pass on to gtk INC-2025-0001', as(AGENT, { locale: 'en' })))).toContain(en('incident.done.passedOn', { id: ID, organisations: 'RivierenNet Zorguitwisseling (GtK)', coordinator: 'Verloskundigenpraktijk De Meander' }));
  });

  it('in the alert channel the answer is for the agent only (the card there changes for everyone)', async () => {
    await fileXisFault();
    const inChannel: SayOptions = { ...inAlertChannel(MEANDER), user: AGENT };
    const replies = await h.submit('incident.passOn', { incidentId: ID, to: 'supplier' }, inChannel);
    expect(replies).toEqual([{ kind: 'text', text: nl('incident.done.passedOn', { id: ID, organisations: 'Vroedsoft B.V.', coordinator: 'Verloskundigenpraktijk De Meander' }), private: 'or-skip' }]);
    // A refusal in the channel is private too, but reaches the person (shown here if it cannot go to them).
    const refused = await h.submit('incident.passOn', { incidentId: ID, to: 'supplier' }, { ...inAlertChannel(MEANDER), user: MIDWIFE });
    expect(refused).toEqual([{ kind: 'text', text: nl('incident.problem.cannotPassOn', { id: ID, coordinator: 'Verloskundigenpraktijk De Meander' }), private: 'or-here' }]);
  });
});

describe('who may not, and when not', () => {
  it('[the midwife herself] → only the practice\'s servicedesk staff and administrators can pass it on', async () => {
    await fileXisFault();
    expect(textOf(await h.say(`doorzetten naar leverancier ${ID}`, as(MIDWIFE)))).toBe(nl('incident.problem.cannotPassOn', { id: ID, coordinator: 'Verloskundigenpraktijk De Meander' }));
    expect(textOf(await h.say(`pass on to supplier ${ID}`, as(MIDWIFE, { locale: 'en' })))).toBe(en('incident.problem.cannotPassOn', { id: ID, coordinator: 'Verloskundigenpraktijk De Meander' }));
    expect((await stored()).passedOn).toBeUndefined();
  });

  it('[a WestLink agent, not linked to the practice] → not found (linking = seeing); nothing posted', async () => {
    await fileXisFault();
    expect(textOf(await h.submit('incident.passOn', { incidentId: ID, to: 'supplier' }, as(WEST)))).toBe(nl('incident.notFound', { id: ID }));
    expect(await postedTo()).toEqual([MEANDER]);
  });

  it('[a closed incident] → the reason, in Dutch and English', async () => {
    await fileXisFault();
    await h.submit('incident.resolve', { incidentId: ID, text: 'Wachtrij geleegd, overdrachten komen weer aan.' }, as(AGENT));
    await h.submit('incident.confirm', { incidentId: ID }, as(MIDWIFE));
    expect(textOf(await h.say(`doorzetten naar leverancier ${ID}`, as(AGENT)))).toBe(nl('incident.problem.passOnClosed', { id: ID, status: 'gesloten' }));
    expect(textOf(await h.say(`pass on to supplier ${ID}`, as(AGENT, { locale: 'en' })))).toBe(en('incident.problem.passOnClosed', { id: ID, status: 'closed' }));
  });

  it('[an incident coordinated above the practice] → the reason names it as its card does', async () => {
    await fileXisFault({ organisations: `${MEANDER},org-vp-waaloever`, applications: 'app-rivierennet' });
    const layer = (await stored()).layer;
    expect(layer).not.toBe('local');
    const said = textOf(await h.say(`doorzetten naar leverancier ${ID}`, as(AGENT)));
    const subtitle = nl(`incident.subtitle.${layer}` as MessageKey);
    expect(said).toBe(nl('incident.problem.notLocal', { id: ID, layer: subtitle.charAt(0).toLowerCase() + subtitle.slice(1) }));
    expect(said).not.toMatch(/op laag/);
  });

  it('[a possible data leak] → confidential, never passed on more widely', async () => {
    await fileXisFault({ dataLeak: 'true' });
    expect(textOf(await h.say(`doorzetten naar gtk ${ID}`, as(AGENT)))).toBe(nl('incident.confidentialNoEscalation', { id: ID }));
  });

  it('[no number, one open incident] → that one; [no target] → asks where to; [unknown target] → names the possible desks', async () => {
    await fileXisFault();
    expect(textOf(await h.say('doorzetten', as(AGENT)))).toBe(nl('incident.passOn.whereTo', { id: ID }));
    expect(textOf(await h.say(`doorzetten naar Medicura ${ID}`, as(AGENT)))).toBe(nl('incident.problem.noTarget', { id: ID, targets: 'leverancier Vroedsoft B.V. of GtK-dienstverlener RivierenNet Zorguitwisseling (GtK)' }));
    expect(textOf(await h.say('doorzetten naar leverancier', as(AGENT)))).toContain(nl('incident.done.passedOn', { id: ID, organisations: 'Vroedsoft B.V.', coordinator: 'Verloskundigenpraktijk De Meander' }));
  });

  it('[someone with nothing to pass on types it] → which incident', async () => {
    expect(textOf(await h.say('doorzetten naar leverancier', as(WEST)))).toBe(nl('incident.passOn.which'));
    expect(textOf(await h.say('pass on to supplier', as(WEST, { locale: 'en' })))).toBe(en('incident.passOn.which'));
  });
});

/** The card as the practice's agent sees it (its own copy: the same buttons as the channel card). */
async function agentCard(): Promise<CardView> {
  const replies = await h.say(`incident ${ID}`, as(AGENT));
  return textThenCardOrCard(replies);
}

function textThenCardOrCard(replies: Reply[]): CardView {
  const card = replies.find((r) => r.kind === 'card');
  if (card?.kind !== 'card') throw new Error(`no card in ${JSON.stringify(replies)}`);
  return card.card;
}

describe('the welcome card', () => {
  const titles = async (user: string) => {
    const card = (await h.say('help', as(user))).find((r) => r.kind === 'card');
    return card?.kind === 'card' ? JSON.stringify(card.card) : '';
  };

  it('the practice\'s servicedesk sees "Incident doorzetten"; the midwife does not', async () => {
    expect(await titles(AGENT)).toContain(nl('incident.capability.passOn.title'));
    expect(await titles(MIDWIFE)).not.toContain(nl('incident.capability.passOn.title'));
    expect(await titles(MIDWIFE)).toContain(nl('incident.capability.title'));
  });
});
