import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../../core/domain/directory/validate-directory.ts';
import { importKbEntries } from '../../../core/domain/knowledge-base/import-entries.ts';
import type { KbEntry } from '../../../core/domain/knowledge-base/types.ts';
import { TypeOrmAuditLog } from '../../../storage/audit/typeorm-audit-log.ts';
import { TypeOrmKbRepository } from '../../../storage/knowledge-base/typeorm-kb-repository.ts';
import { DATABASE_KINDS, databasePerTest, openTestDatabase, type DatabaseKind } from '../../support/databases.ts';

const root = (path: string) => new URL(`../../../${path}`, import.meta.url);
const KB_TEXT = readFileSync(root('data/demo-kb.json'), 'utf8');
const demoKb = () => JSON.parse(KB_TEXT) as { entries: Array<Record<string, any>> };
const APPS = new Set((JSON.parse(readFileSync(root('data/demo-directory.json'), 'utf8')) as { applications: Array<{ id: string }> }).applications.map((a) => a.id));

const T1 = new Date('2026-03-02T09:00:00.000Z');
const T2 = new Date('2026-03-03T10:30:00.000Z');
const T3 = new Date('2026-03-04T11:45:00.000Z');

describe.each(DATABASE_KINDS)('knowledge-base import on %s', (kind: DatabaseKind) => {
  const databases = databasePerTest(kind);

  async function setup() {
    const db = await databases.open();
    const repository = new TypeOrmKbRepository(db.dataSource);
    const auditLog = new TypeOrmAuditLog(db.dataSource);
    const snapshot = async () => ({ entries: await repository.all(), audit: await auditLog.since(new Date(0)) });
    const importOk = async (input: unknown, now: Date, actor = 'cli') => {
      const result = await importKbEntries(repository, input, { actor, now, knownApplicationIds: APPS });
      if ('problems' in result) throw new Error(result.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
      return result;
    };
    const importRefused = async (input: unknown, now: Date): Promise<Problem[]> => {
      const before = await snapshot();
      const result = await importKbEntries(repository, input, { actor: 'cli', now, knownApplicationIds: APPS });
      expect(result, 'the import should have been refused').toHaveProperty('problems');
      expect(await snapshot()).toEqual(before);
      return (result as { problems: Problem[] }).problems;
    };
    return { repository, auditLog, snapshot, importOk, importRefused };
  }

  it('the demo knowledge base imports: 54 added, each audited, stored as in the file', async () => {
    const { importOk, repository, snapshot } = await setup();
    expect(await importOk(demoKb(), T1, 'demo-data')).toEqual({ added: 54, updated: 0, unchanged: 0 });
    expect(await repository.count()).toBe(54);

    const { entries, audit } = await snapshot();
    const file = demoKb().entries;
    for (const raw of file) {
      const stored = entries.find((e) => e.id === raw.id)!;
      expect(stored).toEqual({
        ...raw,
        questions: [], // files without questions: none yet
        published: true, // files without the flag publish
        createdBy: 'demo-data', createdAt: T1.toISOString(), updatedBy: 'demo-data', updatedAt: T1.toISOString(),
      });
    }
    expect(audit).toHaveLength(54);
    expect(new Set(audit.map((a) => a.action))).toEqual(new Set(['kb.entry.add']));
    expect(audit.map((a) => a.subjectId).sort()).toEqual(file.map((e) => e.id).sort());
    expect(audit[0]).toMatchObject({ at: T1.toISOString(), actor: 'demo-data', subjectType: 'kb-entry' });
    expect(audit[0]).not.toHaveProperty('before');
  });

  it('importing it again: 54 unchanged, nothing written', async () => {
    const { importOk, snapshot } = await setup();
    await importOk(demoKb(), T1);
    const before = await snapshot();
    expect(await importOk(demoKb(), T2)).toEqual({ added: 0, updated: 0, unchanged: 54 });
    expect(await snapshot()).toEqual(before);
  });

  it('changing one solution: 1 updated, creation kept, update time and author changed, audited with before and after', async () => {
    const { importOk, snapshot } = await setup();
    await importOk(demoKb(), T1, 'demo-data');
    const before = await snapshot();
    const file = demoKb();
    file.entries[3]!.solution = 'Start de applicatie opnieuw op en meld het daarna bij de servicedesk.';
    expect(await importOk(file, T2, 'teams:beheerder-1')).toEqual({ added: 0, updated: 1, unchanged: 53 });

    const after = await snapshot();
    const id = file.entries[3]!.id as string;
    const old = before.entries.find((e) => e.id === id)!;
    const now = after.entries.find((e) => e.id === id)!;
    expect(now).toEqual({ ...old, solution: file.entries[3]!.solution, updatedBy: 'teams:beheerder-1', updatedAt: T2.toISOString() });
    expect(now.createdAt).toBe(T1.toISOString());
    expect(now.createdBy).toBe('demo-data');
    expect(after.entries.filter((e) => e.id !== id)).toEqual(before.entries.filter((e) => e.id !== id));

    const added = after.audit.slice(before.audit.length);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ at: T2.toISOString(), actor: 'teams:beheerder-1', action: 'kb.entry.update', subjectType: 'kb-entry', subjectId: id });
    expect(added[0]!.before).toEqual(old);
    expect(added[0]!.after).toEqual(now);
  });

  it('a bare list with one new entry next to known ones adds just that one', async () => {
    const { importOk, repository } = await setup();
    await importOk(demoKb(), T1);
    const list = demoKb().entries.slice(0, 2);
    list.push({ ...list[0]!, id: 'kb-new', title: 'Nieuw artikel' });
    expect(await importOk(list, T2)).toEqual({ added: 1, updated: 0, unchanged: 2 });
    expect(await repository.count()).toBe(55);
  });

  it('bad entries: every problem with its path, nothing stored', async () => {
    const { importOk, importRefused, repository } = await setup();
    await importOk(demoKb(), T1);
    const file = demoKb();
    file.entries[0]!.solution = 'Een goede wijziging die niet mag landen.';
    delete file.entries[1]!.title;
    file.entries[2]!.language = 'de';
    file.entries[3]!.applicationIds = ['app-medicura-epd', 'app-bestaat-niet'];
    file.entries[5]!.id = file.entries[4]!.id;
    file.entries[6]!.title = 'Lang '.repeat(50);
    file.entries[7]!.published = 'ja';
    file.entries.push({ ...file.entries[8]!, id: 'kb-extra' }); // a new good entry that must not land either
    const problems = await importRefused(file, T2);
    expect(problems).toEqual([
      { path: 'entries[1].title', message: 'is required (text)' },
      { path: 'entries[2].language', message: 'must be "nl" or "en"' },
      { path: 'entries[3].applicationIds[1]', message: 'unknown application "app-bestaat-niet"' },
      { path: 'entries[5].id', message: `duplicate id "${file.entries[4]!.id}"` },
      { path: 'entries[6].title', message: 'is longer than 200 characters' },
      { path: 'entries[7].published', message: 'must be true or false' },
    ]);
    expect(await repository.count()).toBe(54);
  });

  it('bad entries on an empty knowledge base store nothing', async () => {
    const { importRefused, repository } = await setup();
    const file = demoKb();
    file.entries[53]!.language = 'de';
    expect((await importRefused(file, T1)).map((p) => p.path)).toEqual(['entries[53].language']);
    expect(await repository.count()).toBe(0);
  });

  it('published: false is stored and survives export and re-import', async () => {
    const { importOk, repository, snapshot } = await setup();
    const file = demoKb();
    file.entries[0]!.published = false;
    file.entries[1]!.published = true;
    await importOk(file, T1);
    const stored = await repository.all();
    expect(stored.find((e) => e.id === file.entries[0]!.id)!.published).toBe(false);
    expect(stored.find((e) => e.id === file.entries[1]!.id)!.published).toBe(true);
    expect(stored.filter((e) => e.published === false)).toHaveLength(1);

    // export is { entries: all() } with metadata; it imports back as all unchanged
    const exported = JSON.parse(JSON.stringify({ entries: stored })) as { entries: KbEntry[] };
    expect(exported.entries.find((e) => e.id === file.entries[0]!.id)!.published).toBe(false);
    const before = await snapshot();
    expect(await importOk(exported, T2)).toEqual({ added: 0, updated: 0, unchanged: 54 });
    expect(await snapshot()).toEqual(before);
  });

  it('publishing a draft later is an update', async () => {
    const { importOk, repository } = await setup();
    const file = demoKb();
    file.entries[0]!.published = false;
    await importOk(file, T1);
    file.entries[0]!.published = true;
    expect(await importOk(file, T3)).toEqual({ added: 0, updated: 1, unchanged: 53 });
    const entry = (await repository.byIds([file.entries[0]!.id]))[0]!;
    expect(entry).toMatchObject({ published: true, createdAt: T1.toISOString(), updatedAt: T3.toISOString() });
  });

  it('an export imports into an empty database with the same content', async () => {
    const { importOk, repository } = await setup();
    await importOk(demoKb(), T1);
    const exported = JSON.parse(JSON.stringify({ entries: await repository.all() })) as { entries: KbEntry[] };
    const other = await openTestDatabase(kind);
    try {
      const otherRepository = new TypeOrmKbRepository(other.dataSource);
      expect(await importKbEntries(otherRepository, exported, { actor: 'cli', now: T2, knownApplicationIds: APPS })).toEqual({ added: 54, updated: 0, unchanged: 0 });
      const strip = (e: KbEntry) => ({ ...e, createdBy: '', createdAt: '', updatedBy: '', updatedAt: '' });
      expect((await otherRepository.all()).map(strip)).toEqual(exported.entries.map(strip));
    } finally {
      await other.dispose();
    }
  });
});
