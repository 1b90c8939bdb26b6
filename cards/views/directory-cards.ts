import type { DeskStatus } from '../../core/domain/directory/opening-hours.ts';
import type { Application, Contact, Organisation } from '../../core/domain/directory/types.ts';
import type { Locale } from '../../core/conversation/locale.ts';
import type { MessageKey, Translate } from '../i18n/translate.ts';
import { mailUri, phoneUri } from '../text/phone-uri.ts';
import type { CardBlock, CardView, Fact, ListItem } from './card-view.ts';
import { byName } from './by-name.ts';
import { deskStatusText } from './desk-status-text.ts';
import { openingHoursText } from './opening-hours-text.ts';

export interface DeskInfo {
  organisation: Organisation;
  status: DeskStatus;
}

interface Common {
  t: Translate;
  locale: Locale;
  now: Date;
}

const tone = (status: DeskStatus): 'good' | 'warning' => (status.open ? 'good' : 'warning');

/** Name, phone, e-mail, URL and hours of a desk; with its open-now status unless the card's badge shows it. */
export function deskBlocks(c: Common, desk: DeskInfo, withStatus = true): CardBlock[] {
  const d = desk.organisation.desk;
  const facts: Fact[] = [
    // The directory's own contact details: the only links on a desk card (card-view.ts, trust model).
    ...(d.phone ? [linkedFact(c.t('desk.field.phone'), d.phone, phoneUri(d.phone))] : []),
    ...(d.email ? [linkedFact(c.t('desk.field.email'), d.email, mailUri(d.email))] : []),
    ...(d.url ? [{ label: c.t('desk.field.url'), value: d.url, url: d.url }] : []),
    { label: c.t('desk.field.hours'), value: openingHoursText(c.t, c.locale, d.hours) },
  ];
  return [
    { type: 'text', text: c.t('directory.desk.heading', { name: d.name }), style: 'heading' },
    ...(withStatus ? [{ type: 'text' as const, text: deskStatusText(c.t, c.locale, desk.status, c.now), ...(desk.status.open ? {} : { style: 'warning' as const }) }] : []),
    { type: 'facts', facts },
  ];
}

const linkedFact = (label: string, value: string, url: string | undefined): Fact => (url ? { label, value, url } : { label, value });

/**
 * A person from the directory as a list item: name and job title, with the phone number and
 * e-mail address as tel: and mailto: links (plain text when they are not a usable number/address).
 */
export function personItem(p: { name: string; role?: string; phone?: string; email?: string }): ListItem {
  const title = `${p.name}${p.role ? ` – ${p.role}` : ''}`;
  const parts = [p.phone ? { label: p.phone, url: phoneUri(p.phone) } : undefined, p.email ? { label: p.email, url: mailUri(p.email) } : undefined].filter((x) => x !== undefined);
  const links = parts.flatMap((x) => (x.url ? [{ label: x.label, url: x.url }] : []));
  const text = parts.filter((x) => !x.url).map((x) => x.label).join(' · ');
  return { title, ...(text ? { text } : {}), ...(links.length ? { links } : {}) };
}

function contactBlocks(c: Common, contacts: Contact[] | 'hidden'): CardBlock[] {
  const heading: CardBlock = { type: 'text', text: c.t('directory.contacts.heading'), style: 'heading' };
  if (contacts === 'hidden') return [heading, { type: 'text', text: c.t('directory.contacts.hidden'), style: 'muted' }];
  if (!contacts.length) return [heading, { type: 'text', text: c.t('directory.contacts.none'), style: 'muted' }];
  return [heading, { type: 'list', items: contacts.map(personItem) }];
}

export function applicationCard(c: Common, app: Application, admin: DeskInfo, contacts: Contact[] | 'hidden', version?: string): CardView {
  const status = deskStatusText(c.t, c.locale, admin.status, c.now);
  return {
    kind: 'directory.application',
    title: app.name,
    subtitle: c.t('directory.app.subtitle', { kind: c.t(`kind.application.${app.kind}` as MessageKey), administrator: admin.organisation.name }),
    badge: { text: status, tone: tone(admin.status) },
    blocks: [
      ...(version ? [{ type: 'text' as const, text: version }] : []),
      ...deskBlocks(c, admin, false), ...contactBlocks(c, contacts), { type: 'text', text: c.t('directory.app.usedBy', { count: app.usedBy.length }), style: 'muted' },
    ],
    fallbackText: c.t('directory.fallback', { name: app.name, desk: [admin.organisation.desk.name, admin.organisation.desk.phone].filter(Boolean).join(' '), status }),
  };
}

export function organisationCard(c: Common, desk: DeskInfo, administers: Application[], uses: Application[], contacts: Contact[] | 'hidden'): CardView {
  const org = desk.organisation;
  const status = deskStatusText(c.t, c.locale, desk.status, c.now);
  const names = (apps: Application[]) => (apps.length ? byName(apps).map((a) => a.name).join(', ') : c.t('directory.org.none'));
  return {
    kind: 'directory.organisation',
    title: org.name,
    subtitle: org.region
      ? c.t('directory.org.subtitleRegion', { kind: c.t(`kind.organisation.${org.kind}` as MessageKey), region: org.region })
      : c.t('directory.org.subtitle', { kind: c.t(`kind.organisation.${org.kind}` as MessageKey) }),
    badge: { text: status, tone: tone(desk.status) },
    blocks: [
      ...deskBlocks(c, desk, false),
      { type: 'facts', facts: [{ label: c.t('directory.org.administers'), value: names(administers) }, { label: c.t('directory.org.uses'), value: names(uses) }] },
      ...contactBlocks(c, contacts),
    ],
    fallbackText: c.t('directory.fallback', { name: org.name, desk: [org.desk.name, org.desk.phone].filter(Boolean).join(' '), status }),
  };
}

export function directoryHitsCard(t: Translate, query: string, hits: Array<{ type: 'application' | 'organisation'; id: string; name: string; detail: string }>): CardView {
  return {
    kind: 'directory.hits',
    title: t('directory.hits.title', { query }),
    blocks: [{ type: 'text', text: t('directory.hits.text') }, { type: 'list', items: hits.map((h) => ({ title: h.name, text: h.detail })) }],
    actions: hits.map((h) => ({ kind: 'submit' as const, id: 'directory.show', label: h.name, data: { type: h.type, id: h.id } })),
    fallbackText: t('directory.hits.title', { query }),
  };
}

export function directorySearchCard(t: Translate, query = '', error?: string): CardView {
  return {
    kind: 'directory.search',
    title: t('directory.search.title'),
    blocks: [
      { type: 'text', text: t('directory.search.text') },
      { type: 'input', input: { kind: 'text', id: 'query', label: t('directory.search.input'), placeholder: t('directory.search.placeholder'), value: query, ...(error ? { error } : {}) } },
    ],
    actions: [{ kind: 'submit', id: 'directory.search', label: t('directory.search.action'), style: 'primary' }],
    fallbackText: t('directory.search.title'),
  };
}
