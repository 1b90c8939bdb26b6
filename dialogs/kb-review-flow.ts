import { kbEditCard } from '../cards/views/kb-edit-card.ts';
import { kbReviewCard } from '../cards/views/kb-review-cards.ts';
import type { Flow, FlowContext, FlowStep } from '../core/conversation/flow.ts';
import type { Inbound } from '../core/conversation/inbound.ts';
import { cardReply, formReply, textReply, type Reply } from '../core/conversation/reply.ts';
import type { People } from '../core/domain/access/people.ts';
import type { Person } from '../core/domain/access/types.ts';
import type { DirectoryRepository } from '../core/domain/directory/directory-repository.ts';
import type { DirectoryDocument } from '../core/domain/directory/types.ts';
import type { KbLearning, LearnResult } from '../core/domain/knowledge-base/kb-learning.ts';
import type { KbRepository } from '../core/domain/knowledge-base/kb-repository.ts';
import type { KbReview, ReviewGroup } from '../core/domain/knowledge-base/kb-review.ts';
import { kbRights, type KbRight } from '../core/domain/knowledge-base/kb-rights.ts';
import { accessErrorText } from './access-error-text.ts';

const COMMAND = /^(?:kb|kennisbank|knowledge ?base) (?:vragen|open vragen|review|questions|open questions|unanswered|onbeantwoord)$/i;
/** Questions of the last this many days are reviewed. */
export const REVIEW_DAYS = 30;
/** Groups shown at once, most asked first. */
export const REVIEW_GROUPS = 5;
const ID = /^[a-z0-9][a-z0-9._-]{0,99}$/i;

/**
 * The review of questions the knowledge base had no sure answer to, for those who write it (kb.write,
 * see kb-rights.ts): each group links to an article (its phrasings become alternative questions of
 * that article, KbLearning) or starts a new article. An alternative question changes what finds an
 * article, not what it says, so an editor may link to a published article too; it is audited.
 * Rights are checked on every action, and buttons carry only a group id that is looked up again.
 */
export function createKbReviewFlow(deps: { kb: KbRepository; kbReview: KbReview; kbLearning: KbLearning; people: People; directory: DirectoryRepository }): Flow<never> {
  const since = (ctx: FlowContext) => new Date(ctx.now.getTime() - REVIEW_DAYS * 86_400_000);

  async function allowed(inbound: Inbound): Promise<{ person: Person; directory: DirectoryDocument; rights: KbRight }> {
    const person = await deps.people.of(inbound);
    const directory = await deps.directory.load();
    return { person, directory, rights: kbRights(person, directory) };
  }

  async function list(ctx: FlowContext): Promise<FlowStep<never>> {
    // One more than shown: whether to say that more are waiting.
    const groups = await deps.kbReview.groups(since(ctx), REVIEW_GROUPS + 1);
    if (!groups.length) return { replies: [textReply(ctx.t('kbReview.none', { days: REVIEW_DAYS }))] };
    const replies: Reply[] = [textReply(ctx.t('kbReview.intro', { days: REVIEW_DAYS }))];
    for (const group of groups.slice(0, REVIEW_GROUPS)) replies.push(cardReply(kbReviewCard(ctx.t, ctx.locale, group), `kb-review:${group.id}`));
    if (groups.length > REVIEW_GROUPS) replies.push(textReply(ctx.t('kbReview.more')));
    return { replies };
  }

  async function link(ctx: FlowContext, person: Person, group: ReviewGroup, values: Record<string, unknown>): Promise<FlowStep<never>> {
    const typed = String(values.entryId ?? '').trim();
    const entryId = typed || String(values.entry ?? '').trim();
    if (!entryId) return { replies: [textReply(ctx.t('kbReview.chooseEntry'))] };
    const [entry] = ID.test(entryId) ? await deps.kb.byIds([entryId]) : [];
    if (!entry) return { replies: [textReply(ctx.t('kbEdit.notFound', { id: entryId.slice(0, 100) }))] };
    const results: LearnResult[] = [];
    // The phrasings shown on the card (the most asked), not every typo ever made.
    for (const question of group.examples) results.push(await deps.kbLearning.learn(entry.id, question, { actor: person.id, source: 'review' }));
    const learned = results.filter((r) => r === 'learned').length;
    const params = { title: entry.title, question: group.question, count: learned };
    if (learned > 1) return { replies: [textReply(ctx.t('kbLearn.linkedMany', params))] };
    if (learned === 1) return { replies: [textReply(ctx.t('kbLearn.linked', params))] };
    return { replies: [textReply(ctx.t(results.includes('known') ? 'kbLearn.known' : 'kbLearn.refused', params))] };
  }

  function newArticle(ctx: FlowContext, directory: DirectoryDocument, group: ReviewGroup, canPublish: boolean): FlowStep<never> {
    const values = { language: group.language, title: group.question.slice(0, 200), problem: group.question, questions: group.examples.join('\n') };
    return { replies: [formReply(kbEditCard(ctx.t, 'new', values, directory.applications, [], canPublish), 'kb-edit:new')] };
  }

  return {
    id: 'kbReview',
    matches: (t) => COMMAND.test(t),
    async start(ctx, inbound) {
      const { person, directory, rights } = await allowed(inbound);
      if (!rights.allowed) return { replies: [textReply(accessErrorText(ctx.t, { code: 'forbidden', neededRole: rights.neededRole }))] };
      const action = inbound.action;
      if (!action) return list(ctx);
      if (action.id !== 'kbReview.link' && action.id !== 'kbReview.new') return { replies: [textReply(ctx.t('unknown.action'))] };
      const groupId = String(action.values.group ?? '');
      const group = /^[0-9a-f]{16}$/.test(groupId) ? await deps.kbReview.group(groupId, since(ctx)) : undefined;
      if (!group) return { replies: [textReply(ctx.t('kbReview.gone', { days: REVIEW_DAYS }))] };
      return action.id === 'kbReview.link' ? link(ctx, person, group, action.values) : newArticle(ctx, directory, group, rights.publish);
    },
    capabilities: (t) => [{ title: t('kbReview.capability.title'), text: t('kbReview.capability.text') }],
  };
}
