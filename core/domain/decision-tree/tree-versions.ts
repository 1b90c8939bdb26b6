import type { Clock } from '../../clock.ts';
import type { DirectoryRepository } from '../directory/directory-repository.ts';
import type { TreeRepository, TreeVersionInfo } from './tree-repository.ts';
import type { DecisionTree } from './types.ts';
import { validateTree, type TreeProblem } from './validate-tree.ts';

export type PublishResult =
  | { ok: true; version: string }
  | { ok: false; problems: TreeProblem[] };

/**
 * Which decision tree is in use. Publishing validates against the directory first: a broken
 * file never replaces a working tree. Until anything is published, the built-in default tree is used.
 */
export class TreeVersions {
  constructor(
    private readonly repository: TreeRepository,
    private readonly directory: DirectoryRepository,
    private readonly builtIn: DecisionTree,
    private readonly clock: Clock,
  ) {}

  async current(): Promise<DecisionTree> {
    return (await this.repository.active()) ?? this.builtIn;
  }

  /** A specific version (a conversation finishes on the version it started with). */
  async version(version: string): Promise<DecisionTree | undefined> {
    if (version === this.builtIn.version) return (await this.repository.get(version)) ?? this.builtIn;
    return this.repository.get(version);
  }

  list(): Promise<TreeVersionInfo[]> {
    return this.repository.list();
  }

  async check(input: unknown): Promise<{ tree: DecisionTree } | { problems: TreeProblem[] }> {
    return validateTree(input, await this.directory.load());
  }

  async publish(input: unknown, actor: string): Promise<PublishResult> {
    const checked = await this.check(input);
    if ('problems' in checked) return { ok: false, problems: checked.problems };
    const tree = checked.tree;
    const known = await this.repository.list();
    // A version number means one content: published ones, and the built-in one, cannot be reused.
    if (known.some((v) => v.version === tree.version) || (tree.version === this.builtIn.version && !isSame(tree, this.builtIn))) {
      return { ok: false, problems: [{ nodeId: '-', path: '-', message: `version "${tree.version}" was published before; give the new tree a new version` }] };
    }
    const at = this.clock.now().toISOString();
    const previous = known.find((v) => v.active)?.version ?? (known.length ? undefined : this.builtIn.version);
    await this.repository.publish(tree, actor, at, {
      at, actor, action: 'tree.publish', subjectType: 'decision-tree', subjectId: tree.version,
      ...(previous ? { before: { version: previous } } : {}), after: { version: tree.version, nodes: tree.nodes.length },
    });
    return { ok: true, version: tree.version };
  }

  /** Makes an earlier version active again: the given one, or the one published before the active one. */
  async rollback(actor: string, version?: string): Promise<{ ok: true; version: string } | { ok: false; reason: 'unknown-version' | 'nothing-to-roll-back' }> {
    const versions = await this.repository.list();
    const activeIndex = versions.findIndex((v) => v.active);
    const active = versions[activeIndex]?.version;
    const builtInPublished = versions.some((v) => v.version === this.builtIn.version);
    // Back to the built-in tree: by name, or when the first publication is rolled back.
    const toBuiltIn = !builtInPublished && (version === this.builtIn.version || (!version && activeIndex === versions.length - 1 && activeIndex >= 0));
    const target = toBuiltIn ? undefined : version ? versions.find((v) => v.version === version) : activeIndex >= 0 ? versions[activeIndex + 1] : undefined;
    if (!target && !toBuiltIn) return { ok: false, reason: version ? 'unknown-version' : 'nothing-to-roll-back' };
    const targetVersion = target?.version ?? this.builtIn.version;
    const at = this.clock.now().toISOString();
    await this.repository.activate(target?.version, {
      at, actor, action: 'tree.rollback', subjectType: 'decision-tree', subjectId: targetVersion,
      ...(active ? { before: { version: active } } : {}), after: { version: targetVersion },
    });
    return { ok: true, version: targetVersion };
  }
}

const isSame = (a: DecisionTree, b: DecisionTree) => JSON.stringify(a) === JSON.stringify(b);
