import type { Inbound } from './inbound.ts';
import type { Locale } from './locale.ts';

/** The active flow of one user in one conversation, as stored between messages. */
export interface ActiveFlowState {
  flowId: string;
  data: unknown;
  startedAt: string;
  updatedAt: string;
}

/** A user's own settings that override what the platform tells us. */
export interface UserPreferences {
  locale?: Locale;
  /** The organisation the user said they work for (the decision tree asks once). */
  organisationId?: string;
}

export const conversationStateKey = (inbound: Inbound): string =>
  `flow:${inbound.platform}:${inbound.conversation.id}:${inbound.actor.id}`;

export const userPreferencesKey = (inbound: Pick<Inbound, 'platform' | 'actor'>): string =>
  `prefs:${inbound.platform}:${inbound.actor.id}`;
