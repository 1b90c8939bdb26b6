import { words } from './text-analysis.ts';

/**
 * Words that place a question outside the chain's systems: private life and devices, banking,
 * shops and social apps, the building and its facilities, office software, and other sectors'
 * systems (claims, registers, courses). Such a question may share every other word with an entry
 * ("wachtwoord vergeten van de webshop", "pincode van mijn bankpas geblokkeerd") and still be
 * about something else: the search never gives it a sure answer, at most suggestions.
 *
 * Matched as whole words or as the start of a word ("bankpas", "roosterapp"); Dutch and English.
 * Words people use when telling an ICT story ("vakantie", "verlof", "thuis", "laptop") are left out
 * on purpose: they appear in real chain questions too.
 */
const OUTSIDE = [
  // private life, family, money
  'prive', 'privetelefoon', 'moeder', 'vader', 'dochter', 'zoon', 'schoonmoeder', 'oma', 'opa', 'buurvrouw', 'buurman',
  'bank', 'pinpas', 'creditcard', 'belasting', 'toeslag', 'hypotheek', 'verzekering', 'zorgverzekeraar',
  'mother', 'father', 'daughter', 'son', 'tax', 'mortgage', 'insurance',
  // shops, social and consumer apps and devices
  'webshop', 'webwinkel', 'winkel', 'bestelling', 'werkkleding', 'bol', 'amazon', 'whatsapp', 'facebook', 'instagram', 'tiktok',
  'netflix', 'spotify', 'ipad', 'playstation', 'groepsapp', 'favorieten', 'inkt', 'cartridge',
  'shop', 'favourites', 'favorites', 'ink',
  // the building and facilities
  'kantine', 'koffie', 'koffieautomaat', 'lift', 'parkeer', 'parkeerpas', 'parkeren', 'slagboom', 'wachtkamer', 'verwarming', 'airco',
  'schoonmaak', 'wifi', 'canteen', 'coffee', 'elevator', 'parking', 'heating',
  // work life that is not ICT
  'rooster', 'roosterapp', 'dienstrooster', 'loonstrook', 'salaris', 'declaratie', 'declareren', 'kilometer', 'vecozo', 'reanimatie',
  'cursus', 'scholing', 'accreditatie', 'big-registratie', 'kerstborrel', 'borrel', 'personeelsfeest', 'sollicitatie',
  'roster', 'payslip', 'salary', 'expenses', 'course',
  // office software and operating systems
  'outlook', 'excel', 'powerpoint', 'windows', 'onedrive', 'sharepoint', 'digid',
];

const EXACT = new Set(OUTSIDE);
/** Words long enough to also count as the first part of a compound ("bankpas", "parkeerterrein"). */
const PREFIXES = OUTSIDE.filter((w) => w.length >= 4);

/** A person's own affairs ("mijn eigen …", "my own …") and asking for product advice ("welke … raad je aan"). */
const PERSONAL = /\b(?:mijn|my) (?:eigen|own)\b|\baanraden\b|\braad (?:je|jij|u|jullie) [^.?!]*\baan\b|\brecommend/;

/** The first word of the question that places it outside the chain's systems, or undefined. */
export function outsideTheChain(question: string): string | undefined {
  const folded = words(question.slice(0, 4000));
  const personal = PERSONAL.exec(folded.join(' '));
  if (personal) return personal[0];
  for (const word of folded) {
    if (EXACT.has(word)) return word;
    if (word.length > 4 && PREFIXES.some((p) => word.startsWith(p))) return word;
  }
  return undefined;
}
