import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { outsideTheChain } from '../../../../core/domain/knowledge-base/outside-the-chain.ts';

/**
 * Questions about something outside the chain's systems (a webshop, a bank card, parking, the
 * coffee machine, the roster app, a payslip, office software, one's own family, product advice)
 * may share words with an entry but are never answered by it for sure. Tested both ways: such
 * questions are flagged, and the realistic questions the knowledge base does answer are not.
 */

const REALISTIC = JSON.parse(readFileSync(new URL('../../../relevance/realistic-questions.json', import.meta.url), 'utf8')) as {
  answerable: Array<{ q: string; lang: string }>;
};

/** Each question with the word or phrase that places it outside the chain. */
const OUTSIDE: Array<[string, string]> = [
  ['wachtwoord vergeten van de webshop', 'webshop'],
  ['ik kan niet inloggen op de webwinkel voor werkkleding', 'webwinkel'],
  ['I forgot my password for the web shop', 'shop'],
  ['pincode van mijn bankpas 3x fout ingetikt, nu zit hij op slot', 'bankpas'],
  ['my bank card is blocked after three wrong PINs', 'bank'],
  ['waar mag ik parkeren bij het ziekenhuis als de garage vol is', 'parkeren'],
  ['de parkeerpas voor de slagboom doet het niet meer', 'parkeerpas'],
  ['is there parking for visitors near the clinic', 'parking'],
  ['de koffieautomaat accepteert mijn pasje niet', 'koffieautomaat'],
  ['the coffee machine does not read my card', 'coffee'],
  ['de roosterapp laat mijn diensten van volgende week niet zien', 'roosterapp'],
  ['the roster app shows the wrong shifts', 'roster'],
  ['waar vind ik mijn loonstrook van deze maand', 'loonstrook'],
  ['I cannot open my payslip', 'payslip'],
  ['Outlook blijft om mijn wachtwoord vragen', 'outlook'],
  ['outlook keeps asking for my password after the update', 'outlook'],
  ['can I send photos to a colleague with WhatsApp', 'whatsapp'],
  ['welke laptop raad je aan voor thuis', 'welke laptop raad je aan'],
  ['welke browser raadt u aan voor het portaal', 'welke browser raadt u aan'],
  ['welke laptop raden jullie aan voor thuis', 'welke laptop raden jullie aan'],
  ['Welke app raad jij aan?', 'welke app raad jij aan'],
  ['welke tablet kun je aanraden voor huisbezoeken', 'welke tablet kun je aanraden'],
  ['which phone do you recommend for home visits', 'which phone do you recommend'],
  ['de DigiD van mijn moeder werkt niet meer', 'mijn moeder'],
  ["m'n vader krijgt zijn wachtwoord niet opnieuw ingesteld", "m'n vader"],
  ['de inlog van mijn man is geblokkeerd', 'mijn man'],
  ["my husband's phone does not get the code", 'my husband'],
  ['de lift naar de tweede verdieping is stuk', 'lift'],
  ['mijn privételefoon krijgt geen mail meer binnen', 'privetelefoon'],
  ['hoe dien ik een declaratie in voor de gereden kilometers', 'declaratie'],
  ['de wifi in de kantine valt steeds weg', 'wifi'],
  ['Windows vraagt steeds om een herstart', 'windows'],
];

/**
 * Answerable questions of the relevance set that were flagged before: "privé" is the browser's own
 * warning ("verbinding niet privé", entry kb-045), "moeder" the client herself in birth care (kb-048).
 */
const ONCE_FLAGGED = [
  'Als ik het portaal open zegt de browser dat de verbinding niet privé is.',
  'Wij krijgen geen ontslagbericht meer van het ziekenhuis als moeder en kind naar huis gaan.',
];

/**
 * Chain questions with words close to the lists: UZI-pas, home, leave, laptop, telephone, the own
 * organisation and the own device, office software, and the words real chain questions use (privé,
 * moeder, kind, DigiD), and advice that is not about a product.
 */
const CHAIN = [
  'mijn uzi-pas wordt niet herkend door de paslezer',
  'pasje kwijt, hoe kom ik nu in het portaal',
  'ik werk thuis op mijn laptop en de viewer blijft leeg',
  'na mijn vakantie kan ik niet meer inloggen',
  'ik was met verlof en nu is mijn account geblokkeerd',
  'de helpdesk van onze eigen organisatie weet het ook niet',
  'my account is locked after my holiday',
  'the viewer shows no data for my client',
  'tweestapsverificatie code komt niet binnen op mijn werktelefoon',
  'het ontslagbericht van het ziekenhuis komt niet aan bij de verloskundige',
  'kraamvrouw thuis bevallen maar nog geen overdracht ontvangen',
  'mijn eigen laptop maakt thuis geen verbinding',
  'my own tablet cannot connect to the network',
  'Excel loopt vast bij het openen van de planning',
  ...ONCE_FLAGGED,
  'de moeder van de cliënt kan niet inloggen met DigiD',
  'mijn mandaat voor het portaal is verlopen', // "mijn man" only as whole words
  'wat raad je me aan om te doen als de viewer leeg blijft', // troubleshooting advice, not product advice
  'Ik weet het niet, raad u eens. Het bericht komt niet aan bij de huisarts', // "raad … aan" across sentences
  'Welke versie heb ik? Ik raad je aan om dat na te kijken', // "welke" and "raad je aan" in different sentences
];

describe('outsideTheChain: questions about something other than the chain\'s systems', () => {
  it('the list covers at least 20 questions in Dutch and English', () => {
    expect(OUTSIDE.length).toBeGreaterThanOrEqual(20);
  });

  it.each(OUTSIDE)('%j is outside the chain (because of %j)', (question, because) => {
    expect(outsideTheChain(question)).toBe(because);
  });

  it('words marked as prefixes also match as the start of a compound; the others only whole; whatever the case and accents', () => {
    expect(outsideTheChain('WEBSHOP')).toBe('webshop');
    expect(outsideTheChain('Privételefoon')).toBe('privetelefoon');
    // Prefixes: "bank", "parkeer", "rooster", "koffie", "inkt"…
    expect(outsideTheChain('pincode van de bankpas')).toBe('bankpas');
    expect(outsideTheChain('de parkeergarage is vol')).toBe('parkeergarage');
    expect(outsideTheChain('mijn bankrekening')).toBe('bankrekening');
    expect(outsideTheChain('de roosterapp loopt vast')).toBe('roosterapp');
    expect(outsideTheChain('inktpatroon leeg')).toBe('inktpatroon');
    // Whole words only: "tax" is not the start of "taxonomie", nor "shop" of "shopping", nor "lift" of "liftopening".
    expect(outsideTheChain('tax')).toBe('tax');
    expect(outsideTheChain('de taxonomie van de codes')).toBeUndefined();
    expect(outsideTheChain('shopping')).toBeUndefined();
    expect(outsideTheChain('liftopening')).toBeUndefined();
    // Not in the list at all (any more): office and family words real chain questions use.
    for (const word of ['excel', 'Excel', 'excellent', 'privé', 'DigiD', 'moeder', 'opa', 'son', 'sonar', 'opacity']) expect(outsideTheChain(word), word).toBeUndefined();
  });

  it("one's own family is flagged, a client's is not: \"mijn moeder\" but not \"de moeder\"", () => {
    expect(outsideTheChain('MIJN MOEDER')).toBe('mijn moeder');
    expect(outsideTheChain('Mijn Dochter heeft een nieuwe telefoon')).toBe('mijn dochter');
    expect(outsideTheChain('mn zoon')).toBe('mn zoon');
    expect(outsideTheChain('mijn kinderen')).toBe('mijn kinderen');
    expect(outsideTheChain('my wife cannot log in')).toBe('my wife');
    for (const question of ['de moeder en het kind', 'de vader belt over de overdracht', 'moeder en zoon', 'the mother of my client', 'mijn mandaat', 'my sonography report'])
      expect(outsideTheChain(question), question).toBeUndefined();
  });

  it('advice and family are read as phrases, before single words', () => {
    expect(outsideTheChain('de webshop van mijn moeder')).toBe('mijn moeder');
    expect(outsideTheChain('which webshop would you recommend')).toBe('which webshop would you recommend');
    // Product advice only within one sentence; "welke" must ask it.
    expect(outsideTheChain('Welke printer raad je aan? Die van ons is kapot')).toBe('welke printer raad je aan');
    expect(outsideTheChain('welke laptop. Raad je aan')).toBeUndefined();
    expect(outsideTheChain('raad je aan')).toBeUndefined();
    expect(outsideTheChain('we recommend the viewer')).toBeUndefined();
  });

  it.each(CHAIN)('a chain question is not flagged: %j', (question) => {
    expect(outsideTheChain(question)).toBeUndefined();
  });

  it('no answerable question of the relevance set is flagged', () => {
    expect(REALISTIC.answerable.length).toBeGreaterThanOrEqual(150);
    for (const q of ONCE_FLAGGED) expect(REALISTIC.answerable.map((a) => a.q)).toContain(q);
    const flagged = REALISTIC.answerable.filter((a) => outsideTheChain(a.q) !== undefined).map((a) => `${a.q} → ${outsideTheChain(a.q)}`);
    expect(flagged).toEqual([]);
  });

  // KNOWN DEFECT (reported): a word with a hyphen is one word to words(), so a whole-only list word
  // before a hyphen ("WhatsApp-berichten") or a list word written with one ("privé-telefoon" for
  // "privételefoon") is not recognised, though the index reads both parts of such words.
  it.each([
    ['WhatsApp-berichten komen niet aan op mijn werktelefoon', 'whatsapp'],
    ['de Outlook-agenda synchroniseert niet', 'outlook'],
    ['mijn privé-telefoon krijgt geen mail meer', 'privetelefoon'],
    ['de wifi-verbinding valt steeds weg', 'wifi'],
  ])('a hyphenated form of a list word is flagged: %j (%j)', (question) => {
    expect(outsideTheChain(question)).toBeDefined();
  });

  // KNOWN DEFECT (reported): "welke … raad/raden … aan" also catches troubleshooting advice, as
  // "wat raad je me aan om te doen als…" is no longer caught.
  it.fails('KNOWN DEFECT: asking which steps are advised is flagged as product advice', () => {
    expect(outsideTheChain('welke stappen raden jullie aan als de koppeling met het ziekenhuis hapert')).toBeUndefined();
  });

  // Phones type "m’n" with a typographic apostrophe.
  it('"m’n moeder" with a typographic apostrophe is flagged', () => {
    expect(outsideTheChain('de DigiD van m’n moeder werkt niet')).toBeDefined();
  });

  it('nothing to go on: empty, punctuation, numbers, other scripts', () => {
    for (const question of ['', '   ', '?!', '123456782', 'Ελληνικά', '🙂🙂']) expect(outsideTheChain(question)).toBeUndefined();
  });
});

describe('outsideTheChain on hostile input', () => {
  const pieces = ['welke ', 'raad je ', 'aan ', 'mijn ', 'moeder', 'bank', 'webshop', 'park', '-', ' ', 'é', '\u0301', 'x'.repeat(40), '.', 'which ', 'recommen'];

  /** The fastest of three runs: a pathological input is slow every time, a busy test machine only now and then. */
  const timed = (text: string) => {
    let best = Infinity;
    let because: string | undefined;
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      because = outsideTheChain(text);
      best = Math.min(best, performance.now() - started);
    }
    return { because, ms: best };
  };

  it('never throws and takes under 50 ms on 4,000 characters', () => {
    fc.assert(fc.property(fc.oneof(
      fc.string({ unit: 'binary', minLength: 3_000, maxLength: 4_000 }),
      fc.array(fc.constantFrom(...pieces), { minLength: 500, maxLength: 2_000 }).map((p) => p.join('').slice(0, 4_000)),
      fc.string({ unit: 'grapheme-ascii', minLength: 4_000, maxLength: 4_000 }),
    ), (text) => {
      const { because, ms } = timed(text);
      expect(ms).toBeLessThan(50);
      expect(because === undefined || typeof because === 'string').toBe(true);
    }), { numRuns: 150 });
  });

  it('"raad je", "mijn" or "which" over and over, without what completes the phrase', () => {
    for (const text of ['raad je '.repeat(500), 'raad u x '.repeat(445), 'mijn '.repeat(800), 'my '.repeat(1_400), 'which '.repeat(700), 'welke x '.repeat(500)]) {
      const { because, ms } = timed(text.slice(0, 4_000));
      expect(because).toBeUndefined();
      expect(ms).toBeLessThan(50);
    }
  });

  // The advice pattern is read per sentence, and not at all on a sentence longer than any real one.
  it('"welke … raad je" over and over without "aan" takes under 50 ms', () => {
    for (const text of ['welke raad je '.repeat(300), `${'welke '.repeat(340)}${'raad je '.repeat(250)}`]) {
      const { because, ms } = timed(text.slice(0, 4_000));
      expect(because).toBeUndefined();
      expect(ms).toBeLessThan(50);
    }
  });

  it('a far longer text is read only up to 4,000 characters', () => {
    expect(timed(`${'bla '.repeat(250_000)} webshop`)).toEqual({ because: undefined, ms: expect.any(Number) });
    expect(timed(`${'bla '.repeat(250_000)} webshop`).ms).toBeLessThan(50);
    expect(timed(`webshop ${'bla '.repeat(250_000)}`).because).toBe('webshop');
  });
});
