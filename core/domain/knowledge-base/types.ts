import type { Locale } from '../../conversation/locale.ts';

export const AUDIENCES = ['zorgverlener', 'servicedesk', 'beheerder'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** A knowledge-base entry as files carry it (the format of shared/data/kb-sample.json). */
export interface KbEntryInput {
  id: string;
  language: Locale;
  title: string;
  problem: string;
  solution: string;
  tags: string[];
  applicationIds: string[];
  audience: Audience;
  /**
   * Other ways people ask for this entry (alternative questions), learned from use or typed by an
   * editor; searched like tags. Oldest first. A file without them keeps an existing entry's questions.
   */
  questions?: string[];
  /** Unpublished drafts are visible to administrators only. Files without the flag publish. */
  published?: boolean;
}

export interface KbEntry extends Required<KbEntryInput> {
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
}
