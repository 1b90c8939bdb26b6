import type { AuditEntry } from '../audit/audit-entry.ts';
import type { DecisionTree } from './types.ts';

export interface TreeVersionInfo {
  version: string;
  publishedBy: string;
  publishedAt: string;
  active: boolean;
}

/** Published decision-tree versions; exactly one is active. Implemented in storage/decision-tree. */
export interface TreeRepository {
  active(): Promise<DecisionTree | undefined>;
  get(version: string): Promise<DecisionTree | undefined>;
  list(): Promise<TreeVersionInfo[]>;
  /** Stores a new version and makes it the active one, with the audit entry, in one transaction. */
  publish(tree: DecisionTree, publishedBy: string, at: string, audit: AuditEntry): Promise<void>;
  /** Makes this version the active one; undefined: none, so the built-in tree is used. */
  activate(version: string | undefined, audit: AuditEntry): Promise<void>;
}
