import { contactEditCard, profileCard, type ContactFormValues } from '../cards/views/contact-form-card.ts';
import type { MessageKey } from '../cards/i18n/translate.ts';
import { matchScore } from '../core/domain/directory/fuzzy.ts';
import type { People } from '../core/domain/access/people.ts';
import type { Person } from '../core/domain/access/types.ts';
import type { DirectoryRepository } from '../core/domain/directory/directory-repository.ts';
import type { Flow, FlowContext, FlowStep } from '../core/conversation/flow.ts';
import { cardReply, textReply } from '../core/conversation/reply.ts';
import { accessErrorText } from './access-error-text.ts';

const PROFILE = /^(?:mijn gegevens|mijn profiel|profiel|my details|my profile|profile|whoami|wie ben ik|who am i)$/;
const EDIT_CONTACT = /^(?:contact bewerk|contact bewerken|bewerk contact|edit contact|contact edit)\s+(.+)$/i;

const formValues = (values: Record<string, unknown>): ContactFormValues => ({
  name: String(values.name ?? ''),
  phone: String(values.phone ?? ''),
  email: String(values.email ?? ''),
  role: String(values.role ?? ''),
});

/** Own contact details ("mijn gegevens") and, for administrators, "contact bewerk <naam>". */
export function createProfileFlow(deps: { people: People; directory: DirectoryRepository }): Flow<never> {
  async function profile(ctx: FlowContext, person: Person, values?: ContactFormValues, error?: string): Promise<FlowStep<never>> {
    const directory = await deps.directory.load();
    const orgName = (id?: string) => (id ? directory.organisations.find((o) => o.id === id)?.name ?? id : '');
    const roles = person.roles.length
      ? person.roles.map((g) => `${ctx.t(`role.${g.role}` as MessageKey)}${g.organisationId ? ` (${orgName(g.organisationId)})` : ''}`).join(', ')
      : ctx.t('role.care-professional');
    const contact = await deps.people.ownContact(person);
    const current = values ?? { name: contact?.name ?? person.displayName ?? '', phone: contact?.phone ?? '', email: contact?.email ?? '', role: contact?.role ?? '' };
    const organisations = person.organisationIds.map((id) => orgName(id)).join(', ') || ctx.t('profile.none');
    return { replies: [cardReply(profileCard(ctx.t, { roles, organisations, id: person.id }, current, error), 'profile')] };
  }

  return {
    id: 'profile',
    matches: (text) => PROFILE.test(text) || EDIT_CONTACT.test(text),
    isLookup: (text) => PROFILE.test(text),
    async start(ctx, inbound) {
      const person = await deps.people.of(inbound);
      const action = inbound.action;
      const organisations = (await deps.directory.load()).organisations;
      const orgName = (id: string) => organisations.find((o) => o.id === id)?.name ?? id;
      if (action?.id === 'profile.save') {
        const values = formValues(action.values);
        const result = await deps.people.updateOwnContact(person, values);
        if (!result.ok) return profile(ctx, person, values, accessErrorText(ctx.t, result.error));
        return { replies: [textReply(ctx.t('profile.saved'))] };
      }
      if (action?.id === 'profile.saveContact') {
        const values = formValues(action.values);
        const contactId = String(action.values.contactId ?? '');
        const result = await deps.people.updateContact(person, contactId, values);
        if (!result.ok) return { replies: [cardReply(contactEditCard(ctx.t, contactId, values, accessErrorText(ctx.t, result.error, orgName)), 'contact.edit')] };
        return { replies: [textReply(ctx.t('contact.saved', { name: result.value.name }))] };
      }
      const edit = EDIT_CONTACT.exec((inbound.text ?? '').trim());
      if (edit) {
        const query = edit[1]!.trim();
        const contacts = (await deps.directory.load()).contacts;
        const contact = contacts.find((c) => c.id === query) ?? contacts
          .map((c) => ({ c, score: matchScore(query, c.name) }))
          .filter((x) => x.score >= 50)
          .sort((a, b) => b.score - a.score)[0]?.c;
        if (!contact) return { replies: [textReply(ctx.t('contact.notFound', { query }))] };
        // Refuse before showing the form, so nobody types in vain.
        const check = await deps.people.updateContact(person, contact.id, {});
        if (!check.ok) return { replies: [textReply(accessErrorText(ctx.t, check.error, orgName))] };
        return { replies: [cardReply(contactEditCard(ctx.t, contact.id, { name: contact.name, phone: contact.phone ?? '', email: contact.email ?? '', role: contact.role }), 'contact.edit')] };
      }
      return profile(ctx, person);
    },
    capabilities: (t) => [{ title: t('profile.capability.title'), text: t('profile.capability.text') }],
  };
}
