import type { MessageKey, Translate } from '../../cards/i18n/translate.ts';
import type { Choice } from '../../cards/views/card-view.ts';
import { normalizeText } from '../../core/conversation/normalize.ts';
import { resolveOrganisation } from '../../core/domain/access/resolve-organisation.ts';
import type { DirectoryDocument, Organisation, OrganisationKind } from '../../core/domain/directory/types.ts';
import { matchChoice, type MatchableChoice } from './match-choice.ts';
import { NOT_LISTED } from './tree-state.ts';

/**
 * "Bij welke organisatie werkt u?": every organisation in the directory, the kinds people most
 * often work at first (care providers, then RSOs, GtK service providers, suppliers, chain
 * coordination, the rest), by name within a kind, and "Staat er niet bij" last. Used by the
 * decision tree and by "andere organisatie".
 */
const KIND_ORDER: OrganisationKind[] = ['care-provider', 'rso', 'gtk-service-provider', 'supplier', 'national-coordination', 'national-helpdesk', 'common-facility'];
const rank = (o: Organisation) => {
  const i = KIND_ORDER.indexOf(o.kind);
  return i === -1 ? KIND_ORDER.length : i;
};

const NOT_LISTED_NAMES = [
  'staat er niet bij', 'staat niet in de lijst', 'niet in de lijst', 'niet gevonden', 'geen van deze', 'geen', 'weet ik niet', 'weet niet',
  'not listed', 'not in the list', 'none of these', 'none', "don't know", 'dont know',
];

export function organisationChoices(t: Translate, directory: DirectoryDocument): Array<Choice & MatchableChoice> {
  const organisations = [...directory.organisations].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, 'nl'));
  return [
    ...organisations.map((o) => {
      // A short kind word: in a compact list the description follows the name on the same line.
      const kind = t(`tree.org.kind.${o.kind}` as MessageKey);
      return { title: o.name, value: o.id, description: o.region ? t('tree.org.description', { kind, region: o.region }) : kind, names: [o.name, o.id, o.id.replace(/^org-/, '')] };
    }),
    { title: t('tree.org.notListed'), value: NOT_LISTED, description: t('tree.org.notListed.description'), names: [t('tree.org.notListed'), ...NOT_LISTED_NAMES] },
  ];
}

export type TypedOrganisation =
  | { kind: 'chosen'; value: string }
  | { kind: 'unmatched'; note: string };

/** Free text at the organisation question → an organisation (any kind, typos forgiven), "not listed", or a note why not. */
/** "ik werk bij Vroedsoft", "we zijn van De Meander", "I work for WestLink": the name is what follows. */
const WORK_AT = /^(?:(?:ik|wij|we)\s+(?:werk(?:en)?|zit(?:ten)?|ben|zijn)\s+(?:bij|van|voor|op)|i\s+(?:work|am)\s+(?:at|for|with)|we\s+(?:work|are)\s+(?:at|for|with)|(?:bij|van|for|at))\s+(?=\S)/i;

export function typedOrganisation(t: Translate, directory: DirectoryDocument, text: string | undefined): TypedOrganisation {
  const typed = (text ?? '').trim().replace(WORK_AT, '');
  const choices = organisationChoices(t, directory);
  if (NOT_LISTED_NAMES.includes(normalizeText(typed))) return { kind: 'chosen', value: NOT_LISTED };
  const picked = matchChoice(typed, choices);
  if (picked) return { kind: 'chosen', value: picked };
  const query = typed.slice(0, 80);
  if (!typed) return { kind: 'unmatched', note: t('tree.org.choose') };
  const found = resolveOrganisation(directory, typed);
  if (found.ok) return { kind: 'chosen', value: found.value.id };
  if (found.error.code === 'ambiguous-organisation') {
    return { kind: 'unmatched', note: t('tree.org.ambiguous', { query, names: found.error.candidates.map((o) => o.name).join(', ') }) };
  }
  return { kind: 'unmatched', note: t('tree.org.unmatched', { query }) };
}
