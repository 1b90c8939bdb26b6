import { searchDirectory } from '../directory/directory-search.ts';
import type { DirectoryDocument, Organisation } from '../directory/types.ts';
import { fail, ok, type Outcome } from './access-errors.ts';

/** An organisation named by id or (fuzzy) name; several close matches are an error listing them. */
export function resolveOrganisation(directory: DirectoryDocument, query: string): Outcome<Organisation> {
  const exact = directory.organisations.find((o) => o.id === query.trim());
  if (exact) return ok(exact);
  const hits = searchDirectory(directory, query, 'organisation');
  if (hits.length === 0) return fail({ code: 'unknown-organisation', query });
  if (hits.length > 1) return fail({ code: 'ambiguous-organisation', query, candidates: hits.map((h) => h.item as Organisation) });
  return ok(hits[0]!.item as Organisation);
}
