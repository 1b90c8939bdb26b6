import type { KbEvent } from '../../core/domain/knowledge-base/kb-events.ts';

/**
 * What the chat records when people ask what the knowledge base has no sure answer for: four ways
 * to say "printing does not work", two to say "the coffee machine is broken", one in English.
 * `at(n)` gives the time of the n-th question (1 = first, oldest).
 */
export function unansweredPhrasings(at: (n: number) => string): KbEvent[] {
  return [
    { at: at(1), kind: 'unanswered', query: 'kan niks printen', language: 'nl' },
    { at: at(2), kind: 'suggested', query: 'printer doet het niet', language: 'nl' },
    { at: at(3), kind: 'unanswered', query: 'Kan niks printen!', language: 'nl' },
    { at: at(4), kind: 'suggested', query: 'printen lukt niet meer', language: 'nl' },
    { at: at(5), kind: 'unanswered', query: 'de koffieautomaat is kapot', language: 'nl' },
    { at: at(6), kind: 'unanswered', query: 'koffie automaat doet het niet', language: 'nl' },
    { at: at(7), kind: 'suggested', query: 'the printer does not print', language: 'en' },
  ];
}
