import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldsWithPatientDetails, findPatientDetails } from '../../../../core/domain/privacy/patient-details.ts';

/**
 * The patient-details warning (issue 14, point 4): realistic Dutch and English sentences on both
 * sides. "Now" is fixed: 3 March 2025 (the dialog harness's day).
 */
const now = new Date('2025-03-03T09:00:00.000Z');
/** Words of the demo directory's organisations and applications. */
const notNames = ['Sint Amandus Gasthuis', 'Ziekenhuis Duinzicht', 'LEV Medicura', 'Medicura EPD', 'WestLink', 'RSO Rivierenland', 'Twiin ketenregie', 'Verloskundigenpraktijk De Meander'];
const find = (text: string) => findPatientDetails(text, { now, notNames });

describe('looks like patient details: warned', () => {
  it.each<[string, 'name' | 'birth-date', string]>([
    // courtesy titles with a name
    ['Uitslag van mevrouw Jansen in dossier verkeerde cliënt', 'name', 'mevrouw Jansen'],
    ['Mevrouw de Vries kreeg de uitslag van iemand anders', 'name', 'Mevrouw de Vries'],
    ['mw. J. de Vries staat dubbel in het EPD', 'name', 'mw. J. de Vries'],
    ['mw Bakker belde over haar uitslag', 'name', 'mw Bakker'],
    ['Bij mevr. Öztürk is de echo niet overgekomen', 'name', 'mevr. Öztürk'],
    ['dhr. van den Berg ziet zijn gegevens niet', 'name', 'dhr. van den Berg'],
    ['De heer Pietersen heeft de verkeerde brief gekregen', 'name', 'De heer Pietersen'],
    ['meneer El Amrani kon niet inloggen', 'name', 'meneer El Amrani'],
    ['Overdracht voor mw. A.B. Smit mislukt', 'name', 'mw. A.B. Smit'],
    ['Gegevens van dhr. K. mislukt', 'name', 'dhr. K.'],
    ['Results for Mrs Johnson were sent to the wrong GP', 'name', 'Mrs Johnson'],
    ['Mr. Smith received another patient\'s letter', 'name', 'Mr. Smith'],
    ['Ms O\'Brien cannot see her results', 'name', 'Ms O\'Brien'],
    // a word for a patient followed by a name
    ['Dossier van cliënt Jansen is leeg', 'name', 'cliënt Jansen'],
    ['patiënt van Dijk staat twee keer in de lijst', 'name', 'patiënt van Dijk'],
    ['Patiënte Yılmaz kreeg de verkeerde uitslag', 'name', 'Patiënte Yılmaz'],
    ['zwangere Bos heeft geen echo-uitslag', 'name', 'zwangere Bos'],
    ['kraamvrouw Mulder: overdracht niet ontvangen', 'name', 'kraamvrouw Mulder'],
    ['bewoner: Hendriks, kamer 12', 'name', 'bewoner: Hendriks'],
    ['The patient Williams was shown someone else\'s scan', 'name', 'patient Williams'],
    ['client Garcia has two records', 'name', 'client Garcia'],
    ['patiënt J. Jansen heeft geen uitslag', 'name', 'patiënt J. Jansen'],
    ['dhr. JANSEN staat dubbel (kopie uit het EPD)', 'name', 'dhr. JANSEN'],
    ['Baby van den Berg staat niet in het XIS', 'name', 'Baby van den Berg'],
    // birth dates with a keyword
    ['Cliënte is geboren 12-03-1990', 'birth-date', 'geboren 12-03-1990'],
    ['geb. 01-01-1985, uitslag ontbreekt', 'birth-date', 'geb. 01-01-1985'],
    ['Geboortedatum: 12 maart 1990', 'birth-date', 'Geboortedatum: 12 maart 1990'],
    ['geboortedatum 3-4-88 klopt niet in het XIS', 'birth-date', 'geboortedatum 3-4-88'],
    ['baby geboren op 01-03-2025 staat niet in het XIS', 'birth-date', 'geboren op 01-03-2025'],
    ['geboren in 1990', 'birth-date', 'geboren in 1990'],
    ['Date of birth: March 12, 1990', 'birth-date', 'Date of birth: March 12, 1990'],
    ['DOB 1990-03-12, record missing', 'birth-date', 'DOB 1990-03-12'],
    ['born 12/03/1990', 'birth-date', 'born 12/03/1990'],
    // a full date in the past decades
    ['Uitslag hoort bij 12-03-1990, niet bij de andere', 'birth-date', '12-03-1990'],
    ['Zij is van 5 mei 1987', 'birth-date', '5 mei 1987'],
    ['Record 1978-11-02 shows the wrong name', 'birth-date', '1978-11-02'],
    ['Dossier 24.12.1962', 'birth-date', '24.12.1962'],
  ])('%j → %s %j', (text, kind, found) => {
    expect(find(text)).toContainEqual({ kind, found });
  });

  it('the incident of the issue: both the title and the description are named', () => {
    expect(fieldsWithPatientDetails({ title: 'Uitslag van mevrouw Jansen in dossier verkeerde cliënt', description: 'Zij is geboren 12-03-1990 en kreeg de uitslag van een ander.', sinceVersion: '4.2.1' }, { now, notNames }))
      .toEqual(['title', 'description']);
  });

  it('sees through invisible characters and full-width digits', () => {
    expect(find('mev\u200brouw Jansen')).toEqual([{ kind: 'name', found: 'mevrouw Jansen' }]);
    expect(find('geboren １２-０３-１９９０')).toEqual([{ kind: 'birth-date', found: 'geboren 12-03-1990' }]);
  });
});

describe('not patient details: no warning', () => {
  it.each<[string, string]>([
    ['de cliënt kan niet inloggen', 'a patient word without a name'],
    ['De patiënt ziet haar uitslagen niet in het portaal', 'a patient word without a name'],
    ['Cliënten van Sint Amandus krijgen geen berichten', 'plural, then an organisation'],
    ['patiënt van Medicura EPD komt niet door', 'a patient word, then an application'],
    ['Patiënt Portaal geeft een foutmelding', 'a product word'],
    ['De koppeling met MS Teams werkt niet', 'MS Teams'],
    ['Sinds de update van Ms Teams geen meldingen', 'Ms Teams'],
    ['Client Certificate verlopen op de server', 'an IT word after "client"'],
    ['The client ID is rejected by the API', 'client ID'],
    ['Mevrouw heeft gebeld over de storing', 'a title without a name'],
    ['De heer van de servicedesk belt terug', 'a title, then a lowercase word'],
    ['Het veld geboortedatum is leeg na de migratie', 'the word geboortedatum without a date'],
    ['Geboortedatum wordt sinds 2024 niet meer getoond', 'geboortedatum and a later year, not after it'],
    ['Storing sinds 12-03-2025 08:15', 'a date near now'],
    ['Onderhoud op 2025-03-10 van 20:00 tot 22:00', 'a maintenance date'],
    ['Release 4.12.2019 van de viewer', 'a version number looking like a date'],
    ['Sinds versie 2019.12.4 werkt het niet', 'a calendar version'],
    ['Sinds 1 januari 2024 verplicht', 'a regulation date within five years'],
    ['Op 1 januari 2019 klonk het startsein voor het versnellingsprogramma', 'a date in words in a policy text (seed 003)'],
    ['VWS stelt vanaf 1 juli 2019 een subsidie beschikbaar', 'a date in words in a policy text (seed 003)'],
    ['Bel 06-12345678 of mail servicedesk@medicura.example', 'contact details'],
    ['INC-2025-0042 is opgelost door Anna de Vries', 'a colleague\'s name without a title'],
    ['Verloskundigenpraktijk De Meander heeft geen verbinding', 'an organisation with "De"'],
  ])('%j (%s)', (text) => {
    expect(find(text)).toEqual([]);
  });

  it('contact and profile fields are not checked: only the fields asked for', () => {
    expect(fieldsWithPatientDetails({ description: 'Koppeling ligt eruit' }, { now })).toEqual([]);
  });
});

describe('cost', () => {
  it('long and hostile texts are read quickly (only the first 50,000 characters)', () => {
    const texts = [
      'mevrouw '.repeat(20_000), `mevrouw${' '.repeat(100_000)}x`, `geboren${' '.repeat(100_000)}x`, `geboren:${'\t'.repeat(50_000)}:x`, `Geboortedatum${' \n'.repeat(30_000)}`,
      `1${' '.repeat(100_000)}maart`, 'geboren 1-'.repeat(20_000), '12-03-1990 '.repeat(20_000), 'Aa'.repeat(100_000), `mw.${' J.'.repeat(30_000)}`, `cliënt${' van'.repeat(30_000)} Jansen`,
    ];
    for (const text of texts) {
      const started = performance.now();
      findPatientDetails(text, { now });
      expect(performance.now() - started, text.slice(0, 20)).toBeLessThan(250);
    }
  });

  it('any text (arbitrary Unicode, or made of the words the patterns look for): never throws, returns quickly', () => {
    const words = ['mevrouw', 'mw.', 'dhr', 'de heer', 'Mr', 'cliënt', 'patiënt', 'van', 'de', 'J.', 'Jansen', 'JANSEN', 'geboren', 'geb.', 'DOB', ':', ' ', '  ', '\n', '12', '-', '/', '.', '1990', 'maart', '03', '\u200b'];
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 20_000 }), fc.array(fc.constantFrom(...words), { maxLength: 5_000 }).map((w) => w.join(''))), (text) => {
      const started = performance.now();
      const found = findPatientDetails(text, { now, notNames });
      expect(Array.isArray(found)).toBe(true);
      expect(performance.now() - started).toBeLessThan(500);
    }), { numRuns: 60 });
  });
});
