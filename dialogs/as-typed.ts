import { normalizeText } from '../core/conversation/normalize.ts';

/**
 * The words of a command as the person typed them: flows match on normalised text (lower case,
 * no accents), but what they echo back ("Ik vond geen … die lijkt op "…"") is the person's own
 * spelling. `query` is the normalised tail of `typed`; without a matching tail it is returned as is.
 */
export function asTyped(typed: string | undefined, query: string): string {
  const words = (typed ?? '').trim().split(/\s+/);
  for (let i = 0; i < words.length; i++) {
    const tail = words.slice(i).join(' ');
    if (normalizeText(tail) !== query) continue;
    // A question mark or comma is not part of the name; a full stop only when it ends a sentence ("B.V." keeps its own).
    const trimmed = tail.replace(/[?!,;:]+$/u, '');
    const last = trimmed.split(' ').at(-1) ?? '';
    return (/^[^.]+\.$/.test(last) ? trimmed.slice(0, -1) : trimmed) || query;
  }
  return query;
}
