import { yieldToEventLoop } from '../../time/yield-to-event-loop.ts';
import type { IndexedEntry } from './kb-search-index.ts';
import { allLists, candidatesFor, seedLists } from './kb-candidate-lists.ts';
import { scorerFor, compareIds, FIELD, phraseForms, termIdf, VARIANT, type Language, type QueryWord, type QuestionShape } from './kb-scoring.ts';

const TITLE = 1;
const TAGS = 2;
const BODY = 4;

/**
 * One term's entries, sorted: those holding it in the title or tags (`inTitle` says which of them
 * in the title itself), and those holding it only in the body.
 */
type Posting = { titleOrTags: Int32Array; inTitle: Uint8Array; bodyOnly: Int32Array };

type RankOptions = { language: Language; includeDrafts: boolean; /** Only entries in this language. */ only?: Language };

/** Yield to the event loop this often while building, so a large knowledge base does not stall the server. */
export const BUILD_SLICE = 2000;

/**
 * An inverted index of the knowledge base in memory: for every analysed term, the entries holding
 * it and in which fields, and for every pair of neighbouring title or tag terms the entries holding
 * them side by side. It lets the search score *every* entry that holds a word of the question
 * with the ranking's own formula (kb-scoring.ts), instead of only the best few by the database's
 * full-text rank, in a few milliseconds (see `npm run bench:kb`). Built from the database's index
 * rows (KbSearchIndex.allEntries).
 */
export class KbPostings {
  private readonly ids: string[];
  /** Each entry's place in id order: ties are broken by id without comparing strings. */
  private readonly idOrder: Int32Array;
  private readonly english: Uint8Array;
  private readonly published: Uint8Array;
  /** Σ idf of each entry's distinct title terms. */
  private readonly titleIdf: Float64Array;
  private readonly postings: Map<string, Posting>;
  /** "a b" → the entries whose title or tags hold term a directly followed by term b. */
  private readonly pairs: Map<string, Int32Array>;
  // Per-search scratch, reused: a search runs synchronously, so searches never share it at once.
  private readonly coverage: Float64Array;
  private readonly titleCoverage: Float64Array;
  private readonly best: Float64Array;
  private readonly bestTitle: Float64Array;
  private readonly matched: Uint16Array;
  private readonly phrases: Uint16Array;
  private readonly strong: Uint8Array;
  private readonly seenInSearch: Int32Array;
  private readonly seenForWord: Int32Array;
  private readonly touched: Int32Array;
  private readonly wordTouched: Int32Array;
  private stamp = 0;

  private constructor(entries: IndexedEntry[], postings: Map<string, Posting>, pairs: Map<string, Int32Array>) {
    const n = entries.length;
    this.ids = entries.map((e) => e.id);
    this.english = Uint8Array.from(entries, (e) => (e.language === 'en' ? 1 : 0));
    this.published = Uint8Array.from(entries, (e) => (e.published ? 1 : 0));
    this.idOrder = new Int32Array(n);
    [...this.ids.keys()].sort((a, b) => compareIds(this.ids[a]!, this.ids[b]!)).forEach((doc, place) => (this.idOrder[doc] = place));
    this.postings = postings;
    this.pairs = pairs;
    this.titleIdf = Float64Array.from(entries, (e) => [...new Set(e.titleTerms)].reduce((sum, t) => sum + this.idfOf(t), 0));
    this.coverage = new Float64Array(n);
    this.titleCoverage = new Float64Array(n);
    this.best = new Float64Array(n);
    this.bestTitle = new Float64Array(n);
    this.matched = new Uint16Array(n);
    this.phrases = new Uint16Array(n);
    this.strong = new Uint8Array(n);
    this.seenInSearch = new Int32Array(n);
    this.seenForWord = new Int32Array(n);
    this.touched = new Int32Array(n);
    this.wordTouched = new Int32Array(n);
  }

  static async build(entries: IndexedEntry[]): Promise<KbPostings> {
    const lists = new Map<string, { titleOrTags: number[]; inTitle: number[]; bodyOnly: number[] }>();
    const pairLists = new Map<string, number[]>();
    for (let doc = 0; doc < entries.length; doc++) {
      if (doc > 0 && doc % BUILD_SLICE === 0) await yieldToEventLoop();
      const e = entries[doc]!;
      const mask = new Map<string, number>();
      for (const t of e.titleTerms) mask.set(t, (mask.get(t) ?? 0) | TITLE);
      for (const t of e.tagTerms) mask.set(t, (mask.get(t) ?? 0) | TAGS);
      for (const t of e.bodyTerms) mask.set(t, (mask.get(t) ?? 0) | BODY);
      for (const [term, m] of mask) {
        let list = lists.get(term);
        if (!list) lists.set(term, (list = { titleOrTags: [], inTitle: [], bodyOnly: [] }));
        if (m & (TITLE | TAGS)) {
          list.titleOrTags.push(doc);
          list.inTitle.push(m & TITLE ? 1 : 0);
        } else list.bodyOnly.push(doc);
      }
      const pairs = new Set<string>();
      for (const terms of [e.titleTerms, e.tagTerms]) for (let i = 0; i + 1 < terms.length; i++) pairs.add(pairKey(terms[i]!, terms[i + 1]!));
      for (const pair of pairs) {
        let list = pairLists.get(pair);
        if (!list) pairLists.set(pair, (list = []));
        list.push(doc);
      }
    }
    const postings = new Map<string, Posting>();
    for (const [term, l] of lists) postings.set(term, { titleOrTags: Int32Array.from(l.titleOrTags), inTitle: Uint8Array.from(l.inTitle), bodyOnly: Int32Array.from(l.bodyOnly) });
    const pairs = new Map<string, Int32Array>();
    for (const [pair, docs] of pairLists) pairs.set(pair, Int32Array.from(docs));
    return new KbPostings(entries, postings, pairs);
  }

  /** An indexed term's idf, from how many entries hold it (as the vocabulary counts it). */
  private idfOf(term: string): number {
    const p = this.postings.get(term);
    return termIdf(this.ids.length, p ? p.titleOrTags.length + p.bodyOnly.length : 0);
  }

  /**
   * The `limit` best entries for the question's words, scored exactly as `scoreEntry` scores one
   * entry, over every entry holding any form of any word. Best first, ties in id order.
   *
   * With `minScore` (the search's lowest tier), entries that cannot reach it are not scored: the
   * result is the same as without it, filtered to scores of at least `minScore`, but most of the
   * work on common words is skipped (see `candidatesFor`).
   */
  rank(words: QueryWord[], shape: QuestionShape, options: RankOptions, limit: number, minScore = 0): Ranked[] {
    const lists = candidatesFor(this.postings, words, shape, minScore);
    const touched = this.score(words, shape, lists && [lists]);
    return this.top(touched, shape, options, limit, minScore);
  }

  /** `rank` for each language at once: the postings are read once, the best are kept per language. */
  rankPerLanguage(words: QueryWord[], shape: QuestionShape, options: Omit<RankOptions, 'only'>, limit: number, minScore = 0): Record<Language, Ranked[]> {
    if (minScore <= 0) {
      const [nl, en] = this.keepBest(this.score(words, shape, undefined), shape, options.includeDrafts, limit, 0, [0, 1], false);
      return { nl: nl!, en: en! };
    }
    // A first look at a few likely entries (those with the rarest word in their title or tags)
    // sets a bar per language: its final list can only hold entries scoring at least the
    // `limit`-th of them, so the exact pruning may skip every entry of that language that cannot.
    const seeds = this.keepBest(this.score(words, shape, [seedLists(this.postings, this.english, words)]), shape, options.includeDrafts, limit, minScore, [0, 1], false);
    const bars = seeds.map((list) => Math.max(minScore, list.length === limit ? list[limit - 1]!.score : minScore));
    const perLanguage = bars.map((bar) => candidatesFor(this.postings, words, shape, bar) ?? allLists(this.postings, words));
    const touched = this.score(words, shape, perLanguage);
    const [nl, en] = this.keepBest(touched, shape, options.includeDrafts, limit, Math.min(...bars), [0, 1], false);
    return { nl: nl!.filter((h) => h.score >= bars[0]!), en: en!.filter((h) => h.score >= bars[1]!) };
  }

  /**
   * Gathers the evidence of the entries in `candidates` (lists of entries), or of every entry
   * holding a word when undefined; returns how many entries were touched.
   */
  private score(words: QueryWord[], shape: QuestionShape, candidates: Array<Int32Array[] | undefined> | undefined): number {
    if (this.stamp > 2 ** 30) this.resetStamps();
    const { coverage, titleCoverage, best, bestTitle, matched, wordTouched } = this;
    const searchStamp = ++this.stamp;
    // Either only the candidates are scored (`open` false), or every entry met.
    // One set of lists for both languages, or one per language (Dutch, English): only entries of that language are taken from it.
    const marked = candidates ? this.mark(candidates, searchStamp) : -1;
    const scan: ScanState = { searchStamp, wordStamp: 0, open: marked < 0, touchedCount: Math.max(0, marked), wordCount: 0 };
    for (const { variants, idf } of words) {
      scan.wordStamp = ++this.stamp;
      scan.wordCount = 0;
      for (const { term, weight } of variants) {
        const posting = this.postings.get(term);
        if (!posting) continue;
        const isStrong = weight >= VARIANT.synonym ? 1 : 0;
        const titleStrength = weight * termIdf(this.ids.length, posting.titleOrTags.length + posting.bodyOnly.length);
        this.scan(posting.titleOrTags, posting.inTitle, weight * FIELD.title, titleStrength, isStrong, scan);
        this.scan(posting.bodyOnly, undefined, weight * FIELD.body, 0, isStrong, scan);
      }
      for (let i = 0; i < scan.wordCount; i++) {
        const doc = wordTouched[i]!;
        coverage[doc]! += idf * best[doc]!;
        titleCoverage[doc]! += bestTitle[doc]!;
        matched[doc]!++;
      }
    }
    this.countPhrases(words, searchStamp);
    return scan.touchedCount;
  }

  /**
   * One list of one form of the current word: each entry in it found with `strength` (the best
   * strength per entry and word counts), and with `titleStrength` when the form is in its title.
   * This is the innermost loop of the search.
   */
  private scan(docs: Int32Array, inTitle: Uint8Array | undefined, strength: number, titleStrength: number, isStrong: number, state: ScanState): void {
    const { coverage, titleCoverage, best, bestTitle, matched, phrases, strong, seenInSearch, seenForWord, touched, wordTouched } = this;
    const { searchStamp, wordStamp, open } = state;
    let { touchedCount, wordCount } = state;
    for (let i = 0; i < docs.length; i++) {
      const doc = docs[i]!;
      if (seenInSearch[doc] !== searchStamp) {
        if (!open) continue;
        seenInSearch[doc] = searchStamp;
        touched[touchedCount++] = doc;
        coverage[doc] = 0;
        titleCoverage[doc] = 0;
        matched[doc] = 0;
        phrases[doc] = 0;
        strong[doc] = 0;
      }
      const title = inTitle?.[i] ? titleStrength : 0;
      if (seenForWord[doc] !== wordStamp) {
        seenForWord[doc] = wordStamp;
        best[doc] = strength;
        bestTitle[doc] = title;
        wordTouched[wordCount++] = doc;
      } else {
        if (strength > best[doc]!) best[doc] = strength;
        if (title > bestTitle[doc]!) bestTitle[doc] = title;
      }
      strong[doc]! |= isStrong;
    }
    state.touchedCount = touchedCount;
    state.wordCount = wordCount;
  }

  /** Neighbouring question words found side by side in an entry's title or tags, once per pair. */
  private countPhrases(words: QueryWord[], searchStamp: number): void {
    const { phrases, seenInSearch, seenForWord } = this;
    for (let i = 0; i + 1 < words.length; i++) {
      const pairStamp = ++this.stamp;
      const seconds = phraseForms(words[i + 1]!);
      for (const a of phraseForms(words[i]!)) {
        for (const b of seconds) {
          const docs = this.pairs.get(pairKey(a, b));
          if (!docs) continue;
          for (let j = 0; j < docs.length; j++) {
            const doc = docs[j]!;
            // Only entries being scored; each pair counts once per entry.
            if (seenInSearch[doc] !== searchStamp || seenForWord[doc] === pairStamp) continue;
            seenForWord[doc] = pairStamp;
            phrases[doc]!++;
          }
        }
      }
    }
  }

  /**
   * Marks (with `searchStamp`) the entries of these lists as the candidates to score; returns how
   * many. One set of lists counts for both languages; two sets are Dutch and English apart.
   */
  private mark(sets: Array<Int32Array[] | undefined>, searchStamp: number): number {
    const { seenInSearch, touched, english } = this;
    let count = 0;
    sets.forEach((lists, language) => {
      const anyLanguage = sets.length === 1;
      for (const list of lists ?? []) {
        for (let i = 0; i < list.length; i++) {
          const doc = list[i]!;
          if (seenInSearch[doc] === searchStamp || (!anyLanguage && english[doc] !== language)) continue;
          seenInSearch[doc] = searchStamp;
          touched[count++] = doc;
          this.coverage[doc] = 0;
          this.titleCoverage[doc] = 0;
          this.matched[doc] = 0;
          this.phrases[doc] = 0;
          this.strong[doc] = 0;
        }
      }
    });
    return count;
  }

  /** The `limit` best of the touched entries, by score and then id, for one language or both (`only`) — or each language apart. */
  private top(touchedCount: number, shape: QuestionShape, options: RankOptions, limit: number, minScore: number): Ranked[] {
    const only = options.only === undefined ? -1 : options.only === 'en' ? 1 : 0;
    return this.keepBest(touchedCount, shape, options.includeDrafts, limit, minScore, only === -1 ? [0, 1] : [only], only === -1)[Math.max(0, only)]!;
  }

  /**
   * Scores every touched entry once and keeps the best `limit` per list: one list per language in
   * `languages`, or a single list of both when `together`.
   */
  private keepBest(touchedCount: number, shape: QuestionShape, includeDrafts: boolean, limit: number, minScore: number, languages: number[], together: boolean): Ranked[][] {
    const { touched, published, coverage, titleCoverage, titleIdf, matched, phrases, strong, idOrder, english } = this;
    const score = scorerFor(shape);
    // Most entries met fall far below the bar: their linear sum alone rules them out (no exp).
    const below = score.below(minScore);
    const lists = together ? [{ docs: [] as number[], scores: [] as number[] }] : [0, 1].map(() => ({ docs: [] as number[], scores: [] as number[] }));
    const wanted = new Uint8Array(2);
    for (const l of languages) wanted[l] = 1;
    for (let i = 0; i < touchedCount; i++) {
      const doc = touched[i]!;
      if (matched[doc] === 0 || (!includeDrafts && !published[doc]) || !wanted[english[doc]!]) continue;
      const z = score.z(coverage[doc]!, titleCoverage[doc]!, titleIdf[doc]!, matched[doc]!, strong[doc]!, phrases[doc]!);
      if (z < below) continue;
      const s = score.of(z);
      if (s < minScore) continue;
      // Kept best first; a list holds at most `limit` (a few dozen) entries, so insertion is cheap.
      const kept = lists[together ? 0 : english[doc]!]!;
      const { docs, scores } = kept;
      if (docs.length === limit && !(s > scores[limit - 1]! || (s === scores[limit - 1]! && idOrder[doc]! < idOrder[docs[limit - 1]!]!))) continue;
      let at = docs.length;
      while (at > 0 && (s > scores[at - 1]! || (s === scores[at - 1]! && idOrder[doc]! < idOrder[docs[at - 1]!]!))) at--;
      docs.splice(at, 0, doc);
      scores.splice(at, 0, s);
      if (docs.length > limit) {
        docs.pop();
        scores.pop();
      }
    }
    return lists.map((kept) => kept.docs.map((doc, i) => ({ id: this.ids[doc]!, score: kept.scores[i]!, language: (english[doc] ? 'en' : 'nl') as Language })));
  }

  private resetStamps(): void {
    this.stamp = 0;
    this.seenInSearch.fill(0);
    this.seenForWord.fill(0);
  }
}

type Ranked = { id: string; score: number; language: Language };

type ScanState = { searchStamp: number; wordStamp: number; open: boolean; touchedCount: number; wordCount: number };

const pairKey = (a: string, b: string) => `${a} ${b}`;
