import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { translator } from '../../cards/i18n/translate.ts';
import type { CardView } from '../../cards/views/card-view.ts';
import type { Reply } from '../../core/conversation/reply.ts';
import {
  AMANDUS, ANNOUNCEMENT_USERS, as, choiceValues, deliveryRows, EPD, errors, facts, formSubmission, input, inputs, inputValues, JGZ, MEDICURA, onlyModalForm,
  openAnnouncementHarness, submitData, texts, textThenCard,
} from '../support/chain-dialogs.ts';
import { onlyCard, onlyText, type DialogHarness, type SayOptions } from './dialog-harness.ts';

/**
 * Changes and versions in chat (issue 8 point 5), through the real installed flows and the engine on
 * SQLite with the demo directory: the release form for administrators, problems shown in the form
 * with everything typed kept, announcing (with and without a maintenance window), the version line on
 * the application card of "wie <applicatie>", "since which version" in the incident form, and English.
 * The harness clock: Monday 3 March 2025, 10:00 in Amsterdam.
 */

const nl = translator('nl');
const en = translator('en');

const FIELDS = ['application', 'version', 'changes', 'forWhom', 'startDate', 'startTime', 'endDate', 'endTime'];

/** Users: Medicura's administrator, a nurse at Sint Amandus, a chain coordinator, WestLink's administrator. */
const { ADMIN, NURSE, COORDINATOR, WEST_ADMIN } = ANNOUNCEMENT_USERS;

let h: DialogHarness;
beforeEach(async () => {
  // Alert channels: Medicura (administrator), Sint Amandus (uses the EPD), and two outside the audience (Twiin, RSO).
  h = await openAnnouncementHarness();
});
afterEach(async () => {
  await h.dispose();
});

/** The one reply, which must be a form of this kind sent as a modal. */
const onlyForm = (replies: Reply[], kind = 'release.form') => onlyModalForm(replies, kind);

/** What Teams sends for the form's button: its data with the inputs as text. */
const submission = (card: CardView, changes: Record<string, unknown> = {}) => formSubmission(card, 'release.save', changes);

const VALID = {
  application: EPD,
  version: '5.1.0',
  changes: 'Nieuwe overdrachtsberichten voor de kraamzorg; het oude bericht blijft tot 1 april werken.',
  forWhom: 'Ziekenhuizen die het EPD gebruiken',
};
const WINDOW = { startDate: '2025-03-05', startTime: '20:00', endDate: '2025-03-05', endTime: '22:00' };
const ID = 'REL-2025-0001';

const stored = () => h.services.releases.history(EPD);
const allReleases = () => h.db.dataSource.query('SELECT id FROM release') as Promise<unknown[]>;
const deliveries = () => deliveryRows(h);

/** The administrator announces through the form; returns the replies. */
async function announce(values: Record<string, unknown> = VALID, o: SayOptions = as(ADMIN)): Promise<{ text: string; card: CardView; replaceKey: string | undefined; formKey: string | undefined }> {
  const form = onlyForm(await h.say(o.locale === 'en' ? 'change' : 'wijziging', o));
  const announced = textThenCard(await h.submit('release.save', submission(form.card, values), o), 'release');
  return { ...announced, formKey: form.replaceKey };
}

describe('the form', () => {
  it.each([['wijziging'], ['Wijziging'], ['release'], ['nieuwe versie'], ['change'], ['wijziging aankondigen']])('an administrator saying %j gets the form with her own applications and empty fields', async (said) => {
    const { card, replaceKey } = onlyForm(await h.say(said, as(ADMIN)));
    expect(card.title).toBe(nl('release.form.title'));
    expect(inputs(card).map((i) => i.id)).toEqual(FIELDS);
    expect(inputValues(card)).toEqual({ application: '', version: '', changes: '', forWhom: '', startDate: '', startTime: '', endDate: '', endTime: '' });
    expect(choiceValues(card, 'application')).toEqual([EPD, JGZ]);
    expect(texts(card, 'muted')).toContain(nl('release.form.window'));
    expect(errors(card)).toEqual({});
    expect(replaceKey).toBe(`release-form:${String(submitData(card, 'release.save').formId)}`);
  });

  it('a chain coordinator chooses from every application', async () => {
    const { card } = onlyForm(await h.say('wijziging', as(COORDINATOR)));
    // By name (issue 16), not by id.
    expect(choiceValues(card, 'application')).toEqual((await h.services.directory.load()).applications.sort((a, b) => a.name.localeCompare(b.name, 'nl')).map((a) => a.id));
  });

  it('WestLink\'s administrator chooses only WestLink\'s platform', async () => {
    const { card } = onlyForm(await h.say('wijziging', as(WEST_ADMIN)));
    expect(choiceValues(card, 'application')).toEqual(['app-westlink']);
  });

  it('a care professional is told only administrators can announce a change', async () => {
    expect(onlyText(await h.say('wijziging', as(NURSE)))).toBe(nl('release.forbidden'));
  });
});

describe('problems come back in the form, nothing typed is lost', () => {
  it('no version and a BSN in the changes → the form again with the errors and every value kept; nothing stored or posted', async () => {
    const { card: form, replaceKey } = onlyForm(await h.say('wijziging', as(ADMIN)));
    const typed = submission(form, { ...VALID, version: ' ', changes: 'Fix voor dossier 111222333', forWhom: 'Verloskundigen' });
    const again = onlyForm(await h.submit('release.save', typed, as(ADMIN)));
    expect(errors(again.card)).toEqual({ version: nl('form.required'), changes: nl('incident.problem.bsn', { found: '111222333' }) });
    expect(texts(again.card, 'warning')).toContain(nl('incident.form.fix'));
    expect(inputValues(again.card)).toEqual({ application: EPD, version: ' ', changes: 'Fix voor dossier 111222333', forWhom: 'Verloskundigen', startDate: '', startTime: '', endDate: '', endTime: '' });
    // The same form id: the form replaces itself.
    expect(submitData(again.card, 'release.save')).toEqual(submitData(form, 'release.save'));
    expect(again.replaceKey).toBe(replaceKey);
    expect(await allReleases()).toEqual([]);
    expect(await deliveries()).toEqual([]);
  });

  it('a version too long → "too long" on the version', async () => {
    const { card: form } = onlyForm(await h.say('wijziging', as(ADMIN)));
    const { card: again } = onlyForm(await h.submit('release.save', submission(form, { ...VALID, version: 'v'.repeat(51) }), as(ADMIN)));
    expect(errors(again)).toEqual({ version: nl('incident.problem.tooLong', { max: 50 }) });
    expect(input(again, 'version').value).toBe('v'.repeat(51));
  });

  it('no application chosen → "required" on the application', async () => {
    const { card: form } = onlyForm(await h.say('wijziging', as(ADMIN)));
    const { card: again } = onlyForm(await h.submit('release.save', submission(form, { ...VALID, application: '' }), as(ADMIN)));
    expect(errors(again)).toEqual({ application: nl('form.required') });
    expect(await allReleases()).toEqual([]);
  });

  it('half a window (start only) → the window problem on the start date, every value kept; nothing stored', async () => {
    const { card: form } = onlyForm(await h.say('wijziging', as(ADMIN)));
    const { card: again } = onlyForm(await h.submit('release.save', submission(form, { ...VALID, startDate: '2025-03-05', startTime: '20:00' }), as(ADMIN)));
    expect(errors(again)).toEqual({ startDate: nl('incident.problem.invalid') });
    expect(inputValues(again)).toMatchObject({ ...VALID, startDate: '2025-03-05', startTime: '20:00', endDate: '', endTime: '' });
    expect(await allReleases()).toEqual([]);
    expect(await h.services.maintenanceRepository.list({})).toEqual([]);
  });

  it.each([
    ['an end before the start', { ...WINDOW, endTime: '19:00' }, 'maintenance.problem.endBeforeStart'],
    ['a start in the past', { ...WINDOW, startDate: '2025-03-02' }, 'maintenance.problem.past'],
  ] as const)('%s → the window problem on the start date; nothing stored', async (_name, window, key) => {
    const { card: form } = onlyForm(await h.say('wijziging', as(ADMIN)));
    const { card: again } = onlyForm(await h.submit('release.save', submission(form, { ...VALID, ...window }), as(ADMIN)));
    expect(errors(again)).toEqual({ startDate: nl(key) });
    expect(inputValues(again)).toMatchObject({ ...VALID, ...window });
    expect(await allReleases()).toEqual([]);
    expect(await h.services.maintenanceRepository.list({})).toEqual([]);
    expect(await deliveries()).toEqual([]);
  });

  it('fixing the form and sending it again announces it', async () => {
    const { card: form } = onlyForm(await h.say('wijziging', as(ADMIN)));
    const { card: again } = onlyForm(await h.submit('release.save', submission(form, { ...VALID, changes: '' }), as(ADMIN)));
    const replies = await h.submit('release.save', submission(again, { changes: VALID.changes }), as(ADMIN));
    expect(replies.map((r) => r.kind)).toEqual(['text', 'card']);
    expect((await stored()).map((r) => r.changes)).toEqual([VALID.changes]);
  });

  it('an administrator of another organisation sending the form for Medicura\'s EPD is refused; nothing stored', async () => {
    const { card: form } = onlyForm(await h.say('wijziging', as(WEST_ADMIN)));
    expect(onlyText(await h.submit('release.save', submission(form, VALID), as(WEST_ADMIN)))).toBe(nl('release.forbidden'));
    expect(await allReleases()).toEqual([]);
  });
});

describe('announcing', () => {
  it('without a window: stored, the card replaces the form, posted to the channels of Medicura and Sint Amandus only', async () => {
    const { text, card, replaceKey, formKey } = await announce();
    const [r] = await stored();
    expect(r).toMatchObject({ id: ID, applicationId: EPD, version: '5.1.0', changes: VALID.changes, forWhom: VALID.forWhom, releasedAt: h.clock.now().toISOString(), createdBy: { id: `local:${ADMIN}` } });
    expect(r!.maintenanceId).toBeUndefined();
    expect(text).toBe(nl('release.done', { id: ID, version: '5.1.0', channels: 2 }));
    expect(replaceKey).toBe(formKey);
    expect(card.title).toBe(nl('release.card.title', { application: 'Medicura EPD', version: '5.1.0' }));
    expect(card.subtitle).toBe(`${ID} · Medicura Zorgsystemen`);
    expect(facts(card)).toEqual({
      [nl('release.fact.version')]: '5.1.0',
      [nl('release.fact.when')]: '2025-03-03 10:00',
      [nl('release.fact.forWhom')]: VALID.forWhom,
    });
    expect(texts(card)).toContain(VALID.changes);
    expect((await deliveries()).map((d) => [d.organisation_id, d.operation])).toEqual([[AMANDUS, 'post'], [MEDICURA, 'post']].sort((a, b) => `C-${a[0]}`.localeCompare(`C-${b[0]}`)));
  });

  it('with a window: the maintenance is announced too and named in the reply and on the card', async () => {
    const { text, card } = await announce({ ...VALID, ...WINDOW });
    const [r] = await stored();
    expect(r!.maintenanceId).toBe('MNT-2025-0001');
    expect(r!.releasedAt).toBe('2025-03-05T19:00:00.000Z');
    expect(text).toBe(`${nl('release.done', { id: ID, version: '5.1.0', channels: 2 })}\n${nl('release.done.maintenance', { id: 'MNT-2025-0001' })}`);
    expect(facts(card)[nl('release.fact.maintenance')]).toBe('MNT-2025-0001');
    expect(facts(card)[nl('release.fact.when')]).toBe('2025-03-05 20:00');
    const [m] = await h.services.maintenanceRepository.list({});
    expect(m).toMatchObject({ id: 'MNT-2025-0001', applicationIds: [EPD], startsAt: '2025-03-05T19:00:00.000Z', endsAt: '2025-03-05T21:00:00.000Z', status: 'planned' });
  });

  it('without any alert channel in the audience: stored, and the bot says no channel is linked yet', async () => {
    const { text } = await announce({ ...VALID, application: 'app-westlink' }, as(WEST_ADMIN));
    expect(text).toBe(nl('release.done.noChannels', { id: ID, version: '5.1.0' }));
  });

  // PRODUCT BUG (wording): dialogs/release-flow.ts passes `organisations: r.audienceIds.length` (4: Medicura,
  // Lindendael, Sint Amandus, Duinzicht), so the reply says the card "gaat naar de meldingskanalen van 4
  // organisatie(s)" while only 2 of them (Medicura, Sint Amandus) have an alert channel and get it.
  it('the confirmation counts the organisations whose alert channels get the card', async () => {
    const { text } = await announce();
    expect(text).toBe(nl('release.done', { id: ID, version: '5.1.0', channels: 2 }));
  });
});

describe('"wie <applicatie>": the current version on the application card', () => {
  const appCard = async (said = 'wie beheert Medicura EPD', o: SayOptions = as(NURSE)) => {
    const card = onlyCard(await h.say(said, o));
    expect(card.kind).toBe('directory.application');
    expect(card.title).toBe('Medicura EPD');
    return card;
  };
  const versionTexts = (card: CardView) => texts(card).filter((t) => /versie|version/i.test(t));

  it('nothing about versions before a release; the version line once one exists', async () => {
    expect(versionTexts(await appCard())).toEqual([]);
    expect(versionTexts(await appCard('wie Medicura EPD'))).toEqual([]);
    await announce();
    const line = nl('release.versionLine', { version: '5.1.0', since: '2025-03-03 10:00', after: 0, before: 0 });
    expect(texts(await appCard())).toContain(line);
    expect(texts(await appCard('wie Medicura EPD'))).toContain(line);
    // Other applications still say nothing about versions.
    const jgz = onlyCard(await h.say('wie beheert Medicura JGZ-dossier', as(NURSE)));
    expect(jgz.title).toBe('Medicura JGZ-dossier');
    expect(versionTexts(jgz)).toEqual([]);
  });

  it('incidents filed after the release are counted on the line', async () => {
    await announce();
    h.clock.set(new Date('2025-03-03T11:00:00.000Z'));
    const form = onlyForm(await h.say('meld storing', as(NURSE)), 'incident.form');
    const filed = await h.submit('incident.file', formSubmission(form.card, 'incident.file', {
      title: 'EPD toont geen verloskundige gegevens', description: 'Sinds de nieuwe versie komen de gegevens niet meer door.', applications: EPD,
      organisations: AMANDUS, impact: 'degraded', startDate: '2025-03-03', startTime: '11:50', sinceVersion: '5.1.0', dataLeak: 'false',
    }), as(NURSE));
    expect(filed.map((r) => r.kind), JSON.stringify(filed)).toEqual(['text', 'card']);
    h.clock.set(new Date('2025-03-03T13:00:00.000Z'));
    expect(texts(await appCard())).toContain(nl('release.versionLine', { version: '5.1.0', since: '2025-03-03 10:00', after: 1, before: 0 }));
  });

  it('a release with a future window shows only from the window\'s start', async () => {
    await announce({ ...VALID, ...WINDOW });
    expect(versionTexts(await appCard())).toEqual([]);
    h.clock.set(new Date('2025-03-05T19:30:00.000Z'));
    expect(texts(await appCard())).toContain(nl('release.versionLine', { version: '5.1.0', since: '2025-03-05 20:00', after: 0, before: 0 }));
  });

  it('below the version line the earlier versions in effect, newest first, at most five; a future or cancelled window is not among them', async () => {
    await announce({ ...VALID, version: '5.0' });
    // One release: no line of earlier versions.
    expect(versionTexts(await appCard())).toEqual([nl('release.versionLine', { version: '5.0', since: '2025-03-03 10:00', after: 0, before: 0 })]);
    h.clock.set(new Date('2025-03-03T11:00:00.000Z'));
    await announce({ ...VALID, version: '5.0.1' });
    h.clock.set(new Date('2025-03-04T09:00:00.000Z'));
    await announce({ ...VALID, version: '5.1.0' });
    // A future window (MNT-2025-0001), and one that is cancelled (MNT-2025-0002).
    await announce({ ...VALID, version: '6.0', ...WINDOW });
    await announce({ ...VALID, version: '5.9', startDate: '2025-03-04', startTime: '12:00', endDate: '2025-03-04', endTime: '13:00' });
    expect((await h.submit('maintenance.cancel', { maintenanceId: 'MNT-2025-0002' }, as(ADMIN)))[0]).toEqual({ kind: 'text', text: nl('maintenance.done.cancelled', { id: 'MNT-2025-0002' }) });
    h.clock.set(new Date('2025-03-04T14:00:00.000Z'));
    const line = nl('release.versionLine', { version: '5.1.0', since: '2025-03-04 10:00', after: 0, before: 0 });
    expect(versionTexts(await appCard())).toEqual([`${line}\n${nl('release.history', { versions: '5.0.1 (2025-03-03), 5.0 (2025-03-03)' })}`]);
    expect(nl('release.history', { versions: 'x' })).toBe('Eerdere versies: x');
    // At most five earlier versions.
    for (const v of ['5.1.1', '5.1.2', '5.1.3', '5.1.4']) {
      h.clock.set(new Date(h.clock.now().getTime() + 60 * 60_000));
      await announce({ ...VALID, version: v });
    }
    const [text] = versionTexts(await appCard());
    expect(text!.split('\n')).toEqual([
      nl('release.versionLine', { version: '5.1.4', since: '2025-03-04 19:00', after: 0, before: 0 }),
      nl('release.history', { versions: '5.1.3 (2025-03-04), 5.1.2 (2025-03-04), 5.1.1 (2025-03-04), 5.1.0 (2025-03-04), 5.0.1 (2025-03-03)' }),
    ]);
  });

  it('in English: "who manages Medicura EPD" shows the English line', async () => {
    await announce();
    const card = await appCard('who manages Medicura EPD', as(NURSE, { locale: 'en' }));
    expect(texts(card)).toContain(en('release.versionLine', { version: '5.1.0', since: '2025-03-03 10:00', after: 0, before: 0 }));
    expect(en('release.versionLine', { version: '1', since: 'x', after: 0, before: 0 })).toMatch(/^Version 1 since x/);
  });
});

describe('"since which version" in the incident form', () => {
  const recentLine = (card: CardView) => texts(card, 'muted').filter((t) => t.startsWith(nl('incident.form.recentVersions', { versions: '' }).trim()));

  it('no releases: no recent versions; after releases: the recent versions with application and date, newest first', async () => {
    expect(recentLine(onlyForm(await h.say('meld storing', as(NURSE)), 'incident.form').card)).toEqual([]);
    await announce();
    h.clock.set(new Date('2025-03-04T09:00:00.000Z'));
    await announce({ ...VALID, application: JGZ, version: '3.2' });
    const card = onlyForm(await h.say('meld storing', as(NURSE)), 'incident.form').card;
    expect(input(card, 'sinceVersion').label).toBe(nl('incident.form.sinceVersion'));
    expect(texts(card, 'muted')).toContain(nl('incident.form.recentVersions', { versions: 'Medicura JGZ-dossier 3.2 (2025-03-04), Medicura EPD 5.1.0 (2025-03-03)' }));
  });

  it('a form sent back with problems lists the versions of the chosen application only, and keeps the typed version', async () => {
    await announce();
    await announce({ ...VALID, application: JGZ, version: '3.2' });
    const form = onlyForm(await h.say('meld storing', as(NURSE)), 'incident.form');
    const values = formSubmission(form.card, 'incident.file', { title: '', applications: EPD, sinceVersion: '5.1.0' });
    const again = onlyForm(await h.submit('incident.file', values, as(NURSE)), 'incident.form').card;
    expect(input(again, 'sinceVersion').value).toBe('5.1.0');
    expect(texts(again, 'muted')).toContain(nl('incident.form.recentVersions', { versions: 'Medicura EPD 5.1.0 (2025-03-03)' }));
  });

  it('in English', async () => {
    await announce();
    const card = onlyForm(await h.say('report incident', as(NURSE, { locale: 'en' })), 'incident.form').card;
    expect(texts(card, 'muted')).toContain(en('incident.form.recentVersions', { versions: 'Medicura EPD 5.1.0 (2025-03-03)' }));
  });
});

describe('English', () => {
  it('"change" gives the English form; problems and the announcement are English', async () => {
    const o = as(ADMIN, { locale: 'en' });
    const { card: form } = onlyForm(await h.say('change', o));
    expect(form.title).toBe(en('release.form.title'));
    expect(form.title).toBe('Announce a change or new version');
    expect(input(form, 'version').label).toBe(en('release.form.version'));
    expect(texts(form, 'muted')).toContain(en('release.form.window'));
    const { card: again } = onlyForm(await h.submit('release.save', submission(form, { ...VALID, version: '' }), o));
    expect(errors(again)).toEqual({ version: en('form.required') });
    const replies = await h.submit('release.save', submission(again, { version: '5.1.0' }), o);
    expect(replies.map((r) => r.kind)).toEqual(['text', 'card']);
    const [text, card] = replies as [Extract<Reply, { kind: 'text' }>, Extract<Reply, { kind: 'card' }>];
    expect(text.text).toBe(en('release.done', { id: ID, version: '5.1.0', channels: 2 }));
    expect(card.card.title).toBe('Medicura EPD version 5.1.0');
  });

  it('a care professional is refused in English', async () => {
    expect(onlyText(await h.say('new version', as(NURSE, { locale: 'en' })))).toBe(en('release.forbidden'));
  });

  it('English window problems', async () => {
    const o = as(ADMIN, { locale: 'en' });
    const { card: form } = onlyForm(await h.say('change', o));
    const { card: again } = onlyForm(await h.submit('release.save', submission(form, { ...VALID, ...WINDOW, endTime: '19:00' }), o));
    expect(errors(again)).toEqual({ startDate: en('maintenance.problem.endBeforeStart') });
  });
});
