import { translate, type MessageKey, type Params } from '../../cards/i18n/translate.ts';
import type { AdminNotifier } from '../../core/domain/access/admin-notifier.ts';
import type { PersonNotifier } from '../../core/domain/incidents/incident-notifier.ts';
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
export class PlatformAdminNotifier implements AdminNotifier, PersonNotifier {
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
    for (const admin of admins) await this.notifyPerson(admin, message);
  }

  /** One person, in their language, in their personal chat (logged, never thrown, when that fails). */
  async notifyPerson(person: { platform: Platform; userId: string }, message: { key: MessageKey; params?: Params }): Promise<void> {
    const sender = this.senders.get(person.platform);
    if (!sender) {
      this.logger.warn({ person: `${person.platform}:${person.userId}` }, `cannot reach ${person.platform} users right now`);
      return;
    }
    const prefs = await this.store.read<UserPreferences>(userPreferencesKey({ platform: person.platform, actor: { id: person.userId } }));
    const chosen = prefs?.value.locale;
    const locale: Locale = chosen === 'en' || chosen === 'nl' ? chosen : ((await sender.localeOf?.(person.userId).catch(() => undefined)) ?? 'nl');
    try {
      await sender.send(person.userId, translate(locale, message.key, message.params));
    } catch (error) {
      this.logger.warn({ err: error, person: `${person.platform}:${person.userId}` }, 'could not send a personal message');
    }
  }
}
