/**
 * Fan-out benchmark: ONE notice to N alert channels through the real server, with a crash.
 *
 *   npm run bench:fanout -- --channels 1000 [--teams-share 0.5] [--seed 42] [--kill-at 0.333] [--timeout 300] [--keep]
 *                           [--inject-429 0.05] [--inject-500 0.01]   (diagnosis: --kill-at 0 runs without a crash,
 *                            --inject-429 0 --inject-500 0 without injected failures; --keep keeps the database, logs
 *                            and the fakes' request log in the temp directory)
 *
 * 1. Starts a fake Teams Bot Connector and a fake Slack Web API on 127.0.0.1 (bench/fanout/fake-platforms.ts)
 *    that enforce the published limits (Teams 7/1 s, 8/2 s, 60/30 s per conversation and 50/s per app;
 *    Slack 1/s per channel: 429 + Retry-After) and inject seeded failures (5% 429 Retry-After: 1, 1% 500).
 * 2. Prepares a fresh SQLite file: migrations and N channel links (Teams links with the ConversationReference
 *    the bot would store, serviceUrl = the fake connector) (bench/fanout/prepare-database.ts).
 * 3. Spawns the real server (node --import tsx bot/main.ts, own process group) and, once it answers, publishes
 *    ONE notice to all channels through the project's own Announcer + TypeORM outbox, as an administrator's
 *    announcement reaches a running bot. The clock starts there. When a third of the
 *    channels have been accepted by the fakes it SIGKILLs the process group (inside the fake's request
 *    handler, before the answer is written: the worst moment) and restarts the server at once.
 * 4. Waits until every delivery row is final (sent / dead / uncertain), then prints a summary and ONE
 *    JSON line {"channels","delivered","lost","duplicates","seconds","boundSeconds","ratio"}.
 *
 * delivered  channels whose notice a fake accepted at least once (Teams: an activity carrying the Adaptive
 *            Card; Slack: a chat.postMessage carrying the delivery metadata). Other messages the bot posts into
 *            a channel (e.g. its "Er ging iets mis" turn-error text) are reported separately, never counted.
 * lost       channels whose notice was never accepted
 * duplicates accepted notices beyond one per channel
 * seconds    wall time from the notice's publication (server running) to the last accepted notice, so it
 *            includes the crash and the restart; the summary splits the restart gap out
 * boundSeconds  max((T + F_T) / 50, longest forced Retry-After chain), see bench/fanout/bound.ts:
 *            T Teams channels, F_T the injected failures they meet (all Teams requests use up the
 *            50/s app quota); Slack channels share no limit in this model.
 * ratio      seconds / boundSeconds
 *
 * Exit code 0 when lost = 0, duplicates = 0 and ratio <= 1.1; 1 otherwise.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createDataSource } from '../storage/data-source.ts';
import { TypeOrmOutboxRepository } from '../storage/delivery/typeorm-outbox-repository.ts';
import { boundFor } from './fanout/bound.ts';
import { DEFAULT_RATES, type Rates } from './fanout/failure-plan.ts';
import { probeOutbox } from './fanout/outbox-probe.ts';
import { FakePlatforms, type RequestEvent } from './fanout/fake-platforms.ts';
import { announceNotice, CHANNELS_PER_ORGANISATION, prepareDatabase } from './fanout/prepare-database.ts';
import { freePort, ServerProcess } from './fanout/server-process.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FINAL = new Set(['sent', 'dead', 'uncertain', 'superseded']);
const TARGET_RATIO = 1.1;

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
  },
  strict: true,
});
const N = Number(args.channels);
const teamsShare = Number(args['teams-share']);
const seed = Number(args.seed);
const killFraction = Number(args['kill-at']);
const timeoutMs = Number(args.timeout) * 1000;
const rates: Rates = { throttle: Number(args['inject-429']), error: Number(args['inject-500']) };
if (!(rates.throttle >= 0 && rates.error >= 0 && rates.throttle + rates.error < 1) || !Number.isInteger(N) || N < 1 || !(teamsShare >= 0 && teamsShare <= 1) || !Number.isFinite(seed) || !(killFraction >= 0 && killFraction < 1) || !(timeoutMs > 0)) {
  console.error('usage: npm run bench:fanout -- --channels N [--teams-share 0..1] [--seed n] [--kill-at 0..1 (0 = no crash)] [--timeout s] [--keep]');
  process.exit(2);
}

const say = (line: string) => process.stdout.write(`${line}\n`);
const sec = (ms: number) => (ms / 1000).toFixed(2);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const dir = mkdtempSync(join(tmpdir(), 'ketenbot-fanout-'));
const databaseUrl = `sqlite:${join(dir, 'bench.sqlite')}`;
const servers: ServerProcess[] = [];
let fakes: FakePlatforms | undefined;

async function cleanup(): Promise<void> {
  for (const s of servers) s.kill('SIGKILL');
  await Promise.all(servers.map((s) => Promise.race([s.exited, sleep(3000)])));
  await fakes?.close().catch(() => undefined);
  if (!args.keep) rmSync(dir, { recursive: true, force: true });
  else say(`kept ${dir}`);
}
process.once('SIGINT', () => { void cleanup().finally(() => process.exit(130)); });

async function main(): Promise<number> {
  // --- the fakes, the database, the bound --------------------------------------------------------
  const killAfter = killFraction > 0 ? Math.max(1, Math.ceil(N * killFraction)) : Infinity;
  let killedAt: number | undefined;
  let first: ServerProcess | undefined;
  fakes = new FakePlatforms({
    seed,
    rates,
    onAccepted: () => {
      // Synchronously, before the fake answers: the accepted send never hears back.
      if (killedAt === undefined && first && fakes!.deliveredChannels >= killAfter) {
        killedAt = Date.now();
        first.kill('SIGKILL');
      }
    },
  });
  await fakes.start();
  const prepStarted = Date.now();
  const prepared0 = await prepareDatabase(databaseUrl, { channels: N, teamsShare, teamsServiceUrl: fakes.teamsUrl });
  const bound = boundFor(seed, prepared0.channels, rates);
  say(`fan-out bench: ${N} channels = ${bound.teamsChannels} Teams + ${bound.slackChannels} Slack (alternating in the outbox, ${Math.ceil(N / CHANNELS_PER_ORGANISATION)} organisations of ${CHANNELS_PER_ORGANISATION}), seed ${seed}, injected ${rates.throttle * 100}% 429 + ${rates.error * 100}% 500, ${killFraction > 0 ? `SIGKILL after ${Math.ceil(N * killFraction)} channels` : 'no crash'}`);
  say(`  database ${databaseUrl} prepared in ${sec(Date.now() - prepStarted)} s: ${prepared0.channels.length} channel links`);
  say(`  fakes: Teams ${fakes.teamsUrl}  Slack ${fakes.slackUrl}`);
  say(`  bound: ${bound.formula} = ${bound.seconds.toFixed(2)} s (without injected failures T/50 = ${bound.simpleSeconds.toFixed(2)} s; Slack channels meet ${bound.slackInjectedFailures} injected failures)`);

  const probe = await probeOutbox(`sqlite:${join(dir, 'probe.sqlite')}`, fakes.teamsUrl);
  say(`  outbox latency (separate scratch database, median): due(500) ${probe.dueMs.toFixed(1)} ms, markSending ${probe.markSendingMs.toFixed(2)} ms, markSent ${probe.markSentMs.toFixed(2)} ms per call`);

  // --- run, crash, restart ----------------------------------------------------------------------
  const port = await freePort();
  const env = {
    PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl,
    SLACK_SIGNING_SECRET: 'bench-signing-secret', SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_API_URL: fakes.slackUrl,
    MicrosoftAppId: '', MicrosoftAppPassword: '', LOG_LEVEL: 'warn', DEMO_DATA: 'false', LOCAL_CHAT: 'false',
  };
  const spawnedAt = Date.now();
  first = new ServerProcess(ROOT, port, env);
  servers.push(first);
  while (first.listeningAt === undefined && !first.exit && Date.now() - spawnedAt < 60_000) await sleep(10);
  if (first.listeningAt === undefined) throw new Error(`the server did not start:\n${first.output}`);
  const startupSeconds = (first.listeningAt - spawnedAt) / 1000;
  const prepared = { ...prepared0, ...(await announceNotice(databaseUrl, prepared0.channels)) };
  const t0 = prepared.publishedAt;
  say(`  server 1 answered ${startupSeconds.toFixed(2)} s after its spawn; notice ${prepared.noticeId} published to ${prepared.deliveryRows} delivery rows in ${sec(Date.now() - t0)} s (the clock starts at the Announcer's call)`);
  let second: ServerProcess | undefined;
  void first.exited.then(() => {
    if (killedAt === undefined) return; // it died by itself: reported below
    second = new ServerProcess(ROOT, port, env);
    servers.push(second);
  });

  const db = createDataSource(databaseUrl);
  await db.initialize();
  const statusCounts = async (): Promise<Record<string, number>> => {
    const rows = (await db.query('SELECT status, COUNT(*) AS n FROM delivery WHERE notice_id = ? GROUP BY status', [prepared.noticeId])) as Array<{ status: string; n: number }>;
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  };
  let timedOut = false;
  let crashed = false;
  let finalAt: number | undefined;
  for (;;) {
    await sleep(100);
    if (Date.now() - t0 > timeoutMs) { timedOut = true; break; }
    if (first.exit && killedAt === undefined) { crashed = true; break; } // died on its own
    if (killFraction > 0 && !second) continue; // not killed and restarted yet
    const counts = await statusCounts();
    if (Object.entries(counts).every(([status, n]) => FINAL.has(status) || n === 0)) { finalAt = Date.now(); break; }
  }
  const live = second ?? first;
  const metrics = (await live.get('/metrics'))?.text ?? '';
  const readyz = await live.get('/readyz');
  await live.stop();

  // --- results -----------------------------------------------------------------------------------
  const outbox = new TypeOrmOutboxRepository(db);
  const report = await outbox.report(prepared.noticeId);
  const dbCounts: Record<string, number> = {};
  for (const r of report) for (const [status, n] of Object.entries(r.counts)) dbCounts[status] = (dbCounts[status] ?? 0) + (n ?? 0);
  const rows = (await db.query('SELECT platform, channel_id, status, attempts, last_error, message_id FROM delivery WHERE notice_id = ?', [prepared.noticeId])) as Array<{ platform: string; channel_id: string; status: string; attempts: number; last_error: string | null; message_id: string | null }>;
  await db.destroy();

  const expected = new Set(prepared.channels.map((c) => `${c.platform}:${c.channelId}`));
  // Only the notice counts as delivered: Teams activities with the Adaptive Card, Slack posts with the delivery metadata.
  const notices = fakes.accepted.filter((a) => (a.platform === 'teams' ? a.card : a.key));
  let delivered = 0;
  let duplicates = 0;
  for (const [key, n] of fakes.perChannel) {
    if (expected.has(key)) delivered++;
    duplicates += n - 1;
  }
  const strays = [...fakes.perChannel.keys()].filter((k) => !expected.has(k)).length;
  const lost = N - delivered;
  const lastAcceptance = notices.length ? Math.max(...notices.map((a) => a.at)) : Date.now();
  const seconds = (lastAcceptance - t0) / 1000;
  const ratio = seconds / bound.seconds;

  // Where the time went.
  const noticesBetween = (from: number, to: number, platform?: string) => notices.filter((a) => a.at >= from && a.at <= to && (!platform || a.platform === platform));
  const firstAccept1 = notices[0]?.at;
  say('');
  say('timeline (s after the publication of the notice):');
  say(`  server 1: listening ${sec(startupSeconds * 1000)} s after its spawn (before the clock), first acceptance ${firstAccept1 ? sec(firstAccept1 - t0) : '-'}${killedAt ? `, SIGKILL at ${sec(killedAt - t0)} after ${noticesBetween(t0, killedAt).length} notices accepted` : ''}`);
  let restartGapMs = 0;
  if (second) {
    const s2 = second as ServerProcess;
    const firstAccept2 = notices.find((a) => a.at >= s2.spawnedAt)?.at;
    restartGapMs = (firstAccept2 ?? s2.spawnedAt) - killedAt!;
    say(`  server 2: spawned ${sec(s2.spawnedAt - t0)} (exit of server 1 seen ${sec(s2.spawnedAt - killedAt!)} s after the kill), listening ${s2.listeningAt ? sec(s2.listeningAt - t0) : '-'}, first acceptance ${firstAccept2 ? sec(firstAccept2 - t0) : '-'}`);
    say(`  no deliveries from the kill to the first acceptance of server 2: ${sec(restartGapMs)} s`);
  }
  const lastTeams = notices.filter((a) => a.platform === 'teams').at(-1)?.at;
  const lastSlack = notices.filter((a) => a.platform === 'slack').at(-1)?.at;
  say(`  last acceptance ${sec(lastAcceptance - t0)} (Teams ${lastTeams ? sec(lastTeams - t0) : '-'}, Slack ${lastSlack ? sec(lastSlack - t0) : '-'}), all rows final ${finalAt ? sec(finalAt - t0) : `NOT (timeout ${sec(timeoutMs)})`}`);
  const startupMs = firstAccept1 ? firstAccept1 - t0 : 0; // publication to the first acceptance
  const activeSeconds = seconds - (startupMs + restartGapMs) / 1000;
  say(`  publication to the first acceptance ${sec(startupMs)} s + restart gap ${sec(restartGapMs)} s = ${sec(startupMs + restartGapMs)} s of the ${seconds.toFixed(2)} s; the remaining ${activeSeconds.toFixed(2)} s of sending against the bound: ${(activeSeconds / bound.seconds).toFixed(3)}`);

  say('');
  say('platform side (what the fakes saw):');
  for (const platform of ['teams', 'slack'] as const) {
    const events = fakes.events.filter((e) => e.platform === platform);
    const by = (o: RequestEvent['outcome'], limit?: string) => events.filter((e) => e.outcome === o && (!limit || e.limit === limit)).length;
    const accepted = notices.filter((a) => a.platform === platform);
    const span = accepted.length ? (accepted[accepted.length - 1]!.at - accepted[0]!.at) / 1000 : 0;
    say(`  ${platform}: ${events.length} requests: ${by('accepted')} accepted (${accepted.length} of them the notice), ${by('injected-429')} injected 429, ${by('injected-500')} injected 500, ${by('limit-429')} over the enforced limits (app ${by('limit-429', 'app')}, channel ${by('limit-429', 'channel')}); notice acceptances span ${span.toFixed(2)} s`);
    if (platform === 'teams' && accepted.length) {
      const paths = new Map<string, number>();
      for (const a of fakes.accepted.filter((x) => x.platform === 'teams')) paths.set(`${a.path}${a.card ? ' with the card' : ` with text "${(a.text ?? '').slice(0, 60)}"`}`, (paths.get(`${a.path}${a.card ? ' with the card' : ` with text "${(a.text ?? '').slice(0, 60)}"`}`) ?? 0) + 1);
      say(`    Bot Framework calls accepted: ${[...paths].map(([p, n]) => `${n} ${p}`).join(', ')}`);
      for (const [label, from, to] of [['server 1', firstAccept1 ?? t0, killedAt ?? lastAcceptance], ['server 2', second ? (second as ServerProcess).spawnedAt : Infinity, lastAcceptance]] as const) {
        const teams = noticesBetween(from, to, 'teams');
        if (teams.length < 2) continue;
        const d = (teams[teams.length - 1]!.at - teams[0]!.at) / 1000;
        const admitted = events.filter((e) => e.at >= teams[0]!.at && e.at <= teams[teams.length - 1]!.at && e.outcome !== 'limit-429').length;
        const limited = events.filter((e) => e.at >= teams[0]!.at && e.at <= teams[teams.length - 1]!.at && e.outcome === 'limit-429').length;
        say(`    ${label}: ${teams.length} Teams notices accepted in ${d.toFixed(2)} s = ${(teams.length / d).toFixed(1)}/s; ${admitted} requests admitted (${(admitted / d).toFixed(1)}/s), ${limited} refused over the limits`);
      }
    }
    if (platform === 'teams') {
      // The worker's limiter records the tick's start time for every send it starts in that tick.
      const firstBatch = events.filter((e) => e.at >= t0).slice(0, 50);
      if (firstBatch.length === 50) say(`    the first 50 Teams requests of server 1 arrived over ${firstBatch[49]!.at - firstBatch[0]!.at} ms; ${events.filter((e) => e.outcome === 'limit-429' && e.at < firstBatch[0]!.at + 1000).length} refused over the limits within 1 s of the first request, ${events.filter((e) => e.outcome === 'limit-429' && e.at < firstBatch[0]!.at + 1500).length} within 1.5 s`);
    }
    // How long after an injected 429 (Retry-After: 1) the same channel asked again.
    const gaps: number[] = [];
    for (const e of events.filter((x) => x.outcome === 'injected-429')) {
      const next = events.find((x) => x.channel === e.channel && x.at > e.at);
      if (next) gaps.push(next.at - e.at);
    }
    if (gaps.length) {
      gaps.sort((a, b) => a - b);
      say(`    next request of the channel after an injected 429 (Retry-After: 1): min ${gaps[0]} ms, median ${gaps[Math.floor(gaps.length / 2)]} ms, max ${gaps[gaps.length - 1]} ms (${gaps.filter((g) => g < 1000).length} of ${gaps.length} earlier than 1 s)`);
    }
  }
  const other = [...fakes.otherCalls].map(([k, n]) => `${k} ×${n}`).join(', ');
  if (other) say(`  other calls: ${other}`);
  if (fakes.otherMessages.length) say(`  ${fakes.otherMessages.length} accepted message(s) that are not the notice, in ${new Set(fakes.otherMessages.map((a) => a.channel)).size} channel(s)`);
  if (strays) say(`  ${strays} accepted channel(s) that were never linked!`);

  say('');
  const order = ['sent', 'dead', 'uncertain', 'pending', 'retrying', 'sending', 'superseded'];
  say(`database (outbox report, as \`ketenbot deliveries --json\` reads it): ${order.map((s) => `${s} ${dbCounts[s] ?? 0}`).join(', ')}`);
  const noticeIds = new Map<string, string[]>();
  for (const a of notices) noticeIds.set(`${a.platform}:${a.channel}`, [...(noticeIds.get(`${a.platform}:${a.channel}`) ?? []), a.messageId]);
  const cross = new Map<string, number>();
  let idMismatch = 0;
  let sentWithoutId = 0;
  for (const r of rows) {
    const ids = noticeIds.get(`${r.platform}:${r.channel_id}`);
    const key = `${r.platform} ${r.status} ${ids ? 'delivered' : 'NOT delivered'}`;
    cross.set(key, (cross.get(key) ?? 0) + 1);
    if (r.status === 'sent' && !r.message_id) sentWithoutId++;
    if (r.status === 'sent' && ids && r.message_id && !ids.includes(r.message_id)) idMismatch++;
  }
  say(`  row status vs. the fakes: ${[...cross].sort().map(([k, n]) => `${k} ${n}`).join('; ')}`);
  if (sentWithoutId) say(`  ${sentWithoutId} row(s) marked sent without a message id`);
  if (idMismatch) say(`  ${idMismatch} sent row(s) carry a message id the platform never issued for the notice`);
  if (killedAt !== undefined) {
    // What the platform had seen of each channel left "uncertain" when the process was killed.
    const last = new Map<string, number>();
    for (const r of rows.filter((x) => x.status === 'uncertain')) {
      const e = fakes.events.filter((x) => x.platform === r.platform && x.channel === r.channel_id && x.at <= killedAt!).at(-1);
      const before = e ? killedAt! - e.at : 0;
      const when = before === 0 ? 'at the kill' : before < 100 ? '< 100 ms before the kill' : before < 1000 ? '100-999 ms before the kill' : '>= 1 s before the kill';
      const bucket = e ? `its last request ${e.outcome === 'accepted' ? 'was accepted' : `got ${e.outcome}`} ${when}` : 'no request ever reached the platform';
      last.set(bucket, (last.get(bucket) ?? 0) + 1);
    }
    if (last.size) say(`  uncertain rows, by what the platform saw of their channel before the kill: ${[...last].map(([k, n]) => `${n} × ${k}`).join('; ')}`);
  }
  const errors = new Map<string, number>();
  for (const r of rows.filter((x) => x.status === 'dead' || x.status === 'uncertain')) errors.set(`${r.status}: ${r.last_error ?? ''}`.slice(0, 160), (errors.get(`${r.status}: ${r.last_error ?? ''}`.slice(0, 160)) ?? 0) + 1);
  for (const [e, n] of errors) say(`  ${n} × ${e}`);
  const interesting = metrics.split('\n').filter((l) => l.startsWith('ketenbot_delivery_') && !l.endsWith(' 0') && !l.includes('platform="local"'));
  say(`  server ${servers.length} /metrics (since its start): ${interesting.join(', ') || '-'}; /readyz ${readyz?.status ?? '-'}`);
  if (args.keep) writeFileSync(join(dir, 'fake-events.json'), JSON.stringify({ t0, killedAt, events: fakes.events, accepted: fakes.accepted }));
  servers.forEach((s, i) => {
    if (args.keep) writeFileSync(join(dir, `server-${i + 1}.log`), s.output);
    const lines = s.output.split('\n').filter((l) => l.trim() && !l.includes('DeprecationWarning') && !l.includes('--trace-deprecation'));
    if (!lines.length) return;
    const grouped = new Map<string, number>();
    for (const l of lines) {
      let label = l.slice(0, 120);
      try {
        const j = JSON.parse(l) as { level?: number; msg?: string; err?: { message?: string } };
        label = `level ${j.level} "${j.msg}"${j.err?.message ? ` (${j.err.message.slice(0, 60)})` : ''}`;
      } catch { /* not JSON */ }
      grouped.set(label, (grouped.get(label) ?? 0) + 1);
    }
    say(`  server ${i + 1} logged ${lines.length} line(s): ${[...grouped].map(([k, n]) => `${n} × ${k}`).join('; ')}`);
  });
  if (crashed) say(`  server 1 exited by itself: ${JSON.stringify(first.exit)}`);

  const met = lost === 0 && duplicates === 0 && ratio <= TARGET_RATIO && !timedOut && !crashed;
  say('');
  say(`summary: ${delivered}/${N} channels delivered, ${lost} lost, ${duplicates} duplicate(s); ${seconds.toFixed(2)} s against a bound of ${bound.seconds.toFixed(2)} s (ratio ${ratio.toFixed(3)}, target <= ${TARGET_RATIO}); database: ${dbCounts.uncertain ?? 0} uncertain, ${dbCounts.dead ?? 0} dead${timedOut ? '; TIMED OUT' : ''} -> ${met ? 'targets met' : 'targets MISSED'}`);
  say(JSON.stringify({ channels: N, delivered, lost, duplicates, seconds: round(seconds), boundSeconds: round(bound.seconds), ratio: round(ratio, 3) }));
  return met ? 0 : 1;
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error('fan-out bench failed:', error);
  for (const s of servers) console.error(`server ${s.pid} output (tail):\n${s.output.slice(-2000)}`);
} finally {
  await cleanup();
}
process.exit(code);
