import type { AuditEntry } from '../audit/audit-entry.ts';
import type { Problem } from '../directory/validate-directory.ts';
import type { KbRepository } from './kb-repository.ts';
import type { KbEntry, KbEntryInput } from './types.ts';
import { validateKbEntries } from './validate-entries.ts';

/**
 * Imports knowledge-base entries, all or nothing: validated first (every problem reported),
 * then upserted by id. Creation metadata of existing entries is kept; each change is audited.
 * An entry given without `questions` keeps the alternative questions it has (learned from use),
 * so importing an older file never forgets them; a new one starts with none.
 */
export async function importKbEntries(
  repository: KbRepository,
  input: unknown,
  options: { actor: string; now: Date; knownApplicationIds?: Set<string>; notNames?: Iterable<string> },
): Promise<{ added: number; updated: number; unchanged: number } | { problems: Problem[] }> {
  const checked = validateKbEntries(input, options.knownApplicationIds, { now: options.now, ...(options.notNames ? { notNames: options.notNames } : {}) });
  if ('problems' in checked) return checked;
  const existing = new Map((await repository.byIds(checked.entries.map((e) => e.id))).map((e) => [e.id, e]));
  const at = options.now.toISOString();
  const changed: KbEntry[] = [];
  const audit: AuditEntry[] = [];
  let unchanged = 0;
  for (const input of checked.entries) {
    const before = existing.get(input.id);
    const content = contentOf({ ...input, questions: input.questions ?? before?.questions ?? [], published: input.published ?? before?.published ?? true });
    if (before && JSON.stringify(contentOf(before)) === JSON.stringify(content)) { unchanged++; continue; }
    const entry: KbEntry = {
      ...content,
      createdBy: before?.createdBy ?? options.actor,
      createdAt: before?.createdAt ?? at,
      updatedBy: options.actor,
      updatedAt: at,
    };
    changed.push(entry);
    audit.push({ at, actor: options.actor, action: before ? 'kb.entry.update' : 'kb.entry.add', subjectType: 'kb-entry', subjectId: entry.id, ...(before ? { before } : {}), after: entry });
  }
  if (changed.length) await repository.upsert(changed, audit);
  const added = audit.filter((a) => a.action === 'kb.entry.add').length;
  return { added, updated: changed.length - added, unchanged };
}

/** The fields an import sets, always in this order (compared as JSON). */
function contentOf(e: Required<KbEntryInput>): Required<KbEntryInput> {
  return { id: e.id, language: e.language, title: e.title, problem: e.problem, solution: e.solution, tags: e.tags, applicationIds: e.applicationIds, audience: e.audience, questions: e.questions, published: e.published };
}
