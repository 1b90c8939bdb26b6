import { describe, expect, it } from 'vitest';
import { renderAdaptiveCard } from '../../cards/adaptive/render-adaptive-card.ts';
import { renderBlocks } from '../../cards/blockkit/render-blocks.ts';
import { translator } from '../../cards/i18n/translate.ts';
import type { CardView } from '../../cards/views/card-view.ts';
import { contactEditCard, profileCard } from '../../cards/views/contact-form-card.ts';
import { applicationCard, directoryHitsCard, directorySearchCard, organisationCard } from '../../cards/views/directory-cards.ts';
import { buildHelpCard } from '../../cards/views/help-card.ts';
import { invitationListCard, inviteFormCard } from '../../cards/views/invitation-cards.ts';
import type { Invitation } from '../../core/domain/access/invitation.ts';
import type { Application, Organisation } from '../../core/domain/directory/types.ts';
import type { Locale } from '../../core/conversation/locale.ts';
import { validateAdaptiveCard } from './adaptive/adaptivecards-validator.ts';

const org: Organisation = {
  id: 'org-a', name: 'Ziekenhuis A', kind: 'care-provider', region: 'Rivierenland', gtkServiceProviderIds: [],
  desk: { name: 'Servicedesk A', phone: '+31 20 555 0100', email: 'desk@a.example', url: 'https://a.example/desk', hours: { 'mon-fri': '08:00-17:00' } },
};
const app: Application = { id: 'app-x', name: 'X-platform', kind: 'gtk', administratorId: 'org-a', usedBy: ['org-a'] };
const invitation: Invitation = {
  code: 'ABCD-EFGH', role: 'administrator', organisationIds: ['org-a'], invitee: 'jan@a.example', invitedBy: 'slack:U1',
  createdAt: '2026-11-20T10:00:00.000Z', expiresAt: '2026-11-27T10:00:00.000Z', status: 'open',
};
const now = new Date('2026-11-22T20:00:00.000Z');

/** Every card builder the project has, with realistic content, in one language. */
function everyCard(locale: Locale): Array<[string, CardView]> {
  const t = translator(locale);
  const c = { t, locale, now };
  const closed = { organisation: org, status: { open: false as const, opensAt: new Date('2026-11-23T07:00:00.000Z') } };
  return [
    ['help', buildHelpCard(t, [{ title: 'A', text: 'a', action: { kind: 'submit', id: 'directory.open', label: 'Zoek' } }, { title: 'B', text: 'b' }])],
    ['application', applicationCard(c, app, closed, [{ id: 'c1', organisationId: 'org-a', name: 'Jan', role: 'servicedesk', phone: '+31 6 1234 5678', email: 'jan@a.example' }])],
    ['application, contacts hidden', applicationCard(c, app, { organisation: org, status: { open: true, alwaysOpen: true } }, 'hidden')],
    ['organisation', organisationCard(c, closed, [app], [app], [])],
    ['hits', directoryHitsCard(t, 'medicura', [{ type: 'application', id: 'app-x', name: 'X', detail: 'viewer' }, { type: 'organisation', id: 'org-a', name: 'A', detail: 'leverancier' }])],
    ['search', directorySearchCard(t)],
    ['search with error', directorySearchCard(t, '', t('directory.search.empty'))],
    ['invite form', inviteFormCard(t, ['servicedesk-agent', 'administrator'], [org])],
    ['invite form with error', inviteFormCard(t, ['administrator'], [org], { invitee: 'jan', role: 'administrator', organisations: 'org-a' }, t('access.invalidInvitee', { invitee: 'jan' }))],
    ['invitation list', invitationListCard(t, [invitation, { ...invitation, code: 'JKLM-NPQR', status: 'accepted' }], now, (id) => id, (iso) => iso)],
    ['invitation list, empty', invitationListCard(t, [], now, (id) => id, (iso) => iso)],
    ['profile', profileCard(t, { roles: 'beheerder', organisations: 'Ziekenhuis A', id: 'slack:U1' }, { name: 'Jan' })],
    ['profile with error', profileCard(t, { roles: '', organisations: '', id: 'slack:U1' }, { name: 'Jan', email: 'x' }, t('access.invalidField.email'))],
    ['contact edit', contactEditCard(t, 'c1', { name: 'Jan', phone: '', email: '', role: '' })],
  ];
}

describe.each(['nl', 'en'] as const)('every card the project builds (%s)', (locale) => {
  it.each(everyCard(locale))('%s: valid Adaptive Card 1.5 (no errors, no warnings)', (_name, view) => {
    expect(validateAdaptiveCard(renderAdaptiveCard(view))).toEqual([]);
  });
  it.each(everyCard(locale))('%s: Slack blocks within Block Kit limits', (_name, view) => {
    const { text, blocks } = renderBlocks(view);
    expect(text.length).toBeGreaterThan(0);
    expect(blocks.length).toBeLessThanOrEqual(50);
  });
});
