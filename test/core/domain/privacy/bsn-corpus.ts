/**
 * What people really type and paste, on both sides of the patient-data guard (issue 14, point 3).
 *
 * MUST_REFUSE: valid citizen service numbers (they pass the 11-test) written every way a person or
 * a copy-paste might, alone and in realistic Dutch and English sentences. SPLIT_SUBMISSIONS: one
 * number split over the end of one field and the start of the next. MUST_NOT_REFUSE: numbers that
 * look like one but are phone numbers, IBANs, dates and times, versions, postcodes, document
 * numbers, AGB codes, nine digits failing the 11-test, IPv4 addresses, amounts and ticket numbers;
 * `lookAlike` marks those whose digits, read naively, do hold nine digits passing the 11-test (the
 * ones a careless guard would refuse).
 */

/** Valid BSNs (checked in the test with the 11-test written out). */
export const VALID_BSNS = ['123456782', '111222333', '235700307', '236832724', '010000008', '999999990', '241568286'] as const;

export interface RefuseCase {
  text: string;
  /** The number in it, as nine ASCII digits. */
  bsn: string;
  how: string;
}

export interface KeepCase {
  text: string;
  what: string;
  /** Read naively (all digits in a row), it holds nine digits that pass the 11-test. */
  lookAlike?: boolean;
}

/** Separators between groups, as typed or pasted. */
export const SEPARATORS: ReadonlyArray<readonly [name: string, separator: string]> = [
  ['space', ' '],
  ['two spaces', '  '],
  ['dot', '.'],
  ['dash', '-'],
  ['spaced dash', ' - '],
  ['en dash', '\u2013'],
  ['em dash', '\u2014'],
  ['minus sign', '\u2212'],
  ['non-breaking hyphen', '\u2011'],
  ['slash', '/'],
  ['division slash', '\u2215'],
  ['backslash', '\\'],
  ['underscore', '_'],
  ['comma', ','],
  ['comma and space', ', '],
  ['newline', '\n'],
  ['CRLF', '\r\n'],
  ['tab', '\t'],
  ['no-break space', '\u00a0'],
  ['narrow no-break space', '\u202f'],
  ['thin space', '\u2009'],
  ['figure space', '\u2007'],
  ['hair space', '\u200a'],
  ['en space', '\u2002'],
  ['ideographic space', '\u3000'],
  ['line separator', '\u2028'],
  ['middle dot', '\u00b7'],
  ['full-width hyphen', '\uff0d'],
  ['full-width full stop', '\uff0e'],
  ['full-width comma', '\uff0c'],
  ['full-width solidus', '\uff0f'],
  ['apostrophe (Swiss thousands)', "'"],
  ['semicolon', ';'],
  ['colon', ':'],
  ['vertical bar', '|'],
  ['spaced vertical bar (a pasted table)', ' | '],
  ['asterisk', '*'],
  ['hash', '#'],
  ['tilde', '~'],
  ['equals sign', '='],
  ['double quote', '"'],
  ['closing and opening bracket', ']['],
];

/** Invisible and format characters, typed or carried along by a copy-paste. */
export const INVISIBLES: ReadonlyArray<readonly [name: string, char: string]> = [
  ['zero-width space', '\u200b'],
  ['zero-width non-joiner', '\u200c'],
  ['zero-width joiner', '\u200d'],
  ['soft hyphen', '\u00ad'],
  ['word joiner', '\u2060'],
  ['byte order mark', '\ufeff'],
  ['left-to-right mark', '\u200e'],
  ['right-to-left mark', '\u200f'],
  ['Mongolian vowel separator', '\u180e'],
  ['invisible separator', '\u2063'],
  ['combining grapheme joiner', '\u034f'],
  ['variation selector 16', '\ufe0f'],
];

/** Decimal digits of other scripts: the code point of their zero. */
export const DIGIT_SCRIPTS: ReadonlyArray<readonly [name: string, zero: number]> = [
  ['full-width', 0xff10],
  ['Arabic-Indic', 0x0660],
  ['Extended Arabic-Indic (Persian)', 0x06f0],
  ['Devanagari', 0x0966],
  ['Bengali', 0x09e6],
  ['Thai', 0x0e50],
  ['Myanmar', 0x1040],
  ['NKo', 0x07c0],
  ['Mathematical bold', 0x1d7ce],
  ['Mathematical monospace', 0x1d7f6],
  ['Adlam', 0x1e950],
];

export const inScript = (digits: string, zero: number): string => [...digits].map((d) => String.fromCodePoint(zero + Number(d))).join('');

/** "123456782" in groups: [3, 3, 3] → ["123", "456", "782"]. */
export const grouped = (digits: string, shape: number[]): string[] => {
  const out: string[] = [];
  let at = 0;
  for (const size of shape) { out.push(digits.slice(at, at + size)); at += size; }
  return out;
};

/** The ways a BSN is grouped when written down. */
export const SHAPES: ReadonlyArray<readonly number[]> = [[3, 3, 3], [4, 2, 3], [2, 3, 4], [3, 2, 4], [1, 1, 1, 1, 1, 1, 1, 1, 1]];

/** Realistic sentences (Dutch and English) around a number written some way. */
const SENTENCES: ReadonlyArray<(n: string) => string> = [
  (n) => `BSN: ${n}`,
  (n) => `bsn van mw is ${n} graag checken`,
  (n) => `Patiënt ${n} staat dubbel in het EPD`,
  (n) => `Uitslag komt niet door voor cliënt (${n}), kunnen jullie kijken?`,
  (n) => `Patient BSN ${n} has no results in the viewer.`,
  (n) => `Zie bijlage:\n${n}\nmvg, Anna`,
  (n) => `${n}`,
  (n) => `"${n}"`,
  (n) => `bsn:${n}.`,
];

function generated(): RefuseCase[] {
  const cases: RefuseCase[] = [];
  const sentence = (i: number) => SENTENCES[i % SENTENCES.length]!;
  let i = 0;
  for (const [name, separator] of SEPARATORS) {
    for (const shape of SHAPES) {
      const bsn = VALID_BSNS[i % VALID_BSNS.length]!;
      cases.push({ text: sentence(i)(grouped(bsn, [...shape]).join(separator)), bsn, how: `${name} between ${shape.join('-')}` });
      i++;
    }
  }
  for (const [name, char] of INVISIBLES) {
    const bsn = VALID_BSNS[i % VALID_BSNS.length]!;
    cases.push({ text: sentence(i)([...bsn].join(char)), bsn, how: `${name} between every digit` });
    cases.push({ text: sentence(i + 1)(grouped(bsn, [4, 2, 3]).join(char)), bsn, how: `${name} between 4-2-3` });
    cases.push({ text: sentence(i + 2)(grouped(bsn, [3, 3, 3]).join(` ${char}`)), bsn, how: `${name} after the spaces of 3-3-3` });
    i++;
  }
  for (const [name, zero] of DIGIT_SCRIPTS) {
    const bsn = VALID_BSNS[i % VALID_BSNS.length]!;
    cases.push({ text: sentence(i)(inScript(bsn, zero)), bsn, how: `${name} digits` });
    cases.push({ text: sentence(i + 1)(grouped(bsn, [3, 3, 3]).map((g) => inScript(g, zero)).join('-')), bsn, how: `${name} digits with dashes` });
    i++;
  }
  return cases;
}

/** Written out by hand: the spellings of the issue and mixtures of them. */
const BY_HAND: RefuseCase[] = [
  { text: 'BSN: 1234-56-782', bsn: '123456782', how: 'dashes, 4-2-3' },
  { text: 'bsn van mw is 123.456.782 graag checken', bsn: '123456782', how: 'dots in a sentence' },
  { text: 'Dossier 123/456/782 is niet op te vragen', bsn: '123456782', how: 'slashes' },
  { text: 'Kopie uit Excel: 111_222_333', bsn: '111222333', how: 'underscores' },
  { text: 'BSN 111,222,333 komt niet door', bsn: '111222333', how: 'commas' },
  { text: 'Het nummer is\n123\n456\n782\nmvg', bsn: '123456782', how: 'a newline after every group' },
  { text: 'bsn\t111\t222\t333\tstatus onbekend', bsn: '111222333', how: 'tabs (a pasted table row)' },
  { text: 'BSN 235\u00a0700\u00a0307 geeft fout', bsn: '235700307', how: 'no-break spaces' },
  { text: 'BSN 235\u202f700\u202f307 geeft fout', bsn: '235700307', how: 'narrow no-break spaces (French-style thousands)' },
  { text: 'Kun je ２３５７００３０７ checken?', bsn: '235700307', how: 'full-width digits' },
  { text: 'Kun je ２３５－７００－３０７ checken?', bsn: '235700307', how: 'full-width digits and hyphens' },
  { text: 'BSN ١٢٣٤٥٦٧٨٢ (uit het Arabische toetsenbord)', bsn: '123456782', how: 'Arabic-Indic digits' },
  { text: 'BSN ۱۲۳۴۵۶۷۸۲', bsn: '123456782', how: 'Extended Arabic-Indic digits' },
  { text: 'BSN १२३४५६७८२', bsn: '123456782', how: 'Devanagari digits' },
  { text: 'BSN 12\u200b34\u200b56\u200b782 graag nakijken', bsn: '123456782', how: 'zero-width spaces' },
  { text: 'BSN 1234\u00ad56\u00ad782', bsn: '123456782', how: 'soft hyphens' },
  { text: 'BSN 123\u2060456\u2060782', bsn: '123456782', how: 'word joiners' },
  { text: '\ufeff123456782', bsn: '123456782', how: 'a byte order mark in front (a pasted file)' },
  { text: 'BSN 1\u200d2\u200c3\ufeff4\u00ad5\u20606\u200b7\u200e8\u200f2', bsn: '123456782', how: 'a different invisible character between every digit' },
  { text: 'BSN 1 2 3-4 5 6.7 8 2', bsn: '123456782', how: 'mixed separators, one digit at a time' },
  { text: 'BSN ١٢٣ 456 ７８２', bsn: '123456782', how: 'mixed scripts' },
  { text: 'BSN 123 - 456 - 782', bsn: '123456782', how: 'spaced dashes' },
  { text: 'BSN 123–456–782 (Word maakte er streepjes van)', bsn: '123456782', how: 'en dashes' },
  { text: 'BSN 12-345-6782', bsn: '123456782', how: '2-3-4' },
  { text: 'BSN 123-45-6782', bsn: '123456782', how: '3-2-4' },
  { text: 'BSN 12345-6782', bsn: '123456782', how: '5-4, standing alone' },
  { text: 'BSN 12.34.56.78.2', bsn: '123456782', how: 'dots between pairs (five parts: no version)' },
  { text: 'Patiënt 123.456.78.2 staat dubbel', bsn: '123456782', how: 'dots, 3-3-2-1 (a version starts with a small number)' },
  { text: 'BSN 1-23456782', bsn: '123456782', how: '1-8, standing alone' },
  { text: 'BSN 123 456 782 2 keer geprobeerd', bsn: '123456782', how: 'a small number after it' },
  { text: 'BSNs 123-456-782 111-222-333', bsn: '123456782', how: 'two numbers in a row' },
  { text: '123456782,111222333,235700307', bsn: '123456782', how: 'a pasted CSV line' },
  { text: '123456782\t2026-03-03\tverkeerde uitslag', bsn: '123456782', how: 'a pasted spreadsheet row with a date after it' },
  { text: 'geboren 12-03-1990, BSN 111.222.333', bsn: '111222333', how: 'after a birth date' },
  { text: 'Bel 06-12345678 over BSN 236 832 724', bsn: '236832724', how: 'after a phone number' },
  { text: 'Patient’s BSN is 236-832-724, please check', bsn: '236832724', how: 'English sentence with dashes' },
  { text: 'BSN (123) 456-782', bsn: '123456782', how: 'written like a US phone number' },
  { text: 'BSN 1̲2̲3̲4̲5̲6̲7̲8̲2̲', bsn: '123456782', how: 'combining underlines' },
  { text: 'BSN 1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣8️⃣2️⃣', bsn: '123456782', how: 'keycap emoji digits' },
];

export const MUST_REFUSE: RefuseCase[] = [...BY_HAND, ...generated()];

/** One submission whose number is split over two consecutive fields (form order). */
export interface SplitCase {
  fields: Record<string, string>;
  /** The fields the guard must name. */
  named: string[];
  how: string;
}

export const SPLIT_SUBMISSIONS: SplitCase[] = [
  { fields: { title: 'Uitslag niet zichtbaar 1234', description: '56782 is het nummer' }, named: ['title', 'description'], how: 'title ends 1234, description starts 56782' },
  { fields: { title: 'Dossier 123 456', description: '782 kan niet worden geopend' }, named: ['title', 'description'], how: '3-3 | 3 with the space in the seam' },
  { fields: { title: 'Dossier 123-4', description: '56-782 weg' }, named: ['title', 'description'], how: 'split inside a group' },
  { fields: { title: 'BSN １２３４', description: '٥٦٧٨٢' }, named: ['title', 'description'], how: 'different scripts on both sides' },
  { fields: { title: 'Storing', description: 'Bij patiënt 2368', sinceVersion: '32724' }, named: ['description', 'sinceVersion'], how: 'the last two fields' },
  { fields: { title: 'Storing bij 2368', description: '', sinceVersion: '32724' }, named: ['title', 'sinceVersion'], how: 'over an empty field' },
];

/** Submissions whose fields border on digits without holding a BSN. */
export const SPLIT_KEEP: Array<{ fields: Record<string, string>; what: string }> = [
  { fields: { title: 'Storing sinds 12-03-2026', description: '20:00 geen berichten' }, what: 'a date and a time in two fields' },
  { fields: { title: 'Versie 4.12', description: '3 gebruikers melden fouten' }, what: 'a version and a count' },
  { fields: { title: 'Bel 020-1234567', description: '06-12345678 is de achterwacht' }, what: 'two phone numbers' },
  { fields: { title: 'INC-2026-0042', description: '2026-03-03 gemeld' }, what: 'a document number and a date' },
  { fields: { title: 'Storing 1234', description: '56789 keer geprobeerd' }, what: 'nine digits over the seam failing the 11-test' },
];

export const MUST_NOT_REFUSE: KeepCase[] = [
  // Times with colons, on their own and in rows
  { text: 'Onderhoud van 20:00 tot 23:30, daarna 00:15:30 controle', what: 'times with colons' },
  { text: 'ma-vr 08:30-17:00; za 09:00-12:00', what: 'opening hours with colons and a semicolon' },
  { text: '| 08:00 | 12:30 | 14:00 | 16:45 |', what: 'times in a pasted table' },
  // Phone numbers
  { text: 'Bel 06-12345678 voor de achterwacht', what: 'mobile' },
  { text: 'Bel +31 6 12345671', what: 'international mobile', lookAlike: true },
  { text: 'Tel. +31 (0)6 1234 5671', what: 'international mobile with (0)', lookAlike: true },
  { text: 'Bereikbaar op 0031 6 12345671', what: 'international mobile with 0031', lookAlike: true },
  { text: 'Servicedesk: +31 20 123 4567', what: 'international landline' },
  { text: 'Servicedesk: 020-1234567', what: 'landline' },
  { text: 'Servicedesk: 020 - 123 45 67', what: 'landline in pairs', lookAlike: true },
  { text: 'Gratis: 0800-0231', what: 'free number' },
  { text: 'Bel 088 123 4567 (kantooruren)', what: '088 number' },
  { text: 'Achterwacht 06 - 1234 5671', what: 'mobile in groups of four', lookAlike: true },
  { text: 'Call +49 30 12345678 (Berlin)', what: 'German number', lookAlike: true },
  { text: 'Call +32 2 123 45 67', what: 'Belgian number' },
  { text: '(020) 555 01 02', what: 'landline with area code in parentheses' },
  // IBANs
  { text: 'IBAN NL91ABNA0417164300', what: 'IBAN' },
  { text: 'IBAN: NL91 ABNA 0417 1643 00', what: 'IBAN in groups', lookAlike: true },
  { text: 'Rekening NL20INGB0001234567', what: 'IBAN with leading zeros', lookAlike: true },
  { text: 'Belgische rekening BE71 0961 2345 6769', what: 'Belgian IBAN', lookAlike: true },
  // Dates and times
  { text: 'Sinds 12-03-2026 geen berichten', what: 'date' },
  { text: 'Onderhoud 2026-12-07 20:00 tot 22:00', what: 'ISO date and times' },
  { text: 'Gepland op 1-5-2026 9.15 uur', what: 'date and a time with a dot', lookAlike: true },
  { text: 'Gemeld op 2026-03-03 9 uur', what: 'ISO date and an hour', lookAlike: true },
  { text: 'Op 11-11-2026 3 keer geprobeerd', what: 'date and a count', lookAlike: true },
  { text: 'Van 12-03-2026 20:00 tot 13-03-2026 02:00', what: 'two dates with times', lookAlike: true },
  { text: 'Tussen 12/03/2026 en 13/03/2026', what: 'dates with slashes' },
  { text: '12.03.2026 14.30 uur', what: 'dotted date and time' },
  { text: 'Di 03-03 20:00-22:00 en wo 04-03 20:00-22:00', what: 'short dates and time ranges' },
  { text: 'Start 3-3-26 9.15', what: 'date with a two-digit year and a time' },
  // Version numbers
  { text: 'Sinds versie 4.12.3', what: 'version' },
  { text: 'Client v2.3.45.6789', what: 'four-part version' },
  { text: 'Na update naar 4.12.3.00011 werkt het niet', what: 'version with a build number', lookAlike: true },
  { text: 'Release 2026.3.1 en 10.4.12', what: 'calendar version' },
  // Postcodes
  { text: 'Adres: Postbus 1234, 1000 AB Amsterdam', what: 'postcode' },
  { text: '1234AB, 5678 CD en 9012EF', what: 'postcodes' },
  // Document numbers
  { text: 'Zie INC-2026-0042 en MNT-2026-0007', what: 'incident and maintenance numbers' },
  { text: 'INC-2026-0005 1 keer heropend', what: 'incident number and a count', lookAlike: true },
  { text: 'Nieuws NWS-2026-0012', what: 'news number' },
  // AGB codes
  { text: 'AGB-code 01234567', what: 'AGB code' },
  { text: 'AGB 10000007 1x gebeld', what: 'AGB code and a count', lookAlike: true },
  // Nine digits failing the 11-test
  { text: '123456789', what: 'nine digits failing the 11-test' },
  { text: 'Ordernummer 987 654 321', what: 'grouped nine digits failing the 11-test' },
  { text: 'Kenmerk 111-222-334', what: 'dashed nine digits failing the 11-test' },
  { text: 'Referentie １２３４５６７８９', what: 'full-width nine digits failing the 11-test' },
  // IPv4 addresses
  { text: 'Server 192.168.1.13 reageert niet', what: 'IPv4', lookAlike: true },
  { text: 'Gateway 10.192.168.113 geeft time-outs', what: 'IPv4 holding three groups of three', lookAlike: true },
  { text: 'Verbinding met 10.0.0.1:8443 weigert', what: 'IPv4 with a port' },
  // Amounts
  { text: 'Schade € 1.234.567,82', what: 'amount', lookAlike: true },
  { text: 'Budget € 123.456.782', what: 'amount without decimals', lookAlike: true },
  { text: 'Factuur EUR 111.222.333,00', what: 'amount in EUR', lookAlike: true },
  { text: 'Totaal 1.234.567,82 euro', what: 'amount with euro after it', lookAlike: true },
  { text: 'Waarde 123456782,5', what: 'decimal number', lookAlike: true },
  // Ticket numbers
  { text: 'Ticket #4711 bij de leverancier', what: 'ticket number' },
  { text: 'TOPdesk-melding M2603 0042', what: 'TOPdesk number' },
  { text: 'Zendesk 1234567 en SR-12345678', what: 'ticket numbers' },
  // No numbers worth a look
  { text: 'de cliënt kan niet inloggen sinds de update', what: 'no number' },
  { text: 'Koppeling met RivierenNet geeft time-outs sinds 09:15', what: 'a time' },
];
