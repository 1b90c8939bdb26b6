import type { Platform } from '../../conversation/inbound.ts';
import type { AuditEntry } from '../audit/audit-entry.ts';

/** A Teams channel or Slack channel that receives an organisation's alerts. */
export interface ChannelLink {
  id: string;
  organisationId: string;
  platform: Platform;
  /** Teams conversation id of the channel, or Slack channel id. */
  channelId: string;
  /** Teams team id, or Slack workspace (team) id. */
  teamId?: string;
  name?: string;
  /** Teams: the ConversationReference needed to post without a user message. */
  reference?: unknown;
  active: boolean;
  createdBy: string;
  createdAt: string;
  deactivatedAt?: string;
  deactivatedReason?: string;
}

export interface ChannelLinkRepository {
  forChannel(platform: Platform, channelId: string): Promise<ChannelLink[]>;
  forOrganisation(organisationId: string): Promise<ChannelLink[]>;
  /** The links of several organisations in one go, organisation by organisation in the given order. */
  forOrganisations(organisationIds: string[]): Promise<ChannelLink[]>;
  /** Active links of a whole Teams team or Slack workspace (the app was removed from it). */
  forTeam(platform: Platform, teamId: string): Promise<ChannelLink[]>;
  save(links: ChannelLink[], audit: AuditEntry[]): Promise<void>;
}

/** Where the bot is when someone says "kanaal koppel". */
export interface ChannelPlace {
  platform: Platform;
  channelId: string;
  teamId?: string;
  name?: string;
  reference?: unknown;
}
