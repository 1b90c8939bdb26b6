import { randomUUID } from 'node:crypto';
import { newsCard, newsFormCard, newsProblemText } from '../cards/views/news-cards.ts';
import { confirmedNotPatientData, NOT_PATIENT_DATA } from '../cards/views/patient-details-blocks.ts';
import type { Flow, FlowContext, FlowStep } from '../core/conversation/flow.ts';
import type { Inbound } from '../core/conversation/inbound.ts';
import { normalizeText } from '../core/conversation/normalize.ts';
import { cardReply, formReply, textReply } from '../core/conversation/reply.ts';
import type { People } from '../core/domain/access/people.ts';
import type { Person } from '../core/domain/access/types.ts';
import type { DirectoryRepository } from '../core/domain/directory/directory-repository.ts';
import type { NewsProblem, NewsService } from '../core/domain/news/news-service.ts';
import type { Translate } from '../cards/i18n/translate.ts';

const OPEN = /^(?:nieuws|nieuwsbericht|nieuws plaatsen|news|post news)$/i;
// The number alone, or after one word ("nieuws", "news", "toon", a typo).
const SHOW = /^(?:[a-z]{1,12}\s+)?(nws-?\d{4}-?\d{1,6})$/i;
const text = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

/** Regional and national news: an RSO's administrators and chain coordinators post it with a form and correct it in place. */
export function createNewsFlow(deps: { news: NewsService; directory: DirectoryRepository; people: People }): Flow<never> {
  async function personOf(inbound: Inbound): Promise<Person> {
    const person = await deps.people.of(inbound);
    return person.displayName || !inbound.actor.name ? person : { ...person, displayName: inbound.actor.name };
  }

  async function form(ctx: FlowContext, person: Person, values: { id?: string; title?: string; text?: string; notPatientData?: boolean }, problems: Parameters<typeof newsFormCard>[3] = {}, formId = randomUUID().slice(0, 8)): Promise<FlowStep<never>> {
    const directory = await deps.directory.load();
    const speaker = deps.news.senderFor(person, directory);
    if (!speaker) return { replies: [textReply(ctx.t('news.forbidden'))] };
    const audience = speaker.scope === 'national' ? ctx.t('news.scope.national') : ctx.t('news.scope.region', { region: speaker.sender.region ?? speaker.sender.name });
    return { replies: [formReply(newsFormCard(ctx.t, values, audience, problems, formId), `news-form:${formId}`)] };
  }

  async function save(ctx: FlowContext, inbound: Inbound): Promise<FlowStep<never>> {
    const v = inbound.action!.values;
    const person = await personOf(inbound);
    const values = { ...(text(v.id) ? { id: text(v.id) } : {}), title: text(v.title), text: text(v.text), ...(confirmedNotPatientData(v[NOT_PATIENT_DATA]) ? { notPatientData: true } : {}) };
    const confirmation = { notPatientData: values.notPatientData === true };
    const formId = /^[\w-]{1,40}$/.test(text(v.formId)) ? text(v.formId) : undefined;
    const result = values.id ? await deps.news.edit(person, values.id, values.title, values.text, confirmation) : await deps.news.post(person, values.title, values.text, confirmation);
    if (!result.ok && result.problem.code === 'invalid') return form(ctx, person, values, result.problem.fields, formId);
    if (!result.ok) return { replies: [textReply(newsProblem(ctx.t, result.problem))] };
    const item = result.value;
    const channels = item.noticeId ? await deps.news.channelCount(item) : 0;
    const directory = await deps.directory.load();
    // Where it went, in words (the region's organisations or all of them), and how to find it again in chat.
    const audience = item.scope === 'national' ? ctx.t('news.scope.national') : ctx.t('news.scope.region', { region: item.region ?? '' });
    const said = values.id ? ctx.t('news.done.edited', { id: item.id })
      : channels ? ctx.t('news.done.posted', { id: item.id, channels, audience })
      : ctx.t('news.done.noChannels', { id: item.id, audience });
    return { replies: [textReply(said), cardReply(newsCard(ctx.t, item, directory, { editable: true }), `news-form:${formId ?? item.id}`)] };
  }

  return {
    id: 'news',
    matches: (t) => OPEN.test(t) || SHOW.test(t),
    isLookup: (t) => SHOW.test(t),
    async start(ctx, inbound) {
      const action = inbound.action?.id;
      const person = await personOf(inbound);
      if (action === 'news.save') return save(ctx, inbound);
      if (action === 'news.edit') {
        const item = await deps.news.get(text(inbound.action!.values.newsId));
        if (!item) return { replies: [textReply(ctx.t('news.notFound', { id: text(inbound.action!.values.newsId) }))] };
        if (!deps.news.mayCorrect(person, item)) return { replies: [textReply(ctx.t('news.forbidden'))] };
        return form(ctx, person, { id: item.id, title: item.title, text: item.text });
      }
      if (action === 'news.new') return form(ctx, person, {});
      const show = SHOW.exec(normalizeText(inbound.text));
      if (show) {
        const item = await deps.news.get(show[1]!);
        if (!item) return { replies: [textReply(ctx.t('news.notFound', { id: show[1]!.toUpperCase() }))] };
        const directory = await deps.directory.load();
        const editable = deps.news.mayCorrect(person, item) && inbound.conversation.kind === 'personal';
        return { replies: [cardReply(newsCard(ctx.t, item, directory, { editable }))] };
      }
      return form(ctx, person, {});
    },
    capabilities: (t, audience) => (!audience || audience.administersRso ? [{ title: t('news.capability.title'), text: t('news.capability.text'), administration: true }] : []),
  };
}

export function newsProblem(t: Translate, problem: NewsProblem): string {
  switch (problem.code) {
    case 'invalid': {
      const first = Object.values(problem.fields)[0];
      return first ? newsProblemText(t, first) : t('incident.problem.invalid');
    }
    case 'forbidden': return t('news.forbidden');
    case 'not-found': return t('news.notFound', { id: problem.id });
    case 'conflict': return t('news.conflict', { id: problem.id });
  }
}
