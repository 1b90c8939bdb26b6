import { readFileSync } from 'node:fs';
import { composeServices, type Services } from '../../bot/compose-services.ts';
import { createLogger } from '../../bot/logger.ts';
import type { Clock } from '../../core/clock.ts';
import { importDirectory } from '../../core/domain/directory/import-directory.ts';
import { importKbEntries } from '../../core/domain/knowledge-base/import-entries.ts';
import type { TestDatabase } from './databases.ts';

const DEMO_DIRECTORY = new URL('../../data/demo-directory.json', import.meta.url);

/** A clock the test moves by setting `current`. */
export interface SettableClock extends Clock {
  current: Date;
}

/**
 * The bot's services on `db` with a settable clock standing at `start`, the demo directory
 * imported at `start` and, when `kb` is given, that knowledge base too.
 */
export async function servicesWithDemoData(db: TestDatabase, start: Date, options: { kb?: unknown } = {}): Promise<{ services: Services; clock: SettableClock }> {
  const clock: SettableClock = { current: start, now: () => clock.current };
  const services = composeServices(db.dataSource, clock, createLogger('silent', false));
  const directory = await importDirectory(services.directory, JSON.parse(readFileSync(DEMO_DIRECTORY, 'utf8')), { replace: true, actor: 'test', now: start });
  if ('problems' in directory) throw new Error(JSON.stringify(directory.problems));
  if (options.kb !== undefined) {
    const imported = await importKbEntries(services.kb, options.kb, { actor: 'test', now: start });
    if ('problems' in imported) throw new Error(JSON.stringify(imported.problems));
  }
  return { services, clock };
}
