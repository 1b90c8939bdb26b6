import type { MessageKey, Translate } from '../cards/i18n/translate.ts';
import type { Problem } from '../core/domain/directory/validate-directory.ts';

/** Which form label a validation path belongs to. */
const LABELS: Record<string, MessageKey> = {
  id: 'kbEdit.id', language: 'kbEdit.language', title: 'kbEdit.titleField', problem: 'kbEdit.problem', solution: 'kbEdit.solution',
  tags: 'kbEdit.tags', applicationIds: 'kbEdit.applications', audience: 'kbEdit.audience', published: 'kbEdit.published',
};

/** A validator problem ("entries[0].title: is required (text)") as the form's own words, in the user's language. */
export function kbProblemText(t: Translate, problem: Problem): string {
  const field = /^entries\[\d+\]\.([a-zA-Z]+)/.exec(problem.path)?.[1] ?? '';
  const label = LABELS[field] ? t(LABELS[field]).replace(/\s*\(.*\)$/, '') : field;
  const unknown = /unknown application "([^"]+)"/.exec(problem.message);
  if (unknown) return t('kbEdit.problem.unknownApplication', { field: label, id: unknown[1]! });
  if (/is required/.test(problem.message)) return t('kbEdit.problem.required', { field: label });
  const tooLong = /longer than (\d+)/.exec(problem.message);
  if (tooLong) return t('kbEdit.problem.tooLong', { field: label, max: tooLong[1]! });
  const bsn = /citizen service number \(BSN\) "([^"]+)"/.exec(problem.message);
  if (bsn) return t('kbEdit.problem.bsn', { field: label, found: bsn[1]! });
  if (field === 'id') return t('kbEdit.problem.id', { field: label });
  return t('kbEdit.problem.invalid', { field: label, message: problem.message });
}
