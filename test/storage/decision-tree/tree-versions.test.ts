import { readFileSync } from 'node:fs';
import type { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDefaultTree } from '../../../bot/default-tree.ts';
import type { Clock } from '../../../core/clock.ts';
import { TreeVersions } from '../../../core/domain/decision-tree/tree-versions.ts';
import type { DecisionTree } from '../../../core/domain/decision-tree/types.ts';
import { importDirectory } from '../../../core/domain/directory/import-directory.ts';
import { TypeOrmAuditLog } from '../../../storage/audit/typeorm-audit-log.ts';
import { openDatabase } from '../../../storage/data-source.ts';
import { TypeOrmTreeRepository } from '../../../storage/decision-tree/typeorm-tree-repository.ts';
import { TypeOrmDirectoryRepository } from '../../../storage/directory/typeorm-directory-repository.ts';
import { DATABASE_KINDS, type DatabaseKind, type TestDatabase, openTestDatabase } from '../../support/databases.ts';

/**
 * Which decision tree is in use, on both databases: the built-in one until something is
 * published; publishing validates first (a broken file changes nothing) and is audited; versions
 * are listed newest first; rollback makes an earlier version active again; a conversation in
 * progress can still load the version it started on.
 */

const BUILT_IN = loadDefaultTree();
const DEMO = JSON.parse(readFileSync(new URL('../../../data/demo-directory.json', import.meta.url), 'utf8'));

/** The built-in tree with another version and a recognisable first question. */
function variant(version: string): DecisionTree {
  const tree = structuredClone(BUILT_IN);
  tree.version = version;
  tree.nodes[0]!.text = { nl: `Vraag van versie ${version}`, en: `Question of version ${version}` };
  return tree;
}

const firstQuestion = (tree: DecisionTree | undefined) => tree?.nodes[0]?.text.nl;

describe.each(DATABASE_KINDS)('decision-tree versions on %s', (kind: DatabaseKind) => {
  let db: TestDatabase;
  let versions: TreeVersions;
  let audit: TypeOrmAuditLog;
  let now: Date;
  const clock: Clock = { now: () => now };
  /** Moves the clock on a minute (so publications are ordered in time). */
  const tick = () => { now = new Date(now.getTime() + 60_000); };

  const open = (dataSource: DataSource) => new TreeVersions(new TypeOrmTreeRepository(dataSource), new TypeOrmDirectoryRepository(dataSource), BUILT_IN, clock);
  const treeAudit = async () => (await audit.since(new Date(0))).filter((e) => e.subjectType === 'decision-tree');

  beforeEach(async () => {
    now = new Date('2026-11-20T09:00:00.000Z');
    db = await openTestDatabase(kind);
    const imported = await importDirectory(new TypeOrmDirectoryRepository(db.dataSource), DEMO, { replace: true, actor: 'test', now });
    if ('problems' in imported) throw new Error(JSON.stringify(imported.problems));
    versions = open(db.dataSource);
    audit = new TypeOrmAuditLog(db.dataSource);
  });
  afterEach(async () => {
    await db?.dispose();
  });

  it('until something is published, the built-in tree is in use and nothing is listed', async () => {
    expect(await versions.current()).toEqual(BUILT_IN);
    expect(await versions.list()).toEqual([]);
    expect(await versions.version(BUILT_IN.version)).toEqual(BUILT_IN);
  });

  it('publishing a valid new version makes it the one in use, listed as active, with a tree.publish audit entry', async () => {
    tick();
    expect(await versions.publish(variant('2026.11.2'), 'teams:admin-1')).toEqual({ ok: true, version: '2026.11.2' });

    expect(await versions.current()).toEqual(variant('2026.11.2'));
    expect(await versions.list()).toEqual([{ version: '2026.11.2', publishedBy: 'teams:admin-1', publishedAt: '2026-11-20T09:01:00.000Z', active: true }]);
    expect(await treeAudit()).toEqual([
      expect.objectContaining({
        at: '2026-11-20T09:01:00.000Z', actor: 'teams:admin-1', action: 'tree.publish', subjectType: 'decision-tree', subjectId: '2026.11.2',
        before: { version: BUILT_IN.version }, after: { version: '2026.11.2', nodes: BUILT_IN.nodes.length },
      }),
    ]);
  });

  it('publishing an invalid file: the problems come back, the tree in use and the list are unchanged, nothing audited', async () => {
    await versions.publish(variant('2026.11.2'), 'cli');
    const broken = variant('2026.11.3') as unknown as { nodes: Array<Record<string, any>> };
    broken.nodes[0]!.choices[0].next = 'bestaat-niet';
    delete broken.nodes[1]!.text.en;

    const result = await versions.publish(broken, 'cli');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual(expect.arrayContaining([
      { nodeId: 'start', path: 'start', message: 'choices[0].next leads to unknown node "bestaat-niet"' },
      expect.objectContaining({ nodeId: 'own', message: 'text.en is missing or empty' }),
    ]));
    expect(firstQuestion(await versions.current())).toBe('Vraag van versie 2026.11.2');
    expect((await versions.list()).map((v) => v.version)).toEqual(['2026.11.2']);
    expect((await treeAudit()).map((e) => e.subjectId)).toEqual(['2026.11.2']);
  });

  it('publishing a tree whose desks the directory cannot resolve is refused', async () => {
    const tree = variant('2026.11.2');
    const outcome = tree.nodes.find((n) => n.kind === 'outcome')!;
    if (outcome.kind === 'outcome') outcome.desks.push({ desk: { rule: 'organisation', organisationId: 'org-bestaat-niet' }, role: { nl: 'Of', en: 'Or' } });
    const result = await versions.publish(tree, 'cli');
    expect(!result.ok && result.problems.map((p) => p.message)).toEqual([`desks[1].desk: unknown organisation "org-bestaat-niet"`]);
    expect(await versions.current()).toEqual(BUILT_IN);
  });

  it('publishing a version that was published before is refused, and changes nothing', async () => {
    await versions.publish(variant('2026.11.2'), 'cli');
    tick();
    const again = variant('2026.11.2');
    again.nodes[0]!.text.nl = 'Stiekem gewijzigd';
    const result = await versions.publish(again, 'cli');
    expect(result).toEqual({ ok: false, problems: [{ nodeId: '-', path: '-', message: 'version "2026.11.2" was published before; give the new tree a new version' }] });
    expect(firstQuestion(await versions.current())).toBe('Vraag van versie 2026.11.2');
    expect(await versions.list()).toHaveLength(1);
  });

  it('a changed tree under the built-in version is refused (nothing published yet)', async () => {
    const changed = variant(BUILT_IN.version);
    expect((await versions.publish(changed, 'cli')).ok).toBe(false);
    expect(await versions.current()).toEqual(BUILT_IN);
  });

  it('a changed tree under the built-in version is refused after other versions were published too', async () => {
    // Conversations that started on the built-in tree load it by its version: it must keep meaning the built-in tree.
    await versions.publish(variant('2026.11.2'), 'cli');
    tick();
    const changed = variant(BUILT_IN.version);
    const result = await versions.publish(changed, 'cli');
    expect(result.ok).toBe(false);
    expect(await versions.version(BUILT_IN.version)).toEqual(BUILT_IN);
    expect(firstQuestion(await versions.current())).toBe('Vraag van versie 2026.11.2');
  });

  it('lists the versions newest first, only the one in use marked active', async () => {
    for (const v of ['2026.11.2', '2026.11.3', '2026.12.1']) {
      tick();
      expect((await versions.publish(variant(v), `cli-${v}`)).ok).toBe(true);
    }
    expect(await versions.list()).toEqual([
      { version: '2026.12.1', publishedBy: 'cli-2026.12.1', publishedAt: '2026-11-20T09:03:00.000Z', active: true },
      { version: '2026.11.3', publishedBy: 'cli-2026.11.3', publishedAt: '2026-11-20T09:02:00.000Z', active: false },
      { version: '2026.11.2', publishedBy: 'cli-2026.11.2', publishedAt: '2026-11-20T09:01:00.000Z', active: false },
    ]);
    expect(firstQuestion(await versions.current())).toBe('Vraag van versie 2026.12.1');
  });

  describe('rollback', () => {
    beforeEach(async () => {
      for (const v of ['2026.11.2', '2026.11.3', '2026.12.1']) {
        tick();
        await versions.publish(variant(v), 'cli');
      }
      tick();
    });

    it('without a version: the one published before the active one is in use again, audited as tree.rollback', async () => {
      expect(await versions.rollback('teams:admin-1')).toEqual({ ok: true, version: '2026.11.3' });
      expect(firstQuestion(await versions.current())).toBe('Vraag van versie 2026.11.3');
      expect((await versions.list()).map((v) => [v.version, v.active])).toEqual([['2026.12.1', false], ['2026.11.3', true], ['2026.11.2', false]]);
      expect((await treeAudit()).at(-1)).toEqual(expect.objectContaining({
        at: '2026-11-20T09:04:00.000Z', actor: 'teams:admin-1', action: 'tree.rollback', subjectType: 'decision-tree', subjectId: '2026.11.3',
        before: { version: '2026.12.1' }, after: { version: '2026.11.3' },
      }));
      // And once more: the one before that.
      expect(await versions.rollback('cli')).toEqual({ ok: true, version: '2026.11.2' });
      expect(firstQuestion(await versions.current())).toBe('Vraag van versie 2026.11.2');
    });

    it('to a named version', async () => {
      expect(await versions.rollback('cli', '2026.11.2')).toEqual({ ok: true, version: '2026.11.2' });
      expect(firstQuestion(await versions.current())).toBe('Vraag van versie 2026.11.2');
      expect((await versions.list()).filter((v) => v.active).map((v) => v.version)).toEqual(['2026.11.2']);
      expect((await treeAudit()).at(-1)).toEqual(expect.objectContaining({ action: 'tree.rollback', before: { version: '2026.12.1' }, after: { version: '2026.11.2' } }));
    });

    it('to an unknown version: refused, nothing changed, nothing audited', async () => {
      const before = await treeAudit();
      expect(await versions.rollback('cli', '2020.1.1')).toEqual({ ok: false, reason: 'unknown-version' });
      expect(firstQuestion(await versions.current())).toBe('Vraag van versie 2026.12.1');
      expect(await treeAudit()).toEqual(before);
    });

    it('past the oldest version: back to the built-in tree, and then nothing more to roll back', async () => {
      await versions.rollback('cli', '2026.11.2');
      expect(await versions.rollback('cli')).toEqual({ ok: true, version: BUILT_IN.version });
      expect(await versions.current()).toEqual(BUILT_IN);
      expect(await versions.rollback('cli')).toEqual({ ok: false, reason: 'nothing-to-roll-back' });
    });
  });

  it('with nothing published there is nothing to roll back', async () => {
    expect(await versions.rollback('cli')).toEqual({ ok: false, reason: 'nothing-to-roll-back' });
    expect(await versions.rollback('cli', '2026.11.2')).toEqual({ ok: false, reason: 'unknown-version' });
    expect(await treeAudit()).toEqual([]);
  });

  it('version(v) still returns older versions, so a conversation in progress finishes on the tree it started on', async () => {
    await versions.publish(variant('2026.11.2'), 'cli');
    tick();
    await versions.publish(variant('2026.11.3'), 'cli');
    expect(firstQuestion(await versions.version('2026.11.2'))).toBe('Vraag van versie 2026.11.2');
    expect(firstQuestion(await versions.version('2026.11.3'))).toBe('Vraag van versie 2026.11.3');
    expect(await versions.version(BUILT_IN.version)).toEqual(BUILT_IN);
    expect(await versions.version('1999.1.1')).toBeUndefined();
    await versions.rollback('cli', '2026.11.2');
    expect(firstQuestion(await versions.version('2026.11.3'))).toBe('Vraag van versie 2026.11.3');
  });

  it('a publication by another process on the same database (the CLI while the bot runs) is in use there at once', async () => {
    // The running bot has already answered with the tree in use.
    const other = kind === 'sqlite' ? await openDatabase(db.url) : await openDatabase(db.url, { schema: db.schema! });
    try {
      const bot = open(other);
      expect((await bot.current()).version).toBe(BUILT_IN.version);
      tick();
      expect((await versions.publish(variant('2026.11.2'), 'cli')).ok).toBe(true);
      expect((await bot.current()).version).toBe('2026.11.2');
      tick();
      expect((await versions.rollback('cli', '2026.11.2')).ok).toBe(true);
      tick();
      await versions.publish(variant('2026.11.3'), 'cli');
      await versions.rollback('cli');
      expect((await bot.current()).version).toBe('2026.11.2');
    } finally {
      await other.destroy();
    }
  });
});
