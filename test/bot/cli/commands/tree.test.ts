import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { composeServices } from '../../../../bot/compose-services.ts';
import { createLogger } from '../../../../bot/logger.ts';
import { systemClock } from '../../../../core/clock.ts';
import type { DecisionTree } from '../../../../core/domain/decision-tree/types.ts';
import { openDatabase } from '../../../../storage/data-source.ts';
import { runKetenbot, sqliteFolderPerTest } from '../../../support/ketenbot-cli.ts';

/**
 * `ketenbot tree check | publish | versions | rollback` as an administrator runs them: exit codes,
 * the lines printed, and what is in use afterwards.
 */

const DEMO_DIRECTORY = 'data/demo-directory.json';
const DEFAULT_TREE = JSON.parse(readFileSync('data/decision-tree.json', 'utf8')) as DecisionTree;
const BUILT_IN = DEFAULT_TREE.version;
const NODES = DEFAULT_TREE.nodes.length;

const folder = sqliteFolderPerTest('ketenbot-cli-tree-');

const cli = (...args: string[]) => runKetenbot(folder.url, args);

/** Writes a tree file into the test folder; returns its path. */
function treeFile(name: string, tree: unknown): string {
  const path = join(folder.dir, name);
  writeFileSync(path, typeof tree === 'string' ? tree : JSON.stringify(tree, null, 2));
  return path;
}

function variant(version: string): DecisionTree {
  const tree = structuredClone(DEFAULT_TREE);
  tree.version = version;
  tree.nodes[0]!.text = { nl: `Vraag van ${version}`, en: `Question of ${version}` };
  return tree;
}

/** The default tree with two mistakes: a choice to a node that does not exist, and advice without English. */
function brokenTree(): { path: string; expected: string[] } {
  const tree = variant('2026.11.9') as unknown as { nodes: Array<Record<string, any>> };
  tree.nodes.find((n) => n.id === 'national')!.choices[1].next = 'landelijk-loket';
  delete tree.nodes.find((n) => n.id === 'own-advice')!.checks[1].en;
  return {
    path: treeFile('broken.json', tree),
    expected: [
      '  node "own-advice" (start → own → own-advice): checks[1].en is missing or empty',
      '  node "national" (start → national): choices[1].next leads to unknown node "landelijk-loket"',
      '  node "national-helpdesk" (not reachable from the root): is not reachable from the root',
    ],
  };
}

interface AuditJson { actor: string; action: string; subjectType: string; subjectId: string; before?: unknown; after?: unknown }
const treeAudit = async (): Promise<AuditJson[]> => {
  const result = await cli('audit', '--json');
  expect(result.code).toBe(0);
  return (JSON.parse(result.out) as AuditJson[]).filter((e) => e.subjectType === 'decision-tree');
};

beforeEach(async () => {
  expect((await cli('directory', 'import', DEMO_DIRECTORY)).code).toBe(0);
});

describe('ketenbot tree check', () => {
  it('without FILE: the tree in use (the built-in one) is valid', async () => {
    expect(await cli('tree', 'check')).toEqual({ code: 0, out: `The tree in use is valid: version ${BUILT_IN}, ${NODES} nodes.`, err: '' });
  });

  it('a valid FILE: exit 0 with its version and size; nothing is published', async () => {
    const path = treeFile('next.json', variant('2026.11.2'));
    expect(await cli('tree', 'check', path)).toEqual({ code: 0, out: `${path} is valid: version 2026.11.2, ${NODES} nodes.`, err: '' });
    expect((await cli('tree', 'versions')).out).toBe(`Nothing published yet; the built-in tree ${BUILT_IN} is in use.`);
  });

  it('a broken FILE: exit 1, one line per problem naming the node and its path from the root', async () => {
    const { path, expected } = brokenTree();
    const result = await cli('tree', 'check', path);
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    const lines = result.err.split('\n');
    expect(lines[0]).toBe(`${path}: 3 problems:`);
    expect(lines.slice(1).sort()).toEqual([...expected].sort());
  });

  it('a desk the directory cannot resolve is named with the organisation id', async () => {
    const tree = variant('2026.11.2');
    const account = tree.nodes.find((n) => n.id === 'account')!;
    if (account.kind === 'outcome') account.desks[0]!.desk = { rule: 'organisation', organisationId: 'org-bestaat-niet' };
    const result = await cli('tree', 'check', treeFile('unknown-org.json', tree));
    expect(result.code).toBe(1);
    expect(result.err).toContain('  node "account" (start → account): desks[0].desk: unknown organisation "org-bestaat-niet"');
  });

  it('a file that is not JSON: exit 1 saying it cannot be read', async () => {
    const path = treeFile('bad.json', '{ "version": ');
    const result = await cli('tree', 'check', path);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(new RegExp(`^Cannot read ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
  });

  it('a file that does not exist: exit 1', async () => {
    const result = await cli('tree', 'check', join(folder.dir, 'nergens.json'));
    expect(result.code).toBe(1);
    expect(result.err).toContain('Cannot read');
  });

  it('two files: usage error, exit 2', async () => {
    const result = await cli('tree', 'check', 'a.json', 'b.json');
    expect(result.code).toBe(2);
    expect(result.err).toContain('Usage: ketenbot tree check [FILE]');
  });
});

describe('ketenbot tree publish', () => {
  it('a valid FILE: exit 0, it is in use, listed, and audited (actor cli)', async () => {
    const path = treeFile('next.json', variant('2026.11.2'));
    expect(await cli('tree', 'publish', path)).toEqual({ code: 0, out: 'Published decision tree version 2026.11.2; it is now in use.', err: '' });
    expect((await cli('tree', 'check')).out).toBe(`The tree in use is valid: version 2026.11.2, ${NODES} nodes.`);
    expect((await cli('tree', 'versions')).out).toMatch(/^\* 2026\.11\.2 {2}published \d{4}-\d\d-\d\dT[\d:.]+Z by cli$/);
    expect(await treeAudit()).toEqual([expect.objectContaining({ actor: 'cli', action: 'tree.publish', subjectId: '2026.11.2', before: { version: BUILT_IN } })]);
  });

  it('a broken FILE: exit 1 with every problem, nothing published, the built-in tree still in use', async () => {
    const { path, expected } = brokenTree();
    const result = await cli('tree', 'publish', path);
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    const lines = result.err.split('\n');
    expect(lines[0]).toBe(`Not published (${path}): 3 problems:`);
    expect(lines.slice(1).sort()).toEqual([...expected].sort());
    expect((await cli('tree', 'versions')).out).toBe(`Nothing published yet; the built-in tree ${BUILT_IN} is in use.`);
    expect((await cli('tree', 'check')).out).toBe(`The tree in use is valid: version ${BUILT_IN}, ${NODES} nodes.`);
    expect(await treeAudit()).toEqual([]);
  });

  it('a broken FILE after a publication: the published version stays in use', async () => {
    await cli('tree', 'publish', treeFile('next.json', variant('2026.11.2')));
    expect((await cli('tree', 'publish', brokenTree().path)).code).toBe(1);
    expect((await cli('tree', 'check')).out).toBe(`The tree in use is valid: version 2026.11.2, ${NODES} nodes.`);
  });

  it('the same version again: exit 1, saying it needs a new version', async () => {
    await cli('tree', 'publish', treeFile('next.json', variant('2026.11.2')));
    const result = await cli('tree', 'publish', treeFile('again.json', { ...variant('2026.11.2'), root: 'start' }));
    expect(result.code).toBe(1);
    expect(result.err).toContain('version "2026.11.2" was published before; give the new tree a new version');
  });

  it('without FILE: usage error, exit 2', async () => {
    const result = await cli('tree', 'publish');
    expect(result.code).toBe(2);
    expect(result.err).toContain('Usage: ketenbot tree publish FILE');
  });

  it('the running bot (another process on the same database) uses the published version at once', async () => {
    // "it is now in use" must hold for the bot that is already answering people.
    const running = await openDatabase(folder.url);
    try {
      const bot = composeServices(running, systemClock, createLogger('silent', false));
      expect((await bot.tree.current()).version).toBe(BUILT_IN);
      expect((await cli('tree', 'publish', treeFile('next.json', variant('2026.11.2')))).code).toBe(0);
      expect((await bot.tree.current()).version).toBe('2026.11.2');
    } finally {
      await running.destroy();
    }
  });
});

describe('ketenbot tree versions', () => {
  it('nothing published: says the built-in tree is in use', async () => {
    expect(await cli('tree', 'versions')).toEqual({ code: 0, out: `Nothing published yet; the built-in tree ${BUILT_IN} is in use.`, err: '' });
  });

  it('newest first, the one in use marked with *', async () => {
    for (const v of ['2026.11.2', '2026.11.3']) {
      expect((await cli('tree', 'publish', treeFile(`${v}.json`, variant(v)))).code).toBe(0);
      await new Promise((r) => setTimeout(r, 5)); // distinct publication times
    }
    const lines = (await cli('tree', 'versions')).out.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\* 2026\.11\.3 {2}published .+ by cli$/);
    expect(lines[1]).toMatch(/^ {2}2026\.11\.2 {2}published .+ by cli$/);
  });

  it('an argument: usage error, exit 2', async () => {
    expect((await cli('tree', 'versions', 'all')).code).toBe(2);
  });
});

describe('ketenbot tree rollback', () => {
  beforeEach(async () => {
    for (const v of ['2026.11.2', '2026.11.3', '2026.12.1']) {
      expect((await cli('tree', 'publish', treeFile(`${v}.json`, variant(v)))).code).toBe(0);
      await new Promise((r) => setTimeout(r, 5));
    }
  });

  it('without VERSION: the version before the active one is in use again (exit 0), audited', async () => {
    expect(await cli('tree', 'rollback')).toEqual({ code: 0, out: 'Decision tree version 2026.11.3 is in use again.', err: '' });
    expect((await cli('tree', 'check')).out).toBe(`The tree in use is valid: version 2026.11.3, ${NODES} nodes.`);
    expect((await cli('tree', 'versions')).out.split('\n').map((l) => l.slice(0, 11))).toEqual(['  2026.12.1', '* 2026.11.3', '  2026.11.2']);
    expect((await treeAudit()).at(-1)).toEqual(expect.objectContaining({ actor: 'cli', action: 'tree.rollback', subjectId: '2026.11.3', before: { version: '2026.12.1' }, after: { version: '2026.11.3' } }));
  });

  it('to a named VERSION', async () => {
    expect(await cli('tree', 'rollback', '2026.11.2')).toEqual({ code: 0, out: 'Decision tree version 2026.11.2 is in use again.', err: '' });
    expect((await cli('tree', 'check')).out).toBe(`The tree in use is valid: version 2026.11.2, ${NODES} nodes.`);
  });

  it('an unknown VERSION: exit 1, pointing at tree versions; nothing changed', async () => {
    expect(await cli('tree', 'rollback', '2020.1.1')).toEqual({ code: 1, out: '', err: 'No published version "2020.1.1" (see: ketenbot tree versions)' });
    expect((await cli('tree', 'check')).out).toBe(`The tree in use is valid: version 2026.12.1, ${NODES} nodes.`);
  });

  it('past the oldest version: back to the built-in tree, then exit 1, nothing to roll back to', async () => {
    expect((await cli('tree', 'rollback', '2026.11.2')).code).toBe(0);
    expect((await cli('tree', 'rollback')).code).toBe(0);
    expect(await cli('tree', 'rollback')).toEqual({ code: 1, out: '', err: 'There is no earlier version to roll back to.' });
  });

  it('two versions: usage error, exit 2', async () => {
    expect((await cli('tree', 'rollback', 'a', 'b')).code).toBe(2);
  });
});

describe('ketenbot tree rollback with nothing published', () => {
  it('exit 1: there is no earlier version', async () => {
    expect(await cli('tree', 'rollback')).toEqual({ code: 1, out: '', err: 'There is no earlier version to roll back to.' });
  });
});

describe('ketenbot tree … --region NAME: a region\'s own variant', () => {
  it('publish, list and roll back a region\'s tree; the national tree is untouched; the region is matched whatever its case', async () => {
    expect(await cli('tree', 'publish', treeFile('r1.json', variant('rivierenland-1')), '--region', 'rivierenland')).toEqual({
      code: 0, out: 'Published decision tree version rivierenland-1 for the region Rivierenland; people of that region walk it now.', err: '',
    });
    expect((await cli('tree', 'versions', '--region', 'Rivierenland')).out).toMatch(/^\* rivierenland-1 {2}published .+ by cli$/);
    expect((await cli('tree', 'versions')).out).toBe(`Nothing published yet; the built-in tree ${BUILT_IN} is in use.`);
    expect(await cli('tree', 'rollback', '--region', 'Rivierenland')).toEqual({ code: 0, out: `The region Rivierenland uses the national decision tree ${BUILT_IN} again.`, err: '' });
    expect((await cli('tree', 'versions', '--region', 'Rivierenland')).out).toMatch(/^ {2}rivierenland-1 /);
  });

  it('an unknown region: usage error naming the regions the directory has, nothing published', async () => {
    const result = await cli('tree', 'publish', treeFile('x.json', variant('x-1')), '--region', 'Atlantis');
    expect(result.code).toBe(2);
    expect(result.err).toContain('unknown region "Atlantis" (the directory has: Noordkust, Rivierenland)');
    expect((await cli('tree', 'versions', '--region', 'Noordkust')).out).toContain('has no tree of its own');
  });
});
