// The Web API client itself, not all of Bolt: the outbox starts before the chat adapters load.
import { WebClient } from '@slack/web-api';

/** A Slack Web API client for the outbox: it never retries or waits by itself; the outbox does. */
export function deliveryClient(slack: { botToken: string; apiUrl?: string }): WebClient {
  return new WebClient(slack.botToken, {
    ...(slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {}),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: 15_000,
  });
}
