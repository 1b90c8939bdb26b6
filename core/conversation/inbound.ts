import type { Locale } from './locale.ts';

/** The chat platforms Ketenbot speaks. `local` is the built-in web chat for trying the bot out. */
export type Platform = 'teams' | 'slack' | 'local';

export type ConversationKind = 'personal' | 'group' | 'channel';

/** Who sent the message, as the platform identifies them. */
export interface Actor {
  /** Stable platform user id: Teams AAD object id (or channel account id), Slack user id, local web chat id. */
  id: string;
  name?: string;
}

/** Where the message was sent. */
export interface ConversationRef {
  id: string;
  kind: ConversationKind;
  /** Teams tenant or Slack workspace (team) id, when the platform has one. */
  tenantId?: string;
  /** Teams team id (channels only). */
  teamId?: string;
  name?: string;
  /** What the platform needs to write here later without a user message (Teams ConversationReference). */
  reference?: unknown;
}

/** A button press or form submission; `values` holds the action data merged with any form inputs. */
export interface InboundAction {
  id: string;
  values: Record<string, unknown>;
}

/** A file sent with a message (where the platform allows it). */
export interface InboundAttachment {
  name: string;
  contentType?: string;
  /** Downloads the file as text (the platform adapter knows how and checks the size). */
  readText(): Promise<string>;
}

/**
 * One thing a user said or did, in platform-neutral form. The platform adapters build it;
 * the conversation engine and the dialogs only ever see this.
 */
export interface Inbound {
  platform: Platform;
  actor: Actor;
  conversation: ConversationRef;
  locale: Locale;
  /** Free text, with any bot mention and slash-command name already stripped. */
  text?: string;
  action?: InboundAction;
  attachments?: InboundAttachment[];
  /** When it happened (server clock when the platform gives none). */
  receivedAt: Date;
}
