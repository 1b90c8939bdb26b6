import type { MessageKey, Params } from '../../../cards/i18n/translate.ts';

/** Tells an organisation's administrators something in their personal chat with the bot. */
export interface AdminNotifier {
  notifyAdministrators(organisationId: string, message: { key: MessageKey; params?: Params }): Promise<void>;
}
