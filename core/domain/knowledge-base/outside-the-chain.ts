import { words } from './text-analysis.ts';

/**
 * Words that place a question outside the chain's systems: private life and devices, banking,
 * shops and social apps, the building and its facilities, office software, and other sectors'
 * systems (claims, registers, courses). Such a question may share every other word with an entry
 * ("wachtwoord vergeten van de webshop", "pincode van mijn bankpas geblokkeerd") and still be
 * about something else: the search never gives it a sure answer, at most suggestions.
 *
 * Matched as whole words, some also as the start of a compound ("bankpas", "roosterapp"); Dutch and
 * English. Words people use when telling an ICT story ("vakantie", "verlof", "thuis", "laptop",
 * "privé", "moeder", "DigiD") are left out on purpose: real chain questions use them too.
 */
const OUTSIDE = [
  // private life and money (family words are left out: in birth care mother, father and child are the clients)
  'privetelefoon', 'schoonmoeder', 'buurvrouw', 'buurman', 'rijbewijs', 'paspoort', 'bibliotheek*', 'library', 'sportschool*', 'gym',
  'bank*', 'pinpas', 'creditcard', 'belasting*', 'toeslag*', 'hypotheek', 'zorgverzekeraar', 'mortgage', 'tax',
  // shops, social and consumer apps and devices
  'webshop*', 'webwinkel*', 'winkel*', 'bestelling*', 'werkkleding', 'amazon', 'whatsapp', 'facebook', 'instagram', 'tiktok',
  'netflix', 'spotify', 'ipad', 'playstation', 'groepsapp*', 'favorieten', 'inkt*', 'cartridge', 'shop', 'favourites', 'favorites',
  // the building and facilities
  'kantine*', 'koffie*', 'lift', 'parkeer*', 'parkeren', 'slagboom', 'wachtkamer*', 'verwarming', 'airco', 'schoonmaak*', 'wifi',
  'canteen', 'coffee', 'elevator', 'parking', 'heating',
  // work life that is not ICT
  'rooster*', 'dienstrooster*', 'ingeroosterd', 'inroosteren', 'kraampakket*', 'loonstrook', 'salaris*', 'declaratie*', 'declareren', 'kilometer*', 'vecozo', 'reanimatie*',
  'cursus*', 'scholing', 'accreditatie*', 'big-registratie', 'kerstborrel', 'borrel', 'personeelsfeest', 'sollicitatie*',
  'roster', 'payslip', 'salary', 'expenses', 'course',
  // office software
  'outlook', 'powerpoint', 'onedrive', 'sharepoint', 'windows',
];

/** Words marked * also count as the first part of a compound ("bankpas", "parkeerterrein", "roosterapp"). */
const EXACT = new Set(OUTSIDE.map((w) => w.replace(/\*$/, '')));
const PREFIXES = OUTSIDE.filter((w) => w.endsWith('*')).map((w) => w.slice(0, -1));

/** One's own family ("de DigiD van mijn moeder"): a client is "de moeder", never "mijn moeder". */
const FAMILY = /\b(?:mijn|m'n|mn|my) (?:moeder|vader|dochter|zoon|man|vriend|vriendin|partner|kind|kinderen|schoonmoeder|oma|opa|mother|father|daughter|son|husband|wife|kids?)\b/;

/** Asking for product advice: "welke app raad je aan", "kun je … aanraden", "which … do you recommend". */
const ADVICE = /\bwelke\b.*\b(?:raad|raadt|raden)\s+(?:je|jij|u|jullie)\b.*\baan\b|\bwelke\b.*\baanraden\b|\bwhich\b.*\brecommend/;

/** The first word of the question that places it outside the chain's systems, or undefined. */
export function outsideTheChain(question: string): string | undefined {
  // Phones type a curly apostrophe ("m’n"); sentence ends matter for the phrases, so they are read
  // per sentence (and a sentence longer than any real one is not read for them: bounded time).
  const text = question.slice(0, 4000).replace(/[\u2018\u2019\u02bc]/g, "'");
  for (const sentence of text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().split(/[.?!\n]+/)) {
    if (sentence.length > 400) continue;
    const phrase = (sentence.includes('welke') || sentence.includes('which') ? ADVICE.exec(sentence) : null) ?? FAMILY.exec(sentence);
    if (phrase) return phrase[0];
  }
  for (const word of words(text)) {
    // "whatsapp-berichten", "wifi-verbinding": the parts count too.
    for (const part of word.includes('-') ? [word, word.replace(/-/g, ''), ...word.split('-')] : [word]) {
      if (EXACT.has(part)) return part;
      if (PREFIXES.some((p) => part.length > p.length && part.startsWith(p))) return part;
    }
  }
  return undefined;
}
