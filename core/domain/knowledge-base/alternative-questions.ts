import { findCitizenServiceNumbers } from '../privacy/citizen-service-number.ts';
import { findPatientDetails, type PatientDetailOptions } from '../privacy/patient-details.ts';
import { words } from './text-analysis.ts';

/** An alternative question is a phrasing, not a text: 3 to 300 characters, at most 50 per entry. */
export const QUESTION_LIMITS = { min: 3, max: 300, perEntry: 50 } as const;

/** Why a question may not be stored (as validation problem kinds). */
export type QuestionProblem =
  | { kind: 'too-short' }
  | { kind: 'too-long' }
  | { kind: 'bsn'; found: string }
  | { kind: 'patient-details'; found: string };

/**
 * The same question however it is typed: case, accents, punctuation and spacing do not count
 * ("Wachtwoord vergeten?" and "wachtwoord  vergeten" are one question).
 */
export const questionKey = (question: string): string => words(question).join(' ');

/** Runs of whitespace as one space, trimmed: how a question is stored. */
export const tidyQuestion = (question: string): string => question.replace(/\s+/g, ' ').trim();

/** Today's date (for dates of birth) and the directory's names (never a patient's). */
export type QuestionPrivacy = Partial<PatientDetailOptions>;

/**
 * What keeps a question out of an entry: its length, a citizen service number, or what looks like
 * a patient's name or date of birth (the guard the entry form uses). Questions are matched against
 * what people type and shown to editors, so a patient's details are refused, not just warned about.
 */
export function questionProblem(question: string, privacy: QuestionPrivacy): QuestionProblem | undefined {
  const text = tidyQuestion(question);
  if (text.length < QUESTION_LIMITS.min || !questionKey(text)) return { kind: 'too-short' };
  if (text.length > QUESTION_LIMITS.max) return { kind: 'too-long' };
  const bsn = findCitizenServiceNumbers(text)[0];
  if (bsn) return { kind: 'bsn', found: bsn };
  // Without today's date only names are looked for (a date of birth is a date long enough ago).
  const detail = findPatientDetails(text, { ...privacy, now: privacy.now ?? new Date(0) }).find((d) => privacy.now || d.kind === 'name');
  if (detail) return { kind: 'patient-details', found: detail.found };
  return undefined;
}

/** The questions without repeats (the first of each kept), in their order. */
export function distinctQuestions(questions: string[]): string[] {
  const seen = new Set<string>();
  return questions.filter((q) => {
    const key = questionKey(q);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
