/**
 * Everyday Dutch forms the stemmer does not undo: diminutives ("pasje", "mailtje", "berichtje")
 * and compounds ("werktelefoon", "onderhoudspagina", "gezondheidsapp"). People write them where an
 * entry names the plain word; both are tried only for words the index does not know.
 */

const DIMINUTIVE = /(?:etje|etjes|tje|tjes|pje|pjes|je|jes)$/;

/** Possible base words of a diminutive, longest ending first: "pasje" → "pas", "mailtje" → "mail", "balletje" → "bal". */
export function diminutiveBases(word: string): string[] {
  const m = DIMINUTIVE.exec(word);
  if (!m || word.length - m[0].length < 2) return [];
  const base = word.slice(0, m.index);
  const bases = [base];
  // "balletje" → "ball" → "bal"; "kaartje" → "kaar"? no: the ending was "tje", "kaart" is base + t.
  if (m[0].startsWith('t') || m[0].startsWith('p')) bases.push(base + m[0][0]);
  if (/(.)\1$/.test(base)) bases.push(base.slice(0, -1));
  return [...new Set(bases)].filter((b) => b.length >= 2);
}

/** Shortest part of a compound that counts: shorter "words" match too much by chance. */
const MIN_PART = 3;

/**
 * The known parts of a compound, head (last part) first: "werktelefoon" → ["telefoon", "werk"],
 * "onderhoudspagina" → ["pagina", "onderhoud"] (the linking s or e dropped). `known` says whether
 * the index knows a word (it stems it). At most one split: the one with the longest known head.
 */
export function compoundParts(word: string, known: (part: string) => boolean): string[] {
  for (let at = MIN_PART; at <= word.length - MIN_PART; at++) {
    const head = word.slice(at);
    if (!known(head)) continue;
    const left = word.slice(0, at);
    const modifier = [left, left.replace(/[se]$/, '')].find((l) => l.length >= MIN_PART && known(l));
    return modifier ? [head, modifier] : [head];
  }
  return [];
}
