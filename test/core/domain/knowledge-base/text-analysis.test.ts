import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isQueryFiller, QUERY_FILLER, STOPWORDS } from '../../../../core/domain/knowledge-base/stopwords.ts';
import { analyze, indexTerms, stem, words } from '../../../../core/domain/knowledge-base/text-analysis.ts';

describe('words', () => {
  it('lower-cases and folds accents: cliënt, geïnstalleerd, privé, café are found without them', () => {
    expect(words('Cliënt GEÏNSTALLEERD privé Café')).toEqual(['client', 'geinstalleerd', 'prive', 'cafe']);
    expect(words('cliënt')).toEqual(words('client'));
    expect(words('CLIËNT')).toEqual(['client']);
  });

  it('splits on spaces and punctuation, keeps letters and digits', () => {
    expect(words("Melding 'browser wordt niet ondersteund' (HTTP 400 of 422)!")).toEqual(['melding', 'browser', 'wordt', 'niet', 'ondersteund', 'http', '400', 'of', '422']);
    expect(words('zomertijd/tijdzone, 2fa; BSN: 123456789')).toEqual(['zomertijd', 'tijdzone', '2fa', 'bsn', '123456789']);
    expect(words('')).toEqual([]);
    expect(words('  ... ?! ')).toEqual([]);
  });

  it('keeps hyphenated words as one word, without leading or trailing hyphens', () => {
    expect(words('UZI-pas en e-mail')).toEqual(['uzi-pas', 'en', 'e-mail']);
    expect(words('storings- en onderhoudsmeldingen')).toEqual(['storings', 'en', 'onderhoudsmeldingen']);
    expect(words('-pas- -- time-out')).toEqual(['pas', 'time-out']);
  });

  it('keeps letters of other scripts and folds compatibility characters (NFKD)', () => {
    expect(words('ﬁle')).toEqual(['file']);
    expect(words('Ελληνικά')).toEqual(['ελληνικα']);
  });
});

describe('stem', () => {
  it('Dutch: plurals and verb forms share a stem', () => {
    expect(stem('berichten', 'nl')).toBe(stem('bericht', 'nl'));
    expect(stem('overdrachten', 'nl')).toBe('overdracht');
    expect(stem('inloggen', 'nl')).toBe('inlogg');
    expect(stem('uitnodigingen', 'nl')).toBe(stem('uitnodiging', 'nl'));
    expect(stem('printen', 'nl')).toBe('print');
  });

  it('English: plurals and -ing forms share a stem', () => {
    expect(stem('passwords', 'en')).toBe('password');
    expect(stem('messages', 'en')).toBe(stem('message', 'en'));
    expect(stem('printing', 'en')).toBe('print');
    expect(stem('invitations', 'en')).toBe(stem('invitation', 'en'));
  });

  it('each language keeps its own rules: an English -ing is not a Dutch ending', () => {
    expect(stem('printing', 'nl')).toBe('printing');
    expect(stem('printen', 'en')).toBe('printen');
  });
});

describe('analyze', () => {
  it('drops the stopwords of the language and stems the rest', () => {
    expect(analyze('Ik kan niet inloggen met mijn UZI-pas', 'nl')).toEqual(['inlogg', 'uzi-pas']);
    expect(analyze('I cannot print the messages', 'en')).toEqual(['print', 'messag']);
  });

  it('a text of stopwords only analyses to nothing', () => {
    expect(analyze('hoe kan ik dat doen', 'nl')).toEqual([]);
    expect(analyze('how do I do this', 'en')).toEqual([]);
  });

  it('stopwords are per language: a Dutch stopword is a word in English text and the other way round', () => {
    expect(STOPWORDS.nl.has('die')).toBe(true);
    expect(STOPWORDS.en.has('die')).toBe(false);
    expect(analyze('die', 'en')).toEqual(['die']);
    expect(analyze('die', 'nl')).toEqual([]);
    expect(analyze('the', 'nl')).toEqual(['the']);
  });

  it('question fillers are stopwords in both languages', () => {
    for (const w of ['hoe', 'waar', 'wanneer', 'lukt', 'werkt', 'heel', 'erg', 'vandaag']) expect(STOPWORDS.nl.has(w), w).toBe(true);
    for (const w of ['how', 'where', 'when', 'does', 'work', 'very', 'keeps', 'today']) expect(STOPWORDS.en.has(w), w).toBe(true);
    // Words that carry the question are never stopwords.
    for (const w of ['wachtwoord', 'inloggen', 'printen', 'storing', 'viewer', 'niet-ontvangen']) expect(STOPWORDS.nl.has(w), w).toBe(false);
    for (const w of ['password', 'login', 'print', 'outage', 'viewer']) expect(STOPWORDS.en.has(w), w).toBe(false);
  });

  it('stopword lists are lower-case, folded single words (they are compared with words())', () => {
    for (const lang of ['nl', 'en'] as const) {
      for (const w of STOPWORDS[lang]) expect(words(w), `${lang}: "${w}"`).toEqual([w]);
    }
  });
});

describe('indexTerms', () => {
  it('a hyphenated word is indexed whole, glued together and as its parts', () => {
    expect(indexTerms('UZI-pas', 'nl')).toEqual(['uzi-pas', 'uzipas', 'uzi', 'pas']);
  });

  it('parts of one letter and stopword parts are not indexed on their own', () => {
    expect(indexTerms('e-mail', 'nl')).toEqual(['e-mail', 'email', 'mail']);
    expect(indexTerms('time-out', 'en')).toEqual(['time-out', 'timeout', 'time']); // "out" is an English stopword
    expect(indexTerms('time-out', 'nl')).toEqual(['time-out', 'timeout', 'tim', 'out']); // Dutch stem of "time"
  });

  it('stems every part in the language of the text and drops its stopwords', () => {
    expect(indexTerms('De berichten zijn niet verstuurd', 'nl')).toEqual(['bericht', 'verstuurd']);
    expect(indexTerms('The messages were not sent', 'en')).toEqual(['messag', 'sent']);
    expect(indexTerms('QR-code scannen', 'nl')).toEqual(['qr-cod', 'qrcod', 'qr', 'cod', 'scann']);
  });

  it('folds accents like the query side does', () => {
    expect(indexTerms('Cliënt', 'nl')).toEqual(indexTerms('client', 'nl'));
  });
});

describe('query filler (dropped from questions only)', () => {
  it('greetings, thanks, "someone", "help" and chat spellings are filler, in Dutch and English', () => {
    for (const w of ['hoi', 'hallo', 'goedemorgen', 'iedereen', 'allemaal', 'vraagje', 'alvast', 'bedankt', 'groetjes', 'mvg', 'iemand', 'idee', 'ff', 'mn', 'help', 'vannacht']) {
      expect(isQueryFiller(w), w).toBe(true);
    }
    for (const w of ['hello', 'thanks', 'cheers', 'anyone', 'someone', 'please', 'pls', 'suddenly', 'again']) expect(isQueryFiller(w), w).toBe(true);
  });

  it('the stopwords of either language are filler in a question of either language', () => {
    for (const w of [...STOPWORDS.nl, ...STOPWORDS.en]) expect(isQueryFiller(w), w).toBe(true);
  });

  it('words that carry a question never are', () => {
    for (const w of ['wachtwoord', 'inloggen', 'printer', 'pas', 'pasje', 'telefoon', 'viewer', 'overdracht', 'uitnodiging', 'account', 'storing', 'bericht',
      'verlopen', 'geblokkeerd', 'collega', 'password', 'login', 'handover', 'invitation', 'expired', 'blocked', 'certificate']) {
      expect(isQueryFiller(w), w).toBe(false);
    }
  });

  it('no word of a title or the tags of the demo knowledge base is filler (unless its own language drops it anyway)', () => {
    const kb = JSON.parse(readFileSync(new URL('../../../../data/demo-kb.json', import.meta.url), 'utf8')) as { entries: Array<{ id: string; language: 'nl' | 'en'; title: string; tags: string[] }> };
    const eaten = kb.entries.flatMap((e) => words(`${e.title} ${e.tags.join(' ')}`).filter((w) => QUERY_FILLER.has(w) && !STOPWORDS[e.language].has(w)).map((w) => `${e.id}: ${w}`));
    expect(eaten).toEqual([]);
  });

  it('filler words are lower-case, folded single words, as words() reads a question: each can match a question word', () => {
    expect(QUERY_FILLER.size).toBeGreaterThan(100);
    for (const w of QUERY_FILLER) expect(words(w), w).toEqual([w]);
  });
});
