import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../cards/i18n/en.ts';
import { nl } from '../../cards/i18n/nl.ts';
import { startBot, type RunningBot } from '../support/bot-server.ts';
import { inputsOf, teamsChannelConversation, teamsWire, textsOf, TEAMS_BOT, TEAMS_TENANT, type TeamChannel, type TeamsActivity, type TeamsUser } from '../support/chain-e2e.ts';
import type { RecordedCall } from '../support/fake-connector.ts';
import { startFakeConnectorWithRoster, type FakeRosterConnector } from '../support/fake-connector-with-roster.ts';
import { httpRequest } from '../support/http-request.ts';
import { expectAdaptiveCard } from '../support/adaptive-cards.ts';
import { cli } from '../support/outbox-bot.ts';

/**
 * Access administration on Teams, end to end: Bot Framework activities as Teams sends them into
 * /api/messages of the real bot (demo directory loaded, first coordinator granted with the CLI);
 * replies and proactive messages read from the fake connector (the activities' serviceUrl).
 */

const CODE = /[A-Z2-9]{4}-[A-Z2-9]{4}/;

const COORDINATOR: TeamsUser = { aad: '0b6c8e2a-1111-4c3d-9e8f-a1b2c3d4e5f6', name: 'Carla Coördinator', personal: 'a:1coordinator-personal-chat' };
const PIET: TeamsUser = { aad: '5d7e9f01-2222-4a6b-8c9d-0e1f2a3b4c5d', name: 'Piet Beheerder', personal: 'a:1piet-personal-chat' };

const LINDENDAEL_ID = 'org-ziekenhuis-lindendael';
const LINDENDAEL = 'Ziekenhuis Lindendael';

let bot: RunningBot;
let connector: FakeRosterConnector;

beforeAll(async () => {
  connector = await startFakeConnectorWithRoster();
  bot = await startBot({ env: { DEMO_DATA: 'true' } });
  const granted = await cli(bot.config.databaseUrl, 'admin', 'grant', `teams:${COORDINATOR.aad}`, 'coordinator');
  expect(granted.code, granted.err).toBe(0);
  expect(granted.out).toContain(`teams:${COORDINATOR.aad} now has: chain-coordinator`);
});

afterAll(async () => {
  await bot?.stop();
  await connector?.close();
});

const wire = teamsWire(() => ({ connector, botUrl: bot.url }));
const { personal, inChannel, deliver } = wire;

/** Posts the activity and returns the bot's first new call (reply, or update of an earlier card) to that conversation. */
const send = async (activity: TeamsActivity): Promise<RecordedCall> => (await wire.send(activity))[0]!;

/** The id the fake connector gave a POSTed activity ("activity-<n>", numbered in order of arrival). */
function connectorIdOf(call: RecordedCall): string {
  const posts = connector.calls.filter((c) => c.method === 'POST' && /^\/v3\/conversations\/[^/]+\/activities/.test(c.path));
  expect(posts).toContain(call);
  return `activity-${posts.indexOf(call) + 1}`;
}

function adaptiveCard(call: RecordedCall): any {
  const card = expectAdaptiveCard(call);
  expect(card.type).toBe('AdaptiveCard');
  return card;
}

const codeIn = (text: string): string => {
  const match = CODE.exec(text);
  expect(match, `no invitation code in: ${text}`).not.toBeNull();
  return match![0];
};

const goneNotice = (channel: string, organisation: string) =>
  nl['channel.gone.notice'].replace('{platform}', 'Teams').replace('{channel}', channel).replaceAll('{organisation}', organisation);

describe('Teams: invitations, alert channels and removal', () => {
  let pietCode = '';
  let formCall: RecordedCall | undefined;

  it('"uitnodigen" in the coordinator\'s personal chat shows the invitation form', async () => {
    const reply = await send(personal(COORDINATOR, { text: 'uitnodigen' }));
    formCall = reply;
    expect(reply.method).toBe('POST');
    const card = adaptiveCard(reply);
    const inputs = inputsOf(card);
    expect([...inputs.keys()]).toEqual(expect.arrayContaining(['invitee', 'role', 'organisations']));
    expect(inputs.get('role').choices.map((c: { value: string }) => c.value)).toContain('administrator');
    // A coordinator may invite for any organisation of the directory.
    expect(inputs.get('organisations').choices.map((c: { value: string }) => c.value)).toContain(LINDENDAEL_ID);
    expect(inputs.get('organisations').isMultiSelect).toBe(true);
    const submit = (card.actions ?? []).find((a: any) => a.type === 'Action.Submit');
    expect(submit?.data?.action).toBe('invite.create');
  });

  it('submitting the form creates an invitation and answers with its code', async () => {
    const reply = await send(personal(COORDINATOR, {
      value: { action: 'invite.create', invitee: 'piet@example.org', role: 'administrator', organisations: LINDENDAEL_ID },
    }));
    expect(reply.body.type).toBe('message');
    pietCode = codeIn(reply.body.text);
    expect(reply.body.text).toContain('piet@example.org');
    expect(reply.body.text).toContain(nl['role.administrator']);
    expect(reply.body.text).toContain(LINDENDAEL);
  });

  it('a bad e-mail address brings the form back with the typed values and the reason', async () => {
    const reply = await send(personal(COORDINATOR, {
      value: { action: 'invite.create', invitee: 'piet-at-example', role: 'administrator', organisations: LINDENDAEL_ID },
    }));
    // The form comes back in place: the card the coordinator filled in is updated (PUT), not a new one posted.
    expect(reply.method).toBe('PUT');
    expect(reply.path).toBe(`/v3/conversations/${COORDINATOR.personal}/activities/${connectorIdOf(formCall!)}`);
    const card = adaptiveCard(reply);
    const inputs = inputsOf(card);
    expect(inputs.get('invitee').value).toBe('piet-at-example');
    expect(inputs.get('role').value).toBe('administrator');
    expect(inputs.get('organisations').value).toBe(LINDENDAEL_ID);
    expect(textsOf(card)).toContain(nl['access.invalidInvitee'].replace('{invitee}', 'piet-at-example'));
    // No invitation was made for it.
    const all = await bot.bot.services.invitations.list((await bot.bot.services.personRepository.get(`teams:${COORDINATOR.aad}`))!);
    expect(all.ok && all.value.map((i) => i.invitee)).toEqual(['piet@example.org']);
  });

  it('Piet greets the bot in a personal chat, then accepts the code and is welcomed', async () => {
    const greeting = personal(PIET, { type: 'conversationUpdate', membersAdded: [{ id: TEAMS_BOT.id }] });
    const welcome = await send(greeting);
    expect(textsOf(adaptiveCard(welcome))).toContain(nl['help.intro']);
    expect(await bot.bot.services.conversations.personal('teams', PIET.aad)).toMatchObject({ conversationId: PIET.personal, kind: 'personal' });

    const reply = await send(personal(PIET, { text: `accepteer ${pietCode}` }));
    expect(reply.body.text).toBe(nl['invite.accepted'].replace('{role}', nl['role.administrator']).replace('{organisations}', LINDENDAEL));
  });

  const meldingen: TeamChannel = { team: '19:team@thread.tacv2', teamName: 'Verloskunde', channel: '19:abc@thread.tacv2', channelName: 'Meldingen' };

  it('Piet links a team channel by mentioning the bot, and the app being removed from the team tells him in his personal chat', async () => {
    const reply = await send(inChannel(PIET, meldingen, `kanaal koppel ${LINDENDAEL}`));
    expect(reply.body.text).toBe(nl['channel.linked'].replaceAll('{organisation}', LINDENDAEL));
    expect(reply.path).toBe(`/v3/conversations/${meldingen.channel}/activities/${reply.body.replyToId}`);

    const list = await send(inChannel(PIET, meldingen, 'kanaal lijst'));
    expect(textsOf(adaptiveCard(list))).toContain(LINDENDAEL);

    const noticesBefore = connector.sentTo(PIET.personal).length;
    const { conversation, channelData } = teamsChannelConversation(meldingen, meldingen.team);
    await deliver({
      ...wire.activity(PIET, conversation, { ...channelData, source: { name: 'message' }, settings: { selectedChannel: { id: meldingen.team } } }),
      type: 'installationUpdate',
      action: 'remove',
    });

    await connector.waitFor(() => connector.sentTo(PIET.personal).length > noticesBefore);
    const notice = connector.sentTo(PIET.personal)[noticesBefore]!;
    expect(notice.method).toBe('POST');
    expect(notice.path).toMatch(new RegExp(`^/v3/conversations/${PIET.personal}/activities(/[^/]+)?$`));
    expect(notice.body.type).toBe('message');
    expect(notice.body.text).toContain(LINDENDAEL);
    expect(notice.body.text).toBe(goneNotice(meldingen.channelName, LINDENDAEL));

    const links = await bot.bot.services.channels.inChannel({ platform: 'teams', channelId: meldingen.channel });
    expect(links).toEqual({ ok: true, value: [] });
  });

  it('the bot being removed from a team (conversationUpdate membersRemoved) is handled the same way', async () => {
    const storingen: TeamChannel = { team: '19:team2@thread.tacv2', teamName: 'Kraamzorg', channel: '19:def@thread.tacv2', channelName: 'Storingen' };
    const reply = await send(inChannel(PIET, storingen, `kanaal koppel ${LINDENDAEL}`));
    expect(reply.body.text).toBe(nl['channel.linked'].replaceAll('{organisation}', LINDENDAEL));

    const noticesBefore = connector.sentTo(PIET.personal).length;
    const { conversation, channelData } = teamsChannelConversation(storingen, storingen.team);
    await deliver({
      ...wire.activity(PIET, conversation, { ...channelData, eventType: 'teamMemberRemoved' }),
      type: 'conversationUpdate',
      membersRemoved: [{ id: TEAMS_BOT.id }],
    });

    await connector.waitFor(() => connector.sentTo(PIET.personal).length > noticesBefore);
    const notice = connector.sentTo(PIET.personal)[noticesBefore]!;
    expect(notice.body.text).toBe(goneNotice(storingen.channelName, LINDENDAEL));
    expect(await bot.bot.services.channels.inChannel({ platform: 'teams', channelId: storingen.channel })).toEqual({ ok: true, value: [] });
  });

  it('someone else leaving the team changes nothing', async () => {
    const overleg: TeamChannel = { team: '19:team3@thread.tacv2', teamName: 'Overleg', channel: '19:ghi@thread.tacv2', channelName: 'Alerts' };
    await send(inChannel(PIET, overleg, `kanaal koppel ${LINDENDAEL}`));
    const noticesBefore = connector.sentTo(PIET.personal).length;
    const { conversation, channelData } = teamsChannelConversation(overleg, overleg.team);
    await deliver({
      ...wire.activity(PIET, conversation, { ...channelData, eventType: 'teamMemberRemoved' }),
      type: 'conversationUpdate',
      membersRemoved: [{ id: '29:someone-else', aadObjectId: '9e9e9e9e-3333-4b4b-8c8c-7d7d7d7d7d7d' }],
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(connector.sentTo(PIET.personal)).toHaveLength(noticesBefore);
    const links = await bot.bot.services.channels.inChannel({ platform: 'teams', channelId: overleg.channel });
    expect(links.ok && links.value.map((l) => l.link.organisationId)).toEqual([LINDENDAEL_ID]);
  });

  it('a deleted channel (conversationUpdate channelDeleted) ends its link and tells the administrator', async () => {
    const overleg: TeamChannel = { team: '19:team3@thread.tacv2', teamName: 'Overleg', channel: '19:ghi@thread.tacv2', channelName: 'Alerts' };
    const noticesBefore = connector.sentTo(PIET.personal).length;
    const { conversation } = teamsChannelConversation(overleg, overleg.team);
    await deliver({
      ...wire.activity(PIET, conversation, { team: { id: overleg.team, name: overleg.teamName }, channel: { id: overleg.channel, name: overleg.channelName }, eventType: 'channelDeleted', tenant: { id: TEAMS_TENANT } }),
      type: 'conversationUpdate',
    });
    await connector.waitFor(() => connector.sentTo(PIET.personal).length > noticesBefore);
    expect(connector.sentTo(PIET.personal)[noticesBefore]!.body.text).toBe(goneNotice(overleg.channelName, LINDENDAEL));
    expect(await bot.bot.services.channels.inChannel({ platform: 'teams', channelId: overleg.channel })).toEqual({ ok: true, value: [] });
  });

  it('a care professional in a channel is refused with the needed role', async () => {
    const stranger: TeamsUser = { aad: '1a2b3c4d-4444-4e5f-8a9b-0c1d2e3f4a5b', name: 'Zorgverlener Z', personal: 'a:1stranger' };
    const place: TeamChannel = { team: '19:team4@thread.tacv2', teamName: 'Zorg', channel: '19:jkl@thread.tacv2', channelName: 'Algemeen' };
    const reply = await send(inChannel(stranger, place, `kanaal koppel ${LINDENDAEL}`));
    expect(reply.body.text).toBe(nl['access.forbidden.org'].replace('{role}', nl['role.administrator']).replace('{organisation}', LINDENDAEL));
    expect(await bot.bot.services.channels.inChannel({ platform: 'teams', channelId: place.channel })).toEqual({ ok: true, value: [] });
  });

  it('"kanaal lijst" in a reply thread of a linked channel shows the channel\'s link', async () => {
    const place: TeamChannel = { team: '19:team5@thread.tacv2', teamName: 'Geboortezorg', channel: '19:mno@thread.tacv2', channelName: 'Ketenmeldingen' };
    await send(inChannel(PIET, place, `kanaal koppel ${LINDENDAEL}`));
    const inThread = inChannel(PIET, place, 'kanaal lijst');
    inThread.conversation = { ...inThread.conversation, id: `${place.channel};messageid=1712345678901` };
    const reply = await send(inThread);
    // The answer goes into the thread; the link is the channel's.
    expect(reply.path.startsWith(`/v3/conversations/${place.channel};messageid=1712345678901/activities`)).toBe(true);
    expect(textsOf(adaptiveCard(reply))).toContain(LINDENDAEL);
  });

  it('the removal notice is in the administrator\'s chosen language', async () => {
    expect((await send(personal(PIET, { text: 'English' }))).body.text).toBe(en['language.switched']);
    const place: TeamChannel = { team: '19:team6@thread.tacv2', teamName: 'Spoed', channel: '19:pqr@thread.tacv2', channelName: 'Spoedmeldingen' };
    expect((await send(inChannel(PIET, place, `kanaal koppel ${LINDENDAEL}`))).body.text).toBe(en['channel.linked'].replaceAll('{organisation}', LINDENDAEL));

    const noticesBefore = connector.sentTo(PIET.personal).length;
    const { conversation, channelData } = teamsChannelConversation(place, place.team);
    await deliver({ ...wire.activity(PIET, conversation, channelData), type: 'installationUpdate', action: 'remove' });
    await connector.waitFor(() => connector.sentTo(PIET.personal).length > noticesBefore);
    expect(connector.sentTo(PIET.personal)[noticesBefore]!.body.text).toBe(
      en['channel.gone.notice'].replace('{platform}', 'Teams').replace('{channel}', place.channelName).replaceAll('{organisation}', LINDENDAEL),
    );
  });

  it('the coordinator invites a team member by @mention; only that person can accept', async () => {
    const mia: TeamsUser = { aad: '6e8f0a12-5555-4b7c-9d0e-1f2a3b4c5d6e', name: 'Mia Jansen', personal: 'a:1mia-personal-chat' };
    const other: TeamsUser = { aad: '7f901b23-6666-4c8d-8e1f-2a3b4c5d6e7f', name: 'Otto Anders', personal: 'a:1otto-personal-chat' };
    connector.roster.set('29:mia-bot-framework-id', { id: '29:mia-bot-framework-id', name: mia.name, aadObjectId: mia.aad });
    const place: TeamChannel = { team: '19:team7@thread.tacv2', teamName: 'Ketenoverleg', channel: '19:stu@thread.tacv2', channelName: 'Algemeen' };

    // As Teams sends it: the bot's mention and Mia's mention (id and name only, no AAD object id).
    const activity = inChannel(COORDINATOR, place, 'uitnodigen <at>Mia Jansen</at> beheerder org-sint-amandus-gasthuis');
    activity.entities = [...activity.entities, { type: 'mention', text: '<at>Mia Jansen</at>', mentioned: { id: '29:mia-bot-framework-id', name: mia.name } }];
    const reply = await send(activity);
    const code = codeIn(String(reply.body.text));
    expect(connector.calls.some((c) => c.method === 'GET' && c.path === `/v3/conversations/${place.team}/members/29:mia-bot-framework-id`)).toBe(true);
    const coordinator = (await bot.bot.services.personRepository.get(`teams:${COORDINATOR.aad}`))!;
    const listed = await bot.bot.services.invitations.list(coordinator);
    expect(listed.ok && listed.value.find((i) => i.code === code)?.invitee).toBe(`teams:${mia.aad}`);

    expect((await send(personal(other, { text: `accepteer ${code}` }))).body.text).toBe(nl['access.invitationNotForYou'].replace('{code}', code));
    expect((await send(personal(mia, { text: `accepteer ${code}` }))).body.text).toBe(
      nl['invite.accepted'].replace('{role}', nl['role.administrator']).replace('{organisations}', 'Sint Amandus Gasthuis'),
    );
  });

  it('/healthz is still 200 at the end', async () => {
    expect((await httpRequest(`${bot.url}/healthz`)).status).toBe(200);
  });
});
