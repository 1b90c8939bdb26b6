import type { Bound } from './bound.ts';
import type { FakePlatforms, RequestEvent } from './fake-platforms.ts';
import type { Instance, Instances } from './instances.ts';
import type { Tally } from './tally.ts';

/**
 * The diagnosis lines of fanout.bench.ts: where the time went (timeline), what the fakes saw and
 * what the database says. Only lines for a human; the verdict is the JSON line (tally.ts).
 */
export interface Outage {
  stopAskedAt: number;
  stoppedAt?: number;
  startAskedAt?: number;
  backAt?: number;
  error?: string;
}

export interface DeliveryRow { platform: string; channel_id: string; status: string; attempts: number; last_error: string | null; message_id: string | null }

export interface RunFacts {
  t0: number;
  startupSeconds: number[];
  bound: Bound;
  fakes: FakePlatforms;
  tally: Tally;
  instances: Instances;
  /** When a third (--kill-at) of the channels had been accepted: the kill and/or the outage. */
  triggeredAt?: number;
  killed?: { instance: Instance; reason: string };
  restarted?: Instance;
  outage?: Outage;
  finalAt?: number;
  /** Why the bench stopped waiting when not every row became final. */
  stopReason: string;
  rows: DeliveryRow[];
  dbCounts: Record<string, number>;
  /** Per live instance at the end: /metrics and /readyz. */
  endState: Array<{ label: string; metrics: string; readyz?: number }>;
  clusterLog?: string;
}

const sec = (ms: number) => (ms / 1000).toFixed(2);

/** Prints the timeline; returns the ms of the run that were no sending (startup, takeover / restart, outage pause). */
export function printTimeline(f: RunFacts, say: (line: string) => void): number {
  const { t0, tally: { notices, lastAcceptance } } = f;
  const seconds = (lastAcceptance - t0) / 1000;
  const firstAccept = notices[0]?.at;
  const between = (from: number, to: number) => notices.filter((a) => a.at >= from && a.at <= to).length;
  say('');
  say('timeline (s after the publication of the notice):');
  f.startupSeconds.forEach((s, i) => say(`  server ${i + 1}: listening ${s.toFixed(2)} s after its spawn (before the clock)`));
  say(`  first acceptance ${firstAccept ? sec(firstAccept - t0) : '-'}${f.triggeredAt ? `; a third of the channels accepted at ${sec(f.triggeredAt - t0)} (${between(t0, f.triggeredAt)} notices)` : ''}`);
  for (const c of f.instances.leaderChanges) say(`  ${sec(c.at - t0)} ${c.label} reports ketenbot_delivery_leader ${c.leader ? 1 : 0} (poll every 250 ms)`);
  const senders = new Map<string, number[]>();
  for (const a of notices) senders.set(a.from ?? 'unknown', [...(senders.get(a.from ?? 'unknown') ?? []), a.at]);
  if (senders.size > 1) say(`  notices accepted by sender (Slack requests name it; Teams: unknown): ${[...senders].sort().map(([who, at]) => `${who} ${at.length} (${sec(at[0]! - t0)}..${sec(at.at(-1)! - t0)})`).join(', ')}`);
  let gapMs = 0;
  if (f.killed) {
    const { instance, reason } = f.killed;
    const killedAt = instance.killedAt!;
    say(`  SIGKILL ${instance.label} (pid ${instance.server.pid}, port ${instance.server.port}) at ${sec(killedAt - t0)}, because ${reason}; its last /metrics (${instance.polledAt ? `${killedAt - instance.polledAt} ms before` : 'never polled'}): sends ${instance.sends}${instance.leader === undefined ? '' : `, leader ${instance.leader ? 1 : 0}`}`);
    const late = notices.filter((a) => a.at > killedAt && a.from === instance.label).length;
    if (late) say(`  ${late} notice(s) of ${instance.label} accepted after its kill (requests it had sent before it died)`);
    // The survivor's / the restarted server's first acceptance: by the named sender (Slack), else by time.
    const others = notices.filter((a) => a.at > killedAt && (a.from ? a.from !== instance.label : !f.restarted || a.at >= f.restarted.server.spawnedAt));
    const next = others[0]?.at;
    const named = others.find((a) => a.from)?.at;
    if (f.restarted) {
      const s2 = f.restarted.server;
      say(`  ${f.restarted.label}: spawned ${sec(s2.spawnedAt - t0)} (exit seen ${sec(s2.spawnedAt - killedAt)} s after the kill), listening ${s2.listeningAt ? sec(s2.listeningAt - t0) : '-'}, first acceptance ${next ? sec(next - t0) : '-'}`);
      say(`  no deliveries from the kill to the first acceptance of ${f.restarted.label}: ${next ? sec(next - killedAt) : '-'} s`);
    } else {
      const survivors = f.instances.all.filter((x) => x !== instance && x.killedAt === undefined).map((x) => `${x.label}${x.leaderFirstSeenAt && x.leaderFirstSeenAt > killedAt ? ` (leader from ${sec(x.leaderFirstSeenAt - t0)})` : ''}`);
      say(`  survivor(s) ${survivors.join(', ') || 'none'}: first acceptance after the kill ${next ? `${sec(next - t0)}${others[0]!.from ? ` by ${others[0]!.from}` : ''}` : '-'}: takeover gap ${next ? sec(next - killedAt) : '-'} s; ${between(killedAt + 1, killedAt + 1000)} notices accepted in the 1 s after the kill, ${between(killedAt + 1000, killedAt + 3000)} in the 2 s after that; first Slack acceptance that names a survivor as sender ${named ? `${sec(named - t0)} (${sec(named - killedAt)} s after the kill)` : '-'}`);
    }
    gapMs += next ? next - killedAt : 0;
  }
  if (f.outage) {
    const o = f.outage;
    say(`  database outage: pg_ctl stop -m fast asked ${sec(o.stopAskedAt - t0)}, stopped ${o.stoppedAt ? sec(o.stoppedAt - t0) : '-'}, start asked ${o.startAskedAt ? sec(o.startAskedAt - t0) : '-'}, accepting connections ${o.backAt ? sec(o.backAt - t0) : '-'}${o.error ? `; ERROR ${o.error.slice(0, 200)}` : ''}`);
    const end = o.backAt ?? lastAcceptance;
    const during = between(o.stopAskedAt, end);
    const next = notices.find((a) => a.at > end)?.at;
    // The longest pause in acceptances that overlaps the outage.
    const times = [o.stopAskedAt, ...notices.map((a) => a.at).filter((t) => t > o.stopAskedAt)];
    let pause = 0;
    for (let i = 1; i < times.length; i++) if (times[i - 1]! <= end) pause = Math.max(pause, times[i]! - times[i - 1]!);
    say(`  ${during} notices accepted while the database was down; first acceptance after it was back ${next ? `${sec(next - t0)} (${sec(next - end)} s after)` : '-'}; longest pause in acceptances from the stop on ${sec(pause)} s`);
    gapMs += pause;
  }
  say(`  last acceptance ${sec(lastAcceptance - t0)}, all rows final ${f.finalAt ? sec(f.finalAt - t0) : `NOT (${f.stopReason})`}`);
  const startupMs = firstAccept ? firstAccept - t0 : 0;
  const active = seconds - (startupMs + gapMs) / 1000;
  say(`  publication to the first acceptance ${sec(startupMs)} s + kill/outage gaps ${sec(gapMs)} s = ${sec(startupMs + gapMs)} s of the ${seconds.toFixed(2)} s; the remaining ${active.toFixed(2)} s of sending against the bound: ${(active / f.bound.seconds).toFixed(3)}`);
  return startupMs + gapMs;
}

export function printPlatformSide(f: RunFacts, say: (line: string) => void): void {
  const { fakes, t0, tally: { notices, lastAcceptance } } = f;
  say('');
  say('platform side (what the fakes saw):');
  for (const platform of ['teams', 'slack'] as const) {
    const events = fakes.events.filter((e) => e.platform === platform);
    const by = (o: RequestEvent['outcome'], limit?: string) => events.filter((e) => e.outcome === o && (!limit || e.limit === limit)).length;
    const accepted = notices.filter((a) => a.platform === platform);
    const span = accepted.length ? (accepted[accepted.length - 1]!.at - accepted[0]!.at) / 1000 : 0;
    say(`  ${platform}: ${events.length} requests: ${by('accepted')} accepted (${accepted.length} of them the notice, ${accepted.filter((a) => a.marked).length} marked possibly repeated), ${by('injected-429')} injected 429, ${by('injected-500')} injected 500, ${by('limit-429')} over the enforced limits (app ${by('limit-429', 'app')}, channel ${by('limit-429', 'channel')}); notice acceptances span ${span.toFixed(2)} s`);
    if (platform === 'teams' && accepted.length) {
      const paths = new Map<string, number>();
      for (const a of fakes.accepted.filter((x) => x.platform === 'teams')) {
        const key = `${a.path}${a.card ? ' with the card' : ` with text "${(a.text ?? '').slice(0, 60)}"`}`;
        paths.set(key, (paths.get(key) ?? 0) + 1);
      }
      say(`    Bot Framework calls accepted: ${[...paths].map(([p, n]) => `${n} ${p}`).join(', ')}`);
      const phases = f.triggeredAt ? [['before the kill/outage', notices[0]?.at ?? t0, f.triggeredAt], ['after it', f.triggeredAt, lastAcceptance]] as const : [['whole run', notices[0]?.at ?? t0, lastAcceptance]] as const;
      for (const [label, from, to] of phases) {
        const teams = accepted.filter((a) => a.at >= from && a.at <= to);
        if (teams.length < 2) continue;
        const d = (teams[teams.length - 1]!.at - teams[0]!.at) / 1000;
        const inSpan = events.filter((e) => e.at >= teams[0]!.at && e.at <= teams[teams.length - 1]!.at);
        const limited = inSpan.filter((e) => e.outcome === 'limit-429').length;
        say(`    ${label}: ${teams.length} Teams notices accepted in ${d.toFixed(2)} s = ${(teams.length / d).toFixed(1)}/s; ${inSpan.length - limited} requests admitted (${((inSpan.length - limited) / d).toFixed(1)}/s), ${limited} refused over the limits`);
      }
      const firstBatch = events.filter((e) => e.at >= t0).slice(0, 50);
      if (firstBatch.length === 50) say(`    the first 50 Teams requests arrived over ${firstBatch[49]!.at - firstBatch[0]!.at} ms; ${events.filter((e) => e.outcome === 'limit-429' && e.at < firstBatch[0]!.at + 1000).length} refused over the limits within 1 s of the first request, ${events.filter((e) => e.outcome === 'limit-429' && e.at < firstBatch[0]!.at + 1500).length} within 1.5 s`);
    }
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
  if (f.tally.strays) say(`  ${f.tally.strays} accepted channel(s) that were never linked!`);
  const extra = [...groupExtras(f)].map(([k, v]) => `${k}: ${v}`).join('; ');
  if (extra) say(`  extra copies of the notice: ${extra}`);
}

/** Extra acceptances per channel, by platform and mark, with when they came (s after the channel's first copy, and after t0). */
function groupExtras(f: RunFacts): Map<string, string> {
  const first = new Map<string, number>();
  const delays = new Map<string, Array<[number, number]>>();
  for (const a of f.tally.notices) {
    const key = `${a.platform}:${a.channel}`;
    const at = first.get(key);
    if (at === undefined) { first.set(key, a.at); continue; }
    const label = `${a.platform} ${a.marked ? 'marked (repeated)' : 'unmarked (duplicate)'}`;
    delays.set(label, [...(delays.get(label) ?? []), [a.at - at, a.at - f.t0]]);
  }
  const out = new Map<string, string>();
  for (const [label, list] of delays) {
    const after = list.map((d) => d[0]).sort((a, b) => a - b);
    const when = list.map((d) => d[1]).sort((a, b) => a - b);
    out.set(label, `${list.length}, ${sec(after[0]!)}..${sec(after.at(-1)!)} s after the channel's first copy (median ${sec(after[Math.floor(after.length / 2)]!)}), at ${sec(when[0]!)}..${sec(when.at(-1)!)} s`);
  }
  return out;
}

export function printDatabase(f: RunFacts, say: (line: string) => void): void {
  const { rows, fakes, tally: { notices } } = f;
  say('');
  const order = ['sent', 'dead', 'uncertain', 'pending', 'retrying', 'sending', 'superseded'];
  say(`database (outbox report, as \`ketenbot deliveries --json\` reads it): ${order.map((s) => `${s} ${f.dbCounts[s] ?? 0}`).join(', ')}`);
  const noticeIds = new Map<string, string[]>();
  for (const a of notices) noticeIds.set(`${a.platform}:${a.channel}`, [...(noticeIds.get(`${a.platform}:${a.channel}`) ?? []), a.messageId]);
  const cross = new Map<string, number>();
  let idMismatch = 0;
  let sentWithoutId = 0;
  for (const r of rows) {
    const ids = noticeIds.get(`${r.platform}:${r.channel_id}`);
    const key = `${r.platform} ${r.status} ${ids ? (ids.length > 1 ? `delivered ×${ids.length}` : 'delivered') : 'NOT delivered'}`;
    cross.set(key, (cross.get(key) ?? 0) + 1);
    if (r.status === 'sent' && !r.message_id) sentWithoutId++;
    if (r.status === 'sent' && ids && r.message_id && !ids.includes(r.message_id)) idMismatch++;
  }
  say(`  row status vs. the fakes: ${[...cross].sort().map(([k, n]) => `${k} ${n}`).join('; ')}`);
  if (sentWithoutId) say(`  ${sentWithoutId} row(s) marked sent without a message id`);
  if (idMismatch) say(`  ${idMismatch} sent row(s) carry a message id the platform never issued for the notice`);
  const at = f.triggeredAt;
  if (at !== undefined) {
    // What the platform had seen of each channel left "uncertain" at the kill / the outage.
    const last = new Map<string, number>();
    for (const r of rows.filter((x) => x.status === 'uncertain')) {
      const e = fakes.events.filter((x) => x.platform === r.platform && x.channel === r.channel_id && x.at <= at).at(-1);
      const before = e ? at - e.at : 0;
      const when = before === 0 ? 'at the kill/outage' : before < 100 ? '< 100 ms before the kill/outage' : before < 1000 ? '100-999 ms before the kill/outage' : '>= 1 s before the kill/outage';
      const bucket = e ? `its last request ${e.outcome === 'accepted' ? 'was accepted' : `got ${e.outcome}`} ${when}` : 'no request reached the platform before the kill/outage';
      last.set(bucket, (last.get(bucket) ?? 0) + 1);
    }
    if (last.size) say(`  uncertain rows, by what the platform saw of their channel before the kill/outage: ${[...last].map(([k, n]) => `${n} × ${k}`).join('; ')}`);
  }
  const errors = new Map<string, number>();
  for (const r of rows.filter((x) => x.status === 'dead' || x.status === 'uncertain')) {
    const key = `${r.status}: ${r.last_error ?? ''}`.slice(0, 160);
    errors.set(key, (errors.get(key) ?? 0) + 1);
  }
  for (const [e, n] of errors) say(`  ${n} × ${e}`);
}

/** Each instance's counters and grouped log lines (crashes, errors during the outage). */
export function printServers(f: RunFacts, say: (line: string) => void): void {
  const pick = (metrics: string) => metrics.split('\n').filter((l) => l.startsWith('ketenbot_delivery_') && !l.endsWith(' 0') && !l.includes('platform="local"')).join(', ') || '-';
  for (const e of f.endState) say(`  ${e.label} /metrics at the end (since its start): ${pick(e.metrics)}; /readyz ${e.readyz ?? '-'}`);
  for (const x of f.instances.all.filter((i) => i.killedAt !== undefined)) say(`  ${x.label} (killed) last polled /metrics: ${pick(x.metrics)}`);
  for (const x of f.instances.all) {
    const s = x.server;
    if (f.instances.crashed.includes(x)) say(`  ${x.label} EXITED BY ITSELF at ${sec((s.exitedAt ?? 0) - f.t0)}: ${JSON.stringify(s.exit)}`);
    const lines = s.output.split('\n').filter((l) => l.trim() && !l.includes('DeprecationWarning') && !l.includes('--trace-deprecation'));
    if (!lines.length) continue;
    const grouped = new Map<string, number>();
    let plain = 0;
    for (const l of lines) {
      let label: string | undefined;
      try {
        const j = JSON.parse(l) as { level?: number; msg?: string; err?: { message?: string } };
        label = `level ${j.level} "${j.msg}"${j.err?.message ? ` (${j.err.message.slice(0, 60)})` : ''}`;
      } catch {
        // Not JSON (an uncaught exception's dump): show its headlines, not every stack frame.
        plain++;
        if (!/^\s+(at |\[\.\.\.|\w+: )|^\s*\^|^\}|^Node\.js|^Emitted/.test(l)) label = `"${l.trim().slice(0, 100)}"`;
      }
      if (label) grouped.set(label, (grouped.get(label) ?? 0) + 1);
    }
    say(`  ${x.label} logged ${lines.length} line(s)${plain ? ` (${plain} not JSON)` : ''}: ${[...grouped].map(([k, n]) => `${n} × ${k}`).join('; ')}`);
  }
  if (f.clusterLog) {
    const grouped = new Map<string, number>();
    for (const l of f.clusterLog.split('\n').filter((x) => /\b(FATAL|ERROR|PANIC):/.test(x))) {
      const label = l.replace(/^.*?\b(FATAL|ERROR|PANIC):/, '$1:').slice(0, 100);
      grouped.set(label, (grouped.get(label) ?? 0) + 1);
    }
    if (grouped.size) say(`  private cluster log: ${[...grouped].map(([k, n]) => `${n} × ${k}`).join('; ')}`);
  }
}
