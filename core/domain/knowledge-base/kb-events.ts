import type { Language } from './kb-search.ts';

export type KbEventKind = 'view' | 'helped' | 'not-helped' | 'unanswered';

/** What happened with the knowledge base, for "what to write next" (no personal data). */
export interface KbEvent {
  at: string;
  kind: KbEventKind;
  entryId?: string;
  /** The question, for "unanswered" only (citizen service numbers and other long numbers removed). */
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

/** Questions are kept to learn from, never with a number that could identify a patient. */
export function scrubQuestion(question: string): string {
  return question.replace(/\d[\d .-]{6,}\d/g, '[nummer]').trim().slice(0, 300);
}
