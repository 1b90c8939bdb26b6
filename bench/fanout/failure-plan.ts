/**
 * Seeded failure injection. Whether the n-th request the fake admits for a channel fails is a pure
 * function of (seed, platform, channel, n), so the same channels fail the same way in every run
 * whatever the timing: runs are comparable and the bound can be computed before the run.
 */

export type Fate = 'ok' | '429' | '500';

export interface Rates {
  /** Share of admitted requests answered 429 `Retry-After: 1`. */
  throttle: number;
  /** Share of admitted requests answered 500. */
  error: number;
}

export const DEFAULT_RATES: Rates = { throttle: 0.05, error: 0.01 };

/** FNV-1a over the key, then a murmur3 finaliser: a uniform number in [0, 1). */
export function uniform(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 0x1_0000_0000;
}

/** The fate of the n-th admitted request (0-based) for a channel. */
export function fate(seed: number, platform: 'teams' | 'slack', channel: string, n: number, rates: Rates = DEFAULT_RATES): Fate {
  const u = uniform(`${seed}|${platform}|${channel}|${n}`);
  if (u < rates.throttle) return '429';
  if (u < rates.throttle + rates.error) return '500';
  return 'ok';
}

/** The fates a channel meets until its first accepted request. */
export function plannedFates(seed: number, platform: 'teams' | 'slack', channel: string, rates: Rates = DEFAULT_RATES): Fate[] {
  const fates: Fate[] = [];
  for (let n = 0; n < 64; n++) {
    const f = fate(seed, platform, channel, n, rates);
    fates.push(f);
    if (f === 'ok') break;
  }
  return fates;
}
