import type { AuditEntry } from '../audit/audit-entry.ts';
import type { DecisionTree } from './types.ts';

export interface TreeVersionInfo {
  version: string;
  /** The region of a regional variant; absent for the national tree. */
  region?: string;
  publishedBy: string;
  publishedAt: string;
  active: boolean;
}

/**
 * Published decision-tree versions, national (region undefined) or of one region; at most one is
 * active per region. A version string is unique across all of them. Implemented in storage/decision-tree.
 */
export interface TreeRepository {
  active(region?: string): Promise<DecisionTree | undefined>;
  get(version: string): Promise<DecisionTree | undefined>;
  list(region?: string): Promise<TreeVersionInfo[]>;
  /** Stores a new version and makes it the active one of its region, with the audit entry, in one transaction. */
  publish(tree: DecisionTree, publishedBy: string, at: string, audit: AuditEntry, region?: string): Promise<void>;
  /** Makes this version the active one of the region; undefined: none (national: the built-in tree; regional: the national tree). */
  activate(version: string | undefined, audit: AuditEntry, region?: string): Promise<void>;
}
