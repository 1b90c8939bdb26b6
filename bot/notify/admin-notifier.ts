import { translate, type MessageKey, type Params } from '../../cards/i18n/translate.ts';
import type { AdminNotifier } from '../../core/domain/access/admin-notifier.ts';
import type { PersonRepository } from '../../core/domain/access/person-repository.ts';
import { userPreferencesKey, type UserPreferences } from '../../core/conversation/conversation-state.ts';
import type { Platform } from '../../core/conversation/inbound.ts';
import type { Locale } from '../../core/conversation/locale.ts';
import type { KeyValueStore } from '../../core/conversation/key-value-store.ts';
import type { Logger } from '../logger.ts';

/** Sends one text to a user's personal chat with the bot on one platform. */
export type PersonalSender = (userId: string, text: string) => Promise<void>;

/**
 * Tells an organisation's administrators something, each in their own language, in their
 * personal chat on the platform they use. A failure is logged, never thrown: the change that
 * caused the notice has already happened.
 */
export class PlatformAdminNotifier implements AdminNotifier {
  private readonly senders = new Map<Platform, { send: PersonalSender; localeOf?: (userId: string) => Promise<Locale> }>();

  constructor(
    private readonly people: PersonRepository,
    private readonly store: KeyValueStore,
    private readonly logger: Logger,
  ) {}

  /** `localeOf`: the platform's idea of the user's language, used when they chose none in the bot. */
  register(platform: Platform, send: PersonalSender, localeOf?: (userId: string) => Promise<Locale>): void {
    this.senders.set(platform, { send, ...(localeOf ? { localeOf } : {}) });
  }

  async notifyAdministrators(organisationId: string, message: { key: MessageKey; params?: Params }): Promise<void> {
    const admins = await this.people.withRole('administrator', organisationId);
    if (!admins.length) this.logger.warn({ organisationId, key: message.key }, 'no administrator to tell');
    for (const admin of admins) {
      const sender = this.senders.get(admin.platform);
      const prefs = await this.store.read<UserPreferences>(userPreferencesKey({ platform: admin.platform, actor: { id: admin.userId } }));
      const chosen = prefs?.value.locale;
      const locale: Locale = chosen === 'en' || chosen === 'nl' ? chosen : ((await sender?.localeOf?.(admin.userId).catch(() => undefined)) ?? 'nl');
      if (!sender) {
        this.logger.warn({ person: admin.id }, `cannot reach ${admin.platform} users right now`);
        continue;
      }
      try {
        await sender.send(admin.userId, translate(locale, message.key, message.params));
      } catch (error) {
        this.logger.warn({ err: error, person: admin.id }, 'could not notify an administrator');
      }
    }
  }
}
