import { describe, expect, it } from 'vitest';
import type { MessageKey, Params } from '../../../cards/i18n/translate.ts';
import type { AdminNotifier } from '../../../core/domain/access/admin-notifier.ts';
import type { ChannelPlace } from '../../../core/domain/access/channel-link.ts';
import { ChannelLinks } from '../../../core/domain/access/channel-links.ts';
import { resolveOrganisation } from '../../../core/domain/access/resolve-organisation.ts';
import { newcomer, type Person, type Role } from '../../../core/domain/access/types.ts';
import { TypeOrmChannelLinkRepository } from '../../../storage/access/typeorm-channel-link-repository.ts';
import { DATABASE_KINDS, databasePerTest, type DatabaseKind } from '../../support/databases.ts';
import { servicesWithDemoData } from '../../support/demo-data.ts';

const A = 'org-ziekenhuis-lindendael';
const A_NAME = 'Ziekenhuis Lindendael';
const B = 'org-sint-amandus-gasthuis';
const B_NAME = 'Sint Amandus Gasthuis';
const T0 = new Date('2025-03-03T09:00:00.000Z');
const C1: ChannelPlace = { platform: 'slack', channelId: 'C1', teamId: 'T1', name: 'storingen' };

class RecordingNotifier implements AdminNotifier {
  readonly calls: Array<{ organisationId: string; message: { key: MessageKey; params?: Params } }> = [];
  async notifyAdministrators(organisationId: string, message: { key: MessageKey; params?: Params }): Promise<void> {
    this.calls.push({ organisationId, message });
  }
}

describe.each(DATABASE_KINDS)('channel links on %s', (kind: DatabaseKind) => {
  const databases = databasePerTest(kind);

  async function setup() {
    const db = await databases.open();
    const { services, clock } = await servicesWithDemoData(db, T0);
    const notifier = new RecordingNotifier();
    const repository = new TypeOrmChannelLinkRepository(db.dataSource);
    const channels = new ChannelLinks(repository, services.directory, notifier, clock);
    const grant = async (userId: string, role: Role, organisationId?: string): Promise<Person> => {
      const r = await services.people.grant(newcomer('slack', userId), role, organisationId, 'test');
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      return r.value;
    };
    const adminA = await grant('U-ADM-A', 'administrator', A);
    const adminB = await grant('U-ADM-B', 'administrator', B);
    const coordinator = await grant('U-COORD', 'chain-coordinator');
    const auditStart = (await services.audit.since(new Date(0))).length;
    const audit = async () => (await services.audit.since(new Date(0))).slice(auditStart);
    /** What is stored, through a new repository. */
    const stored = {
      channel: (platform: ChannelPlace['platform'], channelId: string) => new TypeOrmChannelLinkRepository(db.dataSource).forChannel(platform, channelId),
      organisation: (organisationId: string) => new TypeOrmChannelLinkRepository(db.dataSource).forOrganisation(organisationId),
    };
    const later = (ms: number) => { clock.current = new Date(clock.current.getTime() + ms); };
    const link = async (actor: Person, place: ChannelPlace, query: string) => {
      const r = await channels.link(actor, place, query);
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      return r.value;
    };
    return { services, channels, notifier, clock, later, adminA, adminB, coordinator, audit, stored, link };
  }

  it('an administrator links a Slack channel: an active link, stored and audited', async () => {
    const { channels, adminA, audit, stored } = await setup();
    const result = await channels.link(adminA, { ...C1, reference: { any: 'thing' } }, A_NAME);
    expect(result).toMatchObject({ ok: true, value: { alreadyLinked: false, organisation: { id: A, name: A_NAME } } });
    const link = result.ok ? result.value.link : undefined;
    expect(link).toMatchObject({ organisationId: A, platform: 'slack', channelId: 'C1', teamId: 'T1', name: 'storingen', active: true, createdBy: 'slack:U-ADM-A', createdAt: T0.toISOString() });
    expect(await stored.channel('slack', 'C1')).toEqual([{ ...link, reference: { any: 'thing' } }]);
    expect(await audit()).toEqual([expect.objectContaining({ actor: 'slack:U-ADM-A', action: 'channel.link', subjectType: 'channel-link', subjectId: link!.id, after: link })]);
  });

  it('linking again: alreadyLinked, one link, no new audit', async () => {
    const { channels, adminA, audit, stored, link } = await setup();
    const first = await link(adminA, C1, A_NAME);
    const again = await link(adminA, C1, 'lindendael');
    expect(again.alreadyLinked).toBe(true);
    expect(again.link.id).toBe(first.link.id);
    expect(await stored.channel('slack', 'C1')).toHaveLength(1);
    expect(await audit()).toHaveLength(1);
    expect((await channels.inChannel(C1))).toMatchObject({ ok: true, value: [{ link: { id: first.link.id } }] });
  });

  it('in a personal conversation (no channel place): not-in-a-channel for link, unlink and list', async () => {
    const { channels, adminA, audit } = await setup();
    expect(await channels.link(adminA, undefined, A_NAME)).toEqual({ ok: false, error: { code: 'not-in-a-channel' } });
    expect(await channels.unlink(adminA, undefined)).toEqual({ ok: false, error: { code: 'not-in-a-channel' } });
    expect(await channels.inChannel(undefined)).toEqual({ ok: false, error: { code: 'not-in-a-channel' } });
    expect(await audit()).toEqual([]);
  });

  it('an unknown organisation, and a genuinely ambiguous one ("ziekenhuis": two hospitals), are refused with that reason', async () => {
    const { services, channels, coordinator, audit } = await setup();
    // What the organisation resolver makes of the names used here (organisations only; apps do not count).
    const directory = await services.directory.load();
    expect(resolveOrganisation(directory, 'medicura')).toMatchObject({ ok: true, value: { id: 'org-lev-medicura' } });
    expect(resolveOrganisation(directory, 'ziekenhuis')).toMatchObject({ ok: false, error: { code: 'ambiguous-organisation' } });

    expect(await channels.link(coordinator, C1, 'Ziekenhuis Nergenshuizen')).toEqual({ ok: false, error: { code: 'unknown-organisation', query: 'Ziekenhuis Nergenshuizen' } });
    expect(await channels.link(coordinator, C1, 'qwxz')).toEqual({ ok: false, error: { code: 'unknown-organisation', query: 'qwxz' } });
    const ambiguous = await channels.link(coordinator, C1, 'ziekenhuis');
    expect(ambiguous.ok).toBe(false);
    if (!ambiguous.ok && ambiguous.error.code === 'ambiguous-organisation') {
      expect(ambiguous.error.query).toBe('ziekenhuis');
      expect(ambiguous.error.candidates.map((o) => o.id).sort()).toEqual(['org-ziekenhuis-duinzicht', 'org-ziekenhuis-lindendael']);
    } else throw new Error(`expected ambiguous-organisation, got ${JSON.stringify(ambiguous)}`);
    expect(await channels.unlink(coordinator, C1, 'kraamzorg')).toMatchObject({ ok: false, error: { code: 'ambiguous-organisation' } });
    expect(await audit()).toEqual([]);
  });

  it('unlink without naming the organisation: every link of the channel inactive, with the reason, audited', async () => {
    const { channels, later, coordinator, audit, stored, link } = await setup();
    await link(coordinator, C1, A);
    await link(coordinator, C1, B);
    later(60_000);
    const result = await channels.unlink(coordinator, C1);
    expect(result.ok).toBe(true);
    const after = await stored.channel('slack', 'C1');
    // (the repository lists a channel's links by organisation id: Sint Amandus before Lindendael)
    expect(after.map((l) => [l.organisationId, l.active, l.deactivatedReason, l.deactivatedAt])).toEqual([
      [B, false, 'unlinked by slack:U-COORD', new Date(T0.getTime() + 60_000).toISOString()],
      [A, false, 'unlinked by slack:U-COORD', new Date(T0.getTime() + 60_000).toISOString()],
    ]);
    expect((await audit()).filter((e) => e.action === 'channel.unlink').map((e) => [e.actor, (e.after as { organisationId: string }).organisationId, (e.before as { active: boolean }).active])).toEqual([
      ['slack:U-COORD', B, true],
      ['slack:U-COORD', A, true],
    ]);
    expect(await channels.inChannel(C1)).toEqual({ ok: true, value: [] });
  });

  it('unlink naming one organisation leaves the other link of the channel active', async () => {
    const { channels, coordinator, adminA, stored, link } = await setup();
    await link(coordinator, C1, A);
    await link(coordinator, C1, B);
    expect((await channels.unlink(adminA, C1, A_NAME)).ok).toBe(true);
    expect((await stored.channel('slack', 'C1')).map((l) => [l.organisationId, l.active])).toEqual([[B, true], [A, false]]);
    // Without naming it, the administrator of A would also unlink B: refused.
    expect(await channels.unlink(adminA, C1)).toMatchObject({ ok: false, error: { code: 'forbidden', neededRole: 'administrator', organisationId: B } });
    expect((await stored.channel('slack', 'C1')).map((l) => [l.organisationId, l.active])).toEqual([[B, true], [A, false]]);
  });

  it('unlink where nothing is linked: not-linked (naming the organisation when one was named)', async () => {
    const { channels, coordinator, adminA, link } = await setup();
    expect(await channels.unlink(adminA, C1)).toEqual({ ok: false, error: { code: 'not-linked' } });
    expect(await channels.unlink(adminA, C1, A_NAME)).toEqual({ ok: false, error: { code: 'not-linked', organisationId: A } });
    await link(coordinator, C1, B);
    expect(await channels.unlink(adminA, C1, A_NAME)).toEqual({ ok: false, error: { code: 'not-linked', organisationId: A } });
    // Once unlinked, unlinking again finds nothing.
    expect((await channels.unlink(coordinator, C1)).ok).toBe(true);
    expect(await channels.unlink(coordinator, C1)).toEqual({ ok: false, error: { code: 'not-linked' } });
  });

  it('link again after an unlink: the same link active again', async () => {
    const { channels, later, adminA, audit, stored, link } = await setup();
    const first = await link(adminA, C1, A_NAME);
    await channels.unlink(adminA, C1);
    later(60_000);
    const again = await link(adminA, C1, A_NAME);
    expect(again.alreadyLinked).toBe(false);
    expect(again.link.id).toBe(first.link.id);
    const [row] = await stored.channel('slack', 'C1');
    expect(row).toMatchObject({ active: true, createdAt: new Date(T0.getTime() + 60_000).toISOString() });
    expect(row).not.toHaveProperty('deactivatedAt');
    expect(row).not.toHaveProperty('deactivatedReason');
    expect((await audit()).map((e) => e.action)).toEqual(['channel.link', 'channel.unlink', 'channel.link']);
  });

  it('inChannel lists the active links of this channel with their organisation names; other channels and platforms apart', async () => {
    const { channels, coordinator, link } = await setup();
    await link(coordinator, C1, B);
    await link(coordinator, C1, A);
    await link(coordinator, { platform: 'slack', channelId: 'C2' }, 'org-gtk-westlink');
    await link(coordinator, { platform: 'teams', channelId: 'C1' }, 'org-lev-medicura');
    const listed = await channels.inChannel(C1);
    if (!listed.ok) throw new Error('expected a list');
    expect(listed.value.map((x) => [x.link.organisationId, x.organisation?.name])).toEqual([[B, B_NAME], [A, A_NAME]]);
    const teams = await channels.inChannel({ platform: 'teams', channelId: 'C1' });
    expect(teams.ok && teams.value.map((x) => x.organisation?.name)).toEqual(['Medicura Zorgsystemen']);
  });

  it('one organisation with several channels on both platforms (forOrganisation, oldest first)', async () => {
    const { later, adminA, stored, link } = await setup();
    await link(adminA, C1, A);
    later(1000);
    await link(adminA, { platform: 'teams', channelId: '19:abc@thread.tacv2', teamId: 'team-1', name: 'Meldingen', reference: { serviceUrl: 'https://smba.example' } }, A);
    later(1000);
    await link(adminA, { platform: 'slack', channelId: 'C3', teamId: 'T1' }, A);
    const links = await stored.organisation(A);
    expect(links.map((l) => [l.platform, l.channelId, l.active])).toEqual([
      ['slack', 'C1', true],
      ['teams', '19:abc@thread.tacv2', true],
      ['slack', 'C3', true],
    ]);
    expect(links[1]).toMatchObject({ teamId: 'team-1', name: 'Meldingen', reference: { serviceUrl: 'https://smba.example' } });
    expect(await stored.organisation(B)).toEqual([]);
  });

  it('channelGone by channel id: that channel\'s links inactive, actor platform:slack, the administrators told once per link', async () => {
    const { channels, later, coordinator, notifier, audit, stored, link } = await setup();
    await link(coordinator, C1, A);
    await link(coordinator, C1, B);
    await link(coordinator, { platform: 'slack', channelId: 'C2', teamId: 'T1' }, A);
    await link(coordinator, { platform: 'teams', channelId: 'C1' }, A);
    later(60_000);
    const ended = await channels.channelGone('slack', { channelId: 'C1' }, 'channel_deleted');
    expect(ended.map((l) => [l.organisationId, l.channelId, l.active, l.deactivatedReason])).toEqual([
      [B, 'C1', false, 'channel_deleted'],
      [A, 'C1', false, 'channel_deleted'],
    ]);
    expect((await stored.channel('slack', 'C1')).every((l) => !l.active && l.deactivatedAt === new Date(T0.getTime() + 60_000).toISOString())).toBe(true);
    expect((await stored.channel('slack', 'C2')).map((l) => l.active)).toEqual([true]);
    expect((await stored.channel('teams', 'C1')).map((l) => l.active)).toEqual([true]);
    expect((await audit()).filter((e) => e.action === 'channel.deactivate').map((e) => e.actor)).toEqual(['platform:slack', 'platform:slack']);
    expect(notifier.calls).toEqual([
      { organisationId: B, message: { key: 'channel.gone.notice', params: { channel: 'storingen', platform: 'Slack', organisation: B_NAME } } },
      { organisationId: A, message: { key: 'channel.gone.notice', params: { channel: 'storingen', platform: 'Slack', organisation: A_NAME } } },
    ]);
  });

  it('channelGone by team id: every active link of the workspace inactive, each administrator told once per link', async () => {
    const { channels, coordinator, notifier, audit, stored, link } = await setup();
    await link(coordinator, C1, A);
    await link(coordinator, C1, B);
    await link(coordinator, { platform: 'slack', channelId: 'C2', teamId: 'T1' }, A);
    await link(coordinator, { platform: 'slack', channelId: 'C9', teamId: 'T2' }, A);
    const ended = await channels.channelGone('slack', { channelId: 'C1', teamId: 'T1' }, 'app_uninstalled');
    expect(ended.map((l) => `${l.channelId}/${l.organisationId}`).sort()).toEqual([`C1/${B}`, `C1/${A}`, `C2/${A}`]);
    expect((await stored.channel('slack', 'C9')).map((l) => l.active)).toEqual([true]);
    expect((await audit()).filter((e) => e.action === 'channel.deactivate')).toHaveLength(3);
    expect(notifier.calls).toHaveLength(3);
    expect(notifier.calls.map((c) => `${c.organisationId} ${c.message.key} ${c.message.params?.channel} ${c.message.params?.platform} ${c.message.params?.organisation}`).sort()).toEqual([
      `${A} channel.gone.notice C2 Slack ${A_NAME}`,
      `${A} channel.gone.notice storingen Slack ${A_NAME}`,
      `${B} channel.gone.notice storingen Slack ${B_NAME}`,
    ].sort());
    // Gone twice: nothing more happens.
    expect(await channels.channelGone('slack', { teamId: 'T1' }, 'again')).toEqual([]);
    expect(notifier.calls).toHaveLength(3);
  });

  it('channelGone for a Teams team names the platform "Teams"', async () => {
    const { channels, coordinator, notifier, link } = await setup();
    await link(coordinator, { platform: 'teams', channelId: '19:x@thread.tacv2', teamId: 'team-9' }, B);
    await channels.channelGone('teams', { teamId: 'team-9' }, 'teamDeleted');
    expect(notifier.calls).toEqual([{ organisationId: B, message: { key: 'channel.gone.notice', params: { channel: '19:x@thread.tacv2', platform: 'Teams', organisation: B_NAME } } }]);
  });

  it('channelGone for an unknown channel or team: nothing changes, nobody is told', async () => {
    const { channels, coordinator, notifier, audit, link } = await setup();
    await link(coordinator, C1, A);
    const before = (await audit()).length;
    expect(await channels.channelGone('slack', { channelId: 'C-UNKNOWN' }, 'channel_deleted')).toEqual([]);
    expect(await channels.channelGone('slack', { teamId: 'T-UNKNOWN' }, 'app_uninstalled')).toEqual([]);
    expect(await channels.channelGone('teams', { channelId: 'C1' }, 'channel_deleted')).toEqual([]);
    expect(await channels.channelGone('slack', {}, 'nothing named')).toEqual([]);
    expect(notifier.calls).toEqual([]);
    expect((await audit()).length).toBe(before);
    expect((await channels.inChannel(C1)).ok && (await channels.inChannel(C1))).toMatchObject({ value: [{ link: { active: true } }] });
  });

  it('forOrganisations: the links of many organisations in one go, organisation by organisation in the order asked, each once', async () => {
    const db = await databases.open();
    const repository = new TypeOrmChannelLinkRepository(db.dataSource);
    // More organisations than one statement takes at a time (500), two links each, created out of order.
    const organisations = Array.from({ length: 620 }, (_, i) => `org-bulk-${String(i).padStart(4, '0')}`);
    const links = organisations.flatMap((organisationId, i) => [1, 0].map((n) => ({
      id: `link-${i}-${n}`, organisationId, platform: 'slack' as const, channelId: `C${i}-${n}`, name: `kanaal ${n}`, active: n === 1,
      createdBy: 'test', createdAt: new Date(T0.getTime() + n * 1000 + i).toISOString(),
    })));
    await repository.save(links, []);
    const asked = [...organisations].reverse().concat(organisations[3]!, 'org-unknown');
    const found = await repository.forOrganisations(asked);
    expect(found).toHaveLength(links.length);
    expect(found.map((l) => l.organisationId)).toEqual([...organisations].reverse().flatMap((o) => [o, o]));
    // Within an organisation, oldest first, inactive links included (as forOrganisation does).
    expect(found.slice(0, 2).map((l) => l.id)).toEqual(['link-619-0', 'link-619-1']);
    expect(await repository.forOrganisation(organisations[7]!)).toEqual(found.filter((l) => l.organisationId === organisations[7]));
    expect(await repository.forOrganisations([])).toEqual([]);
  });
});
