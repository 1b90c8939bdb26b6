import type { Inbound } from './inbound.ts';

/**
 * How much one message may ask of the bot. Every step whose cost grows with the input (routing
 * regexes, stemming, typo correction, the patient-data guard) runs on text no longer than this.
 * A real question, even a pasted error message, fits easily; Teams itself caps a message at ~28 KB.
 */
export const MAX_MESSAGE_CHARS = 4000;
/** One form field (an incident description, a knowledge-base article body). */
export const MAX_FIELD_CHARS = 20_000;
/** Form values nest at most this deep (a card's data is flat; deeper is not from our cards). */
const MAX_VALUE_DEPTH = 8;

export type InputProblem =
  | { kind: 'text-too-long'; length: number; max: number }
  | { kind: 'field-too-long'; field: string; length: number; max: number }
  | { kind: 'values-too-deep' };

/** What is wrong with the size of this inbound, or undefined when it is within the limits. */
export function inputProblem(inbound: Inbound): InputProblem | undefined {
  const length = inbound.text?.length ?? 0;
  if (length > MAX_MESSAGE_CHARS) return { kind: 'text-too-long', length, max: MAX_MESSAGE_CHARS };
  if (inbound.action) return valuesProblem(inbound.action.values, '', 0);
  return undefined;
}

function valuesProblem(value: unknown, field: string, depth: number): InputProblem | undefined {
  if (typeof value === 'string') {
    return value.length > MAX_FIELD_CHARS ? { kind: 'field-too-long', field, length: value.length, max: MAX_FIELD_CHARS } : undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  if (depth >= MAX_VALUE_DEPTH) return { kind: 'values-too-deep' };
  for (const [key, inner] of Object.entries(value)) {
    const problem = valuesProblem(inner, field || key, depth + 1);
    if (problem) return problem;
  }
  return undefined;
}
