import { describe, expect, it } from 'vitest';
import { en } from '../../../cards/i18n/en.ts';
import { nl } from '../../../cards/i18n/nl.ts';
import { translate, type MessageKey } from '../../../cards/i18n/translate.ts';

/**
 * Wording both catalogues keep to (issue 16): singular and plural written out (no "kanaal/-kanalen",
 * "organisatie(s)", "channel(s)"), no Dutch left in the English texts, and English texts that name
 * English commands.
 */

const keys = Object.keys(nl) as MessageKey[];
// What a text says outside quoted commands and placeholders.
const unquoted = (text: string) => text.replace(/"[^"]*"|'[^']*'|\{[^}]*\}/g, ' ');
const quoted = (text: string) => [...text.matchAll(/"([^"]*)"|'([^']*)'/g)].map((m) => (m[1] ?? m[2])!);

// Common Dutch words and the Dutch command words of Ketenbot; none of them is an English word.
const DUTCH = /\b(?:de|het|een|van|niet|voor|naar|met|uw|wordt|zijn|geen|ook|maar|bij|kunt|dit|deze|kanaal|kanalen|koppel|ontkoppel|onderhoud|storing|storingen|melding|meldingen|meldingskanaal|beheerder|zorgverlener|organisatie|organisaties|uitnodigen|uitnodiging|uitnodigingen|gegevens|accepteer|wijziging|nieuws|lijst|rapport|wie|mijn|vragen|nieuw|bewerk)\b/i;
// Dutch names may appear in English texts as examples.
const NAMES = /Anna de Vries/g;

describe('singular and plural are written out', () => {
  it.each([['nl', nl], ['en', en]] as const)('%s: no "(s)", "(en)", "/-" or "probleem/problemen"', (_locale, catalogue) => {
    const offending = Object.entries(catalogue).filter(([, text]) => /\(s\)|\(en\)|\(n\)|\/-|\w\/\w+en\b/.test(text));
    expect(offending).toEqual([]);
  });

  it.each<[MessageKey, Record<string, number | string>, string, string]>([
    ['maintenance.scheduled', { id: 'MNT-2026-0001', channels: 1 }, '1 meldingskanaal.', '1 alert channel.'],
    ['maintenance.scheduled', { id: 'MNT-2026-0001', channels: 3 }, '3 meldingskanalen.', '3 alert channels.'],
    ['release.done', { version: '4.2', id: 'REL-2026-0001', channels: 1 }, 'in 1 meldingskanaal.', 'in 1 alert channel.'],
    ['release.versionLine', { version: '4.2', since: '1 maart', after: 1, before: 0 }, '1 incident sindsdien', '1 incident since'],
    ['release.versionLine', { version: '4.2', since: '1 maart', after: 4, before: 0 }, '4 incidenten sindsdien', '4 incidents since'],
    ['treeAdmin.problems', { count: 1, name: 'boom.json' }, '1 probleem in boom.json', '1 problem in boom.json'],
    ['treeAdmin.problems', { count: 2, name: 'boom.json' }, '2 problemen in boom.json', '2 problems in boom.json'],
    ['directory.app.usedBy', { count: 1 }, 'Gebruikt door 1 organisatie', 'Used by 1 organisation'],
    ['report.fact.times', { median: '5 min', p90: '9 min', count: 1 }, '(1 incident)', '(1 incident)'],
  ])('%s %j', (key, params, dutch, english) => {
    expect(translate('nl', key, params)).toContain(dutch);
    expect(translate('en', key, params)).toContain(english);
  });
});

describe('English texts are English', () => {
  it('no English text reads as Dutch (outside quoted commands)', () => {
    const dutch = keys.filter((k) => DUTCH.test(unquoted(en[k]).replace(NAMES, ''))).map((k) => `${k}: ${en[k]}`);
    expect(dutch).toEqual([]);
  });

  it('the commands an English text quotes are English (the Dutch ones are for Dutch texts)', () => {
    const dutchCommands = keys.flatMap((k) => quoted(en[k]).filter((q) => DUTCH.test(q) && q !== 'Nederlands').map((q) => `${k}: "${q}"`));
    expect(dutchCommands).toEqual([]);
  });

  it('the check itself catches a Dutch text', () => {
    expect(DUTCH.test(unquoted('Afgewezen: "{question}" wordt niet aan "{title}" gekoppeld.'))).toBe(true);
    expect(DUTCH.test(unquoted('Type "kanaal koppel [organisation]" in a channel.'))).toBe(false);
    expect(quoted('Type "kanaal koppel [organisation]" in a channel.').some((q) => DUTCH.test(q))).toBe(true);
  });
});

describe('Dutch wording', () => {
  it.each([['verantwoordelijk beheerder', /verantwoordelijk beheerder/], ['meldingenkanaal', /meldingenkana/]])('no "%s"', (_name, pattern) => {
    expect(Object.entries(nl).filter(([, text]) => pattern.test(text))).toEqual([]);
  });

  it('a name ending in a full stop is not followed by a second one', () => {
    expect(translate('nl', 'channel.linked', { organisation: 'Vroedsoft B.V.' })).toBe(
      'Dit kanaal is nu een meldingskanaal van Vroedsoft B.V. Storingen en onderhoud voor Vroedsoft B.V. komen hier binnen.',
    );
    expect(translate('en', 'access.notLinkedOrg', { organisation: 'Vroedsoft B.V.' })).toBe('This channel is not linked to Vroedsoft B.V.');
  });
});
