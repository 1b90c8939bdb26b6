import { readFileSync } from 'node:fs';
import type { DataSource } from 'typeorm';
import type { Clock } from '../core/clock.ts';
import { importDirectory } from '../core/domain/directory/import-directory.ts';
import { importKbEntries } from '../core/domain/knowledge-base/import-entries.ts';
import { TypeOrmDirectoryRepository } from '../storage/directory/typeorm-directory-repository.ts';
import { TypeOrmKbRepository } from '../storage/knowledge-base/typeorm-kb-repository.ts';
import type { Logger } from './logger.ts';
import { projectFile } from './project-files.ts';

const file = (name: string) => projectFile('data', name);
const ACTOR = 'demo-data';

/**
 * Local try-out: an empty database gets the demo directory and knowledge base (data/), so a
 * newcomer has something to ask about. A database with any directory or knowledge-base content is left alone.
 */
export async function loadDemoDataIfEmpty(dataSource: DataSource, clock: Clock, logger: Logger): Promise<boolean> {
  const directory = new TypeOrmDirectoryRepository(dataSource);
  const kb = new TypeOrmKbRepository(dataSource);
  const current = await directory.load();
  if (current.organisations.length || current.applications.length || (await kb.count()) > 0) return false;

  const now = clock.now();
  const dir = await importDirectory(directory, JSON.parse(readFileSync(file('demo-directory.json'), 'utf8')), { replace: false, actor: ACTOR, now });
  if ('problems' in dir) throw new Error(`demo directory is invalid: ${dir.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  const apps = new Set((await directory.load()).applications.map((a) => a.id));
  const entries = await importKbEntries(kb, JSON.parse(readFileSync(file('demo-kb.json'), 'utf8')), { actor: ACTOR, now, knownApplicationIds: apps });
  if ('problems' in entries) throw new Error(`demo knowledge base is invalid: ${entries.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  logger.info({ directory: dir.summary, knowledgeBase: entries }, 'empty database: loaded the demo directory and knowledge base');
  return true;
}
