/**
 * Dutch texts of the decision tree (organisation question, steps, tips, outcomes). Spread into `nl.ts`; `en-tree.ts` has the same keys.
 */
export const nlTree = {
} as const;
