import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importKbEntries } from '../../../core/domain/knowledge-base/import-entries.ts';
import { indexTerms, stem } from '../../../core/domain/knowledge-base/text-analysis.ts';
import type { KbEntry } from '../../../core/domain/knowledge-base/types.ts';
import { migrate } from '../../../storage/data-source.ts';
import { SqlKbSearchIndex } from '../../../storage/knowledge-base/kb-search-index.ts';
import { TypeOrmKbRepository } from '../../../storage/knowledge-base/typeorm-kb-repository.ts';
import { DATABASE_KINDS, databasePerTest, openTestDatabase, type DatabaseKind } from '../../support/databases.ts';

/**
 * Alternative questions stored with their entry (column kb_entry.questions, migration 016) and
 * searched like its tags (the index rows are rewritten with every upsert), on both databases.
 */

const root = (path: string) => new URL(`../../../${path}`, import.meta.url);
const demoKb = () => JSON.parse(readFileSync(root('data/demo-kb.json'), 'utf8')) as { entries: Array<Record<string, unknown>> };
const T1 = new Date('2026-03-02T09:00:00.000Z');
const T2 = new Date('2026-03-03T09:00:00.000Z');

const QUESTIONS = ['Pincode 3x fout ingetikt, nu zit alles op slot', 'mijn "pasje" doet het niet meer – wat nu?', 'ÜZI-pas geblokkeerd'];

describe.each(DATABASE_KINDS)('alternative questions in storage on %s', (kind: DatabaseKind) => {
  const databases = databasePerTest(kind);

  async function setup() {
    const db = await databases.open();
    const repository = new TypeOrmKbRepository(db.dataSource);
    const importOk = async (input: unknown, now = T1) => {
      const result = await importKbEntries(repository, input, { actor: 'test', now });
      if ('problems' in result) throw new Error(JSON.stringify(result.problems));
      return result;
    };
    /** The index row of one entry, as the search reads it. */
    const indexed = async (id: string) => (await new SqlKbSearchIndex(db.dataSource).allEntries()).filter((e) => e.id === id);
    return { db, repository, importOk, indexed };
  }

  it('the migration gives every existing entry an empty list, keeps the entries as they were and the index pointing at them', async () => {
    const { db, repository, importOk } = await setup();
    await importOk(demoKb());
    const rowids = async () => (kind === 'sqlite' ? await db.dataSource.query('SELECT rowid, id FROM kb_entry ORDER BY rowid') : []);
    const before = await rowids();
    const entries = (await repository.all()).map(({ questions: _, ...rest }) => rest);
    // Back to before migration 016 (and anything after it), then forward again.
    for (;;) {
      const names: Array<{ name: string }> = await db.dataSource.query('SELECT name FROM migrations');
      if (!names.some((m) => m.name === 'KbQuestions1763800000016')) break;
      await db.dataSource.undoLastMigration({ transaction: 'each' });
    }
    await expect(db.dataSource.query('SELECT questions FROM kb_entry')).rejects.toThrow();
    await migrate(db.dataSource);
    const raw: Array<{ questions: string }> = await db.dataSource.query('SELECT questions FROM kb_entry');
    expect(raw).toHaveLength(54);
    expect(new Set(raw.map((r) => r.questions))).toEqual(new Set(['[]']));
    const after = await repository.all();
    expect(after.map(({ questions: _, ...rest }) => rest)).toEqual(entries);
    expect(after.every((e) => Array.isArray(e.questions) && e.questions.length === 0)).toBe(true);
    if (kind === 'sqlite') {
      expect(await rowids()).toEqual(before);
      const joined: Array<{ n: number }> = await db.dataSource.query('SELECT COUNT(*) AS n FROM kb_fts f JOIN kb_entry e ON e.rowid = f.rowid AND e.id = f.entry_id');
      expect(Number(joined[0]!.n)).toBe(54);
    }
  });

  it('round trip: stored as a JSON list, read back as typed (quotes, accents, dashes), exported and imported elsewhere unchanged', async () => {
    const { db, repository, importOk } = await setup();
    const file = demoKb();
    file.entries[6]!.questions = QUESTIONS;
    await importOk(file);
    const [entry] = await repository.byIds([file.entries[6]!.id as string]);
    expect(entry!.questions).toEqual(QUESTIONS);
    const raw: Array<{ questions: string }> = await db.dataSource.query(`SELECT questions FROM kb_entry WHERE id = ${kind === 'postgres' ? '$1' : '?'}`, [entry!.id]);
    expect(JSON.parse(raw[0]!.questions)).toEqual(QUESTIONS);
    expect((await repository.all()).find((e) => e.id === entry!.id)!.questions).toEqual(QUESTIONS);

    const exported = JSON.parse(JSON.stringify({ entries: await repository.all() })) as { entries: KbEntry[] };
    expect(exported.entries.find((e) => e.id === entry!.id)!.questions).toEqual(QUESTIONS);
    const other = await openTestDatabase(kind);
    try {
      const otherRepository = new TypeOrmKbRepository(other.dataSource);
      expect(await importKbEntries(otherRepository, exported, { actor: 'cli', now: T2 })).toEqual({ added: 54, updated: 0, unchanged: 0 });
      expect((await otherRepository.byIds([entry!.id]))[0]!.questions).toEqual(QUESTIONS);
    } finally {
      await other.dispose();
    }
  });

  it('a file without questions keeps the ones an entry has (learned from use); a file with a list replaces them, [] clears them', async () => {
    const { repository, importOk } = await setup();
    const file = demoKb();
    file.entries[6]!.questions = QUESTIONS;
    await importOk(file);
    const id = file.entries[6]!.id as string;
    expect(await importOk(demoKb(), T2)).toEqual({ added: 0, updated: 0, unchanged: 54 });
    expect((await repository.byIds([id]))[0]!.questions).toEqual(QUESTIONS);
    file.entries[6]!.questions = [QUESTIONS[2]];
    expect(await importOk(file, T2)).toMatchObject({ updated: 1 });
    expect((await repository.byIds([id]))[0]!.questions).toEqual([QUESTIONS[2]]);
    file.entries[6]!.questions = [];
    expect(await importOk(file, T2)).toMatchObject({ updated: 1 });
    expect((await repository.byIds([id]))[0]!.questions).toEqual([]);
  });

  it('the index row is rewritten with every upsert: the questions\' words are tag terms, in order; one row per entry', async () => {
    const { db, repository, importOk, indexed } = await setup();
    await importOk(demoKb());
    const id = 'kb-007';
    const [before] = await indexed(id);
    expect(before!.tagTerms).not.toContain(stem('slot', 'nl'));
    const [entry] = await repository.byIds([id]);
    await repository.upsert([{ ...entry!, questions: ['nu zit alles op slot', 'pasje doet raar'] }], []);
    const rows = await indexed(id);
    expect(rows).toHaveLength(1);
    // The tags' own terms first, then each question's, in order (a phrase stays a phrase).
    expect(rows[0]!.tagTerms).toEqual([...before!.tagTerms, ...indexTerms('nu zit alles op slot', 'nl'), ...indexTerms('pasje doet raar', 'nl')]);
    expect(rows[0]!.tagTerms).toEqual(expect.arrayContaining([stem('slot', 'nl'), stem('pasje', 'nl'), stem('raar', 'nl')]));
    expect(rows[0]!.titleTerms).toEqual(before!.titleTerms);
    expect(rows[0]!.bodyTerms).toEqual(before!.bodyTerms);
    // The database's own full-text query finds the entry by a word only a question has.
    expect((await new SqlKbSearchIndex(db.dataSource).candidates([stem('pasje', 'nl')], 10)).map((c) => c.id)).toEqual([id]);
    // Changed again: the old question's words are gone from the index.
    await repository.upsert([{ ...entry!, questions: ['pasje doet raar'] }], []);
    expect((await indexed(id))[0]!.tagTerms).toEqual([...before!.tagTerms, ...indexTerms('pasje doet raar', 'nl')]);
    expect((await indexed(id))[0]!.tagTerms).not.toContain(stem('slot', 'nl'));
    const count: Array<{ n: number | string }> = await db.dataSource.query(kind === 'sqlite' ? 'SELECT COUNT(*) AS n FROM kb_fts' : 'SELECT COUNT(*) AS n FROM kb_search');
    expect(Number(count[0]!.n)).toBe(54);
  });
});
