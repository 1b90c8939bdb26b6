import { afterEach, describe, expect, it } from 'vitest';
import type { DirectoryDocument } from '../../../core/domain/directory/types.ts';
import { TypeOrmDirectoryRepository } from '../../../storage/directory/typeorm-directory-repository.ts';
import { DATABASE_KINDS, openTestDatabase, type DatabaseKind, type TestDatabase } from '../../support/databases.ts';

/**
 * The running bot's directory cache follows the database (issue 17): a change made by another
 * process (the CLI's `directory import`, a second instance) is seen within 2 seconds, not only
 * after a restart. Two repositories on one real database stand for two processes.
 */
const desk = { name: 'Servicedesk', phone: '+31 20 555 0100', email: 'desk@example.org', hours: '24x7' };
const doc = (names: string[]): DirectoryDocument => ({
  organisations: names.map((name, i) => ({ id: `org-${i}`, name, kind: 'care-provider', gtkServiceProviderIds: [], desk })) as DirectoryDocument['organisations'],
  applications: [],
  contacts: [],
});

let db: TestDatabase | undefined;
afterEach(async () => {
  await db?.dispose();
  db = undefined;
});

describe.each(DATABASE_KINDS)('the directory cache on %s', (kind: DatabaseKind) => {
  it('a change by another process is seen within 2 s; until then the cache answers without reading', async () => {
    db = await openTestDatabase(kind);
    let now = 1_000_000;
    const server = new TypeOrmDirectoryRepository(db.dataSource, () => now);
    const cli = new TypeOrmDirectoryRepository(db.dataSource);
    await cli.save(doc(['Ziekenhuis Oud']), []);
    expect((await server.load()).organisations.map((o) => o.name)).toEqual(['Ziekenhuis Oud']);

    await cli.save(doc(['Ziekenhuis Oud', 'Kraamzorg Nieuw']), []);
    now += 1000;
    expect((await server.load()).organisations).toHaveLength(1);
    now += 1000;
    expect((await server.load()).organisations.map((o) => o.name).sort()).toEqual(['Kraamzorg Nieuw', 'Ziekenhuis Oud']);

    // A removal (fewer rows) is seen too.
    await cli.save(doc(['Kraamzorg Nieuw']), []);
    now += 2000;
    expect((await server.load()).organisations.map((o) => o.name)).toEqual(['Kraamzorg Nieuw']);
  });

  it('nothing changed: after the check the same cached document is answered', async () => {
    db = await openTestDatabase(kind);
    let now = 0;
    const server = new TypeOrmDirectoryRepository(db.dataSource, () => now);
    await server.save(doc(['A']), []);
    const first = await server.load();
    now += 5000;
    expect(await server.load()).toBe(first);
  });
});
