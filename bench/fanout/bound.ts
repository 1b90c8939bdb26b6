import { DEFAULT_RATES, plannedFates, type Rates } from './failure-plan.ts';
import { TEAMS_LIMITS } from './fake-platforms.ts';
import type { BenchChannel } from './prepare-database.ts';

/**
 * The least time the fakes' enforced limits allow for this channel mix, given the seeded failure plan:
 *
 *   boundSeconds = max( (T + F_T) / 50 ,  max over channels of its forced waits )
 *
 *   T    Teams channels. Every request the Teams fake admits counts towards the app window of
 *        50 per second, accepted or not, so the Teams side needs at least (T + F_T) / 50 s.
 *   F_T  Injected failures the Teams channels meet before their first acceptance (from the plan;
 *        a perfect client meets exactly these).
 *   forced waits  Teams: 1 s per injected 429 (Retry-After: 1 must be honoured; a 500 may be
 *        retried at once, the 7/1 s conversation window has room). Slack: 1 s per injected failure
 *        (Retry-After: 1, and each admitted request fills the channel's 1/s window).
 *
 * Slack channels share no limit in this model (1/s per channel, one message each), so they add
 * nothing to the first term. The simple form without failures is T / 50 (also reported).
 * A fluid bound: strictly, a 1 s sliding window admits the k-th batch of 50 at (k-1) s.
 */
export interface Bound {
  seconds: number;
  teamsChannels: number;
  slackChannels: number;
  teamsInjectedFailures: number;
  slackInjectedFailures: number;
  teamsAppSeconds: number;
  longestForcedWaitSeconds: number;
  simpleSeconds: number;
  formula: string;
}

export function boundFor(seed: number, channels: BenchChannel[], rates: Rates = DEFAULT_RATES): Bound {
  const perSecond = TEAMS_LIMITS.perApp[0]!.count;
  let teams = 0;
  let slack = 0;
  let teamsFailures = 0;
  let slackFailures = 0;
  let longest = 0;
  for (const c of channels) {
    const fates = plannedFates(seed, c.platform, c.channelId, rates);
    const failures = fates.length - 1;
    if (c.platform === 'teams') {
      teams++;
      teamsFailures += failures;
      longest = Math.max(longest, fates.filter((f) => f === '429').length);
    } else {
      slack++;
      slackFailures += failures;
      longest = Math.max(longest, failures);
    }
  }
  const teamsAppSeconds = (teams + teamsFailures) / perSecond;
  return {
    seconds: Math.max(teamsAppSeconds, longest),
    teamsChannels: teams,
    slackChannels: slack,
    teamsInjectedFailures: teamsFailures,
    slackInjectedFailures: slackFailures,
    teamsAppSeconds,
    longestForcedWaitSeconds: longest,
    simpleSeconds: teams / perSecond,
    formula: `max((T + F_T) / ${perSecond}, longest forced Retry-After chain) = max((${teams} + ${teamsFailures}) / ${perSecond}, ${longest} s)`,
  };
}
