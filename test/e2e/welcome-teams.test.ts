import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../cards/i18n/en.ts';
import { nl } from '../../cards/i18n/nl.ts';
import { translate } from '../../cards/i18n/translate.ts';
import { expectAdaptiveCard } from '../support/adaptive-cards.ts';
import { startBot, type RunningBot } from '../support/bot-server.ts';
import { teamsWire, textsOf, TEAMS_BOT, type TeamChannel, type TeamsUser } from '../support/chain-e2e.ts';
import type { RecordedCall } from '../support/fake-connector.ts';
import { startFakeConnectorWithRoster, type FakeRosterConnector } from '../support/fake-connector-with-roster.ts';
import { cli } from '../support/outbox-bot.ts';

/**
 * The welcome card and the small replies on the Teams wire (issue 16): a midwife sees what she can
 * do and the Teams hint, no administration and no Slack command; the administrator of Vroedsoft also
 * sees administration; an English administrator reads English commands; "onderhoud" says why
 * someone may not announce; a name ending in "B.V." is not followed by a second full stop.
 */

const MIDWIFE: TeamsUser = { aad: '7a1b2c3d-0001-4e5f-8a9b-0c1d2e3f4a5b', name: 'Sanne Verloskundige', personal: 'a:1sanne-personal' };
const VROEDSOFT_ADMIN: TeamsUser = { aad: '7a1b2c3d-0002-4e5f-8a9b-0c1d2e3f4a5b', name: 'Joost Vroedsoft', personal: 'a:1joost-personal' };
const ENGLISH_ADMIN: TeamsUser = { aad: '7a1b2c3d-0003-4e5f-8a9b-0c1d2e3f4a5b', name: 'Emma Panorama', personal: 'a:1emma-personal', locale: 'en-GB' };
const VROEDSOFT_CHANNEL: TeamChannel = { team: '19:vroedsoft@thread.tacv2', teamName: 'Vroedsoft Support', channel: '19:storingen@thread.tacv2', channelName: 'Storingen' };

let bot: RunningBot;
let connector: FakeRosterConnector;

beforeAll(async () => {
  connector = await startFakeConnectorWithRoster();
  bot = await startBot({ env: { DEMO_DATA: 'true' } });
  for (const [user, org] of [[VROEDSOFT_ADMIN, 'org-lev-vroedsoft'], [ENGLISH_ADMIN, 'org-lev-panorama']] as const) {
    const granted = await cli(bot.config.databaseUrl, 'admin', 'grant', `teams:${user.aad}`, 'administrator', org);
    expect(granted.code, granted.err).toBe(0);
  }
});

afterAll(async () => {
  await bot?.stop();
  await connector?.close();
});

const wire = teamsWire(() => ({ connector, botUrl: bot.url }));
const send = async (activity: Parameters<typeof wire.send>[0], count = 1): Promise<RecordedCall[]> => wire.send(activity, count);
const cardTexts = (call: RecordedCall): string => textsOf(expectAdaptiveCard(call)).join('\n');
const submitIds = (call: RecordedCall): string[] => (expectAdaptiveCard(call).actions ?? []).map((a: any) => a.data?.action).filter(Boolean);

describe('Teams: the welcome fits the person and the platform', () => {
  it('a midwife opening the chat (conversationUpdate): what she can do, the Teams hint; no administration, no Slack command', async () => {
    const [welcome] = await send(wire.personal(MIDWIFE, { type: 'conversationUpdate', membersAdded: [{ id: TEAMS_BOT.id }] }));
    const text = cardTexts(welcome!);
    expect(text).toContain(nl['help.intro']);
    expect(text).toContain(nl['help.examples.teams']);
    expect(text).toContain(nl['tree.capability.title']);
    expect(text).toContain(nl['maintenance.capability.text']);
    expect(text).not.toContain(nl['help.administration']);
    expect(text).not.toContain(nl['maintenance.action.new']);
    expect(text).not.toMatch(/\/ketenbot|Slack/);
    expect(submitIds(welcome!)).not.toContain('maintenance.new');
  });

  it('the administrator of Vroedsoft types "help": administration too, with the "Onderhoud aankondigen" button', async () => {
    const [card] = await send(wire.personal(VROEDSOFT_ADMIN, { text: 'help' }));
    const text = cardTexts(card!);
    expect(text).toContain(nl['help.administration']);
    expect(text).toContain(nl['maintenance.capability.announce.title']);
    expect(text).toContain(nl['channel.capability.text']);
    expect(submitIds(card!)).toContain('maintenance.new');
    expect(text).not.toMatch(/\/ketenbot|Slack/);
  });

  it('an English administrator reads English commands only', async () => {
    const [card] = await send(wire.personal(ENGLISH_ADMIN, { text: 'help' }));
    const text = cardTexts(card!);
    expect(text).toContain(en['help.administration']);
    expect(text).toContain('channel link [organisation]');
    expect(text).toContain('maintenance list');
    expect(text).not.toMatch(/kanaal|koppel|onderhoud|uitnodig|nieuws/i);
  });

  it('"onderhoud" by the midwife: which role announcing takes and who gives it, then the list', async () => {
    const calls = await send(wire.personal(MIDWIFE, { text: 'onderhoud' }), 2);
    expect(calls[0]!.body.text).toBe(nl['maintenance.mayNotAnnounce']);
    expect(cardTexts(calls[1]!)).toContain(nl['maintenance.list.none']);
  });

  it('"kanaal koppel Vroedsoft" in a team channel: the name once, with its own full stop ("B.V.", never "B.V..")', async () => {
    const [reply] = await send(wire.inChannel(VROEDSOFT_ADMIN, VROEDSOFT_CHANNEL, 'kanaal koppel Vroedsoft'));
    expect(reply!.body.text).toBe(translate('nl', 'channel.linked', { organisation: 'Vroedsoft B.V.' }));
    expect(reply!.body.text).toContain('Vroedsoft B.V. Storingen');
    expect(reply!.body.text).not.toContain('B.V..');
  });
});
