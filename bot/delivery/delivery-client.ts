import { webApi } from '@slack/bolt';

/** A Slack Web API client for the outbox: it never retries or waits by itself; the outbox does. */
export function deliveryClient(slack: { botToken: string; apiUrl?: string }): webApi.WebClient {
  return new webApi.WebClient(slack.botToken, {
    ...(slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {}),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: 15_000,
  });
}
