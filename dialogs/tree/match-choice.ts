import { normalizeText } from '../../core/conversation/normalize.ts';
import { matchScore } from '../../core/domain/directory/fuzzy.ts';

export interface MatchableChoice {
  value: string;
  /** Every way the choice may be named: labels in both languages, synonyms. */
  names: string[];
}

/**
 * Free text typed at a step → the choice it clearly means: its number ("2"), its label or a synonym
 * (case, accents and small typos do not matter), or a word that only one choice contains.
 * Undefined when nothing or several choices fit equally well.
 */
export function matchChoice(text: string | undefined, choices: MatchableChoice[]): string | undefined {
  const typed = normalizeText(text);
  if (!typed) return undefined;
  const number = /^(\d{1,2})$/.exec(typed);
  if (number) return choices[Number(number[1]) - 1]?.value;
  const scored = choices
    .map((c) => ({ value: c.value, score: Math.max(0, ...c.names.map((n) => nameScore(typed, n))) }))
    .filter((s) => s.score >= 60)
    .sort((a, b) => b.score - a.score);
  const [best, second] = scored;
  if (!best || (second && second.score >= best.score - 5)) return undefined;
  return best.value;
}

function nameScore(typed: string, name: string): number {
  const n = normalizeText(name);
  if (typed === n) return 100;
  // A synonym or short label found inside the typed sentence: "mijn printer doet het niet" → printer.
  // A phrase of more words is more specific: "overdracht naar de verkeerde praktijk" is about the wrong recipient, not the link.
  if (n.length >= 3 && new RegExp(`(^|\\s)${escape(n)}(\\s|$)`).test(typed)) return Math.min(97, 85 + 6 * (n.split(' ').length - 1));
  return matchScore(typed, name);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
