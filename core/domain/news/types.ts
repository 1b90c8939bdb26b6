import type { IncidentActor } from '../incidents/types.ts';

/** Regional or national communication (seed 000 "Communicatie"): from an RSO to its region, or from chain coordination to all. */
export interface NewsItem {
  /** "NWS-2026-0003". */
  id: string;
  title: string;
  text: string;
  /** 'region' (an RSO's region) or 'national' (chain coordination). */
  scope: 'region' | 'national';
  /** The organisation that speaks (the RSO, or chain coordination). */
  senderId: string;
  region?: string;
  audienceIds: string[];
  /** 'published', or 'edited' after a change (same card, updated in place). */
  status: 'published' | 'edited';
  createdBy: IncidentActor;
  noticeId?: string;
  createdAt: string;
  updatedAt: string;
}
