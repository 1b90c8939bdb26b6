/**
 * Text that looks like it names a patient or gives a date of birth (DOMAIN.md "Privacy"; issue 14,
 * point 4). Not a refusal like the BSN guard: a warning before storing, which the person may
 * confirm away, so it leans towards catching and keeps false positives rare by looking only for
 *
 * - a courtesy title ("mevrouw", "mw.", "mevr.", "meneer", "dhr.", "de heer", "Mrs", "Mr", "Ms")
 *   followed by a name (initials, "van"/"de"/… and a capitalised word: "mw. J. de Vries");
 * - a word for a patient ("cliënt", "patiënt", "zwangere", "kraamvrouw", "bewoner", "baby" …)
 *   followed directly by a capitalised name ("cliënt Jansen", "patiënt van Dijk"), so that
 *   "de cliënt kan niet inloggen" is fine;
 * - "geboren", "geb.", "geboortedatum", "date of birth", "DOB", "born" followed by a date or year;
 * - a full date (day, month and four-digit year) long enough before now to be a date of birth in
 *   the past decades (see BIRTH_DATE_MIN_YEARS); dates of incidents, maintenance and releases lie near now.
 *
 * Capitalised words that are not names (product words such as "Portaal", "Teams"; the names of the
 * organisations and applications in the directory, given as `notNames`) do not count. Only fields
 * about systems are checked; contact and profile fields hold colleagues' names and are not.
 */

export interface PatientDetail {
  kind: 'name' | 'birth-date';
  /** As found (in the text folded with NFKC, invisible characters left out, runs of spaces as one). */
  found: string;
}

export interface PatientDetailOptions {
  now: Date;
  /** Words of names that are not people (organisations, applications): "patiënt van Medicura" is fine. */
  notNames?: Iterable<string>;
}

/**
 * How old a date without a keyword must be to read as a date of birth: written in numbers (as
 * copied from a record, "12-03-1990") five years; with the month in words ("1 januari 2019", as
 * in policy texts and articles) eighteen.
 */
const BIRTH_DATE_MIN_YEARS = { numeric: 5, words: 18 };
/** Only the start of a very long text is read (form fields are far shorter). */
const MAX_TEXT = 50_000;

const TITLE = String.raw`(?:[Mm]evrouw|[Mm]evr\.?|[Mm]w\.?|[Mm]eneer|[Mm]nr\.?|[Dd]hr\.?|[Dd]e\s+[Hh]eer|[Jj]uffrouw|Mrs\.?|Mr\.?|Ms\.?|Miss|mr\.)`;
const NOUN = String.raw`(?:[Cc]li[eë]nte?|[Pp]ati[eë]nte?|[Zz]wangere|[Kk]raamvrouw|[Bb]ewoner|[Bb]ewoonster|[Zz]orgvrager|[Bb]aby|[Pp]asgeborene|[Zz]uigeling)`;
// Particles of Dutch (and a few other) surnames: "van", "de", "van der", "ter", "'t".
const PARTICLE = String.raw`(?:[Vv]an|[Dd]e|[Dd]er|[Dd]en|[Tt]er|[Tt]en|[Tt]e|'t|[Vv]on|[Dd]u|[Dd]a|[Ll]a|[Ll]e|[Ee]l|[Aa]l)`;
// A capitalised name: "Jansen", "O'Brien", "Smit-Bakker" (not an initial, not all capitals).
const WORD = String.raw`\p{Lu}(?:\p{Ll}+|['’]\p{Lu}\p{Ll}+)(?:-\p{Lu}?\p{Ll}+)*`;
const INITIALS = String.raw`(?:\p{Lu}\.\s?){1,3}`;
// After a title also a name in capitals, as copied from a record ("dhr. JANSEN").
const TITLED_NAME = new RegExp(String.raw`(?<![\p{L}\p{N}])(${TITLE})(?![\p{L}])(?:\s*:\s*|\s+)((?:${INITIALS}\s*)?(?:${PARTICLE}\s+){0,3}(${WORD}|\p{Lu}{2,}(?![\p{L}]))|${INITIALS})`, 'gu');
const NOUN_NAME = new RegExp(String.raw`(?<![\p{L}\p{N}])(${NOUN})(?![\p{L}])(?:\s*:\s*|\s+)((?:${INITIALS}\s*)?(?:${PARTICLE}\s+){0,2}(${WORD}))`, 'gu');

/** Capitalised words after a title or "cliënt" that are not names: words of products and systems. */
const NOT_NAMES = new Set([
  'teams', 'office', 'word', 'excel', 'outlook', 'edge', 'access', 'azure', 'windows', 'dynamics', 'project', 'sharepoint', 'exchange',
  'id', 'portaal', 'portal', 'app', 'apps', 'applicatie', 'application', 'server', 'secret', 'certificate', 'certificaat', 'software',
  'side', 'key', 'login', 'inlog', 'versie', 'version', 'service', 'services', 'dossier', 'omgeving', 'module', 'overzicht', 'account',
  'nummer', 'number', 'record', 'type', 'data', 'gegevens', 'informatie', 'update', 'viewer', 'zorgverlener', 'zorgverleners', 'helpdesk',
  'servicedesk', 'leverancier', 'ziekenhuis', 'huisarts', 'verloskundige', 'verloskundigen', 'kraamzorg', 'browser', 'desktop', 'mobile',
  'mobiel', 'web', 'online', 'vpn', 'api', 'connector', 'koppeling', 'bericht', 'berichten', 'overdracht', 'uitslag', 'uitslagen',
  'kamer', 'afdeling', 'locatie', 'unit', 'room', 'ward', 'groep', 'group', 'status', 'kaart', 'card', 'lijst', 'list', 'rapport', 'report',
  'formulier', 'form', 'vragenlijst', 'brief', 'letter', 'mail', 'email', 'sms', 'telefoon', 'phone', 'journey', 'portal', 'pas', 'nummers',
]);

const MONTHS: Record<string, number> = {
  jan: 1, januari: 1, january: 1, feb: 2, febr: 2, februari: 2, february: 2, mrt: 3, maart: 3, mar: 3, march: 3, apr: 4, april: 4,
  mei: 5, may: 5, jun: 6, juni: 6, june: 6, jul: 7, juli: 7, july: 7, aug: 8, augustus: 8, august: 8, sep: 9, sept: 9, september: 9,
  okt: 10, oktober: 10, oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
};
const MONTH = `(${Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|')})`;
// Dates: 12-03-1990, 12/3/1990, 12.03.1990 (two-digit day and month: "4.12.2019" is a version), 1990-03-12,
// 12 maart 1990, 12 mrt. 1990, March 12, 1990. Two-digit years only after a keyword.
const DATE_SOURCES = [
  String.raw`(?<![\d./-])(\d{1,2})([-/])(\d{1,2})\2(\d{4}|\d{2})(?![\d]|[./-]\d)`,
  String.raw`(?<![\d./-])(\d{2})(\.)(\d{2})\.(\d{4}|\d{2})(?![\d]|[./-]\d)`,
  String.raw`(?<![\d./-])(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?![\d]|[./-]\d)`,
  String.raw`(?<![\d./-])(\d{1,2})\.?\s+${MONTH}\.?,?\s+(\d{4})(?!\d)`,
  String.raw`(?<![\p{L}])${MONTH}\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)`,
];
const DATES = DATE_SOURCES.map((source) => new RegExp(source, 'giu'));
const KEYWORD = String.raw`(?<![\p{L}])(?:[Gg]eboren|GEBOREN|[Gg]eb\.|[Gg]eb(?=\s)|[Gg]eboortedatum|GEBOORTEDATUM|[Gg]eb\.?\s?datum|[Gg]ebdat|[Dd]ate\s+of\s+birth|DATE\s+OF\s+BIRTH|[Bb]irth\s?date|DOB|[Dd]\.o\.b\.|[Bb]orn)(?![\p{L}])`;
const AFTER_KEYWORD = String.raw`\s*(?:[:=]\s*)?(?:(?:op|on|in|at|de|the)\s+)?`;
const KEYWORD_DATE = DATE_SOURCES.map((source) => new RegExp(`${KEYWORD}${AFTER_KEYWORD}(?:${source})`, 'giu'));
const KEYWORD_YEAR = new RegExp(String.raw`${KEYWORD}${AFTER_KEYWORD}((?:19|20)\d{2})(?![\d./-])`, 'giu');

interface ParsedDate {
  year: number;
  month: number;
  day: number;
}

/** A real calendar date from a DATES match (index of the source), or undefined. */
function parse(match: RegExpExecArray, source: number, offset = 0): ParsedDate | undefined {
  const g = (i: number) => match[i + offset] ?? '';
  let day: number;
  let month: number;
  let year: number;
  if (source === 0 || source === 1) [day, month, year] = [Number(g(1)), Number(g(3)), Number(g(4))];
  else if (source === 2) [year, month, day] = [Number(g(1)), Number(g(3)), Number(g(4))];
  else if (source === 3) [day, month, year] = [Number(g(1)), MONTHS[g(2).toLowerCase()] ?? 0, Number(g(3))];
  else [month, day, year] = [MONTHS[g(1).toLowerCase()] ?? 0, Number(g(2)), Number(g(3))];
  if (g(source === 2 ? 1 : source >= 3 ? 3 : 4).length === 2) year += year > 30 ? 1900 : 2000;
  const at = new Date(Date.UTC(year, month - 1, day));
  if (at.getUTCFullYear() !== year || at.getUTCMonth() !== month - 1 || at.getUTCDate() !== day) return undefined;
  return { year, month, day };
}

const yearsBefore = (date: ParsedDate, now: Date) => (now.getTime() - Date.UTC(date.year, date.month - 1, date.day)) / (365.25 * 86_400_000);

/** Every piece of the text that looks like it names a patient or gives a date of birth. */
export function findPatientDetails(text: string, options: PatientDetailOptions): PatientDetail[] {
  // Runs of spaces become one: a name or date reads the same, and no pattern backtracks over a long run.
  const folded = text.slice(0, MAX_TEXT).normalize('NFKC').replace(/\p{Cf}/gu, '').replace(/\s+/g, ' ');
  const found: PatientDetail[] = [];
  const notNames = new Set(NOT_NAMES);
  for (const name of options.notNames ?? []) for (const word of name.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (word) notNames.add(word);
  for (const regex of [TITLED_NAME, NOUN_NAME]) {
    for (const m of folded.matchAll(regex)) {
      const surname = m[3];
      if (surname && notNames.has(surname.toLowerCase())) continue;
      found.push({ kind: 'name', found: m[0].trim() });
    }
  }
  const birth = new Set<string>();
  KEYWORD_DATE.forEach((regex, source) => {
    for (const m of folded.matchAll(regex)) {
      const date = parse(m, source);
      if (date && date.year >= 1900 && yearsBefore(date, options.now) >= 0) birth.add(m[0]);
    }
  });
  for (const m of folded.matchAll(KEYWORD_YEAR)) {
    const year = Number(m[1]);
    if (year >= 1900 && year <= options.now.getUTCFullYear()) birth.add(m[0]);
  }
  DATES.forEach((regex, source) => {
    for (const m of folded.matchAll(regex)) {
      const date = parse(m, source);
      const fourDigits = source >= 3 || (source === 2 ? m[1]!.length === 4 : m[4]!.length === 4);
      const minYears = source >= 3 ? BIRTH_DATE_MIN_YEARS.words : BIRTH_DATE_MIN_YEARS.numeric;
      if (date && fourDigits && date.year >= 1900 && yearsBefore(date, options.now) >= minYears && ![...birth].some((b) => b.includes(m[0]))) birth.add(m[0]);
    }
  });
  for (const b of birth) found.push({ kind: 'birth-date', found: b });
  return found;
}

/** The fields (by name, in order) whose text looks like it names a patient or gives a date of birth. */
export function fieldsWithPatientDetails<K extends string>(fields: Partial<Record<K, string | undefined>>, options: PatientDetailOptions): K[] {
  return (Object.entries(fields) as Array<[K, string | undefined]>).filter(([, value]) => value && findPatientDetails(value, options).length > 0).map(([name]) => name);
}
