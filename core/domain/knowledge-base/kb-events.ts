import { citizenServiceNumberMatches } from '../privacy/citizen-service-number.ts';
import type { Language } from './kb-search.ts';

/** `suggested`: the question got only suggestions, no sure answer (kept with its question, like `unanswered`). */
export type KbEventKind = 'view' | 'helped' | 'not-helped' | 'unanswered' | 'suggested';

/** What happened with the knowledge base, for "what to write next" (no personal data). */
export interface KbEvent {
  at: string;
  kind: KbEventKind;
  entryId?: string;
  /** The question, for "unanswered" and "suggested" only (citizen service numbers and other long numbers removed). */
  query?: string;
  language: Language;
}

export interface KbStats {
  mostViewed: Array<{ entryId: string; views: number }>;
  feedback: Array<{ entryId: string; helped: number; notHelped: number; notHelpedRate: number }>;
  unanswered: Array<{ query: string; count: number; lastAt: string }>;
}

export interface KbEventLog {
  record(events: KbEvent[]): Promise<void>;
  stats(since: Date, limit: number): Promise<KbStats>;
  /** How many events of a kind happened in [from, to). */
  count(kind: KbEventKind, from: string, to: string): Promise<number>;
}

/**
 * Questions are kept to learn from, never with a number that could identify a patient: every
 * citizen service number however written (the guard's own reading), and any other long number.
 */
export function scrubQuestion(question: string): string {
  const text = question.slice(0, 2000);
  let scrubbed = '';
  let at = 0;
  for (const m of citizenServiceNumberMatches(text)) {
    scrubbed += `${text.slice(at, m.start)}[nummer]`;
    at = m.end;
  }
  return `${scrubbed}${text.slice(at)}`.replace(/\d[\d .-]{6,}\d/g, '[nummer]').trim().slice(0, 300);
}
