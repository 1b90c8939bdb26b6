import type { Flow } from '../core/conversation/flow.ts';
import type { KeyValueStore } from '../core/conversation/key-value-store.ts';
import type { Locale } from '../core/conversation/locale.ts';
import { translator } from '../cards/i18n/translate.ts';
import { normalizeText } from '../core/conversation/normalize.ts';
import { textReply } from '../core/conversation/reply.ts';
import { userPreferencesKey, type UserPreferences } from '../core/conversation/conversation-state.ts';

const WORDS: Record<string, Locale> = {
  english: 'en', engels: 'en', 'in english': 'en', 'language english': 'en', 'taal engels': 'en', 'taal en': 'en', 'language en': 'en',
  nederlands: 'nl', dutch: 'nl', 'in het nederlands': 'nl', 'taal nederlands': 'nl', 'language dutch': 'nl', 'taal nl': 'nl', 'language nl': 'nl',
};

/**
 * "English" / "Nederlands": the user chooses the language, overriding the platform locale
 * (Slack often does not tell us one). Stored per user, so it holds in every conversation.
 */
export function createLanguageFlow(store: KeyValueStore): Flow<never> {
  return {
    id: 'language',
    interrupts: true,
    matches: (text) => Object.hasOwn(WORDS, text),
    async start(ctx, inbound) {
      // A button carries the language as a value; typed text names it.
      const text = normalizeText(inbound.text);
      const chosen = inbound.action?.values.locale ?? (Object.hasOwn(WORDS, text) ? WORDS[text] : undefined);
      if (chosen !== 'nl' && chosen !== 'en') return { replies: [textReply(ctx.t('unknown.action'))] };
      const locale: Locale = chosen;
      const key = userPreferencesKey(inbound);
      const current = await store.read<UserPreferences>(key);
      await store.write<UserPreferences>(key, { ...current?.value, locale }, current ? { etag: current.etag } : 'new');
      return { replies: [textReply(translator(locale)('language.switched'))] };
    },
    capabilities: (t) => [{ title: t('help.capability.language.title'), text: t('help.capability.language.text') }],
  };
}

