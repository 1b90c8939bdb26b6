import { outOfScope } from './out-of-scope.ts';
import { outsideTheChain } from './outside-the-chain.ts';

/** How sure the search is: `answer` is shown as the answer, `suggestion` as "Bedoelt u een van deze?". */
export type KbTier = 'answer' | 'suggestion';

/**
 * Thresholds on the score (the model's estimated chance that an entry answers the question), chosen
 * by `npm run fit:kb` on the realistic questions: no question the knowledge base cannot answer gets
 * a sure answer, and at most about a quarter of them get suggestions.
 */
export const ANSWER_SCORE = 0.62;
/** From this score on (and below ANSWER_SCORE), an entry is offered as a suggestion; below it, not at all. */
export const SUGGESTION_SCORE = 0.42;

export const tierOf = (score: number): KbTier | undefined => (score >= ANSWER_SCORE ? 'answer' : score >= SUGGESTION_SCORE ? 'suggestion' : undefined);

/**
 * How sure a question can be answered at all. A clinical or personal (HR) question is not for the
 * knowledge base (`none`: the chat says so instead, and offers an entry only when it answers the
 * question overwhelmingly well — the word lists may misread an ICT question). One about something outside the chain's
 * systems (a webshop, a bank card, the coffee machine) may share words with an entry but is never
 * answered by it for sure: its results drop one tier (`lower`).
 */
export function questionScope(query: string): 'chain' | 'lower' | 'none' {
  if (outOfScope(query)) return 'none';
  return outsideTheChain(query) ? 'lower' : 'chain';
}
