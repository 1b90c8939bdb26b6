import { yieldToEventLoop } from '../../time/yield-to-event-loop.ts';
import type { IndexedEntry } from './kb-search-index.ts';
import { combineScore, compareIds, FIELD, VARIANT, type Language, type QueryWord } from './kb-scoring.ts';

const TITLE = 1;
const TAGS = 2;
const BODY = 4;

/**
 * One term's entries, sorted: those holding it in the title or tags (`inTitle` says which of them
 * in the title itself), and those holding it only in the body.
 */
type Posting = { titleOrTags: Int32Array; inTitle: Uint8Array; bodyOnly: Int32Array };

/** Yield to the event loop this often while building, so a large knowledge base does not stall the server. */
export const BUILD_SLICE = 2000;

/**
 * An inverted index of the knowledge base in memory: for every analysed term, the entries holding
 * it and in which fields. It lets the search score *every* entry that holds a word of the question
 * with the ranking's own formula, instead of only the best few by the database's full-text rank,
 * and does so in a few milliseconds where the database's query ranks every matching row
 * (see `npm run bench:kb`). Built from the database's index rows (KbSearchIndex.allEntries).
 */
export class KbPostings {
  private readonly ids: string[];
  /** Each entry's place in id order: ties are broken by id without comparing strings. */
  private readonly idOrder: Int32Array;
  private readonly english: Uint8Array;
  private readonly published: Uint8Array;
  private readonly postings: Map<string, Posting>;
  // Per-search scratch, reused: a search runs synchronously, so searches never share it at once.
  private readonly coverage: Float64Array;
  private readonly best: Float64Array;
  private readonly titleWords: Uint16Array;
  private readonly strong: Uint8Array;
  private readonly seenInSearch: Int32Array;
  private readonly seenForWord: Int32Array;
  private readonly titleForWord: Int32Array;
  private readonly touched: Int32Array;
  private readonly wordTouched: Int32Array;
  private stamp = 0;

  private constructor(entries: IndexedEntry[], postings: Map<string, Posting>) {
    const n = entries.length;
    this.ids = entries.map((e) => e.id);
    this.english = Uint8Array.from(entries, (e) => (e.language === 'en' ? 1 : 0));
    this.published = Uint8Array.from(entries, (e) => (e.published ? 1 : 0));
    this.idOrder = new Int32Array(n);
    [...this.ids.keys()].sort((a, b) => compareIds(this.ids[a]!, this.ids[b]!)).forEach((doc, place) => (this.idOrder[doc] = place));
    this.postings = postings;
    this.coverage = new Float64Array(n);
    this.best = new Float64Array(n);
    this.titleWords = new Uint16Array(n);
    this.strong = new Uint8Array(n);
    this.seenInSearch = new Int32Array(n);
    this.seenForWord = new Int32Array(n);
    this.titleForWord = new Int32Array(n);
    this.touched = new Int32Array(n);
    this.wordTouched = new Int32Array(n);
  }

  static async build(entries: IndexedEntry[]): Promise<KbPostings> {
    const lists = new Map<string, { titleOrTags: number[]; inTitle: number[]; bodyOnly: number[] }>();
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
    }
    const postings = new Map<string, Posting>();
    for (const [term, l] of lists) postings.set(term, { titleOrTags: Int32Array.from(l.titleOrTags), inTitle: Uint8Array.from(l.inTitle), bodyOnly: Int32Array.from(l.bodyOnly) });
    return new KbPostings(entries, postings);
  }

  /**
   * The `limit` best entries for the question's words, scored exactly as `scoreEntry` scores one
   * entry, over every entry holding any form of any word. Best first, ties in id order.
   *
   * With `minScore` (the search's "good enough"), entries that cannot reach it are not scored: the
   * result is the same as without it, filtered to scores of at least `minScore`, but a search
   * over common words skips most of the work (see `candidatesFor`).
   */
  rank(words: QueryWord[], options: { language: Language; includeDrafts: boolean }, limit: number, minScore = 0): Array<{ id: string; score: number }> {
    if (this.stamp > 2 ** 30) this.resetStamps();
    const { coverage, best, titleWords, titleForWord, wordTouched } = this;
    const searchStamp = ++this.stamp;
    const totalIdf = words.reduce((sum, w) => sum + w.idf, 0) || 1;
    // Either only the candidates that can reach minScore are scored (`open` false), or every entry met.
    const candidates = this.candidatesFor(words, totalIdf, minScore, searchStamp);
    const scan = { searchStamp, wordStamp: 0, open: candidates < 0, touchedCount: Math.max(0, candidates), wordCount: 0 };
    for (const { variants, idf } of words) {
      scan.wordStamp = ++this.stamp;
      scan.wordCount = 0;
      for (const { term, weight } of variants) {
        const posting = this.postings.get(term);
        if (!posting) continue;
        const isStrong = weight >= VARIANT.synonym ? 1 : 0;
        this.scan(posting.titleOrTags, posting.inTitle, weight * FIELD.title, isStrong, scan);
        this.scan(posting.bodyOnly, undefined, weight * FIELD.body, isStrong, scan);
      }
      for (let i = 0; i < scan.wordCount; i++) {
        const doc = wordTouched[i]!;
        coverage[doc]! += idf * best[doc]!;
        if (titleForWord[doc] === scan.wordStamp) titleWords[doc]!++;
      }
    }
    const touchedCount = scan.touchedCount;
    return this.top(touchedCount, totalIdf, words.length, options, limit, minScore);
  }

  /**
   * One list of one form of the current word: each entry in it found with `strength` (the best
   * strength per entry and word counts). This is the innermost loop of the search.
   */
  private scan(docs: Int32Array, inTitle: Uint8Array | undefined, strength: number, isStrong: number, state: { searchStamp: number; wordStamp: number; open: boolean; touchedCount: number; wordCount: number }): void {
    const { coverage, best, titleWords, strong, seenInSearch, seenForWord, titleForWord, touched, wordTouched } = this;
    const { searchStamp, wordStamp, open } = state;
    let { touchedCount, wordCount } = state;
    for (let i = 0; i < docs.length; i++) {
      const doc = docs[i]!;
      if (seenInSearch[doc] !== searchStamp) {
        if (!open) continue;
        seenInSearch[doc] = searchStamp;
        touched[touchedCount++] = doc;
        coverage[doc] = 0;
        titleWords[doc] = 0;
        strong[doc] = 0;
      }
      if (seenForWord[doc] !== wordStamp) {
        seenForWord[doc] = wordStamp;
        best[doc] = strength;
        wordTouched[wordCount++] = doc;
      } else if (strength > best[doc]!) best[doc] = strength;
      strong[doc]! |= isStrong;
      if (inTitle?.[i]) titleForWord[doc] = wordStamp;
    }
    state.touchedCount = touchedCount;
    state.wordCount = wordCount;
  }

  /**
   * Marks (with `searchStamp`) the entries that can score `minScore` and returns how many, or -1
   * when every entry holding a word must be scored. Bound: an entry's score is at most its
   * coverage × 0.96 + 0.04 (language and title bonus), and a word found only in the body counts at
   * most FIELD.body. When that alone cannot reach `minScore`, a candidate must hold some word in
   * its title or tags — and not only the most common words, whose idf together is too small to
   * lift body-only evidence to the required coverage. Only those title-or-tag lists are read to
   * find the candidates; every other posting is then only checked against the mark.
   */
  private candidatesFor(words: QueryWord[], totalIdf: number, minScore: number, searchStamp: number): number {
    // The coverage a score of minScore needs (rounding to 3 decimals may lift 0.0005).
    const needed = (minScore - 0.0005 - 0.04) / 0.96 - 1e-9;
    if (minScore <= 0 || needed <= FIELD.body) return -1;
    // Words whose title-or-tag hits alone cannot make a candidate: the most common ones, while
    // their idf x 1 plus everything else in the body stays below what is needed.
    const byIdf = [...words].sort((a, b) => a.idf - b.idf);
    let common = 0;
    const skipped = new Set<QueryWord>();
    for (const w of byIdf) {
      const next = common + w.idf;
      if (next + FIELD.body * (totalIdf - next) >= needed * totalIdf) break;
      common = next;
      skipped.add(w);
    }
    const { seenInSearch, touched } = this;
    let count = 0;
    for (const w of words) {
      if (skipped.has(w)) continue;
      for (const { term } of w.variants) {
        const list = this.postings.get(term)?.titleOrTags;
        if (!list) continue;
        for (let i = 0; i < list.length; i++) {
          const doc = list[i]!;
          if (seenInSearch[doc] === searchStamp) continue;
          seenInSearch[doc] = searchStamp;
          touched[count++] = doc;
          this.coverage[doc] = 0;
          this.titleWords[doc] = 0;
          this.strong[doc] = 0;
        }
      }
    }
    return count;
  }

  /** The `limit` best of the touched entries, by score and then id. */
  private top(touchedCount: number, totalIdf: number, wordCount: number, options: { language: Language; includeDrafts: boolean }, limit: number, minScore: number) {
    const { touched, published, coverage, strong, titleWords, idOrder } = this;
    const english = options.language === 'en' ? 1 : 0;
    // Kept best first; `kept` holds at most `limit` (a few dozen) entries, so insertion is cheap.
    const keptDocs: number[] = [];
    const keptScores: number[] = [];
    const better = (score: number, doc: number, at: number) => score > keptScores[at]! || (score === keptScores[at]! && idOrder[doc]! < idOrder[keptDocs[at]!]!);
    for (let i = 0; i < touchedCount; i++) {
      const doc = touched[i]!;
      if (!options.includeDrafts && !published[doc]) continue;
      const score = combineScore(coverage[doc]! / totalIdf, strong[doc] === 1, titleWords[doc]!, wordCount, this.english[doc] === english);
      if (score < minScore || (keptDocs.length === limit && !better(score, doc, limit - 1))) continue;
      let at = keptDocs.length;
      while (at > 0 && better(score, doc, at - 1)) at--;
      keptDocs.splice(at, 0, doc);
      keptScores.splice(at, 0, score);
      if (keptDocs.length > limit) {
        keptDocs.pop();
        keptScores.pop();
      }
    }
    return keptDocs.map((doc, i) => ({ id: this.ids[doc]!, score: keptScores[i]! }));
  }

  private resetStamps(): void {
    this.stamp = 0;
    this.seenInSearch.fill(0);
    this.seenForWord.fill(0);
    this.titleForWord.fill(0);
  }
}
