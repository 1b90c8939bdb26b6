import { versionLine } from '../cards/views/release-cards.ts';
import { localDateTime } from '../cards/views/incident-cards.ts';
import type { ReleaseService } from '../core/domain/releases/release-service.ts';
import { directoryHitsCard, directorySearchCard, applicationCard, organisationCard } from '../cards/views/directory-cards.ts';
import type { MessageKey } from '../cards/i18n/translate.ts';
import { visibleContacts } from '../core/domain/access/contact-visibility.ts';
import type { People } from '../core/domain/access/people.ts';
import { deskStatusOf } from '../core/domain/directory/desk-status-of.ts';
import type { DirectoryRepository } from '../core/domain/directory/directory-repository.ts';
import { searchDirectory } from '../core/domain/directory/directory-search.ts';
import type { DirectoryDocument } from '../core/domain/directory/types.ts';
import type { Flow, FlowContext, FlowStep } from '../core/conversation/flow.ts';
import type { Inbound } from '../core/conversation/inbound.ts';
import { normalizeText } from '../core/conversation/normalize.ts';
import { asTyped } from './as-typed.ts';
import { cardReply, textReply } from '../core/conversation/reply.ts';
import type { Person } from '../core/domain/access/types.ts';

const APP_QUESTION = /^(?:wie is de beheerder van|wie is beheerder van|wie beheert|wie beheer|beheerder van|beheer van|who is the administrator of|who manages|who administers|who runs|who maintains|administrator of)\s+(.+)$/;
// Longer phrasings first, so "contactgegevens van X" does not read as "contactgegevens" + "van X".
const ORG_QUESTION = /^(?:contactgegevens van|contactgegevens|contact details of|contact details|contact info|contact van|contact|loket van|loket|desk of|desk)\s+(.+)$/;
/** "wie beheert het Zorgadresboek": the article is not part of the name. */
const withoutArticle = (query: string) => query.replace(/^(?:de|het|een|the|a|an)\s+(?=\S)/, '');
const SEARCH = /^(?:wie|who|zoek in adresboek|search directory)\s+(.+)$/;
const OPEN_CARD = new Set(['wie', 'who', 'adresboek', 'address book', 'directory', 'wie beheert wat', 'who manages what', 'contacten', 'contacts']);

/** "wie beheert <applicatie>?", "contact <organisatie>", "/ketenbot wie <term>": the address book in chat. */
/** The application's current version as one line (absent: no release recorded). */
type VersionOf = (ctx: FlowContext, applicationId: string) => Promise<string | undefined>;

export function createDirectoryFlow(deps: { directory: DirectoryRepository; people: People; releases?: ReleaseService }): Flow<never> {
  const versionOf: VersionOf = async (ctx, applicationId) => {
    const info = await deps.releases?.current(applicationId);
    if (!info) return undefined;
    const now = ctx.now.toISOString();
    const earlier = (await deps.releases!.history(applicationId)).filter((r) => r.releasedAt <= now && r.id !== info.releaseId).slice(0, 5);
    const history = earlier.map((r) => `${r.version} (${localDateTime(r.releasedAt).slice(0, 10)})`).join(', ');
    return history ? `${versionLine(ctx.t, info)}\n${ctx.t('release.history', { versions: history })}` : versionLine(ctx.t, info);
  };
  const parse = (text: string): { query: string; only?: 'application' | 'organisation' } | 'card' | undefined => {
    if (OPEN_CARD.has(text)) return 'card';
    const app = APP_QUESTION.exec(text);
    if (app) return { query: withoutArticle(app[1]!), only: 'application' };
    const org = ORG_QUESTION.exec(text);
    if (org) return { query: withoutArticle(org[1]!), only: 'organisation' };
    const any = SEARCH.exec(text);
    return any ? { query: withoutArticle(any[1]!) } : undefined;
  };

  async function answer(ctx: FlowContext, inbound: Inbound, query: string, only?: 'application' | 'organisation'): Promise<FlowStep<never>> {
    const directory = await deps.directory.load();
    const person = await deps.people.of(inbound);
    // "wie beheert X" where X is an organisation (or the other way round) still answers.
    const hits = searchDirectory(directory, query, only).length ? searchDirectory(directory, query, only) : searchDirectory(directory, query);
    // Echoed as typed ("Vroedsoft", not "vroedsoft"); the search itself uses the normalised words.
    const shown = asTyped(inbound.action ? String(inbound.action.values.query ?? '') : inbound.text, query);
    if (!hits.length) return { replies: [textReply(ctx.t('directory.none', { query: shown }))] };
    if (hits.length === 1) return { replies: [cardReply((await detailCard(ctx, directory, person, hits[0]!.type, hits[0]!.item.id, versionOf))!)] };
    return {
      replies: [cardReply(directoryHitsCard(ctx.t, shown, hits.map((h) => ({
        type: h.type,
        id: h.item.id,
        name: h.item.name,
        detail: h.type === 'application'
          ? ctx.t(`kind.application.${h.item.kind}` as MessageKey)
          : ctx.t(`kind.organisation.${h.item.kind}` as MessageKey),
      }))))],
    };
  }

  return {
    id: 'directory',
    matches: (text) => parse(text) !== undefined,
    isLookup: () => true,
    async start(ctx, inbound) {
      if (inbound.action?.id === 'directory.show') {
        const { type, id } = inbound.action.values as { type?: string; id?: string };
        const card = (type === 'application' || type === 'organisation') && id
          ? await detailCard(ctx, await deps.directory.load(), await deps.people.of(inbound), type, id, versionOf)
          : undefined;
        return { replies: [card ? cardReply(card) : textReply(ctx.t('unknown.action'))] };
      }
      if (inbound.action?.id === 'directory.search') {
        const query = String(inbound.action.values.query ?? '').trim();
        if (!query) return { replies: [cardReply(directorySearchCard(ctx.t, '', ctx.t('directory.search.empty')))] };
        return answer(ctx, inbound, query);
      }
      const parsed = parse(normalizeText(inbound.text));
      if (!parsed || parsed === 'card') return { replies: [cardReply(directorySearchCard(ctx.t))] };
      return answer(ctx, inbound, parsed.query, parsed.only);
    },
    capabilities: (t) => [{
      title: t('directory.capability.title'),
      text: t('directory.capability.text'),
      action: { kind: 'submit', id: 'directory.open', label: t('directory.capability.action') },
    }],
  };
}

async function detailCard(ctx: FlowContext, directory: DirectoryDocument, person: Person, type: 'application' | 'organisation', id: string, versionOf: VersionOf) {
  const common = { t: ctx.t, locale: ctx.locale, now: ctx.now };
  if (type === 'application') {
    const app = directory.applications.find((a) => a.id === id);
    const admin = app && directory.organisations.find((o) => o.id === app.administratorId);
    if (!app || !admin) return undefined;
    return applicationCard(common, app, { organisation: admin, status: deskStatusOf(admin, ctx.now) }, visibleContacts(person, directory, admin.id), await versionOf(ctx, app.id));
  }
  const org = directory.organisations.find((o) => o.id === id);
  if (!org) return undefined;
  return organisationCard(
    common,
    { organisation: org, status: deskStatusOf(org, ctx.now) },
    directory.applications.filter((a) => a.administratorId === org.id),
    directory.applications.filter((a) => a.usedBy.includes(org.id)),
    visibleContacts(person, directory, org.id),
  );
}
