import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { translator } from '../../cards/i18n/translate.ts';
import type { Locale } from '../../core/conversation/locale.ts';
import { AMANDUS, grantRoles, linkChannel, openDemoHarness, TWIIN } from '../support/chain-dialogs.ts';
import { harnessPersonId, onlyText, type DialogHarness, type SayOptions } from './dialog-harness.ts';

/**
 * "kanaal rapport dag|week|uit" (issue 9 point 1): how often an alert channel gets its
 * organisation's report, set in the channel by an administrator of the linked organisation,
 * through the real installed flows and the engine on SQLite with the demo directory; and the
 * scheduler then posting into exactly the channels that asked.
 */

const nl = translator('nl');
const en = translator('en');
const tr = (locale: Locale) => (locale === 'en' ? en : nl);

const ADMIN = 'admin-amandus';
const NURSE = 'nurse-amandus';
const TWIIN_ADMIN = 'admin-twiin';

const CHANNEL = 'C-AMANDUS';
const SECOND = 'C-AMANDUS-2';
const UNLINKED = 'C-NOWHERE';

let h: DialogHarness;
beforeEach(async () => {
  h = await openDemoHarness();
  await grantRoles(h, [ADMIN, 'administrator', AMANDUS], [NURSE, 'care-professional', AMANDUS], [TWIIN_ADMIN, 'administrator', TWIIN]);
  for (const channel of [CHANNEL, SECOND]) await linkChannel(h, AMANDUS, inChannel(ADMIN, channel));
});
afterEach(async () => {
  await h.dispose();
});

function inChannel(user: string, channel = CHANNEL, extra: SayOptions = {}): SayOptions {
  return { user, kind: 'channel', conversation: channel, teamId: 'T1', conversationName: `meldingen-${channel}`, ...extra };
}

async function linkId(channel = CHANNEL): Promise<string> {
  const found = await h.services.channels.inChannel({ platform: 'local', channelId: channel, teamId: 'T1' });
  if (!found.ok || found.value.length !== 1) throw new Error(`expected one link in ${channel}, got ${JSON.stringify(found)}`);
  return found.value[0]!.link.id;
}

async function digestAudit(): Promise<Array<{ actor: string; subjectType: string; subjectId: string; after: unknown }>> {
  const rows = (await h.db.dataSource.query("SELECT actor, subject_type, subject_id, after FROM audit_log WHERE action = 'channel.digest' ORDER BY id")) as Array<{ actor: string; subject_type: string; subject_id: string; after: unknown }>;
  return rows.map((r) => ({ actor: r.actor, subjectType: r.subject_type, subjectId: r.subject_id, after: typeof r.after === 'string' ? JSON.parse(r.after) : r.after }));
}

const current = (locale: Locale, frequency: 'off' | 'daily' | 'weekly') => tr(locale)('digest.current', { frequency: tr(locale)(`digest.frequency.${frequency}`) });

describe('an administrator of the linked organisation sets the channel\'s reports', () => {
  it('"kanaal rapport" shows off at first; dag, week and uit set it, each with an audit row "channel.digest"', async () => {
    const id = await linkId();
    expect(onlyText(await h.say('kanaal rapport', inChannel(ADMIN)))).toBe(current('nl', 'off'));
    expect(await h.services.digestSettings.frequency(id)).toBe('off');

    expect(onlyText(await h.say('kanaal rapport dag', inChannel(ADMIN)))).toBe(nl('digest.set.daily'));
    expect(await h.services.digestSettings.frequency(id)).toBe('daily');
    expect(onlyText(await h.say('kanaal rapport', inChannel(ADMIN)))).toBe(current('nl', 'daily'));

    expect(onlyText(await h.say('kanaal rapport week', inChannel(ADMIN)))).toBe(nl('digest.set.weekly'));
    expect(await h.services.digestSettings.frequency(id)).toBe('weekly');
    expect(onlyText(await h.say('kanaal rapport', inChannel(ADMIN)))).toBe(current('nl', 'weekly'));

    expect(onlyText(await h.say('kanaal rapport uit', inChannel(ADMIN)))).toBe(nl('digest.set.off'));
    expect(await h.services.digestSettings.frequency(id)).toBe('off');
    expect(onlyText(await h.say('kanaal rapport', inChannel(ADMIN)))).toBe(current('nl', 'off'));

    const actor = harnessPersonId(ADMIN);
    expect(await digestAudit()).toEqual([
      { actor, subjectType: 'channel-link', subjectId: id, after: { frequency: 'daily' } },
      { actor, subjectType: 'channel-link', subjectId: id, after: { frequency: 'weekly' } },
      { actor, subjectType: 'channel-link', subjectId: id, after: { frequency: 'off' } },
    ]);
    // The other channel of the organisation is untouched.
    expect(await h.services.digestSettings.frequency(await linkId(SECOND))).toBe('off');
    expect(h.errors).toEqual([]);
  });

  it.each<[string, 'daily' | 'weekly' | 'off']>([
    ['kanaal rapport dagelijks', 'daily'],
    ['Kanaal Rapport DAG', 'daily'],
    ['kanaal rapporten wekelijks', 'weekly'],
    ['channel report weekly', 'weekly'],
    ['channel digest day', 'daily'],
    ['kanaal rapportage geen', 'off'],
  ])('%j sets %s', async (said, frequency) => {
    if (frequency === 'off') await h.services.digestSettings.setFrequency(await linkId(), 'daily', 'test', h.clock.now().toISOString());
    expect(onlyText(await h.say(said, inChannel(ADMIN)))).toBe(nl(`digest.set.${frequency}`));
    expect(await h.services.digestSettings.frequency(await linkId())).toBe(frequency);
  });

  it('in English', async () => {
    const o = inChannel(ADMIN, CHANNEL, { locale: 'en' });
    expect(onlyText(await h.say('channel report', o))).toBe(current('en', 'off'));
    expect(onlyText(await h.say('channel report week', o))).toBe(en('digest.set.weekly'));
    expect(onlyText(await h.say('channel report', o))).toBe(current('en', 'weekly'));
    expect(onlyText(await h.say('channel report off', o))).toBe(en('digest.set.off'));
    expect(onlyText(await h.say('channel report day', o))).toBe(en('digest.set.daily'));
    expect(onlyText(await h.say('channel report monthly', o))).toBe(en('digest.usage'));
    expect(onlyText(await h.say('channel report week', inChannel(NURSE, CHANNEL, { locale: 'en' })))).toBe(en('digest.forbidden'));
    expect(onlyText(await h.say('channel report week', inChannel(ADMIN, UNLINKED, { locale: 'en' })))).toBe(en('digest.notLinked'));
    expect(await h.services.digestSettings.frequency(await linkId())).toBe('daily');
  });
});

describe('refusals', () => {
  it('a care professional of the organisation gets the forbidden text, and nothing changes', async () => {
    await h.say('kanaal rapport dag', inChannel(ADMIN));
    const before = await digestAudit();
    for (const said of ['kanaal rapport week', 'kanaal rapport uit']) {
      expect(onlyText(await h.say(said, inChannel(NURSE)))).toBe(nl('digest.forbidden'));
    }
    expect(await h.services.digestSettings.frequency(await linkId())).toBe('daily');
    expect(await digestAudit()).toEqual(before);
    // Looking is allowed.
    expect(onlyText(await h.say('kanaal rapport', inChannel(NURSE)))).toBe(current('nl', 'daily'));
  });

  it('an administrator of another organisation, and someone with no role at all, get the forbidden text', async () => {
    expect(onlyText(await h.say('kanaal rapport dag', inChannel(TWIIN_ADMIN)))).toBe(nl('digest.forbidden'));
    expect(onlyText(await h.say('kanaal rapport dag', inChannel('stranger')))).toBe(nl('digest.forbidden'));
    expect(await h.services.digestSettings.frequency(await linkId())).toBe('off');
    expect(await digestAudit()).toEqual([]);
  });

  it('in a channel that is not linked (or no longer): digest.notLinked, for any word', async () => {
    for (const said of ['kanaal rapport', 'kanaal rapport dag', 'kanaal rapport onzin']) {
      expect(onlyText(await h.say(said, inChannel(ADMIN, UNLINKED)))).toBe(nl('digest.notLinked'));
    }
    expect(onlyText(await h.say('kanaal ontkoppel', inChannel(ADMIN, SECOND)))).not.toBe('');
    expect(onlyText(await h.say('kanaal rapport dag', inChannel(ADMIN, SECOND)))).toBe(nl('digest.notLinked'));
    expect(await digestAudit()).toEqual([]);
  });

  it('in a personal chat: digest.notLinked', async () => {
    expect(onlyText(await h.say('kanaal rapport dag', { user: ADMIN, conversation: `dm-${ADMIN}` }))).toBe(nl('digest.notLinked'));
    expect(await digestAudit()).toEqual([]);
  });

  it.each(['kanaal rapport maandelijks', 'kanaal rapport 1', 'channel report yes'])('%j → digest.usage, nothing changes', async (said) => {
    expect(onlyText(await h.say(said, inChannel(ADMIN)))).toBe(nl('digest.usage'));
    expect(await h.services.digestSettings.frequency(await linkId())).toBe('off');
    expect(await digestAudit()).toEqual([]);
  });
});

describe('what the setting does', () => {
  it('two channels of one organisation set to dag and week: Tuesday 08:00 the day report only in the first, Monday 08:00 the week report only in the second', async () => {
    expect(onlyText(await h.say('kanaal rapport dag', inChannel(ADMIN)))).toBe(nl('digest.set.daily'));
    expect(onlyText(await h.say('kanaal rapport week', inChannel(ADMIN, SECOND)))).toBe(nl('digest.set.weekly'));
    const [first, second] = [await linkId(), await linkId(SECOND)];

    // The harness starts on Monday 3 March 2025, 10:00: the week report of week 9 is due today.
    h.clock.set(new Date('2025-03-03T10:00:00+01:00'));
    expect(await h.services.digests.sweep()).toEqual(expect.arrayContaining([
      { linkId: first, kind: 'day', key: '2025-03-02' },
      { linkId: second, kind: 'week', key: '2025-W09' },
    ]));
    h.clock.set(new Date('2025-03-04T07:59:00+01:00'));
    expect(await h.services.digests.sweep()).toEqual([]);
    h.clock.set(new Date('2025-03-04T08:00:00+01:00'));
    expect(await h.services.digests.sweep()).toEqual([{ linkId: first, kind: 'day', key: '2025-03-03' }]);
    expect(await h.services.digests.sweep()).toEqual([]);

    const rows = (await h.db.dataSource.query("SELECT n.subject_id AS subject, d.link_id AS link, d.channel_id AS channel FROM delivery d JOIN notice n ON n.id = d.notice_id WHERE n.kind = 'report' ORDER BY n.subject_id")) as Array<{ subject: string; link: string; channel: string }>;
    expect(rows).toEqual([
      { subject: `${AMANDUS}:2025-03-02`, link: first, channel: CHANNEL },
      { subject: `${AMANDUS}:2025-03-03`, link: first, channel: CHANNEL },
      { subject: `${AMANDUS}:2025-W09`, link: second, channel: SECOND },
    ]);
  });
});
