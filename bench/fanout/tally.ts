import type { Accepted, FakePlatforms } from './fake-platforms.ts';

/**
 * The run's verdict from what the fakes accepted (never from the product's own bookkeeping).
 *
 * The notice counts when a fake accepted it: Teams, an activity carrying the Adaptive Card; Slack, a
 * chat.postMessage carrying the delivery metadata. Per channel, in arrival order, the first
 * acceptance delivers it; every later one is an extra copy the channel's readers see:
 *  - `repeated`   the extra copy carries the product's "possibly repeated" mark (a resend after a
 *                 crash it could not check; the reader is told), fake-platforms.ts `marked`;
 *  - `duplicates` it carries no mark: a silent duplicate.
 * `overLimit` counts the requests the fakes refused for exceeding the ENFORCED limits ('limit-429'),
 * not the injected 429s, which a correct client meets too.
 */
export interface Tally {
  notices: Accepted[];
  delivered: number;
  lost: number;
  duplicates: number;
  repeated: number;
  overLimit: number;
  /** Channels the notice reached that were never linked. */
  strays: number;
  lastAcceptance: number;
}

export function tally(fakes: FakePlatforms, expected: Set<string>): Tally {
  const notices = fakes.accepted.filter((a) => (a.platform === 'teams' ? a.card : a.key));
  const byChannel = new Map<string, Accepted[]>();
  for (const a of notices) {
    const key = `${a.platform}:${a.channel}`;
    byChannel.set(key, [...(byChannel.get(key) ?? []), a]);
  }
  let delivered = 0;
  let duplicates = 0;
  let repeated = 0;
  let strays = 0;
  for (const [key, list] of byChannel) {
    if (expected.has(key)) delivered++;
    else strays++;
    for (const extra of list.slice(1)) {
      if (extra.marked) repeated++;
      else duplicates++;
    }
  }
  return {
    notices,
    delivered,
    lost: expected.size - delivered,
    duplicates,
    repeated,
    overLimit: fakes.events.filter((e) => e.outcome === 'limit-429').length,
    strays,
    lastAcceptance: notices.length ? Math.max(...notices.map((a) => a.at)) : Date.now(),
  };
}
