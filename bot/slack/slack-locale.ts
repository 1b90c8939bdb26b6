import type { webApi } from '@slack/bolt';

type WebClient = webApi.WebClient;
import { toLocale, type Locale } from '../../core/conversation/locale.ts';

const TTL_MS = 60 * 60 * 1000;

/**
 * Slack requests carry no locale; users.info with include_locale does. Looked up once an hour
 * per user; when Slack cannot tell (or is unreachable) the user gets Dutch.
 */
export class SlackLocaleLookup {
  private readonly cache = new Map<string, { locale: Locale; at: number }>();

  async localeOf(client: WebClient, userId: string): Promise<Locale> {
    const hit = this.cache.get(userId);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.locale;
    let locale: Locale = 'nl';
    try {
      const result = await client.users.info({ user: userId, include_locale: true });
      locale = toLocale(result.user?.locale);
    } catch {
      // Keep the default; the next message tries again after the TTL.
    }
    this.cache.set(userId, { locale, at: Date.now() });
    return locale;
  }
}
