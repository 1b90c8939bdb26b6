import type { WebClient } from '@slack/web-api';

/**
 * A Slack Web API client for the outbox: it never retries or waits by itself; the outbox does. The
 * Web API client itself, not all of Bolt, and loaded only when Slack is configured (it is tens of MB).
 */
export async function deliveryClient(slack: { botToken: string; apiUrl?: string }): Promise<WebClient> {
  const { WebClient } = await import('@slack/web-api');
  return new WebClient(slack.botToken, {
    ...(slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {}),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: 15_000,
  });
}
