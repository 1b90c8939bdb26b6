import { yieldToEventLoop } from '../../time/yield-to-event-loop.ts';
import type { IndexedEntry } from './kb-search-index.ts';
import { combineScore, compareIds, FIELD, VARIANT, type Language, type QueryWord } from './kb-scoring.ts';

const TITLE = 1;
const TAGS = 2;
const BODY = 4;

type Posting = { docs: Int32Array; fields: Uint8Array };

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
  private readonly titleWords: Uint8Array;
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
    this.titleWords = new Uint8Array(n);
    this.strong = new Uint8Array(n);
    this.seenInSearch = new Int32Array(n);
    this.seenForWord = new Int32Array(n);
    this.titleForWord = new Int32Array(n);
    this.touched = new Int32Array(n);
    this.wordTouched = new Int32Array(n);
  }

  static async build(entries: IndexedEntry[]): Promise<KbPostings> {
    const docs = new Map<string, number[]>();
    const fields = new Map<string, number[]>();
    for (let doc = 0; doc < entries.length; doc++) {
      if (doc > 0 && doc % BUILD_SLICE === 0) await yieldToEventLoop();
      const e = entries[doc]!;
      const mask = new Map<string, number>();
      for (const t of e.titleTerms) mask.set(t, (mask.get(t) ?? 0) | TITLE);
      for (const t of e.tagTerms) mask.set(t, (mask.get(t) ?? 0) | TAGS);
      for (const t of e.bodyTerms) mask.set(t, (mask.get(t) ?? 0) | BODY);
      for (const [term, m] of mask) {
        let d = docs.get(term);
        if (!d) {
          docs.set(term, (d = []));
          fields.set(term, []);
        }
        d.push(doc);
        fields.get(term)!.push(m);
      }
    }
    const postings = new Map<string, Posting>();
    for (const [term, d] of docs) postings.set(term, { docs: Int32Array.from(d), fields: Uint8Array.from(fields.get(term)!) });
    return new KbPostings(entries, postings);
  }

  get size(): number {
    return this.ids.length;
  }

  /** How many entries hold this term. */
  documentFrequency(term: string): number {
    return this.postings.get(term)?.docs.length ?? 0;
  }

  /**
   * The `limit` best entries for the question's words, scored exactly as `scoreEntry` scores one
   * entry, over every entry holding any form of any word. Best first, ties in id order.
   */
  rank(words: QueryWord[], options: { language: Language; includeDrafts: boolean }, limit: number): Array<{ id: string; score: number }> {
    if (this.stamp > 2 ** 30) this.resetStamps();
    // Locals: the loops below run over every posting of every word, up to the whole knowledge base.
    const { coverage, best, titleWords, strong, seenInSearch, seenForWord, titleForWord, touched, wordTouched } = this;
    const searchStamp = ++this.stamp;
    let touchedCount = 0;
    const totalIdf = words.reduce((sum, w) => sum + w.idf, 0) || 1;
    for (const { variants, idf } of words) {
      const wordStamp = ++this.stamp;
      let wordCount = 0;
      for (const { term, weight } of variants) {
        const posting = this.postings.get(term);
        if (!posting) continue;
        const { docs, fields } = posting;
        const inTitleOrTags = weight * FIELD.title;
        const inBody = weight * FIELD.body;
        const isStrong = weight >= VARIANT.synonym ? 1 : 0;
        for (let i = 0; i < docs.length; i++) {
          const doc = docs[i]!;
          const f = fields[i]!;
          if (seenInSearch[doc] !== searchStamp) {
            seenInSearch[doc] = searchStamp;
            touched[touchedCount++] = doc;
            coverage[doc] = 0;
            titleWords[doc] = 0;
            strong[doc] = 0;
          }
          const s = f & (TITLE | TAGS) ? inTitleOrTags : inBody;
          if (seenForWord[doc] !== wordStamp) {
            seenForWord[doc] = wordStamp;
            wordTouched[wordCount++] = doc;
            best[doc] = s;
          } else if (s > best[doc]!) best[doc] = s;
          strong[doc]! |= isStrong;
          if (f & TITLE) titleForWord[doc] = wordStamp;
        }
      }
      for (let i = 0; i < wordCount; i++) {
        const doc = wordTouched[i]!;
        coverage[doc]! += idf * best[doc]!;
        if (titleForWord[doc] === wordStamp) titleWords[doc]!++;
      }
    }
    return this.top(touchedCount, totalIdf, words.length, options, limit);
  }

  /** The `limit` best of the touched entries, by score and then id. */
  private top(touchedCount: number, totalIdf: number, wordCount: number, options: { language: Language; includeDrafts: boolean }, limit: number) {
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
      if (keptDocs.length === limit && !better(score, doc, limit - 1)) continue;
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
