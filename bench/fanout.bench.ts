/**
 * Fan-out benchmark: ONE notice to N alert channels through the real server(s), with a crash or an outage.
 *
 *   npm run bench:fanout -- --channels 1000 [--teams-share 0.5] [--seed 42] [--kill-at 0.333] [--timeout 300] [--keep]
 *                           [--inject-429 0.05] [--inject-500 0.01]
 *                           [--instances N] [--kill-one] [--db-outage SECONDS] [--postgres] [--postgres-url URL]
 *
 * Modes (the moment of the kill / outage: when --kill-at, a third, of the channels were accepted; 0 = never):
 *  - default: ONE server on SQLite, SIGKILLed and restarted at once (as before).
 *  - --instances N [--kill-one]: N servers (own PORTs, one DATABASE_URL) on a fresh database on the
 *    machine's Postgres (--postgres-url, default postgres://postgres@127.0.0.1:5432; dropped at the end
 *    unless --keep). --kill-one SIGKILLs the SENDING instance (leader gauge, else most sends; see
 *    bench/fanout/instances.ts) and does NOT restart it: the others must take over.
 *  - --db-outage S: a private Postgres cluster (bench/fanout/postgres-cluster.ts) that is stopped
 *    (`pg_ctl stop -m fast`) at that moment and started again S seconds later. No server is killed
 *    unless --kill-one is given too. --postgres runs the single-instance mode on Postgres.
 *
 * 1. Fake Teams Bot Connector and Slack Web API on 127.0.0.1 (bench/fanout/fake-platforms.ts) enforce the
 *    published limits (Teams 7/1 s, 8/2 s, 60/30 s per conversation, 50/s per app; Slack 1/s per channel:
 *    429 + Retry-After) and inject seeded failures (5% 429 Retry-After: 1, 1% 500).
 * 2. A fresh database: migrations and N channel links (bench/fanout/prepare-database.ts).
 * 3. The servers (node bin/start.mjs, the build, as `npm start` runs it; own process groups); once all answer, ONE notice is
 *    published through the project's Announcer + TypeORM outbox. The clock starts there. The kill happens
 *    inside the fake's request handler, before the answer is written: the worst moment.
 * 4. Waits until every delivery row is final (sent / dead / uncertain / superseded; 'sending' is not, also
 *    after the outage) and, in the outage mode, the cluster is back; then prints the diagnosis and ONE
 *    JSON line {"channels","delivered","lost","duplicates","overLimit","seconds","boundSeconds","ratio","repeated"}.
 *
 * delivered  channels whose notice a fake accepted at least once (Teams: an activity carrying the Adaptive
 *            Card; Slack: a chat.postMessage carrying the delivery metadata); other messages are reported apart.
 * lost       channels whose notice was never accepted
 * repeated   extra acceptances of the notice in a channel that carry the product's mark "possibly repeated"
 *            (Teams: a card element with "id": "possibly-repeated"; Slack: metadata.event_payload.possibly_repeated
 *            === true): a resend after a crash the product could not check, announced to the reader
 * duplicates extra acceptances WITHOUT that mark: silent duplicates (bench/fanout/tally.ts)
 * overLimit  requests the fakes refused for exceeding the ENFORCED limits (not the injected 429s)
 * seconds    publication to the last accepted notice (includes the kill, the takeover or restart, the outage)
 * boundSeconds  max((T + F_T) / 50, longest forced Retry-After chain) (bench/fanout/bound.ts); the same for
 *            N instances: the app-wide Teams limit is shared. In the outage mode plus the time the database
 *            was away (from the stop request until it accepted connections again, as measured): nothing
 *            can be claimed or recorded without it, so no client could do better.
 * ratio      seconds / boundSeconds
 *
 * Exit code 0 when lost = 0, duplicates = 0, overLimit = 0 and ratio <= 1.1 (one instance) or 1.15 (several
 * instances, database outage); 1 otherwise, naming the targets missed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../storage/data-source.ts';
import { TypeOrmOutboxRepository } from '../storage/delivery/typeorm-outbox-repository.ts';
import { type BenchDatabase, openBenchDatabase, sql } from './fanout/bench-database.ts';
import { boundFor } from './fanout/bound.ts';
import { DEFAULT_RATES, type Rates } from './fanout/failure-plan.ts';
import { FakePlatforms } from './fanout/fake-platforms.ts';
import { type Instance, Instances } from './fanout/instances.ts';
import { probeOutbox } from './fanout/outbox-probe.ts';
import { announceNotice, CHANNELS_PER_ORGANISATION, prepareDatabase } from './fanout/prepare-database.ts';
import { type DeliveryRow, type Outage, printDatabase, printPlatformSide, printServers, printTimeline, type RunFacts } from './fanout/report.ts';
import { tally } from './fanout/tally.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FINAL = new Set(['sent', 'dead', 'uncertain', 'superseded']);

const { values: args } = parseArgs({
  options: {
    channels: { type: 'string', default: '1000' },
    'teams-share': { type: 'string', default: '0.5' },
    seed: { type: 'string', default: '42' },
    'kill-at': { type: 'string', default: String(1 / 3) },
    timeout: { type: 'string', default: '300' },
    keep: { type: 'boolean', default: false },
    'inject-429': { type: 'string', default: String(DEFAULT_RATES.throttle) },
    'inject-500': { type: 'string', default: String(DEFAULT_RATES.error) },
    instances: { type: 'string', default: '1' },
    'kill-one': { type: 'boolean', default: false },
    'db-outage': { type: 'string' },
    postgres: { type: 'boolean', default: false },
    'postgres-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432' },
  },
  strict: true,
});
const N = Number(args.channels);
const teamsShare = Number(args['teams-share']);
const seed = Number(args.seed);
const triggerFraction = Number(args['kill-at']);
const timeoutMs = Number(args.timeout) * 1000;
const rates: Rates = { throttle: Number(args['inject-429']), error: Number(args['inject-500']) };
const instanceCount = Number(args.instances);
const outageSeconds = args['db-outage'] === undefined ? undefined : Number(args['db-outage']);
if (!(rates.throttle >= 0 && rates.error >= 0 && rates.throttle + rates.error < 1) || !Number.isInteger(N) || N < 1 || !(teamsShare >= 0 && teamsShare <= 1) || !Number.isFinite(seed) || !(triggerFraction >= 0 && triggerFraction < 1) || !(timeoutMs > 0)
  || !Number.isInteger(instanceCount) || instanceCount < 1 || (outageSeconds !== undefined && !(outageSeconds >= 0))) {
  console.error('usage: npm run bench:fanout -- --channels N [--teams-share 0..1] [--seed n] [--kill-at 0..1 (0 = no crash/outage)] [--timeout s] [--keep] [--instances N] [--kill-one] [--db-outage s] [--postgres] [--postgres-url url]');
  process.exit(2);
}
const triggers = triggerFraction > 0;
/** kill-one: the sender, not restarted; kill-restart: the single instance, restarted at once (the original mode). */
const killMode = !triggers ? 'none' : args['kill-one'] ? 'kill-one' : instanceCount === 1 && outageSeconds === undefined ? 'kill-restart' : 'none';
const outagePlanned = triggers && outageSeconds !== undefined;
const dbKind = outageSeconds !== undefined ? 'private-postgres' : instanceCount > 1 || args.postgres ? 'postgres' : 'sqlite';
const TARGET_RATIO = instanceCount > 1 || outageSeconds !== undefined ? 1.15 : 1.1;

const say = (line: string) => process.stdout.write(`${line}\n`);
const sec = (ms: number) => (ms / 1000).toFixed(2);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const dir = mkdtempSync(join(tmpdir(), 'ketenbot-fanout-'));
let bench: BenchDatabase | undefined;
let fakes: FakePlatforms | undefined;
let db: DataSource | undefined;
const instances = new Instances(ROOT, (port, label) => ({
  PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: bench!.url,
  SLACK_SIGNING_SECRET: 'bench-signing-secret', SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_API_URL: fakes!.slackUrl.replace(/\/api\/$/, `/from/${label.replace(' ', '-')}/api/`),
  MicrosoftAppId: '', MicrosoftAppPassword: '', LOG_LEVEL: 'warn', DEMO_DATA: 'false', LOCAL_CHAT: 'false',
}));

let cleaned = false;
async function cleanup(): Promise<void> {
  if (cleaned) return;
  cleaned = true;
  await instances.stopPolling();
  for (const x of instances.all) x.server.kill('SIGKILL');
  await Promise.all(instances.all.map((x) => Promise.race([x.server.exited, sleep(3000)])));
  await db?.destroy().catch(() => undefined);
  await fakes?.close().catch(() => undefined);
  const kept = await bench?.cleanup(args.keep).catch((e: Error) => `database cleanup failed: ${e.message}`);
  if (kept) say(kept);
  if (!args.keep) rmSync(dir, { recursive: true, force: true });
  else say(`kept ${dir}`);
}
process.once('SIGINT', () => { void cleanup().finally(() => process.exit(130)); });

async function main(): Promise<number> {
  // --- the fakes, the database, the bound --------------------------------------------------------
  const triggerAfter = triggers ? Math.max(1, Math.ceil(N * triggerFraction)) : Infinity;
  let triggeredAt: number | undefined;
  let killed: { instance: Instance; reason: string } | undefined;
  let restarted: Instance | undefined;
  let outage: Outage | undefined;
  let outageDone = false;
  const runOutage = async (o: Outage) => {
    try {
      await bench!.cluster!.stop();
      o.stoppedAt = Date.now();
      await sleep(outageSeconds! * 1000);
      o.startAskedAt = Date.now();
      await bench!.cluster!.start();
      o.backAt = Date.now();
    } catch (error) {
      o.error = (error as Error).message;
    } finally {
      outageDone = true;
    }
  };
  fakes = new FakePlatforms({
    seed,
    rates,
    // Each server gets its own Slack API URL (/from/server-k/api/): Slack requests name their sender.
    whoIs: (req) => /^\/from\/([^/]+)\//.exec(req.url ?? '')?.[1]?.replace('-', ' '),
    onAccepted: () => {
      // Synchronously, before the fake answers: an accepted send of the killed instance never hears back.
      if (triggeredAt !== undefined || instances.all.length === 0 || fakes!.deliveredChannels < triggerAfter) return;
      triggeredAt = Date.now();
      if (killMode === 'kill-one') killed = instances.killSender();
      if (killMode === 'kill-restart') {
        const victim = instances.all[0]!;
        instances.kill(victim);
        killed = { instance: victim, reason: 'it is the only instance' };
        void victim.server.exited.then(() => { restarted = instances.restart(victim); });
      }
      if (outagePlanned) void runOutage(outage = { stopAskedAt: Date.now() });
    },
  });
  await fakes.start();
  const prepStarted = Date.now();
  bench = await openBenchDatabase(dbKind, dir, args['postgres-url']);
  const prepared0 = await prepareDatabase(bench.url, { channels: N, teamsShare, teamsServiceUrl: fakes.teamsUrl });
  const bound = boundFor(seed, prepared0.channels, rates);
  const plan = [
    `${instanceCount} instance(s) on ${dbKind}`,
    killMode === 'kill-one' ? `SIGKILL of the sending instance (not restarted) after ${triggerAfter} channels` : killMode === 'kill-restart' ? `SIGKILL + restart after ${triggerAfter} channels` : 'no kill',
    ...(outagePlanned ? [`database outage of ${outageSeconds} s after ${triggerAfter} channels`] : []),
  ].join(', ');
  say(`fan-out bench: ${N} channels = ${bound.teamsChannels} Teams + ${bound.slackChannels} Slack (alternating in the outbox, ${Math.ceil(N / CHANNELS_PER_ORGANISATION)} organisations of ${CHANNELS_PER_ORGANISATION}), seed ${seed}, injected ${rates.throttle * 100}% 429 + ${rates.error * 100}% 500; ${plan}`);
  say(`  database ${bench.url}${bench.cluster ? ` (private cluster ${bench.cluster.dir}, ${bench.cluster.bin})` : ''} prepared in ${sec(Date.now() - prepStarted)} s: ${prepared0.channels.length} channel links`);
  say(`  fakes: Teams ${fakes.teamsUrl}  Slack ${fakes.slackUrl}; machine: ${availableParallelism()} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (other work on the machine inflates the seconds)`);
  say(`  bound: ${bound.formula} = ${bound.seconds.toFixed(2)} s (without injected failures T/50 = ${bound.simpleSeconds.toFixed(2)} s; Slack channels meet ${bound.slackInjectedFailures} injected failures)`);
  const probe = await probeOutbox(bench.probeUrl, fakes.teamsUrl);
  say(`  outbox latency (separate scratch database, median): due(500) ${probe.dueMs.toFixed(1)} ms, markSending ${probe.markSendingMs.toFixed(2)} ms, markSent ${probe.markSentMs.toFixed(2)} ms per call`);

  // --- run --------------------------------------------------------------------------------------
  await instances.spawn(instanceCount);
  const startupSeconds = instances.all.map((x) => (x.server.listeningAt! - x.server.spawnedAt) / 1000);
  instances.startPolling(250);
  const prepared = { ...prepared0, ...(await announceNotice(bench.url, prepared0.channels)) };
  const t0 = prepared.publishedAt;
  say(`  ${instanceCount} server(s) answered ${startupSeconds.map((s) => s.toFixed(2)).join(', ')} s after their spawn; notice ${prepared.noticeId} published to ${prepared.deliveryRows} delivery rows in ${sec(Date.now() - t0)} s (the clock starts at the Announcer's call)`);

  db = createDataSource(bench.url);
  await db.initialize();
  const statusCounts = async (): Promise<Record<string, number>> => {
    const rows = (await db!.query(sql(db!, 'SELECT status, COUNT(*) AS n FROM delivery WHERE notice_id = ? GROUP BY status'), [prepared.noticeId])) as Array<{ status: string; n: number }>;
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  };
  let timedOut = false;
  let finalAt: number | undefined;
  for (;;) {
    await sleep(100);
    if (Date.now() - t0 > timeoutMs) { timedOut = true; break; }
    if (instances.crashed.length && !instances.live.length) break; // every instance is gone, one by itself
    if (killMode === 'kill-restart' && triggers && !restarted) continue; // not killed and restarted yet
    if (killMode === 'kill-one' && !killed) continue;
    if (outagePlanned && !outageDone) continue; // the cluster is not back yet
    const counts = await statusCounts().catch(() => undefined); // the database may still be waking up
    if (counts && Object.entries(counts).every(([status, n]) => FINAL.has(status) || n === 0)) { finalAt = Date.now(); break; }
  }
  while (outage && !outageDone) await sleep(100); // the results come from the database: wait until it is back
  await instances.stopPolling();
  await instances.refresh();
  const endState = await Promise.all(instances.live.map(async (x) => ({ label: x.label, metrics: x.metrics, readyz: (await x.server.get('/readyz'))?.status })));
  await instances.stopAll();

  // --- results -----------------------------------------------------------------------------------
  const report = await new TypeOrmOutboxRepository(db).report(prepared.noticeId);
  const dbCounts: Record<string, number> = {};
  for (const r of report) for (const [status, n] of Object.entries(r.counts)) dbCounts[status] = (dbCounts[status] ?? 0) + (n ?? 0);
  const rows = (await db.query(sql(db, 'SELECT platform, channel_id, status, attempts, last_error, message_id FROM delivery WHERE notice_id = ?'), [prepared.noticeId])) as DeliveryRow[];
  await db.destroy();
  db = undefined;

  const t = tally(fakes, new Set(prepared.channels.map((c) => `${c.platform}:${c.channelId}`)));
  const seconds = (t.lastAcceptance - t0) / 1000;
  // Nothing can be claimed while the database is away: the outage adds to the least time possible.
  const awaySeconds = outage?.backAt !== undefined ? (outage.backAt - outage.stopAskedAt) / 1000 : 0;
  const boundSeconds = bound.seconds + awaySeconds;
  const ratio = seconds / boundSeconds;
  const facts: RunFacts = {
    t0, startupSeconds, bound, fakes, tally: t, instances, rows, dbCounts, endState,
    stopReason: timedOut ? `timeout ${sec(timeoutMs)} s` : 'stopped waiting: no instance left alive',
    ...(triggeredAt !== undefined ? { triggeredAt } : {}), ...(killed ? { killed } : {}), ...(restarted ? { restarted } : {}),
    ...(outage ? { outage } : {}), ...(finalAt !== undefined ? { finalAt } : {}), ...(bench.cluster ? { clusterLog: bench.cluster.log } : {}),
  };
  const pausedMs = printTimeline(facts, say);
  printPlatformSide(facts, say);
  printDatabase(facts, say);
  printServers(facts, say);
  if (args.keep) {
    writeFileSync(join(dir, 'fake-events.json'), JSON.stringify({ t0, triggeredAt, events: fakes.events, accepted: fakes.accepted }));
    for (const x of instances.all) writeFileSync(join(dir, `${x.label.replace(' ', '-')}.log`), x.server.output);
  }

  const crashed = instances.crashed;
  const missed = [
    ...(t.lost ? [`lost ${t.lost} > 0`] : []),
    ...(t.duplicates ? [`duplicates ${t.duplicates} > 0`] : []),
    ...(t.overLimit ? [`overLimit ${t.overLimit} > 0`] : []),
    ...(ratio > TARGET_RATIO ? [`ratio ${ratio.toFixed(3)} > ${TARGET_RATIO}`] : []),
    ...(timedOut ? ['timed out'] : []),
    ...(crashed.length ? [`${crashed.map((x) => x.label).join(', ')} exited by itself`] : []),
    ...(outage?.error ? ['the outage did not run as planned'] : []),
  ];
  say('');
  say(`summary: ${t.delivered}/${N} channels delivered, ${t.lost} lost, ${t.duplicates} silent duplicate(s), ${t.repeated} marked repeat(s), ${t.overLimit} request(s) over the enforced limits; ${seconds.toFixed(2)} s against a bound of ${boundSeconds.toFixed(2)} s${awaySeconds ? ` (${bound.seconds.toFixed(2)} s + ${awaySeconds.toFixed(2)} s without a database)` : ''} (ratio ${ratio.toFixed(3)}, target <= ${TARGET_RATIO}; without startup and kill/outage gaps ${((seconds - pausedMs / 1000) / bound.seconds).toFixed(3)} of ${bound.seconds.toFixed(2)} s); database: ${dbCounts.uncertain ?? 0} uncertain, ${dbCounts.dead ?? 0} dead${timedOut ? '; TIMED OUT' : ''} -> ${missed.length ? `targets MISSED: ${missed.join(', ')}` : 'targets met'}`);
  say(`load average at the end ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  say(JSON.stringify({ channels: N, delivered: t.delivered, lost: t.lost, duplicates: t.duplicates, overLimit: t.overLimit, seconds: round(seconds), boundSeconds: round(boundSeconds), ratio: round(ratio, 3), repeated: t.repeated }));
  return missed.length ? 1 : 0;
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error('fan-out bench failed:', error);
  for (const x of instances.all) console.error(`${x.label} (pid ${x.server.pid}) output (tail):\n${x.server.output.slice(-2000)}`);
} finally {
  await cleanup();
}
process.exit(code);
