import { matchScore } from './fuzzy.ts';
import type { Application, DirectoryDocument, Organisation } from './types.ts';

export type DirectoryHit =
  | { type: 'application'; item: Application; score: number }
  | { type: 'organisation'; item: Organisation; score: number };

const MIN_SCORE = 40;

/**
 * Finds applications and organisations by name or id. Returns the hits best first; when the best
 * hit is clearly ahead of the rest, it alone (so "wie beheert rivierennet" answers at once).
 */
export function searchDirectory(directory: DirectoryDocument, query: string, only?: DirectoryHit['type']): DirectoryHit[] {
  const hits: DirectoryHit[] = [];
  if (only !== 'organisation') {
    for (const item of directory.applications) {
      const score = Math.max(matchScore(query, item.name), matchScore(query, item.id.replace(/^app-/, '')), item.id === query ? 100 : 0);
      if (score >= MIN_SCORE) hits.push({ type: 'application', item, score });
    }
  }
  if (only !== 'application') {
    for (const item of directory.organisations) {
      const score = Math.max(matchScore(query, item.name), matchScore(query, item.id.replace(/^org-/, '')), item.id === query ? 100 : 0);
      if (score >= MIN_SCORE) hits.push({ type: 'organisation', item, score });
    }
  }
  hits.sort((a, b) => b.score - a.score || (a.type === b.type ? 0 : a.type === 'application' ? -1 : 1) || a.item.name.localeCompare(b.item.name));
  const [best, second] = hits;
  if (best && (!second || best.score >= 95 || best.score - second.score >= 15)) return [best];
  return hits.slice(0, 8);
}
