import type { DirectoryDocument } from '../directory/types.ts';
import { directoryNames } from '../directory/directory-names.ts';
import { findCitizenServiceNumbersIn } from '../privacy/citizen-service-number.ts';
import { fieldsWithPatientDetails } from '../privacy/patient-details.ts';
import type { DraftField, FieldProblem } from './incident-contracts.ts';
import { IMPACTS, type IncidentDraft } from './types.ts';

/** The longest text each field of an incident takes. */
export const MAX_LENGTH = { title: 200, description: 4000, text: 4000, sinceVersion: 100 };

/** Checks a draft: required fields, lengths, known ids, no start in the future, no citizen service numbers, and no unconfirmed patient details. */
export function checkDraft(draft: IncidentDraft, directory: DirectoryDocument, now: Date): Partial<Record<DraftField, FieldProblem>> {
  const problems: Partial<Record<DraftField, FieldProblem>> = {};
  // Citizen service numbers in each field, and split over two of them (in form order).
  const numbers = findCitizenServiceNumbersIn({ title: draft.title, description: draft.description, sinceVersion: draft.sinceVersion });
  const text = (field: 'title' | 'description' | 'sinceVersion', value: string | undefined, required: boolean) => {
    const v = (value ?? '').trim();
    const found = numbers[field];
    if (!v) { if (required) problems[field] = { code: 'required' }; return; }
    if (v.length > MAX_LENGTH[field]) problems[field] = { code: 'too-long', max: MAX_LENGTH[field] };
    else if (found) problems[field] = { code: 'citizen-service-number', found };
  };
  text('title', draft.title, true);
  text('description', draft.description, true);
  text('sinceVersion', draft.sinceVersion, false);
  // A name or a date of birth: a warning, until the reporter confirms it is not patient data.
  if (!draft.notPatientData) {
    for (const field of fieldsWithPatientDetails({ title: draft.title, description: draft.description }, { now, notNames: directoryNames(directory) })) problems[field] ??= { code: 'patient-details' };
  }
  const apps = new Set(directory.applications.map((a) => a.id));
  const unknownApps = draft.applicationIds.filter((id) => !apps.has(id));
  if (unknownApps.length) problems.applications = { code: 'unknown', ids: unknownApps };
  const orgs = new Set(directory.organisations.map((o) => o.id));
  const unknownOrgs = draft.organisationIds.filter((id) => !orgs.has(id));
  if (!draft.organisationIds.length) problems.organisations = { code: 'required' };
  else if (unknownOrgs.length) problems.organisations = { code: 'unknown', ids: unknownOrgs };
  if (!(IMPACTS as readonly string[]).includes(draft.impact)) problems.impact = { code: 'required' };
  const started = Date.parse(draft.startedAt);
  if (!Number.isFinite(started)) problems.startedAt = { code: 'invalid' };
  else if (started > now.getTime() + 5 * 60_000) problems.startedAt = { code: 'in-the-future' };
  return problems;
}
