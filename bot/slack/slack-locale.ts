import type { webApi } from '@slack/bolt';

type WebClient = webApi.WebClient;
import { toLocale, type Locale } from '../../core/conversation/locale.ts';

const TTL_MS = 60 * 60 * 1000;

/**
 * Slack requests carry no locale and at most a username; users.info with include_locale has the
 * locale and the name people know (display name, else real name). Looked up once an hour per user;
 * when Slack cannot tell (or is unreachable) the user gets Dutch and the request's own name.
 */
export class SlackLocaleLookup {
  private readonly cache = new Map<string, { locale: Locale; name?: string; at: number }>();

  async localeOf(client: WebClient, userId: string): Promise<Locale> {
    return (await this.lookup(client, userId)).locale;
  }

  /** The name to show on cards ("Sanne de Vries"), or undefined when Slack did not say. */
  async nameOf(client: WebClient, userId: string): Promise<string | undefined> {
    return (await this.lookup(client, userId)).name;
  }

  private async lookup(client: WebClient, userId: string): Promise<{ locale: Locale; name?: string }> {
    const hit = this.cache.get(userId);
    if (hit && Date.now() - hit.at < TTL_MS) return hit;
    let locale: Locale = 'nl';
    let name: string | undefined;
    try {
      const result = await client.users.info({ user: userId, include_locale: true });
      locale = toLocale(result.user?.locale);
      const profile = result.user?.profile;
      name = [profile?.display_name, profile?.real_name, result.user?.real_name].map((n) => n?.trim()).find((n) => n) || undefined;
    } catch {
      // Keep the defaults; the next message tries again after the TTL.
    }
    const entry = { locale, ...(name ? { name } : {}), at: Date.now() };
    this.cache.set(userId, entry);
    return entry;
  }
}
