import snowball from 'snowball-stemmers';
import { STOPWORDS } from './stopwords.ts';

type Language = 'nl' | 'en';
const stemmers = { nl: snowball.newStemmer('dutch'), en: snowball.newStemmer('english') };

/** Lower case, accents folded, split into words (letters and digits; "uzi-pas" stays one word). */
export function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}-]+/u)
    .map((w) => w.replace(/^-+|-+$/g, ''))
    .filter((w) => w.length > 0);
}

export const stem = (word: string, language: Language): string => stemmers[language].stem(word);

/** Words of a text in one language, without stopwords, stemmed: what the index stores. */
export function analyze(text: string, language: Language): string[] {
  return words(text).filter((w) => !STOPWORDS[language].has(w)).map((w) => stem(w, language));
}

/** Hyphenated words also count as their parts: "uzi-pas" is found by "pas" and by "uzipas". */
export function indexTerms(text: string, language: Language): string[] {
  const terms: string[] = [];
  for (const word of words(text)) {
    if (STOPWORDS[language].has(word)) continue;
    terms.push(stem(word, language));
    if (word.includes('-')) {
      terms.push(stem(word.replace(/-/g, ''), language));
      for (const part of word.split('-')) if (part.length > 1 && !STOPWORDS[language].has(part)) terms.push(stem(part, language));
    }
  }
  return terms;
}
