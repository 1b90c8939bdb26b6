import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeServices } from '../../bot/compose-services.ts';
import { createLogger } from '../../bot/logger.ts';
import { importDirectory } from '../../core/domain/directory/import-directory.ts';
import { TypeOrmChannelLinkRepository } from '../../storage/access/typeorm-channel-link-repository.ts';
import { migrate, openDatabase } from '../../storage/data-source.ts';
import { ShiftedClock, sleep } from '../support/chain-e2e.ts';
import { channelLink, person, SAMPLE_DIRECTORY, succeeded } from '../support/chain-services.ts';
import { postgresUrl } from '../support/databases.ts';
import { startFakeSlackDelivery, type FakeSlackDelivery } from '../support/fake-delivery-platforms.ts';
import { startOutboxBot, type OutboxBot } from '../support/outbox-bot.ts';

/**
 * Two instances on one Postgres database run each clock job once (issue 17): two real bots in this
 * process on a fresh database of their own, one shared controllable clock, their Slack against one
 * fake that keeps what every channel shows. It proves that
 *  1. exactly one of them leads (/metrics: one `ketenbot_delivery_leader 1`, the other 0);
 *  2. with both running and the clock jobs every 200 ms, a maintenance window's 1-hour reminder,
 *     start and an incident reminder each appear once in their channel (thread note) and in the
 *     audit log (so do 30 more windows and incidents in no channel), and a due daily digest is
 *     posted once, even after ~15 more rounds (3 s); with the clock jobs on both instances and the
 *     optimistic updated_at checks removed, the audit counts fail (tried: every run);
 *  3. when the leader closes, the other leads within ~3 s and the next clock job (the
 *     maintenance end) happens once, on it.
 * The clock is a ShiftedClock (real time plus an offset the test moves), not a frozen ManualClock:
 * the delivery worker paces Slack per channel (1 send/s) by the bot's clock, so a frozen clock
 * would hold every second send in a channel.
 */

const database = `ketenbot_clock_${randomBytes(4).toString('hex')}`;
const url = postgresUrl().replace(/\/[^/]*$/, `/${database}`);
const MINUTE = 60_000;
/** Saturday 17 January 2026, 07:50 in Amsterdam: Twiin's desk is open 24x7, the daily digest is due from 08:00. */
const T0 = Date.parse('2026-01-17T07:50:00+01:00');

const RIVIERENNET = 'org-gtk-rivierennet';
const TWIIN = 'org-twiin-ketenregie';
const WESTLINK = 'org-gtk-westlink';
const MEANDER = 'org-vp-de-meander';
const LINDENDAEL = 'org-ziekenhuis-lindendael';
const MEDICURA = 'org-lev-medicura';
/** The maintenance (app-rivierennet) goes to RivierenNet; the chain incident's reminder to Twiin (its coordinator); WestLink gets a daily digest. */
const C_MNT = 'C-MNT';
const C_INC = 'C-INC';
const C_DIGEST = 'C-DIGEST';

/**
 * Besides the linked window and incident, this many more of each in no linked channel (Medicura EPD
 * windows; Lindendael's own incidents, its desk open 24x7), counted in the audit log: they make one
 * round of the clock jobs last longer than the 200 ms between rounds, so two instances running the
 * jobs at once would work on the same windows at the same time.
 */
const EXTRA = 30;

const clock = new ShiftedClock();
let slack: FakeSlackDelivery;
let seed: Awaited<ReturnType<typeof openDatabase>> | undefined;
const bots: OutboxBot[] = [];
let maintenanceId = '';
let incidentId = '';
const maintenanceIds: string[] = [];
const incidentIds: string[] = [];

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const sql = async <T>(text: string, params: unknown[] = []): Promise<T[]> => (await seed!.query(text, params)) as T[];
/** How often the audit log records this action, per subject (one entry per clock job that really ran). */
const audited = async (action: string): Promise<Record<string, number>> =>
  Object.fromEntries((await sql<{ id: string; n: string }>('SELECT subject_id AS id, COUNT(*) AS n FROM audit_log WHERE action = $1 GROUP BY subject_id', [action])).map((r) => [r.id, Number(r.n)]));
/** Each of these subjects exactly once. */
const once = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, 1]));
/** Thread notes in a channel with exactly this text. */
const notes = (channel: string, text: string) => slack.messages(channel).filter((m) => m.thread_ts && m.text === text);
/** Top-level digest posts in a channel (their outbox key starts with the period-derived notice id "dg-…"). */
const digests = (channel: string) => slack.messages(channel).filter((m) => !m.thread_ts && String(m.metadata?.event_payload?.key ?? '').startsWith('dg-'));

async function leaderFlags(): Promise<number[]> {
  return Promise.all(bots.map(async (b) => {
    const text = await (await fetch(`${b.url}/metrics`)).text();
    const flag = /^ketenbot_delivery_leader (\d)$/m.exec(text)?.[1];
    if (flag === undefined) throw new Error(`no ketenbot_delivery_leader in /metrics of ${b.url}:\n${text}`);
    return Number(flag);
  }));
}

async function until(what: string, ok: () => boolean | Promise<boolean>, ms = 10_000): Promise<number> {
  const started = Date.now();
  while (!(await ok())) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms: ${what}`);
    await sleep(50);
  }
  return Date.now() - started;
}

/** Long enough for a second copy to appear: 3 s of real time, ~15 rounds of the clock jobs at 200 ms. */
const QUIET_MS = 3000;

beforeAll(async () => {
  // Fails loudly when the Postgres server of the suite (127.0.0.1:5432) is not there.
  await adminQuery(`CREATE DATABASE ${database}`);
  slack = await startFakeSlackDelivery();
  clock.jumpTo(T0);

  // What the clock jobs act on, stored before the instances start, as an earlier instance would have.
  seed = await openDatabase(url);
  await migrate(seed);
  const services = composeServices(seed, clock, createLogger('silent', false));
  const imported = await importDirectory(services.directory, SAMPLE_DIRECTORY, { replace: true, actor: 'test', now: clock.now() });
  if ('problems' in imported) throw new Error(JSON.stringify(imported.problems));
  const link = (id: string, org: string, channel: string) => ({ ...channelLink(id, org, 'slack', channel), teamId: 'T1' });
  await new TypeOrmChannelLinkRepository(seed).save([link('l-mnt', RIVIERENNET, C_MNT), link('l-inc', TWIIN, C_INC), link('l-digest', WESTLINK, C_DIGEST)], []);
  await services.digestSettings.setFrequency('l-digest', 'daily', 'test', clock.now().toISOString());

  // Windows from 08:00 to 08:30; the first on RivierenNet's platform (its channel), the others on the Medicura EPD (no channel).
  const admin = (org: string) => person('slack', `U-${org}`, `Beheerder ${org}`, [org], [{ role: 'administrator', organisationId: org }]);
  for (let i = 0; i <= EXTRA; i++) {
    maintenanceIds.push(succeeded(await services.maintenance.schedule(admin(i ? MEDICURA : RIVIERENNET), {
      applicationIds: [i ? 'app-medicura-epd' : 'app-rivierennet'], startsAt: new Date(T0 + 10 * MINUTE).toISOString(), endsAt: new Date(T0 + 40 * MINUTE).toISOString(),
      impact: 'degraded', description: 'Upgrade van de koppelserver naar versie 5.0; berichten worden daarna alsnog afgeleverd.', contact: 'Servicedesk, 030 123 4567',
    })).id);
  }
  maintenanceId = maintenanceIds[0]!;
  // Incidents filed at 07:50, reminded at 08:20 when nobody takes them. The first: two providers, two
  // applications, so Twiin coordinates (its channel); the others: Lindendael's own (local, no channel).
  const reporter = (org: string) => person('slack', `U-${org}`, `Melder ${org}`, [org], [{ role: 'care-professional', organisationId: org }]);
  for (let i = 0; i <= EXTRA; i++) {
    const org = i ? LINDENDAEL : MEANDER;
    incidentIds.push(succeeded(await services.incidents.file(reporter(org), org, {
      title: 'Overdracht komt niet aan', description: 'Sinds vanochtend komen overdrachten niet aan bij de ontvanger.',
      applicationIds: i ? ['app-medicura-epd'] : ['app-rivierennet', 'app-vroedsoft-xis'], organisationIds: i ? [LINDENDAEL] : [MEANDER, 'org-vp-waaloever'],
      impact: 'degraded', startedAt: new Date(T0 - 30 * MINUTE).toISOString(), possibleDataLeak: false,
    })).id);
  }
  incidentId = incidentIds[0]!;

  for (let i = 0; i < 2; i++) bots.push(await startOutboxBot({ databaseUrl: url, clock, env: { CLOCK_INTERVAL_MS: '200' }, slackApiUrl: slack.apiUrl }));
}, 60_000);

afterAll(async () => {
  for (const b of bots) await b.stop().catch(() => undefined);
  await seed?.destroy();
  await slack?.close();
  await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
}, 30_000);

describe('two instances on one Postgres database', () => {
  it('exactly one of them leads', async () => {
    // Give the follower a few of its polls (500 ms) to try for the lock too.
    await sleep(1500);
    expect((await leaderFlags()).sort()).toEqual([0, 1]);
  });

  it('each clock job happens once: maintenance reminder and start, incident reminder, daily digest', async () => {
    const reminder = `${maintenanceId}: herinnering: begint binnen het uur`;
    const started = `${maintenanceId}: het onderhoud is begonnen`;
    const reminded = `${incidentId}: nog niet opgepakt: wie pakt dit op?`;

    // 07:50, the window starts at 08:00: the 1-hour reminder at once; no digest yet, no start.
    await until('the 1-hour reminder in the maintenance channel', () => slack.messages(C_MNT).some((m) => m.thread_ts && m.text?.startsWith(reminder)));
    await sleep(QUIET_MS);
    expect(slack.messages(C_MNT).filter((m) => m.thread_ts && m.text?.startsWith(reminder))).toHaveLength(1);
    expect(await audited('maintenance.reminder-1h')).toEqual(once(maintenanceIds));
    expect(notes(C_MNT, started)).toHaveLength(0);
    expect(digests(C_DIGEST)).toHaveLength(0);

    // 08:01: the window has started, and Friday's daily digest is due.
    clock.jumpTo(T0 + 11 * MINUTE);
    await until('the start note and the digest', () => notes(C_MNT, started).length > 0 && digests(C_DIGEST).length > 0);
    await sleep(QUIET_MS);
    expect(notes(C_MNT, started)).toHaveLength(1);
    expect(await audited('maintenance.started')).toEqual(once(maintenanceIds));
    expect(digests(C_DIGEST)).toHaveLength(1);
    expect((await sql<{ n: string }>("SELECT COUNT(*) AS n FROM notice WHERE kind = 'report'"))[0]!.n).toBe('1');
    expect(notes(C_INC, reminded)).toHaveLength(0);

    // 08:21: nobody took the incident filed at 07:50: Twiin's channel is reminded, once.
    clock.jumpTo(T0 + 31 * MINUTE);
    await until('the incident reminder', () => notes(C_INC, reminded).length > 0);
    await sleep(QUIET_MS);
    expect(notes(C_INC, reminded)).toHaveLength(1);
    expect(await audited('incident.reminded')).toEqual(once(incidentIds));
    // Nothing else doubled meanwhile.
    expect(notes(C_MNT, started)).toHaveLength(1);
    expect(digests(C_DIGEST)).toHaveLength(1);
  }, 60_000);

  it('the leader stops: the other leads within ~3 s, and the maintenance end happens once, on it', async () => {
    const flags = await leaderFlags();
    const leader = bots[flags.indexOf(1)]!;
    const follower = bots[flags.indexOf(0)]!;
    const changesBefore = Number(/^ketenbot_delivery_leader_changes_total (\d+)$/m.exec(await (await fetch(`${follower.url}/metrics`)).text())?.[1]);
    await leader.stop();
    bots.splice(bots.indexOf(leader), 1);
    const tookMs = await until('the follower leads', async () => (await leaderFlags())[0] === 1, 3500);
    const metrics = await (await fetch(`${follower.url}/metrics`)).text();
    expect(Number(/^ketenbot_delivery_leader_changes_total (\d+)$/m.exec(metrics)?.[1])).toBe(changesBefore + 1);
    expect(tookMs).toBeLessThan(3500);

    // 08:31: the window has ended: only the new leader runs the clock jobs now.
    const ended = `${maintenanceId}: het onderhoud is afgerond`;
    expect(notes(C_MNT, ended)).toHaveLength(0);
    clock.jumpTo(T0 + 41 * MINUTE);
    await until('the end note', () => notes(C_MNT, ended).length > 0);
    await sleep(QUIET_MS);
    expect(notes(C_MNT, ended)).toHaveLength(1);
    expect(await audited('maintenance.ended')).toEqual(once(maintenanceIds));
    expect(await sql('SELECT status, COUNT(*)::int AS n FROM maintenance GROUP BY status')).toEqual([{ status: 'done', n: EXTRA + 1 }]);
    // Everything before the handover still once.
    expect(notes(C_MNT, `${maintenanceId}: het onderhoud is begonnen`)).toHaveLength(1);
    expect(digests(C_DIGEST)).toHaveLength(1);
  }, 60_000);
});
