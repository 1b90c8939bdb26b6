import { translator } from '../../cards/i18n/translate.ts';
import type { CardView } from '../../cards/views/card-view.ts';
import { profileCard } from '../../cards/views/contact-form-card.ts';
import { applicationCard, directoryHitsCard } from '../../cards/views/directory-cards.ts';
import { incidentCard, incidentFormCard, incidentListCard } from '../../cards/views/incident-cards.ts';
import { invitationListCard } from '../../cards/views/invitation-cards.ts';
import { kbAnswerCard, kbNoAnswerCard } from '../../cards/views/kb-cards.ts';
import { maintenanceCard } from '../../cards/views/maintenance-cards.ts';
import { newsCard } from '../../cards/views/news-cards.ts';
import type { Locale } from '../../core/conversation/locale.ts';
import type { DirectoryDocument, Organisation } from '../../core/domain/directory/types.ts';
import type { Incident } from '../../core/domain/incidents/types.ts';
import type { KbEntry } from '../../core/domain/knowledge-base/types.ts';
import type { Maintenance } from '../../core/domain/maintenance/types.ts';
import type { NewsItem } from '../../core/domain/news/types.ts';

/*
 * The real card views with one text placed in every slot a user can fill: an incident's title,
 * description, update notes and resolution, people's names, a maintenance contact, a news item,
 * a question echoed back, profile fields. Everything else comes from the directory (trusted).
 */

/** The desk links the directory gives: the only links a card may carry. */
export const DESK_URL = 'https://a.example/servicedesk';
export const DESK_MAIL = 'servicedesk@a.example';
// The desks' phone numbers are tel: links too (directory data, like the e-mail address).
export const TRUSTED_URLS = [DESK_URL, `mailto:${DESK_MAIL}`, 'tel:+31205550102', 'tel:+31205550118'];

const orgA: Organisation = {
  id: 'org-a', name: 'Ziekenhuis Lindendael', kind: 'care-provider', region: 'Rivierenland', gtkServiceProviderIds: ['org-gtk'],
  desk: { name: 'Servicedesk Lindendael', phone: '+31 20 555 0102', email: DESK_MAIL, url: DESK_URL, hours: { 'mon-fri': '08:00-17:00' } },
};
const orgGtk: Organisation = {
  id: 'org-gtk', name: 'RivierenNet', kind: 'gtk-service-provider', gtkServiceProviderIds: [],
  desk: { name: 'Servicedesk RivierenNet', phone: '+31 20 555 0118', hours: '24x7' },
};
export const DIRECTORY: DirectoryDocument = {
  organisations: [orgA, orgGtk],
  applications: [{ id: 'app-x', name: 'RivierenNet viewer', kind: 'gtk', administratorId: 'org-gtk', usedBy: ['org-a'] }],
  contacts: [],
};

const AT = '2026-11-22T13:05:00.000Z';
const NOW = new Date('2026-11-22T20:00:00.000Z');

function incident(text: string): Incident {
  const actor = { id: 'slack:U1', name: text };
  return {
    id: 'INC-2026-0042', title: text, description: text, applicationIds: ['app-x'], organisationIds: ['org-a'], impact: 'degraded', startedAt: AT,
    possibleDataLeak: false, sinceVersion: text, status: 'in-progress', layer: 'gtk', coordinatorId: 'org-gtk', partnerIds: [],
    reason: { kind: 'one-gtk', providers: 1, gtk: 'RivierenNet' }, audienceIds: ['org-a', 'org-gtk'],
    reporter: { ...actor, platform: 'slack', userId: 'U1', organisationId: 'org-a' }, owner: actor, resolution: text,
    timeline: [
      { at: AT, kind: 'filed', actor },
      { at: AT, kind: 'taken', actor, text },
      { at: AT, kind: 'update', actor, text },
    ],
    createdAt: AT, updatedAt: AT, escalationOfferedAt: AT,
  };
}

function maintenance(text: string): Maintenance {
  const actor = { id: 'teams:1', name: text };
  return {
    id: 'MNT-2026-0007', applicationIds: ['app-x'], startsAt: AT, endsAt: '2026-11-22T15:00:00.000Z', impact: 'degraded', description: text, contact: text,
    status: 'cancelled', administratorIds: ['org-gtk'], audienceIds: ['org-a'], createdBy: actor,
    timeline: [{ at: AT, kind: 'scheduled', actor }, { at: AT, kind: 'cancelled', actor, text }],
    createdAt: AT, updatedAt: AT,
  };
}

function news(text: string): NewsItem {
  return { id: 'NWS-2026-0003', title: text, text, scope: 'national', senderId: 'org-gtk', audienceIds: ['org-a'], status: 'edited', createdBy: { id: 'slack:U2', name: text }, createdAt: AT, updatedAt: AT };
}

function kbEntry(text: string): KbEntry {
  return {
    id: 'kb-001', language: 'nl', questions: [], title: text, problem: 'Het scherm blijft leeg.', solution: 'Ververs de pagina.', tags: [], applicationIds: ['app-x'],
    audience: 'zorgverlener', published: true, createdBy: 'cli', createdAt: AT, updatedBy: 'cli', updatedAt: AT,
  };
}

/** Every representative view, with `text` in each user slot. */
export function hostileViews(text: string, locale: Locale = 'nl'): Array<[string, CardView]> {
  const t = translator(locale);
  const c = { t, locale, now: NOW };
  const contact = { id: 'c1', organisationId: 'org-a', name: text, role: text, phone: text, email: text };
  return [
    ['incident alert (channel)', incidentCard(t, incident(text), DIRECTORY)],
    ['incident, confidential, reporter copy', incidentCard(t, { ...incident(text), possibleDataLeak: true, status: 'resolved' }, DIRECTORY, { actions: 'reporter' })],
    ['incident list', incidentListCard(t, [incident(text), { ...incident(text), id: 'INC-2026-0043' }], DIRECTORY)],
    ['incident form sent back', incidentFormCard(t, { title: text, description: text, sinceVersion: text, organisations: ['org-a'] }, DIRECTORY, { title: { code: 'citizen-service-number', found: text } as never })],
    ['maintenance', maintenanceCard(t, maintenance(text), DIRECTORY)],
    ['news', newsCard(t, news(text), DIRECTORY, { editable: true })],
    ['kb answer with a known incident', kbAnswerCard(t, kbEntry(text), ['RivierenNet viewer'], [{ application: 'RivierenNet viewer', issue: { kind: 'incident', applicationId: 'app-x', title: text, detail: text } }])],
    ['kb: no answer to the question', kbNoAnswerCard(t, text)],
    ['directory hits for the query', directoryHitsCard(t, text, [{ type: 'organisation', id: 'org-a', name: 'Ziekenhuis Lindendael', detail: 'zorgaanbieder' }])],
    ['application with contacts', applicationCard(c, DIRECTORY.applications[0]!, { organisation: orgA, status: { open: true, alwaysOpen: true } }, [contact])],
    ['profile sent back with an error', profileCard(t, { roles: 'zorgverlener', organisations: 'Ziekenhuis Lindendael', id: 'slack:U1' }, { name: text, phone: text, email: text, role: text }, text)],
    ['invitations', invitationListCard(t, [{ code: 'ABCD-EFGH', role: 'administrator', organisationIds: ['org-a'], invitee: text, invitedBy: 'slack:U1', createdAt: AT, expiresAt: '2026-11-29T13:05:00.000Z', status: 'open' }], NOW, () => 'Ziekenhuis Lindendael', (iso) => iso.slice(0, 10))],
  ];
}
