import { createHash } from 'node:crypto';
import { questionKey } from './alternative-questions.ts';
import type { Language } from './kb-search.ts';
import { STOPWORDS } from './stopwords.ts';
import { stem, words } from './text-analysis.ts';

/** A question people asked that got no sure answer (a `unanswered` or `suggested` event). */
export interface AskedQuestion {
  query: string;
  at: string;
  language: Language;
}

/** Phrasings of one question, as the review and `kb stats` show them. */
export interface QuestionGroup {
  /** Stable while any of its phrasings is asked: the id of its most asked phrasing (see phrasingId). */
  id: string;
  /** The most asked phrasing (as last typed). */
  question: string;
  /** How often any of its phrasings was asked. */
  count: number;
  lastAt: string;
  /** The language it was asked in (the asker's). */
  language: Language;
  /** 1–3 phrasings, most asked first. */
  examples: string[];
  /** Every distinct phrasing, most asked first. */
  phrasings: string[];
}

/**
 * Greetings, thanks and chat filler: never in an entry, so stopwords.ts (which serves the search)
 * does not hold them, but two phrasings of one question differ in them all the time.
 */
const FILLER = new Set(('hoi hallo hai hey hi hello goedemorgen goedemiddag goedenavond morgen middag beste dag doei groet groetjes groeten ' +
  'bedankt dank dankjewel dankuwel alvast thanks thank please pls plz svp aub help helpen vraag vraagje question iemand someone anyone weet idee ' +
  // What is wrong is said in many ways; what it is about tells questions apart.
  'kapot stuk probleem problemen problem problems issue broken niks nix vind vinden find vanuit vanaf via').split(' '));

/** Two phrasings are one question from this much (fuzzy) overlap of their meaningful words on. */
export const SAME_QUESTION = 0.7;

/** Turns a stem into the one that stands for its synonyms ("kwijt" and "vergeten" read alike); itself when it has none. */
export type Canonical = (stemmed: string) => string;

/** The canonical form of a stem by a synonym list: the first of the group in sort order. */
export function canonicalBy(synonyms: { of(stemmed: string): string[] }): Canonical {
  const known = new Map<string, string>();
  return (s) => {
    let c = known.get(s);
    if (c === undefined) known.set(s, (c = [s, ...synonyms.of(s)].sort()[0]!));
    return c;
  };
}

/** The meaningful words of a question, stemmed: no stopwords of either language, no filler. */
export function questionTerms(text: string, language: Language): string[] {
  const terms = words(text)
    .filter((w) => !STOPWORDS.nl.has(w) && !STOPWORDS.en.has(w) && !FILLER.has(w))
    .map((w) => stem(w, language));
  return [...new Set(terms)];
}

const same: Canonical = (s) => s;

/**
 * How alike two questions are (0…1): the share of the words of both that the other also has, a word
 * counting as had when the other has it, a synonym of it (by `canonical`), a typo of it ("vergten",
 * "wachtwrd"), or a form of it a few letters longer ("forgot", "forgotten").
 */
export function questionSimilarity(a: string[], b: string[], canonical: Canonical = same): number {
  if (!a.length || !b.length) return 0;
  const near = (x: string, y: string) => x === y || canonical(x) === canonical(y) || alike(x, y);
  [a, b] = [joined(a, b), joined(b, a)];
  const inA = a.filter((x) => b.some((y) => near(x, y))).length;
  const inB = b.filter((y) => a.some((x) => near(x, y))).length;
  return (inA + inB) / (a.length + b.length);
}

/** Neighbouring words of `a` written as one word in `b` ("koffie automaat", "koffieautomaat") become that one word. */
function joined(a: string[], b: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < a.length; i++) {
    const pair = i + 1 < a.length ? a[i]! + a[i + 1]! : undefined;
    // As written, or one letter off at the end (stems of the parts and of the whole differ there).
    if (pair && b.some((y) => y === pair || (y.length >= 8 && Math.abs(y.length - pair.length) <= 1 && (y.startsWith(pair.slice(0, -1)) || pair.startsWith(y.slice(0, -1)))))) {
      out.push(pair);
      i++;
    } else out.push(a[i]!);
  }
  return out;
}

/** Word pairs already compared (grouping compares the same words over and over). */
const alikeKnown = new Map<string, boolean>();

/** A typo of the other word, or a form of it a few letters longer. */
function alike(x: string, y: string): boolean {
  // Most pairs differ too much in length to be alike: answered without the cache.
  if (Math.abs(x.length - y.length) > 3 || Math.min(x.length, y.length) < 4) return false;
  const key = x < y ? `${x} ${y}` : `${y} ${x}`;
  let known = alikeKnown.get(key);
  if (known === undefined) {
    if (alikeKnown.size > 100_000) alikeKnown.clear();
    alikeKnown.set(key, (known = alikeNow(x, y)));
  }
  return known;
}

function alikeNow(x: string, y: string): boolean {
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  if (short.length < 4) return false;
  if (short.length >= 5 && long.length - short.length <= 3 && long.startsWith(short)) return true;
  const allowed = long.length >= 8 ? 2 : 1;
  return long.length - short.length <= allowed && editDistance(short, long, allowed) <= allowed;
}

/** Levenshtein distance, stopping early once it exceeds `max`. */
function editDistance(a: string, b: string, max: number): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, current[j]!);
    }
    if (best > max) return max + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/** A phrasing's id (in the language it was asked in): short, stable, no text in button data. */
export const phrasingId = (text: string, language: Language): string => createHash('sha256').update(`${language}:${questionKey(text)}`).digest('hex').slice(0, 16);

interface Phrasing {
  key: string;
  text: string;
  count: number;
  lastAt: string;
  language: Language;
  terms: string[];
}

/** A group compares a new phrasing with this many of its own (the most asked), not all. */
const COMPARED_MEMBERS = 12;
/** A phrasing is compared with at most this many groups: those sharing the most of its words. */
const COMPARED_GROUPS = 40;

/**
 * Groups phrasings of the same question, per language (a group is linked to one entry): the most
 * asked phrasing starts a group, and each next phrasing joins the group it is most alike (at least
 * SAME_QUESTION), else starts its own. Most asked groups first (then the most recent).
 */
export function groupQuestions(asked: AskedQuestion[], canonical: Canonical = same): QuestionGroup[] {
  const phrasings = new Map<string, Phrasing>();
  for (const q of asked) {
    const key = questionKey(q.query);
    if (!key) continue;
    let p = phrasings.get(`${q.language}:${key}`);
    if (!p) {
      p = { key, text: q.query.trim(), count: 0, lastAt: q.at, language: q.language, terms: questionTerms(q.query, q.language) };
      phrasings.set(`${q.language}:${key}`, p);
    }
    p.count++;
    if (q.at >= p.lastAt) {
      p.lastAt = q.at;
      p.text = q.query.trim();
    }
  }
  const ordered = [...phrasings.values()].sort((a, b) => b.count - a.count || b.lastAt.localeCompare(a.lastAt) || a.key.localeCompare(b.key));
  const groups: Phrasing[][] = [];
  // Which groups hold a word (its synonyms' canonical form, or its first four letters for typos and
  // longer forms): only those are compared.
  const byWord = new Map<string, Set<number>>();
  const handles = (p: Phrasing, t: string) => [`${p.language}:${canonical(t)}`, `${p.language}:${t.slice(0, 4)}…`];
  for (const p of ordered) {
    // A group is compared only when at least half of the phrasing's words occur in it: below that
    // the two cannot reach SAME_QUESTION (in practice), and a common word does not make every group a candidate.
    const hits = new Map<number, number>();
    for (const t of p.terms) {
      const [byCanonical, byStart] = handles(p, t).map((h) => byWord.get(h));
      for (const g of byCanonical ?? []) hits.set(g, (hits.get(g) ?? 0) + 1);
      for (const g of byStart ?? []) if (!byCanonical?.has(g)) hits.set(g, (hits.get(g) ?? 0) + 1);
    }
    const candidates = [...hits].filter(([, n]) => n >= p.terms.length / 2)
      .sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, COMPARED_GROUPS).map(([g]) => g).sort((a, b) => a - b);
    let best = -1;
    let bestScore = 0;
    for (const g of candidates) {
      const score = Math.max(...groups[g]!.slice(0, COMPARED_MEMBERS).map((m) => questionSimilarity(p.terms, m.terms, canonical)));
      if (score >= SAME_QUESTION && score > bestScore) [best, bestScore] = [g, score];
    }
    if (best < 0) {
      best = groups.length;
      groups.push([]);
    }
    groups[best]!.push(p);
    for (const t of p.terms) for (const h of handles(p, t)) byWord.set(h, (byWord.get(h) ?? new Set()).add(best));
  }
  return groups.map(toGroup).sort((a, b) => b.count - a.count || b.lastAt.localeCompare(a.lastAt) || a.id.localeCompare(b.id));
}

function toGroup(members: Phrasing[]): QuestionGroup {
  const first = members[0]!;
  const phrasings = members.map((m) => m.text);
  return {
    id: phrasingId(first.text, first.language),
    question: first.text,
    count: members.reduce((n, m) => n + m.count, 0),
    lastAt: members.reduce((last, m) => (m.lastAt > last ? m.lastAt : last), first.lastAt),
    language: first.language,
    examples: phrasings.slice(0, 3),
    phrasings,
  };
}
