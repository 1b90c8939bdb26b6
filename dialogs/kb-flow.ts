import { kbAnswerCard, kbNoAnswerCard, kbSearchCard } from '../cards/views/kb-cards.ts';
import type { Flow, FlowContext, FlowStep } from '../core/conversation/flow.ts';
import type { Inbound } from '../core/conversation/inbound.ts';
import { normalizeText } from '../core/conversation/normalize.ts';
import { cardReply, textReply, type Reply } from '../core/conversation/reply.ts';
import type { People } from '../core/domain/access/people.ts';
import type { DirectoryRepository } from '../core/domain/directory/directory-repository.ts';
import type { KnownIssuesSource } from '../core/domain/known-issues.ts';
import type { KbAnswers } from '../core/domain/knowledge-base/kb-answers.ts';
import { seesKbDrafts } from '../core/domain/knowledge-base/kb-rights.ts';

const COMMAND = /^(?:zoek in (?:de )?kennisbank|search (?:the )?knowledge base|knowledge base|knowledgebase|kennisbank|kb)(?:\s+(.+))?$/i;

/**
 * The knowledge base in chat. Free text that no other flow claims is taken as a question (this is
 * the engine's fallback), as is "kb <vraag>". The best answers come as cards with "Did this help?";
 * when nothing answers well enough the bot says so and offers the decision tree.
 */
export function createKbFlow(deps: { answers: KbAnswers; people: People; directory: DirectoryRepository; knownIssues: KnownIssuesSource }): Flow<never> {
  async function answer(ctx: FlowContext, inbound: Inbound, question: string): Promise<FlowStep<never>> {
    const person = await deps.people.of(inbound);
    const directory = await deps.directory.load();
    const entries = await deps.answers.ask(question, { language: ctx.locale, includeDrafts: seesKbDrafts(person, directory) });
    if (!entries.length) return { replies: [cardReply(kbNoAnswerCard(ctx.t, question))] };
    const appName = (id: string) => directory.applications.find((a) => a.id === id)?.name ?? id;
    const replies: Reply[] = [textReply(ctx.t('kb.answers.intro'))];
    for (const entry of entries) {
      const known = (await Promise.all(entry.applicationIds.map(async (id) =>
        (await deps.knownIssues.forApplication(id, ctx.now, ctx.locale)).map((issue) => ({ application: appName(id), issue }))))).flat();
      replies.push(cardReply(kbAnswerCard(ctx.t, entry, entry.applicationIds.map(appName), known), `kb:${entry.id}`));
    }
    return { replies };
  }

  return {
    id: 'kb',
    matches: (text) => COMMAND.test(text),
    async start(ctx, inbound) {
      const action = inbound.action;
      if (action) {
        const entry = String(action.values.entry ?? '');
        if (action.id === 'kb.helped' && entry) {
          await deps.answers.feedback(entry, true, ctx.locale);
          return { replies: [textReply(ctx.t('kb.feedback.thanks'))] };
        }
        if (action.id === 'kb.notHelped' && entry) {
          await deps.answers.feedback(entry, false, ctx.locale);
          return {
            replies: [cardReply({
              kind: 'kb.not-helped',
              title: ctx.t('kb.search.title'),
              blocks: [{ type: 'text', text: ctx.t('kb.feedback.sorry') }],
              actions: [{ kind: 'submit', id: 'tree.start', label: ctx.t('kb.none.tree'), style: 'primary' }],
              fallbackText: ctx.t('kb.feedback.sorry'),
            })],
          };
        }
        if (action.id === 'kb.search') {
          const question = String(action.values.question ?? '').trim();
          return question ? answer(ctx, inbound, question) : { replies: [cardReply(kbSearchCard(ctx.t, '', ctx.t('kb.search.empty')))] };
        }
        if (action.id === 'kb.open') return { replies: [cardReply(kbSearchCard(ctx.t))] };
        // A button of a flow that no longer exists, or of another app.
        return { replies: [textReply(ctx.t('unknown.action'))] };
      }
      const text = (inbound.text ?? '').trim();
      const command = COMMAND.exec(text);
      if (command) {
        const question = command[1]?.trim() ?? '';
        return question ? answer(ctx, inbound, question) : { replies: [cardReply(kbSearchCard(ctx.t))] };
      }
      if (!normalizeText(text)) return { replies: [textReply(ctx.t('unknown.text'))] };
      return answer(ctx, inbound, text);
    },
    capabilities: (t) => [{ title: t('kb.capability.title'), text: t('kb.capability.text'), action: { kind: 'submit', id: 'kb.open', label: t('kb.search.title') } }],
  };
}
