import type { AuditEntry } from '../audit/audit-entry.ts';
import type { DirectoryRepository } from './directory-repository.ts';
import type { DirectoryDocument } from './types.ts';
import { referenceProblems, validateDirectory, type Problem } from './validate-directory.ts';

export interface ImportSummary {
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
}

type Section = keyof DirectoryDocument;
const SECTIONS: Array<[Section, string]> = [['organisations', 'organisation'], ['applications', 'application'], ['contacts', 'contact']];

/**
 * Imports a directory file, all or nothing. Entries are added or updated by id; with `replace`
 * entries missing from the file are removed. The merged result is checked as a whole (every
 * reference must resolve) before anything is written; every change is audit-logged.
 */
export async function importDirectory(
  repository: DirectoryRepository,
  input: unknown,
  options: { replace: boolean; actor: string; now: Date },
): Promise<{ summary: ImportSummary } | { problems: Problem[] }> {
  const checked = validateDirectory(input, { references: false });
  if ('problems' in checked) return checked;
  const current = await repository.load();
  const next: DirectoryDocument = { organisations: [], applications: [], contacts: [] };
  const audit: AuditEntry[] = [];
  const summary: ImportSummary = { added: 0, updated: 0, unchanged: 0, removed: 0 };
  const at = options.now.toISOString();

  for (const [section, subjectType] of SECTIONS) {
    const incoming = new Map(checked.document[section].map((e) => [e.id, e]));
    const existing = new Map(current[section].map((e) => [e.id, e]));
    const merged = new Map(options.replace ? [] : existing);
    for (const [id, entry] of incoming) {
      const before = existing.get(id);
      merged.set(id, entry);
      if (!before) { summary.added++; audit.push({ at, actor: options.actor, action: `directory.${subjectType}.add`, subjectType, subjectId: id, after: entry }); }
      else if (JSON.stringify(before) !== JSON.stringify(entry)) { summary.updated++; audit.push({ at, actor: options.actor, action: `directory.${subjectType}.update`, subjectType, subjectId: id, before, after: entry }); }
      else summary.unchanged++;
    }
    if (options.replace) {
      for (const [id, before] of existing) {
        if (!incoming.has(id)) { summary.removed++; audit.push({ at, actor: options.actor, action: `directory.${subjectType}.remove`, subjectType, subjectId: id, before }); }
      }
    }
    (next[section] as unknown[]) = [...merged.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  // References must hold in the merged directory too (a partial file may point at stored entries).
  const fileIndex = (section: Section, id: string) => checked.document[section].findIndex((e) => e.id === id);
  const problems = referenceProblems(next, (section, i) => {
    const id = next[section][i]!.id;
    const index = fileIndex(section, id);
    return index >= 0 ? `${section}[${index}]` : `stored ${section} "${id}"`;
  });
  if (problems.length) return { problems };
  await repository.save(next, audit);
  return { summary };
}
