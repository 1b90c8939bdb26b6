import { readFileSync } from 'node:fs';
import type { SynonymFile } from '../core/domain/knowledge-base/synonyms.ts';
import { projectFile } from './project-files.ts';

/** The knowledge-base synonym groups shipped in data/kb-synonyms.json. */
export function loadSynonyms(): SynonymFile {
  return JSON.parse(readFileSync(projectFile('data', 'kb-synonyms.json'), 'utf8')) as SynonymFile;
}
