import { kbEditCard } from '../cards/views/kb-edit-card.ts';
import { kbProposalCard } from '../cards/views/kb-proposal-card.ts';
import { kbReviewCard } from '../cards/views/kb-review-cards.ts';
import { audienceHas, type Flow, type FlowContext, type FlowStep } from '../core/conversation/flow.ts';
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
/** Proposals from users shown at once, most people first. */
export const REVIEW_PROPOSALS = 5;
const ID = /^[a-z0-9][a-z0-9._-]{0,99}$/i;
const PHRASING = /^[0-9a-f]{64}$/;

/**
 * The review of questions the knowledge base had no sure answer to, for those who write it (kb.write,
 * see kb-rights.ts): each group links to an article (its phrasings become alternative questions of
 * that article, KbLearning) or starts a new article. An alternative question changes what finds an
 * article, not what it says, so an editor may link to a published article too; it is audited.
 * Below the groups: what users proposed by picking another article after "Nee" ("Voorgesteld door
 * gebruikers", not used until two people did), to confirm (a link) or reject.
 * Rights are checked on every action, and buttons carry only ids that are looked up again.
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
    const proposals = await deps.kbLearning.proposals(REVIEW_PROPOSALS + 1);
    if (!groups.length && !proposals.length) return { replies: [textReply(ctx.t('kbReview.none', { days: REVIEW_DAYS }))] };
    const replies: Reply[] = [];
    if (groups.length) replies.push(textReply(ctx.t('kbReview.intro', { days: REVIEW_DAYS })));
    for (const group of groups.slice(0, REVIEW_GROUPS)) replies.push(cardReply(kbReviewCard(ctx.t, ctx.locale, group), `kb-review:${group.id}`));
    if (groups.length > REVIEW_GROUPS) replies.push(textReply(ctx.t('kbReview.more')));
    if (proposals.length) replies.push(textReply(ctx.t('kbReview.proposals.intro')));
    for (const p of proposals.slice(0, REVIEW_PROPOSALS)) replies.push(cardReply(kbProposalCard(ctx.t, ctx.locale, p), `kb-proposal:${p.entry.id}:${p.phrasing.slice(0, 16)}`));
    if (proposals.length > REVIEW_PROPOSALS) replies.push(textReply(ctx.t('kbReview.proposals.more')));
    return { replies };
  }

  /** Confirms (links) or rejects what users proposed; looked up again, so a stale or forged button does nothing. */
  async function settle(ctx: FlowContext, person: Person, values: Record<string, unknown>, confirm: boolean): Promise<FlowStep<never>> {
    const entryId = String(values.entry ?? '');
    const phrasing = String(values.phrasing ?? '');
    const proposal = ID.test(entryId) && PHRASING.test(phrasing) ? await deps.kbLearning.proposal(entryId, phrasing) : undefined;
    if (!proposal) return { replies: [textReply(ctx.t('kbReview.proposal.gone'))] };
    const params = { title: proposal.entry.title, question: proposal.question };
    if (!confirm) {
      const rejected = await deps.kbLearning.reject(entryId, phrasing, person.id);
      return { replies: [textReply(ctx.t(rejected ? 'kbReview.proposal.rejected' : 'kbReview.proposal.gone', params))] };
    }
    const result = await deps.kbLearning.learn(entryId, proposal.question, { actor: person.id, source: 'review' });
    return { replies: [textReply(ctx.t(resultText(result), params))] };
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
    // Nothing learned: the article was full, or knew them, or none could be kept (in that order of telling).
    const told = learned === 1 ? 'learned' : (['full', 'known'] as const).find((r) => results.includes(r)) ?? 'refused';
    return { replies: [textReply(ctx.t(resultText(told), params))] };
  }

  function newArticle(ctx: FlowContext, directory: DirectoryDocument, group: ReviewGroup, canPublish: boolean): FlowStep<never> {
    const values = { language: group.language, title: group.question.slice(0, 200), problem: group.question, questions: group.examples.join('\n') };
    return { replies: [formReply(kbEditCard(ctx.t, 'new', values, directory.applications, [], canPublish), 'kb-edit:new')] };
  }

  return {
    id: 'kbReview',
    matches: (t) => COMMAND.test(t),
    isLookup: () => true,
    async start(ctx, inbound) {
      const { person, directory, rights } = await allowed(inbound);
      if (!rights.allowed) return { replies: [textReply(accessErrorText(ctx.t, { code: 'forbidden', neededRole: rights.neededRole }))] };
      const action = inbound.action;
      if (!action) return list(ctx);
      if (action.id === 'kbReview.confirm' || action.id === 'kbReview.reject') return settle(ctx, person, action.values, action.id === 'kbReview.confirm');
      if (action.id !== 'kbReview.link' && action.id !== 'kbReview.new') return { replies: [textReply(ctx.t('unknown.action'))] };
      const groupId = String(action.values.group ?? '');
      const group = /^[0-9a-f]{16}$/.test(groupId) ? await deps.kbReview.group(groupId, since(ctx)) : undefined;
      if (!group) return { replies: [textReply(ctx.t('kbReview.gone', { days: REVIEW_DAYS }))] };
      return action.id === 'kbReview.link' ? link(ctx, person, group, action.values) : newArticle(ctx, directory, group, rights.publish);
    },
    capabilities: (t, audience) => (!audience || audience.administersRso || audienceHas(audience, 'kb-editor', 'chain-coordinator')
      ? [{ title: t('kbReview.capability.title'), text: t('kbReview.capability.text'), administration: true }]
      : []),
  };
}

/** What a writer is told after a link. */
function resultText(result: LearnResult): 'kbLearn.linked' | 'kbLearn.known' | 'kbLearn.full' | 'kbLearn.refused' {
  switch (result) {
    case 'learned': return 'kbLearn.linked';
    case 'known': return 'kbLearn.known';
    case 'full': return 'kbLearn.full';
    // A writer's link is never pending or ignored; were it so, nothing was kept.
    default: return 'kbLearn.refused';
  }
}
