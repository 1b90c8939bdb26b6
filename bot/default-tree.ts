import { readFileSync } from 'node:fs';
import type { DecisionTree } from '../core/domain/decision-tree/types.ts';
import { formatTreeProblem, validateTree } from '../core/domain/decision-tree/validate-tree.ts';
import { projectFile } from './project-files.ts';

export const DEFAULT_TREE_FILE = projectFile('data', 'decision-tree.json');

/** The decision tree shipped with Ketenbot (data/decision-tree.json), used until one is published. */
export function loadDefaultTree(): DecisionTree {
  const checked = validateTree(JSON.parse(readFileSync(DEFAULT_TREE_FILE, 'utf8')));
  if ('problems' in checked) throw new Error(`data/decision-tree.json is invalid: ${checked.problems.map(formatTreeProblem).join('; ')}`);
  return checked.tree;
}
