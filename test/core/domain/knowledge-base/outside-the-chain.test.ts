import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { outsideTheChain } from '../../../../core/domain/knowledge-base/outside-the-chain.ts';

/**
 * Questions about something outside the chain's systems (a webshop, a bank card, parking, the
 * coffee machine, the roster app, a payslip, office software, a private device, product advice)
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
  ['WhatsApp-berichten komen niet aan op mijn werktelefoon', 'whatsapp-berichten'],
  ['can I send photos to a colleague with WhatsApp', 'whatsapp'],
  ['mijn eigen laptop maakt thuis geen verbinding', 'mijn eigen'],
  ['my own tablet cannot connect to the network', 'my own'],
  ['welke laptop raad je aan voor thuis', 'raad je aan'],
  ['welke tablet kun je aanraden voor huisbezoeken', 'aanraden'],
  ['which phone do you recommend for home visits', 'recommend'],
  ['de lift naar de tweede verdieping is stuk', 'lift'],
  ['mijn privételefoon krijgt geen mail meer binnen', 'privetelefoon'],
  ['hoe dien ik een declaratie in voor de gereden kilometers', 'declaratie'],
  ['Excel loopt vast bij het openen van de planning', 'excel'],
  ['de wifi in de kantine valt steeds weg', 'wifi'],
];

/**
 * Known defects, reported to the lead: answerable questions of the relevance set that are flagged
 * (so their sure answer drops to a suggestion). "privé" is the browser's own warning ("verbinding
 * niet privé", entry kb-045) and "moeder" is the client herself in birth care (kb-048).
 */
const WRONGLY_FLAGGED = [
  'Als ik het portaal open zegt de browser dat de verbinding niet privé is.',
  'Wij krijgen geen ontslagbericht meer van het ziekenhuis als moeder en kind naar huis gaan.',
];

/** Chain questions with words close to the lists: UZI-pas, home, leave, laptop, telephone, the own organisation. */
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
];

describe('outsideTheChain: questions about something other than the chain\'s systems', () => {
  it('the list covers at least 20 questions in Dutch and English', () => {
    expect(OUTSIDE.length).toBeGreaterThanOrEqual(20);
  });

  it.each(OUTSIDE)('%j is outside the chain (because of %j)', (question, because) => {
    expect(outsideTheChain(question)).toBe(because);
  });

  it('words are matched whole or as the start of a compound, whatever the case and accents', () => {
    expect(outsideTheChain('WEBSHOP')).toBe('webshop');
    expect(outsideTheChain('Privé-telefoon')).toBe('prive-telefoon');
    expect(outsideTheChain('de parkeergarage is vol')).toBe('parkeergarage');
    expect(outsideTheChain('mijn bankrekening')).toBe('bankrekening');
    // Short list words only count whole: "opa" is not the start of "opacity", "son" not of "sonar".
    expect(outsideTheChain('opacity van de viewer')).toBeUndefined();
    expect(outsideTheChain('sonar')).toBeUndefined();
    expect(outsideTheChain('son')).toBe('son');
  });

  it('"my own" and advice are read across the question, before single words', () => {
    expect(outsideTheChain('de webshop van mijn eigen winkel')).toBe('mijn eigen');
    expect(outsideTheChain('which webshop would you recommend')).toBe('recommend');
  });

  it.each(CHAIN)('a chain question is not flagged: %j', (question) => {
    expect(outsideTheChain(question)).toBeUndefined();
  });

  it('no answerable question of the relevance set is flagged (except the known defects below)', () => {
    expect(REALISTIC.answerable.length).toBeGreaterThanOrEqual(150);
    for (const q of WRONGLY_FLAGGED) expect(REALISTIC.answerable.map((a) => a.q)).toContain(q);
    const flagged = REALISTIC.answerable.filter((a) => !WRONGLY_FLAGGED.includes(a.q) && outsideTheChain(a.q) !== undefined)
      .map((a) => `${a.q} → ${outsideTheChain(a.q)}`);
    expect(flagged).toEqual([]);
  });

  it.fails.each(WRONGLY_FLAGGED)('KNOWN DEFECT: an answerable question is flagged: %j', (question) => {
    expect(outsideTheChain(question)).toBeUndefined();
  });

  it.fails.each([
    'wat raad je me aan om te doen als de viewer leeg blijft', // troubleshooting advice, not product advice
    'Ik weet het niet, raad u eens. Het bericht komt niet aan bij de huisarts', // "raad … aan" across sentences
  ])('KNOWN DEFECT: "raad … aan" also flags chain questions: %j', (question) => {
    expect(outsideTheChain(question)).toBeUndefined();
  });

  it.fails.each([
    'welke browser raadt u aan voor het portaal', // formal "raadt u"
    'welke laptop raden jullie aan voor thuis', // plural "raden jullie"
  ])('KNOWN DEFECT: product advice in other verb forms is not flagged: %j', (question) => {
    expect(outsideTheChain(question)).toBeDefined();
  });

  it('nothing to go on: empty, punctuation, numbers, other scripts', () => {
    for (const question of ['', '   ', '?!', '123456782', 'Ελληνικά', '🙂🙂']) expect(outsideTheChain(question)).toBeUndefined();
  });
});

describe('outsideTheChain on hostile input', () => {
  const pieces = ['raad je ', 'aan ', 'mijn ', 'eigen', 'bank', 'webshop', 'park', '-', ' ', 'é', '\u0301', 'x'.repeat(40), '.', 'recommen'];

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

  it('the worst case for the advice pattern: "raad je" over and over without "aan"', () => {
    for (const text of ['raad je '.repeat(500), 'raad u x '.repeat(445), 'mijn '.repeat(800)]) {
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
