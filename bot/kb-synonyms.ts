import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SynonymFile } from '../core/domain/knowledge-base/synonyms.ts';

/** The knowledge-base synonym groups shipped in data/kb-synonyms.json. */
export function loadSynonyms(): SynonymFile {
  return JSON.parse(readFileSync(fileURLToPath(new URL('../data/kb-synonyms.json', import.meta.url)), 'utf8')) as SynonymFile;
}
