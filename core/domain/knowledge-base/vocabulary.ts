import { editDistance } from '../directory/fuzzy.ts';

const deletes1 = (term: string): string[] => {
  const out: string[] = [];
  for (let i = 0; i < term.length; i++) out.push(term.slice(0, i) + term.slice(i + 1));
  return out;
};

/**
 * Typos allowed: none below 4 letters, one from 4, two from 8, none above MAX_TYPO_WORD. The
 * deletion sets grow with the square of a word's length (and hold words of that length), so a
 * longer "word" — a pasted hash, a hostile 100,000-letter string — is matched exactly or not at all.
 * The longest real words of the domain ("tweestapsverificatiecode") stay well within it.
 */
export const MAX_TYPO_WORD = 30;
const allowed = (length: number) => (length > MAX_TYPO_WORD ? 0 : length >= 8 ? 2 : length >= 4 ? 1 : 0);

/**
 * Every indexed term with its document frequency, and a deletion index (SymSpell) so that a typo
 * ("inlogen") finds the indexed term ("inlogg") without comparing against every term.
 */
export class Vocabulary {
  private readonly frequency = new Map<string, number>();
  private readonly byDeletion = new Map<string, Set<string>>();
  private sorted: string[] | undefined;
  documents = 0;

  addDocument(terms: Iterable<string>): void {
    this.documents++;
    this.sorted = undefined;
    for (const term of new Set(terms)) {
      const seen = this.frequency.get(term);
      this.frequency.set(term, (seen ?? 0) + 1);
      if (seen === undefined && allowed(term.length) > 0) {
        const deletions = new Set(deletes1(term));
        // Long words may have two typos: index their double deletions too.
        if (allowed(term.length) >= 2) for (const d of [...deletions]) for (const dd of deletes1(d)) deletions.add(dd);
        for (const d of deletions) {
          let set = this.byDeletion.get(d);
          if (!set) this.byDeletion.set(d, (set = new Set()));
          set.add(term);
        }
      }
    }
  }

  has(term: string): boolean {
    return this.frequency.has(term);
  }

  documentFrequency(term: string): number {
    return this.frequency.get(term) ?? 0;
  }

  /**
   * Indexed terms that start with this one: Dutch glues words together, so "tweestaps" should find
   * "tweestapsverificatie". Only for words of 5 letters or more; at most 3, most frequent first.
   */
  completions(prefix: string): string[] {
    if (prefix.length < 5) return [];
    this.sorted ??= [...this.frequency.keys()].sort();
    const terms = this.sorted;
    let lo = 0;
    let hi = terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (terms[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const found: string[] = [];
    for (let i = lo; i < terms.length && terms[i]!.startsWith(prefix) && found.length < 50; i++) if (terms[i] !== prefix) found.push(terms[i]!);
    return found.sort((a, b) => this.documentFrequency(b) - this.documentFrequency(a)).slice(0, 3);
  }

  /** Indexed terms within the allowed typos of `term`, most frequent first (at most 3). */
  corrections(term: string): string[] {
    const max = allowed(term.length);
    if (!max) return [];
    const probes = new Set([term, ...deletes1(term)]);
    if (max >= 2) for (const d of [...probes]) for (const dd of deletes1(d)) probes.add(dd);
    const found = new Set<string>();
    for (const probe of probes) {
      if (this.frequency.has(probe)) found.add(probe);
      for (const candidate of this.byDeletion.get(probe) ?? []) found.add(candidate);
    }
    return [...found]
      .filter((c) => c !== term && editDistance(term, c, max) <= max)
      .sort((a, b) => this.documentFrequency(b) - this.documentFrequency(a))
      .slice(0, 3);
  }
}
