import { CardFactory, type MessagingExtensionQuery, type MessagingExtensionResponse } from 'botbuilder';
import { renderAdaptiveCard } from '../../cards/adaptive/render-adaptive-card.ts';
import { translator } from '../../cards/i18n/translate.ts';
import { kbAnswerCard } from '../../cards/views/kb-cards.ts';
import type { Locale } from '../../core/conversation/locale.ts';
import type { DirectoryRepository } from '../../core/domain/directory/directory-repository.ts';
import type { KbAnswers } from '../../core/domain/knowledge-base/kb-answers.ts';

/**
 * The search-based messaging extension: search the knowledge base from the Teams compose box and
 * insert an answer card into the conversation.
 */
export async function knowledgeBaseQuery(
  query: MessagingExtensionQuery,
  locale: Locale,
  deps: { answers: KbAnswers; directory: DirectoryRepository },
): Promise<MessagingExtensionResponse> {
  const text = String(query.parameters?.find((p) => p.name === 'query')?.value ?? '').trim();
  const entries = text ? await deps.answers.ask(text, { language: locale, includeDrafts: false, limit: Math.min(query.queryOptions?.count ?? 10, 10) }) : [];
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
