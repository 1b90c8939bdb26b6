import type { MessageKey, Params } from '../../../cards/i18n/translate.ts';
import type { Platform } from '../../conversation/inbound.ts';

/** Tells one person something in their personal chat with the bot, in their own language. */
export interface PersonNotifier {
  notifyPerson(person: { platform: Platform; userId: string }, message: { key: MessageKey; params?: Params }): Promise<void>;
}
