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
 * A region whose RSO published a variant walks that one; every other region the national tree.
 * `region` undefined everywhere below means the national tree.
 */
export class TreeVersions {
  constructor(
    private readonly repository: TreeRepository,
    private readonly directory: DirectoryRepository,
    private readonly builtIn: DecisionTree,
    private readonly clock: Clock,
  ) {}

  /** The tree people of this region walk: their region's variant, else the national tree. */
  async current(region?: string): Promise<DecisionTree> {
    return (region ? await this.repository.active(region) : undefined) ?? (await this.repository.active()) ?? this.builtIn;
  }

  /** A specific version (a conversation finishes on the version it started with). */
  async version(version: string): Promise<DecisionTree | undefined> {
    if (version === this.builtIn.version) return (await this.repository.get(version)) ?? this.builtIn;
    return this.repository.get(version);
  }

  list(region?: string): Promise<TreeVersionInfo[]> {
    return this.repository.list(region);
  }

  async check(input: unknown): Promise<{ tree: DecisionTree } | { problems: TreeProblem[] }> {
    return validateTree(input, await this.directory.load());
  }

  async publish(input: unknown, actor: string, region?: string): Promise<PublishResult> {
    const checked = await this.check(input);
    if ('problems' in checked) return { ok: false, problems: checked.problems };
    const tree = checked.tree;
    const known = await this.repository.list(region);
    // A version number means one content, across the national tree and every region's: published ones, and the built-in one, cannot be reused.
    if ((await this.repository.get(tree.version)) || (tree.version === this.builtIn.version && (region !== undefined || !isSame(tree, this.builtIn)))) {
      return { ok: false, problems: [{ nodeId: '-', path: '-', message: `version "${tree.version}" was published before; give the new tree a new version` }] };
    }
    const at = this.clock.now().toISOString();
    const previous = known.find((v) => v.active)?.version ?? (known.length || region ? undefined : this.builtIn.version);
    await this.repository.publish(tree, actor, at, {
      at, actor, action: 'tree.publish', subjectType: 'decision-tree', subjectId: tree.version,
      ...(previous ? { before: { version: previous } } : {}), after: { version: tree.version, nodes: tree.nodes.length, ...(region ? { region } : {}) },
    }, region);
    return { ok: true, version: tree.version };
  }

  /**
   * Makes an earlier version active again: the given one, or the one published before the active one.
   * Rolling back a region's first variant returns the region to the national tree (`national: true`).
   */
  async rollback(actor: string, version?: string, region?: string): Promise<{ ok: true; version: string; national?: true } | { ok: false; reason: 'unknown-version' | 'nothing-to-roll-back' }> {
    const versions = await this.repository.list(region);
    const activeIndex = versions.findIndex((v) => v.active);
    const active = versions[activeIndex]?.version;
    const fallback = region ? undefined : this.builtIn.version;
    const fallbackPublished = !region && versions.some((v) => v.version === this.builtIn.version);
    // Back to what applies without this tree (built-in, or for a region the national tree): by name, or when the first publication is rolled back.
    const toFallback = !fallbackPublished && ((fallback !== undefined && version === fallback) || (!version && activeIndex === versions.length - 1 && activeIndex >= 0));
    const target = toFallback ? undefined : version ? versions.find((v) => v.version === version) : activeIndex >= 0 ? versions[activeIndex + 1] : undefined;
    if (!target && !toFallback) return { ok: false, reason: version ? 'unknown-version' : 'nothing-to-roll-back' };
    const targetVersion = target?.version ?? (region ? (await this.current()).version : this.builtIn.version);
    const at = this.clock.now().toISOString();
    await this.repository.activate(target?.version, {
      at, actor, action: 'tree.rollback', subjectType: 'decision-tree', subjectId: targetVersion,
      ...(active ? { before: { version: active } } : {}), after: { version: targetVersion, ...(region ? { region } : {}) },
    }, region);
    return { ok: true, version: targetVersion, ...(region && !target ? { national: true as const } : {}) };
  }
}

const isSame = (a: DecisionTree, b: DecisionTree) => JSON.stringify(a) === JSON.stringify(b);
