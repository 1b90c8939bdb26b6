import { CardFactory, type MessagingExtensionQuery, type MessagingExtensionResponse } from 'botbuilder';
import { renderAdaptiveCard } from '../../cards/adaptive/render-adaptive-card.ts';
import { translator } from '../../cards/i18n/translate.ts';
import { kbAnswerCard } from '../../cards/views/kb-cards.ts';
import type { Locale } from '../../core/conversation/locale.ts';
import type { DirectoryRepository } from '../../core/domain/directory/directory-repository.ts';
import type { KbRepository } from '../../core/domain/knowledge-base/kb-repository.ts';
import type { KbSearch } from '../../core/domain/knowledge-base/kb-search.ts';

/**
 * The search-based messaging extension: search the knowledge base from the Teams compose box and
 * insert an answer card into the conversation.
 */
export async function knowledgeBaseQuery(
  query: MessagingExtensionQuery,
  locale: Locale,
  deps: { search: KbSearch; kb: KbRepository; directory: DirectoryRepository },
): Promise<MessagingExtensionResponse> {
  const text = String(query.parameters?.find((p) => p.name === 'query')?.value ?? '').trim();
  const skip = Math.max(0, query.queryOptions?.skip ?? 0);
  const count = Math.min(Math.max(1, query.queryOptions?.count ?? 10), 25);
  // Teams queries while the user types: searched, but not counted as views or unanswered questions.
  const hits = text ? (await deps.search.search(text, { language: locale, limit: skip + count })).slice(skip) : [];
  const found = new Map((await deps.kb.byIds(hits.map((h) => h.id))).map((e) => [e.id, e]));
  const entries = hits.map((h) => found.get(h.id)).filter((e) => e !== undefined);
  const t = translator(locale);
  const apps = (await deps.directory.load()).applications;
  return {
    composeExtension: {
      type: 'result',
      attachmentLayout: 'list',
      attachments: entries.map((entry) => {
        const view = kbAnswerCard(t, entry, entry.applicationIds.map((id) => apps.find((a) => a.id === id)?.name ?? id));
        // Inserted into a conversation, the card is for reading: the feedback buttons belong to the bot chat.
        const card = renderAdaptiveCard({ ...view, actions: [], blocks: view.blocks.filter((b) => !(b.type === 'text' && b.style === 'heading')) });
        return { ...CardFactory.adaptiveCard(card), preview: CardFactory.thumbnailCard(entry.title, entry.solution.slice(0, 120)) };
      }),
    },
  };
}
