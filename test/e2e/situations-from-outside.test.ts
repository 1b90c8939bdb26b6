import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, TEST_SIGNING_SECRET, type RunningBot } from '../support/bot-server.ts';
import { startFakeConnector, type FakeConnector, type RecordedCall } from '../support/fake-connector.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.ts';
import { httpRequest } from '../support/http-request.ts';
import { slackSignatureHeaders } from '../support/slack-signing.ts';
import { adaptiveCardIn } from '../support/adaptive-cards.ts';
import { alertChannel, answeredId, formSubmission, grantRoles, inputsOf, sleep, teamsWire, type TeamsUser } from '../support/chain-e2e.ts';

/**
 * Situations walked from outside, as the people in them would: their own words, typos and filler,
 * choices clicked as the cards offer them, on the Teams wire (Bot Framework activities) and the
 * Slack wire (signed events, block_actions, slash commands). Written from the README and the
 * domain brief only. DUMP=1 prints every exchange.
 */

let bot: RunningBot;
let connector: FakeConnector;
let slack: FakeSlackApi;
const wire = teamsWire(() => ({ connector, botUrl: bot.url }));
const DUMP = !!process.env.DUMP;

beforeAll(async () => {
  connector = await startFakeConnector();
  slack = await startFakeSlackApi();
  bot = await startBot({ slackApi: slack, env: { DEMO_DATA: 'true' } });
});
afterAll(async () => {
  await bot?.stop();
  await Promise.all([connector?.close(), slack?.close()]);
});

/** What a person reads: texts, choice titles, button titles (no ids, no data values). */
const readable = (n: unknown): string[] => {
  if (Array.isArray(n)) return n.flatMap(readable);
  if (!n || typeof n !== 'object') return [];
  return Object.entries(n).flatMap(([k, v]) => (['text', 'title', 'placeholder', 'label'].includes(k) && typeof v === 'string' ? [v] : k === 'data' ? [] : readable(v)));
};
const quiet = async (count: () => number) => {
  for (let last = -1, same = 0; same < 4; await sleep(50)) count() === last ? same++ : ((last = count()), (same = 0));
};

/** Organisation and application names (kept as they are in either language). */
const directory = JSON.parse(readFileSync(new URL('../../data/demo-directory.json', import.meta.url), 'utf8'));
const NAMES: string[] = [...directory.organisations, ...directory.applications].map((x: { name: string }) => x.name).sort((a, b) => b.length - a.length);
const withoutNames = (t: string) => NAMES.reduce((acc, n) => acc.split(n).join('·'), t);

/** What no user should see anywhere: raw ids, CLI commands, cut labels, an "[object" or "undefined". */
function expectClean(texts: string[], lang: 'nl' | 'en') {
  const all = texts.join('\n');
  for (const raw of [/\b(org|app)-[a-z0-9-]{3,}/, /ketenbot (deliveries|tree|kb|admin|incident|report)\b/, /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/, /undefined|\[object|\{[a-z]+\}/]) expect(all).not.toMatch(raw);
  expect(texts.filter((t) => /(…|\.\.\.)$/.test(t.trim()) && t.length > 20), 'cut off').toEqual([]);
  const words = withoutNames(all);
  if (lang === 'en') expect(words, 'Dutch words in an English answer').not.toMatch(/\b(uw|het|een|niet|kies|verder|storing|loket|stoppen|opnieuw)\b/i);
  else expect(words, 'English words in a Dutch answer').not.toMatch(/\b(your|the|please|choose|start over|problem)\b/i);
}

// ---------------------------------------------------------------- Teams

function teamsPerson(name: string, locale = 'nl-NL') {
  const user: TeamsUser = { aad: randomUUID(), name, personal: `a:${randomUUID()}`, locale };
  let [cardId, steps] = ['', 0];
  async function send(fields: Record<string, unknown>): Promise<{ calls: RecordedCall[]; texts: string[]; card: any }> {
    const mine = () => wire.callsTo(user.personal);
    const before = mine().length;
    await wire.deliver(wire.personal(user, fields));
    await connector.waitFor(() => mine().length > before);
    await quiet(() => mine().length);
    const calls = mine().slice(before);
    const cards = calls.map(adaptiveCardIn).filter(Boolean);
    for (const c of calls) if (c.method === 'POST' && adaptiveCardIn(c)) cardId = await answeredId(c);
    const texts = calls.flatMap((c) => [...(c.body?.text ? [c.body.text] : []), ...readable(adaptiveCardIn(c)?.body ?? []), ...readable(adaptiveCardIn(c)?.actions ?? [])]);
    if (DUMP) console.log([`[${name}] → ${JSON.stringify(fields.text ?? fields.value)}`, ...calls.map((c) => `← ${c.method} ${JSON.stringify(c.body?.text ?? '')} ${JSON.stringify(readable(adaptiveCardIn(c) ?? {}))}`)].join('\n'));
    return { calls, texts, card: cards.at(-1) };
  }
  return {
    user,
    get steps() { return steps; },
    /** The id of the last card the bot posted (not updated) in this chat. */
    get cardId() { return cardId; },
    say: (text: string) => (steps++, send({ text })),
    /** Presses a button with these inputs, as Teams posts it (replyToId: the card, by default the last one posted). */
    press: (value: Record<string, unknown>, on = cardId) => (steps++, send({ value, replyToId: on })),
  };
}

/** The choice list of a Teams card: titles and values. */
const choicesOf = (card: any): Array<{ title: string; value: string }> => [...inputsOf(card).values()].filter((i) => i.type === 'Input.ChoiceSet').flatMap((i) => i.choices);
/** The button whose title matches; with `pick`, the choice whose title matches selected in the card's choice list. */
function teamsClick(card: any, button: RegExp, pick?: RegExp): Record<string, unknown> {
  const action = (card.actions ?? []).concat(...(card.body ?? []).filter((b: any) => b.type === 'ActionSet').map((b: any) => b.actions)).find((a: any) => a.type === 'Action.Submit' && button.test(a.title));
  expect(action, `no button ${button} in ${JSON.stringify((card.actions ?? []).map((a: any) => a.title))}`).toBeDefined();
  if (!pick) return { ...action.data };
  const choiceSet = [...inputsOf(card).values()].find((i) => i.type === 'Input.ChoiceSet');
  const choice = choiceSet?.choices.find((c: any) => pick.test(c.title));
  expect(choice, `no choice ${pick} in ${JSON.stringify(choiceSet?.choices.map((c: any) => c.title))}`).toBeDefined();
  return { ...action.data, [choiceSet.id]: choice.value };
}
const NEXT = /^(Verder|Volgende|Next|Continue|OK)/i;
const hasTel = (card: any) => /\]\(tel:\+?[0-9]+\)/.test(JSON.stringify(card));

// ---------------------------------------------------------------- Slack

let slackSeq = 0;
const post = (body: string, type: string) => httpRequest(`${bot.url}/slack/events`, { method: 'POST', headers: { 'content-type': type, ...slackSignatureHeaders(TEST_SIGNING_SECRET, body) }, body });

function slackPerson(name: string, locale = 'nl-NL') {
  const user = `U${randomUUID().slice(0, 8).toUpperCase()}`;
  const channel = `D${user.slice(1)}`;
  slack.locales.set(user, locale);
  slack.profiles.set(user, { display_name: name, real_name: name });
  let [steps, blocks] = [0, [] as any[]];
  const mine = () => slack.calls.filter((c) => c.body?.channel === channel || c.path.startsWith(`/response/${user}-`));
  async function exchange(doPost: () => Promise<{ status: number }>, label: string) {
    const before = mine().length;
    expect((await doPost()).status).toBe(200);
    await slack.waitFor(() => mine().length > before);
    await quiet(() => mine().length);
    const calls = mine().slice(before);
    for (const c of calls) if (c.body?.blocks?.length) blocks = c.body.blocks;
    const texts = calls.flatMap((c) => [...(c.body?.text ? [c.body.text] : []), ...readable(c.body?.blocks ?? [])]);
    if (DUMP) console.log(`[${name}] → ${label}\n${calls.map((c) => `← ${c.path} ${JSON.stringify(c.body?.text ?? '')} ${JSON.stringify(readable(c.body?.blocks ?? []))}`).join('\n')}`);
    return { calls, texts, blocks };
  }
  const event = (text: string) => JSON.stringify({ token: 'x', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: `EvOut${++slackSeq}`, event_time: Math.floor(Date.now() / 1000), event: { type: 'message', channel_type: 'im', channel, user, text, ts: `${Date.now() / 1000}` } });
  return {
    user,
    get steps() { return steps; },
    dm: (text: string) => (steps++, exchange(() => post(event(text), 'application/json'), text)),
    slash: (text: string) => {
      steps++;
      const key = `${user}-${++slackSeq}`;
      const form = new URLSearchParams({ token: 'x', team_id: 'T1', team_domain: 't1', channel_id: channel, channel_name: 'directmessage', user_id: user, user_name: name, command: '/ketenbot', text, api_app_id: 'A1', response_url: slack.responseUrl(key), trigger_id: `1.2.${key}` });
      return exchange(() => post(form.toString(), 'application/x-www-form-urlencoded'), `/ketenbot ${text}`);
    },
    /** Presses the button whose text matches, with the option whose text matches selected. */
    press: (button: RegExp, pick?: RegExp) => {
      steps++;
      const buttons = blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements).filter((e: any) => e.type === 'button');
      const b = buttons.find((e: any) => button.test(e.text.text));
      expect(b, `no button ${button} in ${JSON.stringify(buttons.map((e: any) => e.text.text))}`).toBeDefined();
      const values: Record<string, unknown> = {};
      const input = blocks.find((x) => x.type === 'input' && x.element?.options);
      const option = pick && input?.element.options.find((o: any) => pick.test(o.text.text));
      if (pick) expect(option, `no option ${pick} in ${JSON.stringify(input?.element.options.map((o: any) => o.text.text))}`).toBeDefined();
      if (pick) values[input.block_id] = { [input.element.action_id]: { type: input.element.type, selected_option: option } };
      const key = `${user}-${++slackSeq}`;
      const payload = {
        type: 'block_actions', team: { id: 'T1', domain: 't1' }, user: { id: user, username: name, name, team_id: 'T1' }, api_app_id: 'A1', token: 'x',
        container: { type: 'message', message_ts: '1.000100', channel_id: channel, is_ephemeral: false }, trigger_id: `1.2.${key}`,
        channel: { id: channel, name: 'directmessage' }, message: { ts: '1.000100', blocks }, state: { values }, response_url: slack.responseUrl(key),
        actions: [{ action_id: b.action_id, block_id: 'actions', value: b.value, type: 'button', text: b.text, action_ts: `${Date.now() / 1000}` }],
      };
      return exchange(() => post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded'), `[${b.text.text}] ${pick ?? ''}`);
    },
  };
}
const SLACK_NEXT = /^(Verder|Volgende|Next|Continue)/i;

// ---------------------------------------------------------------- the walks

/** The outcome a person reads: no cut labels, no ids, their language, within 7 steps. */
function expectOutcome(texts: string[], steps: number, lang: 'nl' | 'en' = 'nl') {
  expectClean(texts, lang);
  expect(texts.some((t) => /^(Loket|Desk)\b/.test(t) || /Loket:|Desk:/.test(t)), 'a desk is named').toBe(true);
  expect(steps, 'steps').toBeLessThanOrEqual(7);
}
const joined = (texts: string[]) => texts.join('\n');

describe('Teams: care staff and desks, their own words', () => {
  it('1. a midwife at Helmgras whose password is refused types her practice with a typo → her own helpdesk, tips about passwords', async () => {
    const anouk = teamsPerson('Anouk de Vries');
    let s = await anouk.say('ik heb een probleem');
    expectClean(s.texts, 'nl');
    s = await anouk.say('helmgrass');
    expect(joined(s.texts)).toMatch(/Waar gaat uw probleem over/);
    s = await anouk.press(teamsClick(s.card, NEXT, /^Inloggen/));
    s = await anouk.press(teamsClick(s.card, NEXT, /wachtwoord/i));
    expect(joined(s.texts)).toMatch(/wachtwoord/i);
    expect(joined(s.texts)).not.toMatch(/sluit het programma af|juiste cliënt/i);
    s = await anouk.press(teamsClick(s.card, /hielp niet/i));
    expectOutcome(s.texts, anouk.steps);
    expect(joined(s.texts)).toMatch(/Helmgras/);
    expect(hasTel(s.card), 'phone as a tel: link').toBe(true);
  });

  it('2. a maternity carer at Wiegewijs sent a handover to the wrong practice → Vroedsoft (processor agreement) and the national helpdesk, choices whole', async () => {
    const mieke = teamsPerson('Mieke Jansen');
    let s = await mieke.say('beslisboom');
    s = await mieke.press(teamsClick(s.card, NEXT, /^Kraamzorg Wiegewijs/));
    for (const c of choicesOf(s.card)) expect(c.title).not.toMatch(/…$/);
    s = await mieke.press(teamsClick(s.card, NEXT, /verkeerde ontvanger/i));
    expect(joined(s.texts)).toMatch(/Welke organisatie kreeg de gegevens/);
    s = await mieke.press(teamsClick(s.card, NEXT, /^Verloskundigen De Zeester/));
    expect(joined(s.texts)).toMatch(/Met welk systeem verstuurde u het/);
    s = await mieke.press(teamsClick(s.card, NEXT, /^Vroedsoft XIS$/));
    expectOutcome(s.texts, mieke.steps);
    expect(joined(s.texts)).toMatch(/Loket: Klantenservice Vroedsoft/);
    expect(joined(s.texts)).toMatch(/verwerkersovereenkomst/);
    expect(joined(s.texts)).toMatch(/Landelijke Helpdesk Digitale Zorg/);
    expect(hasTel(s.card)).toBe(true);
  });

  it('3. an English-speaking GtK servicedesk agent at WestLink whose platform is down → their own desk, in English', async () => {
    const tom = teamsPerson('Tom Baker', 'en-GB');
    let s = await tom.say('help');
    expectClean(s.texts, 'en');
    expect(joined(s.texts), 'no administration or Dutch commands for a servicedesk agent').not.toMatch(/Announce maintenance|Onderhoud aankondigen|kanaal koppel|\/ketenbot/i);
    s = await tom.say('I have a problem');
    s = await tom.say('westlink');
    expectClean(s.texts, 'en');
    s = await tom.press(teamsClick(s.card, NEXT, /^Messages/));
    s = await tom.press(teamsClick(s.card, NEXT, /platform is down/i));
    s = await tom.press(teamsClick(s.card, NEXT, /^WestLink uitwisselplatform$/));
    expectOutcome(s.texts, tom.steps, 'en');
    expect(joined(s.texts)).toMatch(/Desk: Servicedesk WestLink/);
    expect(joined(s.texts)).toMatch(/This is your own organisation/);
    expect(joined(s.texts)).not.toMatch(/your own helpdesk/i);
    expect(hasTel(s.card)).toBe(true);
  });

  it('4. someone whose organisation is not listed types it, then goes on without one', async () => {
    const lisa = teamsPerson('Lisa Smit');
    let s = await lisa.say('hulp');
    s = await lisa.say('huisartsenpraktijk de linde');
    expect(joined(s.texts)).toMatch(/Staat er niet bij/);
    s = await lisa.press(teamsClick(s.card, NEXT, /^Staat er niet bij/));
    expect(joined(s.texts)).toMatch(/Waar gaat uw probleem over/);
    s = await lisa.press(teamsClick(s.card, NEXT, /^Inloggen/));
    s = await lisa.press(teamsClick(s.card, NEXT, /printer/i));
    s = await lisa.press(teamsClick(s.card, /hielp niet/i));
    expectClean(s.texts, 'nl');
    expect(joined(s.texts)).toMatch(/Uw organisatie staat niet in het adresboek/);
    expect(joined(s.texts)).not.toMatch(/Loket:/);
    expect(lisa.steps).toBeLessThanOrEqual(7);
  });

  it('5. a hospital nurse picks Lindendael by mistake, says "andere organisatie" and gets Duinzicht\'s desk', async () => {
    const ilse = teamsPerson('Ilse Visser');
    let s = await ilse.say('ik heb een probleem');
    s = await ilse.press(teamsClick(s.card, NEXT, /^Ziekenhuis Lindendael/));
    s = await ilse.press(teamsClick(s.card, NEXT, /^Inloggen/));
    s = await ilse.press(teamsClick(s.card, NEXT, /wachtwoord/i));
    s = await ilse.press(teamsClick(s.card, /hielp niet/i));
    expect(joined(s.texts)).toMatch(/Lindendael/);
    s = await ilse.say('andere organisatie');
    expect(joined(s.texts)).toMatch(/Bij welke organisatie werkt u/);
    s = await ilse.press(teamsClick(s.card, NEXT, /^Ziekenhuis Duinzicht/));
    expect(joined(s.texts), 'the same problem is not asked again').not.toMatch(/Waar gaat uw probleem over/);
    expectOutcome(s.texts, ilse.steps);
    expect(joined(s.texts)).toMatch(/Duinzicht/);
    expect(joined(s.texts)).not.toMatch(/Lindendael/);
  });

  it('6. mid-question "wie beheert RivierenNet?" is answered and the question stays open', async () => {
    const bram = teamsPerson('Bram de Wit');
    let s = await bram.say('ik heb een probleem');
    const [treeCard, treeId] = [s.card, bram.cardId];
    s = await bram.say('wie beheert RivierenNet?');
    expect(joined(s.texts)).toMatch(/RivierenNet Zorguitwisseling/);
    expect(joined(s.texts)).not.toMatch(/geen zorgaanbieder|vond geen/i);
    expectClean(s.texts, 'nl');
    s = await bram.press(teamsClick(treeCard, NEXT, /^Verloskundigenpraktijk Waaloever/), treeId);
    expect(s.calls.map((c) => `${c.method} ${c.path.split('/').at(-1)}`), 'the tree card is updated in place').toEqual([`PUT ${treeId}`]);
    expect(joined(s.texts)).toMatch(/Waar gaat uw probleem over/);
  });

  it('7. a whole sentence instead of a choice is read, or the step comes back with a hint', async () => {
    const eva = teamsPerson('Eva Mulder');
    let s = await eva.say('storing');
    s = await eva.press(teamsClick(s.card, NEXT, /^Sint Amandus/));
    s = await eva.say('nou ja de ontslagbrief van de verloskundige komt gewoon niet binnen bij ons, al 2 dagen niet');
    expectClean(s.texts, 'nl');
    expect(joined(s.texts)).toMatch(/Stap [23]/);
    expect(joined(s.texts)).toMatch(/Kies een van de antwoorden/);
    expect(joined(s.texts)).not.toMatch(/Heeft dit geholpen/);
  });

  it('8. "stop" while the incident form is open closes the form in place, nothing saved', async () => {
    const kim = teamsPerson('Kim Peters');
    let s = await kim.say('meld storing');
    const formId = await answeredId(s.calls.find((c) => adaptiveCardIn(c))!);
    s = await kim.say('stop');
    expect(joined(s.texts)).not.toMatch(/loopt op dit moment niets/i);
    expect(s.calls.some((c) => c.method === 'PUT' && c.path.endsWith(`/activities/${formId}`)), 'the form is replaced in place').toBe(true);
    s = await kim.say('incidenten');
    expect(joined(s.texts)).not.toMatch(/INC-\d{4}-\d{4}/);
  });

  it('9. a midwife says it in her own words first, then greets before "ik heb een probleem"', async () => {
    const joke = teamsPerson('Joke van Dam');  // a midwife at a practice
    let s = await joke.say('hoi, ik kan niet inloggen, mijn wachtwoord wordt geweigerd');
    // The password article comes first (two-step codes, also "geweigerd", may follow as a second suggestion).
    const said = joined(s.texts);
    expect(said, 'an answer about a refused password first').toMatch(/Wachtwoord vergeten/);
    expect(said.search(/Wachtwoord vergeten/)).toBeLessThan(said.search(/tweestapsverificatie/i) === -1 ? Infinity : said.search(/tweestapsverificatie/i));
    s = await joke.say('hoi, ik heb een probleem');
    expect.soft(joined(s.texts)).toMatch(/Bij welke organisatie werkt u/);
  });
});

describe('Incidents: a supplier\'s fault passed on, and looking one up', () => {
  it('10. a midwife at De Meander files "meld storing" on Vroedsoft XIS; her servicedesk passes it on to Vroedsoft, whose channel gets the card', async () => {
    const sanne = teamsPerson('Sanne Bakker');
    const joost = teamsPerson('Joost Hendriks');
    const vroedsoft = teamsPerson('Petra Vroedsoft');
    await grantRoles(bot.config.databaseUrl, [[`teams:${sanne.user.aad}`, 'care-professional', 'org-vp-de-meander'], [`teams:${joost.user.aad}`, 'servicedesk-agent', 'org-vp-de-meander'], [`teams:${vroedsoft.user.aad}`, 'administrator', 'org-lev-vroedsoft']]);
    const place = alertChannel('vroedsoft-out', 'Vroedsoft Support');
    await wire.send(wire.inChannel(vroedsoft.user, place, 'kanaal koppel Vroedsoft B.V.'));
    let s = await sanne.say('meld storing');
    const apps = choicesOf(s.card).find((c) => c.title === 'Vroedsoft XIS')!;
    s = await sanne.press(formSubmission(s.card, 'incident.file', { title: 'Overdrachten gaan niet de deur uit', description: 'sinds vanochtend blijven overdrachten uit het XIS hangen met foutmelding 502', applications: apps.value }));
    const number = joined(s.texts).match(/INC-\d{4}-\d{4}/)![0];
    expectClean(s.texts, 'nl');
    let a = await joost.say(`incident ${number}`);
    const incidentCard = a.card;
    const sanneBefore = wire.callsTo(sanne.user.personal).length;
    a = await joost.press(teamsClick(a.card, /leverancier/i));
    expectClean(a.texts, 'nl');
    expect(joined(a.texts)).toMatch(/Vroedsoft/);
    expect(a.calls.some((c) => c.method === 'PUT'), 'the card he pressed is updated').toBe(true);
    await connector.waitFor(() => wire.callsTo(sanne.user.personal).length > sanneBefore);
    expect(wire.callsTo(sanne.user.personal).slice(sanneBefore).map((c) => c.body?.text).join('\n')).toMatch(/Joost Hendriks.*Vroedsoft B\.V\./);
    // A double click on the same (older) card sends nothing again.
    a = await joost.press(teamsClick(incidentCard, /leverancier/i));
    expect(joined(a.texts)).toMatch(/al doorgezet/);
    await connector.waitFor(() => wire.cardPostsIn(place.channel).length > 0, 5000);
    const alert = readable(adaptiveCardIn(wire.cardPostsIn(place.channel)[0]!));
    expect(joined(alert)).toMatch(number);
    expect(joined(alert)).toMatch(/doorgezet door Joost Hendriks naar Vroedsoft B\.V\./);
    expect(joined(alert)).toMatch(/Lokaal/);
    expectClean(alert, 'nl');
    await sleep(300);
    expect(wire.cardPostsIn(place.channel), 'one card in the supplier\'s channel').toHaveLength(1);
  });

  it('11. a servicedesk agent pastes just the number, or types "incident" with a typo, and gets the incident', async () => {
    const reporter = teamsPerson('Wim Reporter');
    const agent = teamsPerson('Hanna Servicedesk');
    await grantRoles(bot.config.databaseUrl, [[`teams:${reporter.user.aad}`, 'care-professional', 'org-vp-waaloever'], [`teams:${agent.user.aad}`, 'servicedesk-agent', 'org-vp-waaloever']]);
    let s = await reporter.say('meld storing');
    s = await reporter.press(formSubmission(s.card, 'incident.file', { title: 'Printer van de praktijk drukt niets af', description: 'printer op de balie geeft papierstoring' }));
    const number = joined(s.texts).match(/INC-\d{4}-\d{4}/)![0];
    let a = await agent.say(number);
    expect.soft(joined(a.texts), 'the bare number').toMatch(/Printer van de praktijk/);
    a = await agent.say(`incidnet ${number}`);
    expect.soft(joined(a.texts), 'a typo in "incident"').toMatch(/Printer van de praktijk/);
  });
});

describe('Slack: typed answers, slash commands and block_actions', () => {
  it('12. a nurse at Sint Amandus types everything: regional viewer empty for every client, only in the region → RSO Rivierenland', async () => {
    const fatima = slackPerson('Fatima El Amrani');
    let s = await fatima.dm('ik heb een probleem');
    expect(joined(s.texts)).toMatch(/Bij welke organisatie werkt u/);
    s = await fatima.dm('sint amandus');
    s = await fatima.dm('regionale viewer');
    s = await fatima.dm('bij alle clienten leeg');
    expect(joined(s.texts)).not.toMatch(/juiste cliënt/);
    s = await fatima.press(/hielp niet/i);
    expect(joined(s.texts)).toMatch(/alleen in uw regio, of landelijk/);
    s = await fatima.dm('alleen hier in de regio');
    expectOutcome(s.texts, fatima.steps);
    expect(joined(s.texts)).toMatch(/RSO Rivierenland/);
  });

  it('13. an RSO employee after a national update: the national helpdesk, in servicedesk wording', async () => {
    const ruud = slackPerson('Ruud Verbeek');
    let s = await ruud.slash('beslisboom');
    s = await ruud.press(SLACK_NEXT, /^RSO Rivierenland$/);
    s = await ruud.press(SLACK_NEXT, /^Regionale viewer/);
    s = await ruud.press(SLACK_NEXT, /alle cliënten/);
    s = await ruud.press(/hielp niet/i);
    s = await ruud.press(SLACK_NEXT, /landelijk/i);
    expectOutcome(s.texts, ruud.steps);
    expect(joined(s.texts)).toMatch(/Loket: Landelijke Helpdesk Digitale Zorg/);
    expect(joined(s.texts)).toMatch(/Dit is uw eigen organisatie/);
    expect(joined(s.texts)).not.toMatch(/uw eigen helpdesk/i);
  });

  it('14. `/ketenbot kb wachtwoord vergeten` mid-question is answered; the question stays and can be answered', async () => {
    const noor = slackPerson('Noor Bos');
    let s = await noor.dm('ik heb een probleem');
    s = await noor.slash('kb wachtwoord vergeten');
    const answer = joined(s.texts);
    expect(answer).toMatch(/wachtwoord/i);
    expect(joined(s.texts)).not.toMatch(/vond geen|geen zorgaanbieder/i);
    expectClean(s.texts, 'nl');
    s = await noor.dm('de meander');
    expect(joined(s.texts)).toMatch(/Waar gaat uw probleem over/);
    expect(answer, 'issue 16: "verantwoordelijke beheerder"').not.toMatch(/verantwoordelijk beheerder/);
  });

  it('15. an English support employee at a supplier (Medicura): messages do not arrive at several hospitals', async () => {
    const jane = slackPerson('Jane Doe', 'en-GB');
    let s = await jane.dm('I have a problem');
    s = await jane.press(SLACK_NEXT, /^Medicura Zorgsystemen$/);
    expectClean(s.texts, 'en');
    s = await jane.press(SLACK_NEXT, /^Messages/);
    s = await jane.dm('the exchange platform');
    expect(joined(s.texts)).toMatch(/Which exchange platform is down/);
    s = await jane.dm('rivierennet');
    expectOutcome(s.texts, jane.steps, 'en');
    expect(joined(s.texts)).toMatch(/Desk: Servicedesk RivierenNet/);
    expect(joined(s.texts)).toMatch(/tel:\+31205550118/);
  });

  it('16. "meld storing" typed during the tree closes the tree card in place with one line', async () => {
    const jan = slackPerson('Jan Kok');
    await jan.dm('ik heb een probleem');
    const s = await jan.dm('meld storing');
    expect(s.calls.some((c) => c.path === '/api/chat.update'), 'tree card replaced in place').toBe(true);
    expect(s.calls.filter((c) => c.path === '/api/chat.postMessage' && !c.body?.blocks?.length).map((c) => c.body.text)).toEqual(['Ik heb de beslisboom gesloten om te doen wat u vroeg.']);
    expect(joined(s.texts)).toMatch(/Incident melden/);
    expectClean(s.texts, 'nl');
  });
});
