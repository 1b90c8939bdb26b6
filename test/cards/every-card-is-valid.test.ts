import { describe, expect, it } from 'vitest';
import { renderAdaptiveCard } from '../../cards/adaptive/render-adaptive-card.ts';
import { renderBlocks } from '../../cards/blockkit/render-blocks.ts';
import { translator } from '../../cards/i18n/translate.ts';
import type { CardView } from '../../cards/views/card-view.ts';
import { contactEditCard, profileCard } from '../../cards/views/contact-form-card.ts';
import { applicationCard, directoryHitsCard, directorySearchCard, organisationCard } from '../../cards/views/directory-cards.ts';
import { buildHelpCard } from '../../cards/views/help-card.ts';
import { invitationListCard, inviteFormCard } from '../../cards/views/invitation-cards.ts';
import { kbAnswerCard, kbNoAnswerCard, kbSearchCard } from '../../cards/views/kb-cards.ts';
import { kbEditCard } from '../../cards/views/kb-edit-card.ts';
import type { KbEntry } from '../../core/domain/knowledge-base/types.ts';
import { treeAdviceCard, treeOutcomeCard, treeQuestionCard, treeStoppedCard } from '../../cards/views/tree-cards.ts';
import { loadDefaultTree } from '../../bot/default-tree.ts';
import type { AdviceNode, OutcomeNode } from '../../core/domain/decision-tree/types.ts';
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

// The decision-tree cards, with the default tree's own nodes (the longest texts there are).
const tree = loadDefaultTree();
const treeNode = <K extends 'advice' | 'outcome'>(id: string, kind: K) => tree.nodes.find((n) => n.id === id && n.kind === kind) as K extends 'advice' ? AdviceNode : OutcomeNode;
const rso: Organisation = { ...org, id: 'org-rso', name: 'RSO Rivierenland', kind: 'rso', desk: { name: 'Regionale helpdesk RSO', phone: '+31 20 555 0123', hours: { 'mon-fri': '09:00-17:00' } } };
const supplier: Organisation = { ...org, id: 'org-lev', name: 'Medicura Zorgsystemen', kind: 'supplier', region: undefined, desk: { name: 'Support Medicura EPD', phone: '+31 20 555 0116', email: 'support@medicura.example', url: 'https://medicura.example/support', hours: '24x7' } };
const treeChoices = (locale: Locale) => tree.nodes[0]!.kind === 'question' ? tree.nodes[0]!.choices.map((c, i) => ({ title: c.label[locale], value: String(i) })) : [];
const organisationChoices = Array.from({ length: 12 }, (_, i) => ({ title: `Verloskundigenpraktijk nummer ${i + 1}`, value: `org-vp-${i + 1}` }));

// A knowledge-base article with the longest texts the editor allows.
const kbEntry: KbEntry = {
  id: 'kb-026', language: 'nl', questions: [], title: 'Wachtwoord vergeten of opnieuw instellen'.padEnd(200, '.'),
  problem: 'Ik kan niet inloggen omdat ik mijn wachtwoord niet meer weet. '.repeat(60).slice(0, 4000),
  solution: 'Kies "Wachtwoord vergeten" op het inlogscherm en volg de link in de e-mail. '.repeat(110).slice(0, 8000),
  tags: ['wachtwoord', 'vergeten'], applicationIds: ['app-x'], audience: 'zorgverlener', published: true,
  createdBy: 'cli', createdAt: '2026-11-20T10:00:00.000Z', updatedBy: 'cli', updatedAt: '2026-11-20T10:00:00.000Z',
};
const kbKnown = [
  { application: 'X-platform', issue: { kind: 'incident' as const, applicationId: 'app-x', title: 'Storing: inloggen traag', detail: 'In behandeling' } },
  { application: 'X-platform', issue: { kind: 'maintenance' as const, applicationId: 'app-x', title: 'Onderhoud', detail: 'Gepland 23 nov 20:00–22:00' } },
];
const kbApplications: Application[] = Array.from({ length: 12 }, (_, i) => ({ ...app, id: `app-${i + 1}`, name: `Applicatie met een lange naam nummer ${i + 1}` }));
const kbFormValues = { id: 'kb-100', language: 'en', title: 'Scanner leest de pas niet', problem: 'Rode lamp.', solution: 'Herstarten.', tags: 'scanner, pas', applications: 'app-1,app-3', audience: 'servicedesk', published: false };

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
    ['tree question', treeQuestionCard(c, { run: 'r1', node: 'start', number: 1, question: 'Waar gaat uw probleem over?', hint: 'Kies wat het beste past.', choices: treeChoices(locale), canGoBack: false })],
    ['tree question with error and back', treeQuestionCard(c, { run: 'r1', node: 'own', number: 2, question: 'Wat werkt er niet?', choices: treeChoices(locale).slice(0, 3), canGoBack: true, error: t('tree.hint.unmatched') })],
    ['tree organisation question (12 choices, compact)', treeQuestionCard(c, { run: 'r1', node: '__organisation', number: 1, question: t('tree.org.question'), choices: organisationChoices, canGoBack: false })],
    ['tree advice', treeAdviceCard(c, { run: 'r1', node: treeNode('own-advice', 'advice'), number: 3, canGoBack: true })],
    ['tree outcome: two desks, warning, note, known issues', treeOutcomeCard(c, {
      run: 'r1', node: treeNode('security', 'outcome'), applicationId: 'app-x', answers: ['Datalek', 'Medicura EPD'],
      desks: [
        { role: 'Meld het bij de leverancier (verwerkersovereenkomst)', resolved: { organisations: [supplier], people: [] } },
        { role: 'Informeer de RSO', resolved: { organisations: [rso], people: [], note: 'no-rso-in-region' } },
      ],
      known: { application: 'Medicura EPD', issues: [
        { kind: 'incident', applicationId: 'app-x', title: 'Storing: berichten vertraagd', detail: 'In behandeling' },
        { kind: 'maintenance', applicationId: 'app-x', title: 'Onderhoud', detail: 'Gepland 23 nov 20:00–22:00' },
      ] },
    })],
    ['tree outcome: people instead of a desk', treeOutcomeCard(c, {
      run: 'r1', node: treeNode('account', 'outcome'), answers: ['Mijn account'],
      desks: [{ role: 'Verantwoordelijk beheerder', resolved: { organisations: [], people: [{ id: 'c1', organisationId: 'org-a', name: 'Wouter Peters', role: 'verantwoordelijk beheerder', phone: '+31 20 555 0160', email: 'w@a.example' }] } }],
    })],
    ['tree outcome: three GtK desks, no desk known', treeOutcomeCard(c, {
      run: 'r1', node: treeNode('link', 'outcome'), answers: [],
      desks: [
        { role: 'Leverancier', resolved: { organisations: [supplier], people: [] } },
        { role: 'GtK', resolved: { organisations: [org, rso, supplier], people: [] } },
        { role: 'Onbekend', resolved: { organisations: [], people: [], note: 'unknown-organisation' } },
      ],
    })],
    ['tree stopped', treeStoppedCard(t)],
    ['kb answer', kbAnswerCard(t, { ...kbEntry, applicationIds: [] }, [])],
    ['kb answer: application, known issues and draft note (longest texts)', kbAnswerCard(t, { ...kbEntry, published: false }, ['X-platform'], kbKnown)],
    ['kb search', kbSearchCard(t)],
    ['kb search with error', kbSearchCard(t, '', t('kb.search.empty'))],
    ['kb none', kbNoAnswerCard(t, 'hoe vraag ik verlof aan '.repeat(20))],
    ['kb edit form: new', kbEditCard(t, 'new', {}, kbApplications)],
    ['kb edit form: edit', kbEditCard(t, 'edit', { ...kbFormValues, id: 'kb-026', published: true }, kbApplications)],
    ['kb edit form: with problems, values kept', kbEditCard(t, 'new', { ...kbFormValues, title: '' }, kbApplications, [
      'title: is required (text)', 'applicationIds[1]: unknown application "app-bestaat-niet"', t('kbEdit.exists', { id: 'kb-100' }),
    ])],
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
