import { invitationState, type Invitation } from '../../core/domain/access/invitation.ts';
import type { Role } from '../../core/domain/access/types.ts';
import type { Organisation } from '../../core/domain/directory/types.ts';
import type { MessageKey, Translate } from '../i18n/translate.ts';
import { byName } from './by-name.ts';
import { cancelAction } from './cancel-action.ts';
import type { CardAction, CardView } from './card-view.ts';

export interface InviteFormValues {
  invitee?: string;
  role?: string;
  organisations?: string;
}

/** The invitation form; sent back with the typed values and an error when something was wrong. */
export function inviteFormCard(t: Translate, roles: Role[], organisations: Organisation[], values: InviteFormValues = {}, error?: string): CardView {
  return {
    kind: 'invite.form',
    title: t('invite.form.title'),
    blocks: [
      { type: 'text', text: t('invite.form.text') },
      ...(error ? [{ type: 'text' as const, text: error, style: 'warning' as const }] : []),
      { type: 'input', input: { kind: 'text', id: 'invitee', label: t('invite.form.invitee'), required: true, requiredMessage: t('form.required'), value: values.invitee ?? '', placeholder: 'naam@organisatie.nl' } },
      { type: 'input', input: { kind: 'choice', id: 'role', label: t('invite.form.role'), required: true, requiredMessage: t('form.required'), value: values.role ?? 'servicedesk-agent', choices: roles.map((r) => ({ title: t(`role.${r}` as MessageKey), value: r })) } },
      {
        type: 'input',
        input: {
          kind: 'choice', id: 'organisations', label: t('invite.form.organisations'), multiSelect: true,
          value: values.organisations ? values.organisations.split(',') : organisations.length === 1 ? [organisations[0]!.id] : [],
          choices: byName(organisations).map((o) => ({ title: o.name, value: o.id })),
        },
      },
    ],
    actions: [{ kind: 'submit', id: 'invite.create', label: t('invite.form.submit'), style: 'primary' }, cancelAction(t, 'invite.form')],
    fallbackText: t('invite.form.title'),
  };
}

export function invitationListCard(t: Translate, invitations: Invitation[], now: Date, orgName: (id: string) => string, date: (iso: string) => string): CardView {
  const actions: CardAction[] = [];
  for (const inv of invitations) {
    const state = invitationState(inv, now);
    if (state === 'open' || state === 'expired') actions.push({ kind: 'submit', id: 'invite.extend', label: t('invite.action.extend', { code: inv.code }), data: { code: inv.code } });
    if (state === 'open') actions.push({ kind: 'submit', id: 'invite.revoke', label: t('invite.action.revoke', { code: inv.code }), style: 'danger', data: { code: inv.code } });
  }
  return {
    kind: 'invite.list',
    title: t('invite.list.title'),
    blocks: invitations.length
      ? [{
          type: 'list',
          items: invitations.map((inv) => ({
            title: `${inv.code}: ${t('invite.list.item', { invitee: inv.invitee, role: t(`role.${inv.role}` as MessageKey), organisations: inv.organisationIds.map(orgName).join(', ') || '—' })}`,
            text: t('invite.list.state', { state: t(`invite.state.${invitationState(inv, now)}` as MessageKey), expires: date(inv.expiresAt) }),
          })),
        }]
      : [{ type: 'text', text: t('invite.list.empty') }],
    ...(actions.length ? { actions: actions.slice(0, 20) } : {}),
    fallbackText: t('invite.list.title'),
  };
}
