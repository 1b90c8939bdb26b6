import { stem, words } from './text-analysis.ts';

export interface SynonymFile {
  groups: string[][];
}

/**
 * Word groups that mean the same ("inloggen", "aanmelden", "login"), as stems in both languages.
 * A query word in a group also finds every other word of the group.
 */
export class Synonyms {
  private readonly groupOf = new Map<string, number>();
  private readonly groups: Set<string>[] = [];
  /** Multi-word phrases of the groups ("address book", "log in"), as their words, longest first. */
  private readonly phrases: string[][] = [];

  constructor(file: SynonymFile) {
    file.groups.forEach((group, index) => {
      const stems = new Set<string>();
      for (const phrase of group) {
        // A multi-word phrase ("log in") joins the group as its single words' stems joined: rare, kept simple.
        const ws = words(phrase);
        if (ws.length > 1) this.phrases.push(ws);
        const variants = ws.length === 1 ? [ws[0]!] : [ws.join('')];
        for (const w of variants) for (const lang of ['nl', 'en'] as const) stems.add(stem(w, lang));
      }
      this.groups.push(stems);
      for (const s of stems) if (!this.groupOf.has(s)) this.groupOf.set(s, index);
    });
  }

  /**
   * A question's words with the groups' phrases joined into one word ("address", "book" →
   * "addressbook"), so a phrase finds its group as a single word does.
   */
  joinPhrases(ws: string[]): string[] {
    if (!this.phrases.length) return ws;
    this.phrases.sort((a, b) => b.length - a.length);
    const out: string[] = [];
    for (let i = 0; i < ws.length; ) {
      const phrase = this.phrases.find((p) => p.every((w, k) => ws[i + k] === w));
      if (phrase) {
        out.push(phrase.join(''));
        i += phrase.length;
      } else out.push(ws[i++]!);
    }
    return out;
  }

  /** Every stem meaning the same as this one (not including itself). */
  of(stemmed: string): string[] {
    const index = this.groupOf.get(stemmed);
    return index === undefined ? [] : [...this.groups[index]!].filter((s) => s !== stemmed);
  }
}
