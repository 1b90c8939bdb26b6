import { MAX_MESSAGE_CHARS } from '../../conversation/input-limits.ts';
import { ADVICE_PHRASES, CARE_SUBJECTS, CLINICAL_TERMS, ICT_TERMS, PERSONAL_TERMS } from './out-of-scope-words.ts';

/**
 * Is a question for someone else than Ketenbot: a clinical question (a client's body, values,
 * medication) or a personal / HR matter (roster, leave, pay, sickness, contract)? Then the chat says
 * so in one line and points to the right desk.
 *
 * Deliberately simple and explainable: word lists (out-of-scope-words.ts), and any ICT or chain
 * word wins ("de echo-uitslag van gisteren ontbreekt in de viewer" is an ICT question). Clinical
 * is: a clinical word, or a person the care is about together with an advice question ("baby
 * drinkt slecht, wat moet ik doen"). Clinical goes before personal: the clinical line carries 112.
 * Case, accents and one typo in longer words do not matter; the time taken grows linearly with the
 * text, which is cut at the message limit.
 */
export type OutOfScope = { kind: 'clinical' | 'personal'; because: string };

export function outOfScope(question: string): OutOfScope | undefined {
  const tokens = tokenize(question);
  if (!tokens.length || ICT.find(tokens)) return undefined;
  const clinical = CLINICAL.find(tokens) ?? adviceAboutCare(tokens);
  if (clinical) return { kind: 'clinical', because: clinical };
  const personal = PERSONAL.find(tokens);
  return personal ? { kind: 'personal', because: personal } : undefined;
}

function adviceAboutCare(tokens: string[]): string | undefined {
  const subject = SUBJECTS.find(tokens);
  const advice = subject ? ADVICE.find(tokens) : undefined;
  return subject && advice ? `${subject} + ${advice}` : undefined;
}

/** No word of the lists is longer (the longest is 25): longer runs of letters are noise. */
const MAX_WORD = 40;

/** Lower case, accents folded, split on anything but letters and digits; hyphenated words also joined. */
export function tokenize(question: string): string[] {
  const text = question.slice(0, MAX_MESSAGE_CHARS).normalize('NFKD').slice(0, MAX_MESSAGE_CHARS * 2)
    .replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const tokens: string[] = [];
  for (const chunk of text.split(/[^\p{L}\p{N}-]+/u)) {
    const parts = chunk.split('-').filter((part) => part && part.length <= MAX_WORD);
    tokens.push(...parts);
    if (parts.length > 1 && chunk.length <= MAX_WORD) tokens.push(parts.join(''));
  }
  return tokens;
}

type WordTest = (token: string) => boolean;

/** One word of a term, as out-of-scope-words.ts writes it. */
function wordTest(word: string): WordTest {
  const prefix = word.endsWith('*');
  const suffix = word.startsWith('*');
  const stem = word.replace(/^\*|\*$/g, '');
  if (prefix && suffix) return (t) => t.includes(stem);
  if (prefix) return (t) => t.startsWith(stem);
  if (suffix) return (t) => t.length > stem.length && t.endsWith(stem);
  return (t) => t === stem || (stem.length >= TYPO_MIN_LENGTH && oneEditApart(t, stem));
}

/** Words this long may carry one typo; shorter ones collide with other words ("wonden" / "worden"). */
const TYPO_MIN_LENGTH = 7;

/** A word list: single words looked up per distinct token, phrases matched along the text. */
class Lexicon {
  private readonly exact = new Map<string, string>();
  private readonly fuzzy: string[] = [];
  private readonly affixes: Array<{ term: string; test: WordTest }> = [];
  private readonly phrases: Array<{ term: string; words: WordTest[] }> = [];

  constructor(terms: readonly string[]) {
    for (const term of terms) {
      const words = term.split(' ');
      if (words.length > 1) this.phrases.push({ term, words: words.map(wordTest) });
      else if (term.includes('*')) this.affixes.push({ term, test: wordTest(term) });
      else {
        this.exact.set(term, term);
        if (term.length >= TYPO_MIN_LENGTH) this.fuzzy.push(term);
      }
    }
  }

  /** The first term found in the tokens, or undefined. */
  find(tokens: string[]): string | undefined {
    for (const token of new Set(tokens)) {
      const exact = this.exact.get(token);
      if (exact) return exact;
      for (const { term, test } of this.affixes) if (test(token)) return term;
      if (token.length >= TYPO_MIN_LENGTH - 1) for (const term of this.fuzzy) if (oneEditApart(token, term)) return term;
    }
    for (let i = 0; i < tokens.length; i++) {
      for (const { term, words } of this.phrases) {
        if (i + words.length <= tokens.length && words.every((test, k) => test(tokens[i + k]!))) return term;
      }
    }
    return undefined;
  }
}

/**
 * One insertion, deletion, substitution or swap of neighbours apart (not equal), in linear time.
 * Only the first character must match: typos at the start are rare and would join unrelated words.
 */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1 || a[0] !== b[0]) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

const ICT = new Lexicon(ICT_TERMS);
const CLINICAL = new Lexicon(CLINICAL_TERMS);
const PERSONAL = new Lexicon(PERSONAL_TERMS);
const SUBJECTS = new Lexicon(CARE_SUBJECTS);
const ADVICE = new Lexicon(ADVICE_PHRASES);
