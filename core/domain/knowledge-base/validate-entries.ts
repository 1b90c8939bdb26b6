import type { Problem } from '../directory/validate-directory.ts';
import { findCitizenServiceNumbers, findCitizenServiceNumbersIn } from '../privacy/citizen-service-number.ts';
import { distinctQuestions, QUESTION_LIMITS, questionProblem, tidyQuestion, type QuestionPrivacy, type QuestionProblem } from './alternative-questions.ts';
import { AUDIENCES, type KbEntryInput } from './types.ts';

const ID = /^[a-z0-9][a-z0-9._-]{0,99}$/i;
const LIMITS = { title: 200, problem: 4000, solution: 8000 } as const;

/**
 * Checks a knowledge-base file ({ "entries": [...] } or a bare list) before anything is stored:
 * every problem with its path. Application ids are checked against the directory when given;
 * `privacy` (today, the directory's names) is for the patient-details check of alternative questions.
 */
export function validateKbEntries(input: unknown, knownApplicationIds?: Set<string>, privacy: QuestionPrivacy = {}): { entries: KbEntryInput[] } | { problems: Problem[] } {
  const problems: Problem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  const list = Array.isArray(input) ? input : isObject(input) && Array.isArray(input.entries) ? input.entries : undefined;
  if (!list) return { problems: [{ path: '$', message: 'must be {"entries": [...]} or a list of entries' }] };
  const seen = new Set<string>();
  const entries: KbEntryInput[] = [];
  list.forEach((raw: unknown, i: number) => {
    const path = `entries[${i}]`;
    if (!isObject(raw)) return add(path, 'must be an object');
    const id = str(raw, 'id', path, add);
    if (id && !ID.test(id)) add(`${path}.id`, `"${id}" may contain only letters, digits, ".", "_" and "-"`);
    if (id && seen.has(id)) add(`${path}.id`, `duplicate id "${id}"`);
    seen.add(id);
    const language = str(raw, 'language', path, add);
    if (language && language !== 'nl' && language !== 'en') add(`${path}.language`, 'must be "nl" or "en"');
    const fields = Object.fromEntries((['title', 'problem', 'solution'] as const).map((key) => {
      const value = str(raw, key, path, add);
      if (value.length > LIMITS[key]) add(`${path}.${key}`, `is longer than ${LIMITS[key]} characters`);
      return [key, value];
    })) as Record<'title' | 'problem' | 'solution', string>;
    // In each text, and split over two of them (in form order).
    for (const [key, found] of Object.entries(findCitizenServiceNumbersIn(fields))) refuseNumber(found, `${path}.${key}`, add);
    guardPatientData(id, `${path}.id`, add);
    const tags = strings(raw, 'tags', path, add);
    tags.forEach((tag, j) => guardPatientData(tag, `${path}.tags[${j}]`, add));
    const applicationIds = strings(raw, 'applicationIds', path, add);
    if (knownApplicationIds) applicationIds.forEach((app, j) => { if (!knownApplicationIds.has(app)) add(`${path}.applicationIds[${j}]`, `unknown application "${app}"`); });
    const audience = raw.audience === undefined ? 'zorgverlener' : raw.audience;
    if (typeof audience !== 'string' || !(AUDIENCES as readonly string[]).includes(audience)) add(`${path}.audience`, `must be one of ${AUDIENCES.join(', ')}`);
    if (raw.published !== undefined && typeof raw.published !== 'boolean') add(`${path}.published`, 'must be true or false');
    const questions = raw.questions === undefined ? undefined : checkQuestions(strings(raw, 'questions', path, add), `${path}.questions`, privacy, add);
    entries.push({
      id, language: language as KbEntryInput['language'], ...fields, tags, applicationIds, audience: String(audience) as KbEntryInput['audience'],
      ...(questions ? { questions } : {}),
      ...(typeof raw.published === 'boolean' ? { published: raw.published } : {}),
    });
  });
  return problems.length ? { problems } : { entries };
}

/** Entries are about systems, never patients: a citizen service number is refused (DOMAIN.md "Privacy"). */
function guardPatientData(value: string, path: string, add: (p: string, m: string) => void): void {
  const found = findCitizenServiceNumbers(value)[0];
  if (found) refuseNumber(found, path, add);
}

/** Alternative questions: each 3–300 characters without patient details, at most 50; repeats (however typed) kept once. */
function checkQuestions(list: string[], path: string, privacy: QuestionPrivacy, add: (p: string, m: string) => void): string[] {
  const questions = list.map(tidyQuestion);
  if (questions.length > QUESTION_LIMITS.perEntry) add(path, `has ${questions.length} questions; at most ${QUESTION_LIMITS.perEntry}`);
  questions.forEach((q, j) => {
    const problem = questionProblem(q, privacy);
    if (problem) add(`${path}[${j}]`, questionMessage(problem));
  });
  return distinctQuestions(questions);
}

function questionMessage(problem: QuestionProblem): string {
  switch (problem.kind) {
    case 'too-short': return `is shorter than ${QUESTION_LIMITS.min} characters`;
    case 'too-long': return `is longer than ${QUESTION_LIMITS.max} characters`;
    case 'bsn': return numberMessage(problem.found);
    case 'patient-details': return `looks like a patient's name or date of birth ("${problem.found}"): entries are about systems, never about patients; remove it`;
  }
}

function refuseNumber(found: string, path: string, add: (p: string, m: string) => void): void {
  add(path, numberMessage(found));
}

const numberMessage = (found: string) => `contains a citizen service number (BSN) "${found}": entries are about systems, never about patients; remove it`;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function str(o: Json, key: string, path: string, add: (p: string, m: string) => void): string {
  const value = o[key];
  if (typeof value !== 'string' || !value.trim()) { add(`${path}.${key}`, 'is required (text)'); return ''; }
  return value.trim();
}

function strings(o: Json, key: string, path: string, add: (p: string, m: string) => void): string[] {
  const value = o[key];
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) { add(`${path}.${key}`, 'must be a list of text'); return []; }
  return (value as string[]).map((v) => v.trim()).filter(Boolean);
}
