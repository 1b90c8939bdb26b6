import type { nlTree } from './nl-tree.ts';

/** English texts of the decision tree (organisation question, steps, tips, outcomes) (same keys as `nl-tree.ts`). */
export const enTree: Record<keyof typeof nlTree, string> = {
};
