import { afterEach, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { KbSearch } from '../../../core/domain/knowledge-base/kb-search.ts';
import { Synonyms } from '../../../core/domain/knowledge-base/synonyms.ts';
import type { KbEntry } from '../../../core/domain/knowledge-base/types.ts';
import { loadSynonyms } from '../../../bot/kb-synonyms.ts';
import { openDatabase } from '../../../storage/data-source.ts';
import { SqlKbSearchIndex } from '../../../storage/knowledge-base/kb-search-index.ts';
import { TypeOrmKbRepository } from '../../../storage/knowledge-base/typeorm-kb-repository.ts';
import { openTestDatabase, type DatabaseKind, type TestDatabase } from '../../support/databases.ts';
import { postgresReachable } from '../../support/postgres-reachable.ts';

/**
 * The running bot's knowledge-base index follows the database (issue 17): entries written by another
 * process (`ketenbot kb import`, a second instance's edit or learned question) are answered from
 * within 2 s, not after the 5-minute refresh. The "other process" is a second DataSource on the
 * same database; test/bot/cli/caches-follow-cli.test.ts runs the real CLI as a child process.
 */
const KINDS: DatabaseKind[] = (await postgresReachable()) ? ['sqlite', 'postgres'] : ['sqlite'];

const entry = (id: string, title: string, questions: string[] = []): KbEntry => ({
  id, language: 'nl', title, problem: `${title}.`, solution: 'Neem contact op met de servicedesk.', tags: [], applicationIds: [], audience: 'zorgverlener',
  questions, published: true, createdBy: 'cli', createdAt: '2026-03-02T09:00:00.000Z', updatedBy: 'cli', updatedAt: '2026-03-02T09:00:00.000Z',
});

let db: TestDatabase | undefined;
let other: DataSource | undefined;
afterEach(async () => {
  await other?.destroy();
  await db?.dispose();
  db = other = undefined;
});

/** The server's search with a hand-moved clock, counting full reads of the index and version reads. */
function serverSearch(dataSource: DataSource, now: () => number) {
  const index = new SqlKbSearchIndex(dataSource);
  const counts = { allEntries: 0, version: 0 };
  const allEntries = index.allEntries.bind(index);
  const version = index.version.bind(index);
  index.allEntries = () => { counts.allEntries++; return allEntries(); };
  index.version = () => { counts.version++; return version(); };
  const search = new KbSearch(index, new Synonyms(loadSynonyms()), { now });
  const ids = async (question: string) => (await search.search(question, { language: 'nl' })).map((h) => h.id);
  return { ids, counts };
}

describe.each(KINDS)('the knowledge-base search on %s, beside another process', (kind: DatabaseKind) => {
  it('an entry, an edit and a learned question written elsewhere are found 2 s later; until then the copy answers without reading', async () => {
    db = await openTestDatabase(kind);
    other = await openDatabase(db.url, db.schema ? { schema: db.schema } : {});
    const cli = new TypeOrmKbRepository(other);
    let now = 1_000_000;
    const server = serverSearch(db.dataSource, () => now);
    await cli.upsert([entry('kb-printer', 'Printer drukt niet af')], []);
    expect(await server.ids('printer drukt niet af')).toEqual(['kb-printer']);

    await cli.upsert([entry('kb-zomertijd', 'Zomertijd verkeerd in berichten')], []);
    now += 1000;
    expect(await server.ids('zomertijd verkeerd in berichten')).toEqual([]);
    expect(server.counts).toEqual({ allEntries: 1, version: 1 });
    now += 1000;
    expect(await server.ids('zomertijd verkeerd in berichten')).toEqual(['kb-zomertijd']);
    expect(server.counts).toEqual({ allEntries: 2, version: 3 });

    // A learned question changes the entry but not its updated_at: seen all the same.
    await cli.upsert([entry('kb-printer', 'Printer drukt niet af', ['etiketten komen er blanco uit'])], []);
    now += 2000;
    expect(await server.ids('etiketten komen er blanco uit')).toEqual(['kb-printer']);
  });

  it('nothing changed elsewhere: one version read per 2 s, no reload', async () => {
    db = await openTestDatabase(kind);
    let now = 0;
    const server = serverSearch(db.dataSource, () => now);
    await new TypeOrmKbRepository(db.dataSource).upsert([entry('kb-printer', 'Printer drukt niet af')], []);
    for (let i = 0; i < 50; i++) {
      now += 100;
      expect(await server.ids('printer drukt niet af')).toEqual(['kb-printer']);
    }
    expect(server.counts).toEqual({ allEntries: 1, version: 1 + 2 });
  });
});
