/**
 * Hostile-input benchmark (`npm run bench:hostile`): what one message can cost the bot.
 *
 * Builds the real bot in this process (fresh SQLite file, demo directory and knowledge base) and
 * 1. runs single turns of hostile and careless inputs through the conversation engine, printing the
 *    CPU time and heap growth of each against an ordinary question ("wachtwoord vergeten") measured in
 *    the same run; target: no input over 200 ms of CPU or 50 MB of heap;
 * 2. posts 200 Bot Framework messages at once over real HTTP to /api/messages (hostile and ordinary
 *    mixed, each its own conversation) with replies going to a local connector stand-in, and counts
 *    the answers; target: all 200 answered.
 *
 * Environment: BENCH_REPEAT (5 turns per input; the worst is reported), BENCH_CONCURRENT (200).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createKetenbot } from '../bot/app.ts';
import { loadConfig } from '../bot/config.ts';
import { createLogger } from '../bot/logger.ts';
import type { Inbound } from '../core/conversation/inbound.ts';

const REPEAT = Number(process.env.BENCH_REPEAT ?? 5);
const CONCURRENT = Number(process.env.BENCH_CONCURRENT ?? 200);
const TARGET_CPU_MS = 200;
const TARGET_HEAP_MB = 50;

const word = (length: number, seed = 13) => Array.from({ length }, (_, i) => 'abcdefghijklmnopqrstuvwxyz'[(i * 7919 + seed) % 26]).join('');
const INPUTS: Array<[string, string]> = [
  ['baseline: "wachtwoord vergeten"', 'wachtwoord vergeten'],
  ['whole sentence', 'Hoi, ik sta bij een kraamvrouw die vannacht thuis is bevallen maar ik heb nog niks van de verloskundige gekregen'],
  ['random word, 400 letters', word(400)],
  ['random word, 800 letters', word(800)],
  ['random word, 3,999 letters', word(3999)],
  ['random word, 100,000 letters', word(100_000)],
  ['800 short random words', Array.from({ length: 800 }, (_, i) => word(4, i)).join(' ')],
  ['digits and separators, 3,999', Array.from({ length: 3999 }, (_, i) => '0123456789 -./'[(i * 31) % 14]).join('')],
  ['invisible characters, 3,999', '\u200b\u00ad\u2060'.repeat(1333)],
  ['emoji and combining marks', '😀e\u0301'.repeat(1000)],
  ['"wie" + 3,990 letters', `wie ${word(3990)}`],
  ['"kb" + 3,990 letters', `kb ${word(3990)}`],
];

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ketenbot-bench-hostile-'));
  const loaded = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: `sqlite:${join(dir, 'bot.sqlite')}`, LOG_LEVEL: 'silent', DEMO_DATA: 'true' });
  if ('errors' in loaded) throw new Error(loaded.errors.join('\n'));
  const bot = await createKetenbot(loaded.config, createLogger('silent', false));
  const url = await bot.listen();
  await bot.services.kbSearch.warm();
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) console.log('(run with --expose-gc for heap figures; npm run bench:hostile does)');
  let n = 0;
  const inbound = (text: string): Inbound => ({ platform: 'local', actor: { id: `bench-${++n}` }, conversation: { id: `bench-${n}`, kind: 'personal' }, locale: 'nl', text, receivedAt: new Date() });

  console.log(`\n1. One turn through the engine (worst of ${REPEAT}); target ≤ ${TARGET_CPU_MS} ms CPU, ≤ ${TARGET_HEAP_MB} MB heap`);
  console.log('input'.padEnd(34), 'cpu ms'.padStart(8), 'wall ms'.padStart(8), 'heap MB'.padStart(8), 'vs baseline'.padStart(12));
  let baseline = 0;
  let worstCpu = 0;
  let worstHeap = 0;
  for (const [name, text] of INPUTS) {
    let cpu = 0;
    let wall = 0;
    let heap = 0;
    for (let i = 0; i < REPEAT; i++) {
      gc?.();
      const heapBefore = process.memoryUsage().heapUsed;
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      const replies = await bot.engine.handle(inbound(text));
      wall = Math.max(wall, performance.now() - started);
      const used = process.cpuUsage(cpuBefore);
      cpu = Math.max(cpu, (used.user + used.system) / 1000);
      heap = Math.max(heap, (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20);
      if (!replies.length) throw new Error(`no answer to ${name}`);
    }
    if (!baseline) baseline = cpu;
    worstCpu = Math.max(worstCpu, cpu);
    worstHeap = Math.max(worstHeap, heap);
    console.log(name.padEnd(34), cpu.toFixed(1).padStart(8), wall.toFixed(1).padStart(8), heap.toFixed(1).padStart(8), `${(cpu / baseline).toFixed(2)}x`.padStart(12));
  }
  console.log(`worst: ${worstCpu.toFixed(1)} ms CPU (${worstCpu <= TARGET_CPU_MS ? 'met' : 'MISSED'}), ${worstHeap.toFixed(1)} MB heap (${worstHeap <= TARGET_HEAP_MB ? 'met' : 'MISSED'})`);

  // 2. Many at once over the real HTTP endpoint, replies to a local connector stand-in.
  const replied = new Set<string>();
  const connector = http.createServer((req, res) => {
    const match = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
    req.resume();
    req.on('end', () => {
      if (match) replied.add(decodeURIComponent(match[1]!));
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: randomUUID() }));
    });
  });
  await new Promise<void>((resolve) => connector.listen(0, '127.0.0.1', resolve));
  const serviceUrl = `http://127.0.0.1:${(connector.address() as AddressInfo).port}/`;
  const texts = INPUTS.map(([, text]) => text).filter((t) => t.length < 50_000);
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENT });
  const post = (body: string) => new Promise<number>((resolve) => {
    const req = http.request(`${url}/api/messages`, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode ?? 0)); });
    req.on('error', () => resolve(0));
    req.end(body);
  });
  console.log(`\n2. ${CONCURRENT} Bot Framework messages at once over HTTP (mixed hostile and ordinary)`);
  const started = performance.now();
  const latencies: number[] = [];
  const statuses = await Promise.all(Array.from({ length: CONCURRENT }, async (_, i) => {
    const conversationId = `a:bench-${i}-${randomUUID()}`;
    const body = JSON.stringify({ type: 'message', id: randomUUID(), channelId: 'msteams', serviceUrl, locale: 'nl-NL', text: texts[i % texts.length],
      from: { id: `29:bench-${i}`, name: 'Bench' }, recipient: { id: '28:ketenbot' }, conversation: { id: conversationId, conversationType: 'personal' } });
    const t0 = performance.now();
    const status = await post(body);
    const deadline = Date.now() + 30_000;
    while (!replied.has(conversationId) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    latencies.push(performance.now() - t0);
    return status;
  }));
  latencies.sort((a, b) => a - b);
  const answered = statuses.filter((s) => s === 200).length;
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!.toFixed(0);
  console.log(`answered ${replied.size}/${CONCURRENT} (HTTP 200: ${answered}), in ${((performance.now() - started) / 1000).toFixed(1)} s; latency p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms (${replied.size === CONCURRENT ? 'met' : 'MISSED'})`);

  agent.destroy();
  connector.close();
  await bot.close();
  rmSync(dir, { recursive: true, force: true });
}

await main();
