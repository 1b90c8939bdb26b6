import { normalizeText } from '../../conversation/normalize.ts';

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions), capped for speed. */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    let rowMin = Infinity;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
  }
  return d[a.length]![b.length]!;
}

/** Typos allowed for a word of this length: none for short words, one from 4 letters, two from 8. */
const allowedTypos = (length: number) => (length >= 8 ? 2 : length >= 4 ? 1 : 0);

const tokens = (text: string) => normalizeText(text).split(/[\s\-_.()/]+/).filter((t) => t.length > 0);

/**
 * How well a query matches a name, 0 (not at all) to 100 (the same). Case, diacritics and small
 * typos do not matter; every query word must match a word of the name (exactly, as a prefix, or
 * within the allowed typos).
 */
export function matchScore(query: string, name: string): number {
  const q = normalizeText(query);
  const n = normalizeText(name);
  if (!q || !n) return 0;
  if (q === n) return 100;
  const compactQ = q.replace(/[\s\-_.]/g, '');
  const compactN = n.replace(/[\s\-_.]/g, '');
  if (compactQ === compactN) return 98;
  if (compactQ.length >= 3 && compactN.startsWith(compactQ)) return 90;
  const nameWords = tokens(name);
  let total = 0;
  for (const word of tokens(query)) {
    let best = 0;
    for (const candidate of nameWords) {
      if (candidate === word) best = Math.max(best, 1);
      else if (word.length >= 3 && candidate.startsWith(word)) best = Math.max(best, 0.85);
      else if (word.length >= 4 && candidate.includes(word)) best = Math.max(best, 0.7);
      else {
        const typos = allowedTypos(word.length);
        if (typos && editDistance(word, candidate, typos) <= typos) best = Math.max(best, 0.75);
        else if (typos && candidate.length > word.length && editDistance(word, candidate.slice(0, word.length), typos) <= typos) best = Math.max(best, 0.6);
      }
    }
    if (best === 0) return 0;
    total += best;
  }
  const words = tokens(query).length;
  // Coverage: a query naming more of the name ranks higher than one naming a single common word.
  return Math.round((total / words) * 80 * Math.min(1, 0.6 + (0.4 * words) / Math.max(1, nameWords.length)));
}
