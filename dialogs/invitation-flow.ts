import { formatDateTime } from '../cards/views/format-date.ts';
import { invitationListCard, inviteFormCard, type InviteFormValues } from '../cards/views/invitation-cards.ts';
import type { MessageKey } from '../cards/i18n/translate.ts';
import type { Invitations } from '../core/domain/access/invitations.ts';
import type { People } from '../core/domain/access/people.ts';
import { ROLES, isCoordinator, type Person, type Role } from '../core/domain/access/types.ts';
import type { DirectoryRepository } from '../core/domain/directory/directory-repository.ts';
import { resolveOrganisation } from '../core/domain/access/resolve-organisation.ts';
import { audienceHas, type Flow, type FlowContext, type FlowStep } from '../core/conversation/flow.ts';
import type { Inbound } from '../core/conversation/inbound.ts';
import { normalizeText } from '../core/conversation/normalize.ts';
import { cardReply, textReply } from '../core/conversation/reply.ts';
import { accessErrorText } from './access-error-text.ts';
import { roleFromWord } from './role-words.ts';

const CODE = '([A-Za-z0-9]{4}[- ]?[A-Za-z0-9]{4})';
const ACCEPT = new RegExp(`^(?:accepteer|accepteren|accept|uitnodiging accepteren)\\s+${CODE}$`, 'i');
const BARE_CODE = /^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/;
const EXTEND = new RegExp(`^(?:verleng|verlengen|extend)\\s+(?:uitnodiging\\s+)?${CODE}$`, 'i');
const REVOKE = new RegExp(`^(?:intrekken|trek in|trek|revoke|intrek)\\s+(?:uitnodiging\\s+)?${CODE}(?:\\s+in)?$`, 'i');
const INVITE = /^(?:uitnodigen|nodig uit|invite)(?:\s+(.+))?$/i;
const LIST = /^(?:uitnodigingen|invitations)$/i;

/** Slack "<@U123|jan>" → "slack:U123"; an e-mail address stays as it is. */
function inviteeFrom(raw: string, inbound: Inbound): string {
  const mention = /^<@([A-Z0-9]+)(?:\|[^>]*)?>$/.exec(raw);
  return mention ? `${inbound.platform}:${mention[1]}` : raw;
}

/** Invitations in chat (seed 001): invite, accept, list, extend, revoke. */
export function createInvitationFlow(deps: { invitations: Invitations; people: People; directory: DirectoryRepository }): Flow<never> {
  async function manageable(person: Person) {
    const directory = await deps.directory.load();
    const orgs = isCoordinator(person)
      ? directory.organisations
      : directory.organisations.filter((o) => person.roles.some((g) => g.role === 'administrator' && g.organisationId === o.id));
    const roles = ROLES.filter((r) => r !== 'chain-coordinator' || isCoordinator(person));
    return { orgs, roles, directory };
  }

  async function create(ctx: FlowContext, inbound: Inbound, person: Person, values: InviteFormValues, fromForm: boolean): Promise<FlowStep<never>> {
    const { orgs, roles, directory } = await manageable(person);
    const role = (ROLES as readonly string[]).includes(values.role ?? '') ? (values.role as Role) : roleFromWord(values.role);
    const orgQueries = (values.organisations ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    const orgIds: string[] = [];
    let error: string | undefined;
    for (const query of orgQueries) {
      const found = resolveOrganisation(directory, query);
      if (!found.ok) { error = accessErrorText(ctx.t, found.error); break; }
      orgIds.push(found.value.id);
    }
    if (!error && !role) error = ctx.t('invite.roleNeeded');
    if (!error && role !== 'chain-coordinator' && !orgIds.length) error = ctx.t('access.invalidField.organisation');
    if (!error) {
      const result = await deps.invitations.invite(person, { role: role!, organisationIds: orgIds, invitee: inviteeFrom((values.invitee ?? '').trim(), inbound) });
      if (result.ok) {
        const inv = result.value;
        return { replies: [textReply(ctx.t('invite.created', {
          code: inv.code, invitee: inv.invitee, role: ctx.t(`role.${inv.role}` as MessageKey),
          organisations: inv.organisationIds.map((id) => directory.organisations.find((o) => o.id === id)?.name ?? id).join(', ') || '—',
          expires: formatDateTime(ctx.locale, inv.expiresAt),
        }))] };
      }
      error = accessErrorText(ctx.t, result.error, (id) => directory.organisations.find((o) => o.id === id)?.name ?? id);
    }
    // Nothing typed is lost: the form comes back with the values and the reason.
    if (fromForm) return { replies: [cardReply(inviteFormCard(ctx.t, roles, orgs, values, error), 'invite.form')] };
    return { replies: [textReply(error!)] };
  }

  return {
    id: 'invite',
    matches: (text) => INVITE.test(text) || LIST.test(text) || ACCEPT.test(text) || EXTEND.test(text) || REVOKE.test(text) || BARE_CODE.test(text.toUpperCase()),
    async start(ctx, inbound) {
      const person = await deps.people.of(inbound);
      const text = (inbound.text ?? '').trim();
      const directory = await deps.directory.load();
      const orgName = (id: string) => directory.organisations.find((o) => o.id === id)?.name ?? id;
      const action = inbound.action;
      if (action?.id === 'invite.create') return create(ctx, inbound, person, stringValues(action.values), true);
      if (action?.id === 'invite.extend' || EXTEND.test(text)) return extendOrRevoke('extend', String(action?.values.code ?? EXTEND.exec(text)?.[1] ?? ''));
      if (action?.id === 'invite.revoke' || REVOKE.test(text)) return extendOrRevoke('revoke', String(action?.values.code ?? REVOKE.exec(text)?.[1] ?? ''));
      if (ACCEPT.test(text) || BARE_CODE.test(text.toUpperCase())) {
        const result = await deps.invitations.accept(person, ACCEPT.exec(text)?.[1] ?? text);
        if (!result.ok) return { replies: [textReply(accessErrorText(ctx.t, result.error, orgName))] };
        const { invitation } = result.value;
        return { replies: [textReply(ctx.t('invite.accepted', { role: ctx.t(`role.${invitation.role}` as MessageKey), organisations: invitation.organisationIds.map(orgName).join(', ') || '—' }))] };
      }
      if (LIST.test(normalizeText(text))) {
        const result = await deps.invitations.list(person);
        if (!result.ok) return { replies: [textReply(accessErrorText(ctx.t, result.error, orgName))] };
        return { replies: [cardReply(invitationListCard(ctx.t, result.value, ctx.now, orgName, (iso) => formatDateTime(ctx.locale, iso)))] };
      }
      const args = INVITE.exec(text)?.[1]?.trim();
      if (args) {
        // "uitnodigen jan@x.nl beheerder org-a, org-b"
        const [invitee, roleWord, ...rest] = args.split(/\s+/);
        return create(ctx, inbound, person, { invitee: invitee ?? '', role: roleWord ?? '', organisations: rest.join(' ') }, false);
      }
      const { orgs, roles } = await manageable(person);
      if (!orgs.length) return { replies: [textReply(ctx.t('invite.form.none'))] };
      return { replies: [cardReply(inviteFormCard(ctx.t, roles, orgs), 'invite.form')] };

      async function extendOrRevoke(kind: 'extend' | 'revoke', code: string): Promise<FlowStep<never>> {
        const result = kind === 'extend' ? await deps.invitations.extend(person, code) : await deps.invitations.revoke(person, code);
        if (!result.ok) return { replies: [textReply(accessErrorText(ctx.t, result.error, orgName))] };
        return { replies: [textReply(kind === 'extend'
          ? ctx.t('invite.extended', { code: result.value.code, expires: formatDateTime(ctx.locale, result.value.expiresAt) })
          : ctx.t('invite.revoked', { code: result.value.code }))] };
      }
    },
    // Everyone may accept an invitation; inviting is administration.
    capabilities: (t, audience) => [
      { title: t('invite.capability.accept.title'), text: t('invite.capability.accept.text') },
      ...(audienceHas(audience, 'administrator', 'chain-coordinator') ? [{ title: t('invite.capability.title'), text: t('invite.capability.text'), administration: true }] : []),
    ],
  };
}

function stringValues(values: Record<string, unknown>): InviteFormValues {
  const text = (v: unknown) => (Array.isArray(v) ? v.join(',') : v === undefined || v === null ? undefined : String(v));
  return { invitee: text(values.invitee), role: text(values.role), organisations: text(values.organisations) };
}
