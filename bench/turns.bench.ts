/**
 * Chat-turn benchmark (`npm run bench:turns`): Ketenbot against a bare botbuilder echo bot, in the same run.
 *
 * Both run as real processes: Ketenbot as `npm start` runs it (KETENBOT_COMMAND in bench/turns/servers.ts;
 * unauthenticated, LOCAL_CHAT=false, LOG_LEVEL=warn), the echo bot (bench/turns/echo-bot.mjs: restify +
 * CloudAdapter, replying with the text it got). Both post their replies to the same connector fake in this
 * process (the activity's serviceUrl). For each database (a fresh SQLite file; a fresh Postgres database
 * created on postgres://postgres@127.0.0.1:5432 and dropped at the end):
 * - /readyz: seconds from spawn to the first 200, first on the empty database with DEMO_DATA=true (loads the
 *   demo data), then after a restart on that existing database (DEMO_DATA=false; the server then measured);
 * - RSS (VmRSS of the serving node process, the tsx child for Ketenbot) when idle and after all load;
 * - per scenario: `kb` ("wachtwoord vergeten", answered from the demo knowledge base), `tree` (clicking
 *   "Verder" on the decision tree's first question: an Action.Submit value as Teams sends it, on a tree
 *   started in that conversation beforehand, outside the timed part) and `help`. N connections, each
 *   sending one activity and waiting for its first reply at the connector fake; each message a new
 *   conversation. After a 1 s warm-up each, A/B alternated rounds (echo, ketenbot, echo, ketenbot …), so
 *   machine noise hits both. Turns/s = answered turns / wall time; latency = send → first reply arrival.
 * Targets: turns ≥ 0.5 × echo, p99 ≤ 3 × echo, RSS ≤ 150 MB idle and ≤ 300 MB after load, /readyz ≤ 2 s on
 * an existing database and ≤ 5 s with demo data. Last line: one JSON object with all figures.
 *
 * Options: --seconds 10 (per measurement) --connections 20 --rounds 2 --db sqlite|postgres|both
 *          --scenario kb|tree|help|all
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { startConnector, type Connector } from './turns/connector.ts';
import { activity, cardOf, measure, Poster, prepareTree, SCENARIO_TEXT, turn, type Measured, type PreparedClick, type Scenario } from './turns/load.ts';
import { cleanUp, createDatabase, ECHO_COMMAND, KETENBOT_COMMAND, killAll, sleep, startServer, type Server } from './turns/servers.ts';

const TARGET = { turnsRatio: 0.5, p99Ratio: 3, rssIdleMb: 150, rssAfterMb: 300, readyExistingS: 2, readyDemoS: 5 };
const TREE_ROOT = 'start';

function options() {
  const args = process.argv.slice(2);
  const get = (name: string, fallback: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
  };
  const db = get('db', 'both');
  const scenario = get('scenario', 'all');
  const o = {
    seconds: Number(get('seconds', '10')), connections: Number(get('connections', '20')), rounds: Number(get('rounds', '2')),
    dbs: (db === 'both' ? ['sqlite', 'postgres'] : [db]) as Array<'sqlite' | 'postgres'>,
    scenarios: (scenario === 'all' ? ['kb', 'tree', 'help'] : [scenario]) as Scenario[],
  };
  const bad = !(o.seconds > 0) || !(o.connections >= 1) || !(o.rounds >= 1) || o.dbs.some((d) => d !== 'sqlite' && d !== 'postgres') || o.scenarios.some((s) => !(s in SCENARIO_TEXT));
  if (bad) {
    console.error('usage: bench/turns.bench.ts [--seconds 10] [--connections 20] [--rounds 2] [--db sqlite|postgres|both] [--scenario kb|tree|help|all]');
    process.exit(2);
  }
  return o;
}

type Bot = 'echo' | 'ketenbot';
interface Figures { turnsPerSecond: number; p50: number; p99: number; turns: number; errors: number; seconds: number }
const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! : NaN);
const round = (n: number, digits = 1) => Number(n.toFixed(digits));

function figures(runs: Measured[]): Figures {
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const turns = latencies.length;
  const seconds = runs.reduce((s, r) => s + r.seconds, 0);
  return { turnsPerSecond: round(turns / seconds), p50: round(pct(latencies, 0.5)), p99: round(pct(latencies, 0.99)), turns, errors: runs.reduce((s, r) => s + r.errors, 0), seconds: round(seconds, 2) };
}

/** What the first reply looked like (its text, or the card's first text), to show the turn did what it should. */
function describe(reply: any): string {
  const card = cardOf(reply);
  const blocks = (card?.body ?? []).filter((b: any) => b.type === 'TextBlock').slice(0, 3).map((b: any) => b.text);
  const text = reply?.text ?? (blocks.length ? blocks.join(' / ') : JSON.stringify(reply ?? null));
  return String(text).replace(/\s+/g, ' ').slice(0, 110);
}

/** Activities for one bot and scenario: a new conversation each, or (Ketenbot's tree) a prepared click. */
class Source {
  private readonly pool: PreparedClick[] = [];
  private readonly users: string[];
  constructor(private readonly bot: Bot, private readonly scenario: Scenario, private readonly connector: Connector, private readonly poster: Poster, connections: number) {
    this.users = Array.from({ length: connections }, (_, i) => `bench-${i}-${randomUUID().slice(0, 8)}`);
  }
  readonly next = (): any => {
    const user = this.users[Math.floor(Math.random() * this.users.length)]!;
    const conversation = `a:bench-${randomUUID()}`;
    if (this.scenario !== 'tree') return activity(this.connector.serviceUrl, user, conversation, { text: SCENARIO_TEXT[this.scenario] });
    // The echo bot has no tree: it gets the same kind of card action, each in a new conversation.
    if (this.bot === 'echo') return activity(this.connector.serviceUrl, user, conversation, { value: { action: 'tree.choose', run: 'x', node: TREE_ROOT, choice: '0' }, replyToId: 'activity-1' });
    return this.pool.pop();
  };
  /** Ketenbot's tree: starts trees (one connection per user) until `count` clicks are ready or `seconds` pass. */
  async prepare(count: number, seconds: number): Promise<void> {
    if (this.bot !== 'ketenbot' || this.scenario !== 'tree') return;
    const deadline = performance.now() + seconds * 1000;
    await Promise.all(this.users.map(async (user) => {
      while (this.pool.length < count && performance.now() < deadline) this.pool.push(await prepareTree(this.poster, this.connector, user, TREE_ROOT));
    }));
  }
  get ready(): number { return this.pool.length; }
}

async function benchDatabase(kind: 'sqlite' | 'postgres', o: ReturnType<typeof options>, connector: Connector) {
  const label = kind === 'sqlite' ? 'SQLite' : 'Postgres';
  console.log(`\n== ${label} ==`);
  const db = await createDatabase(kind);
  const env = { DATABASE_URL: db.url, DEMO_DATA: 'true' };
  const first = await startServer('ketenbot', KETENBOT_COMMAND, env);
  console.log(`ketenbot /readyz on an empty database with demo data: ${first.readySeconds.toFixed(2)} s`);
  const firstComplaints = first.server.complaints();
  await first.server.stop();
  // The restart as production runs it: DEMO_DATA unset (false without LOCAL_CHAT); the demo data is there already.
  const started = await startServer('ketenbot', KETENBOT_COMMAND, { ...env, DEMO_DATA: 'false' });
  const echo = await startServer('echo', ECHO_COMMAND, {});
  console.log(`ketenbot /readyz on the existing database: ${started.readySeconds.toFixed(2)} s; echo bot /readyz: ${echo.readySeconds.toFixed(2)} s`);
  const servers: Record<Bot, Server> = { echo: echo.server, ketenbot: started.server };
  await sleep(1000);
  const rssIdle = { echo: round(servers.echo.rssMb()), ketenbot: round(servers.ketenbot.rssMb()) };
  console.log(`RSS idle: echo ${rssIdle.echo} MB (pid ${servers.echo.servingPid()}), ketenbot ${rssIdle.ketenbot} MB (pid ${servers.ketenbot.servingPid()})`);

  const scenarios: Record<string, unknown> = {};
  for (const scenario of o.scenarios) {
    const posters = { echo: new Poster(servers.echo.url, o.connections), ketenbot: new Poster(servers.ketenbot.url, o.connections) };
    const sources = { echo: new Source('echo', scenario, connector, posters.echo, o.connections), ketenbot: new Source('ketenbot', scenario, connector, posters.ketenbot, o.connections) };
    const runs: Record<Bot, Measured[]> = { echo: [], ketenbot: [] };
    const samples: Record<string, string> = {};
    for (const bot of ['echo', 'ketenbot'] as Bot[]) {
      await sources[bot].prepare(o.connections * 3, 60);
      const probe = await turn(posters[bot], connector, sources[bot].next());
      samples[bot] = describe(probe.reply?.activity);
    }
    console.log(`-- ${scenario}: first reply from echo "${samples.echo}"\n   from ketenbot "${samples.ketenbot}"`);
    let rate = 0;
    for (const bot of ['echo', 'ketenbot'] as Bot[]) {
      const warm = await measure(posters[bot], connector, o.connections, 1, sources[bot].next);
      if (bot === 'ketenbot') rate = warm.turns / warm.seconds;
    }
    for (let r = 0; r < o.rounds; r++) {
      for (const bot of ['echo', 'ketenbot'] as Bot[]) {
        // Trees for this round, estimated from the last rate (+30%); the run ends early if they run out.
        await sources[bot].prepare(Math.ceil(Math.max(rate, 10) * o.seconds * 1.3), o.seconds * 3 + 10);
        const ran = await measure(posters[bot], connector, o.connections, o.seconds, sources[bot].next);
        runs[bot].push(ran);
        if (bot === 'ketenbot') rate = ran.turns / ran.seconds;
        const sorted = [...ran.latencies].sort((a, b) => a - b);
        console.log(`   round ${r + 1} ${bot.padEnd(8)} ${(ran.turns / ran.seconds).toFixed(1).padStart(7)} turns/s  p50 ${pct(sorted, 0.5).toFixed(0).padStart(5)} ms  p99 ${pct(sorted, 0.99).toFixed(0).padStart(5)} ms  ${ran.turns} turns in ${ran.seconds.toFixed(1)} s${ran.errors ? `, ${ran.errors} errors` : ''}${ran.seconds < o.seconds * 0.95 ? ' (prepared trees ran out)' : ''}`);
      }
    }
    posters.echo.close();
    posters.ketenbot.close();
    const echoFigures = figures(runs.echo);
    const ketenbotFigures = figures(runs.ketenbot);
    scenarios[scenario] = { echo: echoFigures, ketenbot: ketenbotFigures, ratio: { turns: round(ketenbotFigures.turnsPerSecond / echoFigures.turnsPerSecond, 3), p99: round(ketenbotFigures.p99 / echoFigures.p99, 2) }, firstReply: samples };
  }
  const rssAfter = { echo: round(servers.echo.rssMb()), ketenbot: round(servers.ketenbot.rssMb()) };
  const complaints = { echo: servers.echo.complaints(), ketenbot: [...firstComplaints, ...servers.ketenbot.complaints()] };
  await servers.echo.stop();
  await servers.ketenbot.stop();
  await db.drop();
  return {
    label, readyz: { demoData: round(first.readySeconds, 2), existing: round(started.readySeconds, 2), echo: round(echo.readySeconds, 2) },
    rss: { echo: { idle: rssIdle.echo, afterLoad: rssAfter.echo }, ketenbot: { idle: rssIdle.ketenbot, afterLoad: rssAfter.ketenbot } },
    scenarios: scenarios as Record<Scenario, { echo: Figures; ketenbot: Figures; ratio: { turns: number; p99: number } }>,
    serverLogLines: { echo: complaints.echo.length, ketenbot: complaints.ketenbot.length }, serverLogSample: { echo: complaints.echo.slice(0, 3), ketenbot: complaints.ketenbot.slice(0, 5) },
  };
}

const met = (ok: boolean) => (ok ? 'met' : 'MISSED');

function printTable(all: Array<Awaited<ReturnType<typeof benchDatabase>>>): Record<string, boolean> {
  const targets: Record<string, boolean> = {};
  console.log('\n| database | scenario | echo turns/s | ketenbot turns/s | ratio (≥ 0.5) | echo p50/p99 ms | ketenbot p50/p99 ms | p99 ratio (≤ 3) | errors e/k |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const d of all) {
    for (const [scenario, s] of Object.entries(d.scenarios)) {
      const turnsOk = s.ratio.turns >= TARGET.turnsRatio;
      const p99Ok = s.ratio.p99 <= TARGET.p99Ratio;
      targets[`${d.label}.${scenario}.turns`] = turnsOk;
      targets[`${d.label}.${scenario}.p99`] = p99Ok;
      console.log(`| ${d.label} | ${scenario} | ${s.echo.turnsPerSecond} | ${s.ketenbot.turnsPerSecond} | ${s.ratio.turns} ${met(turnsOk)} | ${s.echo.p50}/${s.echo.p99} | ${s.ketenbot.p50}/${s.ketenbot.p99} | ${s.ratio.p99} ${met(p99Ok)} | ${s.echo.errors}/${s.ketenbot.errors} |`);
    }
  }
  console.log('\n| database | RSS idle echo / ketenbot MB (≤ 150) | after load echo / ketenbot MB (≤ 300) | /readyz existing (≤ 2 s) | /readyz demo data (≤ 5 s) | echo /readyz |');
  console.log('|---|---|---|---|---|---|');
  for (const d of all) {
    const ok = { idle: d.rss.ketenbot.idle <= TARGET.rssIdleMb, after: d.rss.ketenbot.afterLoad <= TARGET.rssAfterMb, existing: d.readyz.existing <= TARGET.readyExistingS, demo: d.readyz.demoData <= TARGET.readyDemoS };
    for (const [k, v] of Object.entries(ok)) targets[`${d.label}.${k}`] = v;
    console.log(`| ${d.label} | ${d.rss.echo.idle} / ${d.rss.ketenbot.idle} ${met(ok.idle)} | ${d.rss.echo.afterLoad} / ${d.rss.ketenbot.afterLoad} ${met(ok.after)} | ${d.readyz.existing} s ${met(ok.existing)} | ${d.readyz.demoData} s ${met(ok.demo)} | ${d.readyz.echo} s |`);
  }
  for (const d of all) {
    if (d.serverLogLines.ketenbot || d.serverLogLines.echo) {
      console.log(`\n${d.label}: server log lines (warn and above): ketenbot ${d.serverLogLines.ketenbot}, echo ${d.serverLogLines.echo}`);
      for (const line of [...d.serverLogSample.ketenbot, ...d.serverLogSample.echo]) console.log(`  ${line.slice(0, 300)}`);
    }
  }
  return targets;
}

async function main(): Promise<void> {
  const o = options();
  // Bounded: startups, preparing trees, warm-ups and the measurements, with room to spare; then it gives up.
  const budgetS = 120 + o.dbs.length * (150 + o.scenarios.length * (70 + o.rounds * 2 * (o.seconds * 4 + 15)));
  let connector: Connector | undefined;
  let finishing = false;
  const abort = async (why: string, code: number) => {
    if (finishing) return;
    finishing = true;
    console.error(`\n${why}: stopping the servers and dropping the databases`);
    await cleanUp();
    await connector?.close();
    process.exit(code);
  };
  process.once('SIGINT', () => void abort('interrupted', 130));
  process.once('SIGTERM', () => void abort('terminated', 143));
  process.on('exit', killAll);
  const watchdog = setTimeout(() => void abort(`not finished after ${budgetS} s`, 3), budgetS * 1000);

  console.log(`bench:turns — ${o.connections} connections, ${o.seconds} s per measurement, ${o.rounds} A/B rounds, ${o.dbs.join(' and ')}, scenarios ${o.scenarios.join(', ')}`);
  console.log(`ketenbot: ${KETENBOT_COMMAND.join(' ')}\necho bot: ${ECHO_COMMAND.join(' ')}`);
  connector = await startConnector();
  const all = [];
  try {
    for (const kind of o.dbs) all.push(await benchDatabase(kind, o, connector));
  } catch (error) {
    if (!finishing) console.error(error);
    await abort('failed', 1);
    return;
  }
  clearTimeout(watchdog);
  const targets = printTable(all);
  console.log(`\nreplies nobody waited for: ${connector.stray.replies}; other requests to the connector: ${connector.stray.other}`);
  await connector.close();
  const byDb = Object.fromEntries(all.map((d) => [d.label.toLowerCase(), { readyz: d.readyz, rss: d.rss, scenarios: d.scenarios, serverLogLines: d.serverLogLines }]));
  console.log(JSON.stringify({ options: { seconds: o.seconds, connections: o.connections, rounds: o.rounds }, ...byDb, targets, allMet: Object.values(targets).every(Boolean), strayReplies: connector.stray.replies }));
}

await main();
