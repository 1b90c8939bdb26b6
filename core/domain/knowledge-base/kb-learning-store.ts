import type { AuditEntry } from '../audit/audit-entry.ts';

/** Where a learned question came from: a person's pick after "Nee", or a knowledge-base writer (the review). */
export type LearnSource = 'feedback' | 'review';

/**
 * `pending`: counts towards learning the phrasing; `learned`: it was learned (kept for the daily
 * limit and the record); `rejected`: a writer turned the proposal down, people cannot teach it again.
 */
export type VoteState = 'pending' | 'learned' | 'rejected';

/** One person proposing, by picking it after "Nee", that a phrasing belongs to an entry. */
export interface QuestionVote {
  entryId: string;
  /** The phrasing's id: a hash of its normalised form (see proposalKey in kb-learning.ts). */
  phrasing: string;
  actor: string;
  /** The phrasing as this person typed it (scrubbed of numbers, tidied). */
  question: string;
  at: string;
  state: VoteState;
}

/** A phrasing people proposed for an entry and nobody confirmed yet. */
export interface ProposalRow {
  entryId: string;
  phrasing: string;
  /** The latest way it was typed. */
  question: string;
  /** How many different people proposed it. */
  people: number;
  lastAt: string;
}

/** An alternative question that was learned (not typed by an editor): only these make room for newer ones. */
export interface LearnedQuestionRow {
  entryId: string;
  /** A hash of questionKey(question). */
  key: string;
  question: string;
  source: LearnSource;
  at: string;
}

/** The record behind learning from use. Implemented in storage/knowledge-base. */
export interface KbLearningStore {
  /** Adds a pending vote; false when this person already voted for this phrasing of this entry. */
  addVote(vote: Omit<QuestionVote, 'state'>): Promise<boolean>;
  /** Every vote for a phrasing of an entry, oldest first. */
  votes(entryId: string, phrasing: string): Promise<QuestionVote[]>;
  /** How many votes this person added since then (any state): the daily limit. */
  votesBy(actor: string, since: string): Promise<number>;
  /** The pending votes of a phrasing of an entry become `learned` or `rejected` (with the audit, in one transaction). */
  settle(entryId: string, phrasing: string, state: 'learned' | 'rejected', audit?: AuditEntry[]): Promise<void>;
  /** Phrasings with pending votes, most people first, then the most recent. */
  proposals(limit: number): Promise<ProposalRow[]>;
  /** The learned questions of an entry, oldest first. */
  learned(entryId: string): Promise<LearnedQuestionRow[]>;
  /** Records a learned question (replacing an earlier record of the same one). */
  addLearned(row: LearnedQuestionRow): Promise<void>;
  removeLearned(entryId: string, keys: string[]): Promise<void>;
}
