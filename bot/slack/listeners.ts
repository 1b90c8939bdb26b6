import type { App, webApi } from '@slack/bolt';
import type { Clock } from '../../core/clock.ts';
import type { ConversationEngine } from '../../core/conversation/engine.ts';
import type { Inbound } from '../../core/conversation/inbound.ts';
import type { ChannelLinks } from '../../core/domain/access/channel-links.ts';
import { fetchText } from '../http/fetch-text.ts';
import { SLACK_COMMANDS } from './slack-app-surface.ts';
import type { SlackLocaleLookup } from './slack-locale.ts';
import type { SlackReplyTarget, SlackResponder } from './slack-responder.ts';
import { actionInbound, textInbound } from './to-inbound.ts';
import { fieldErrors, formModal, inputBlockIds, readModalMetadata } from './slack-modal.ts';
import { inputValuesFromSlackState } from '../../cards/blockkit/render-blocks.ts';
import { translate } from '../../cards/i18n/translate.ts';

export interface ListenerDeps {
  engine: ConversationEngine;
  responder: SlackResponder;
  locales: SlackLocaleLookup;
  clock: Clock;
  firstSeen(eventId: string): Promise<boolean>;
  channels: ChannelLinks;
}

/**
 * Bolt listeners: ack first (Slack allows 3 s), then map the payload to an Inbound, let the
 * engine answer, and send the replies. No feature logic lives here.
 */
export function registerSlackListeners(app: App, deps: ListenerDeps): void {
  const converse = async (client: webApi.WebClient, target: SlackReplyTarget, inbound: Inbound) =>
    deps.responder.send(client, target, await deps.engine.handle(inbound), inbound.locale);

  // Slack redelivers events it thinks failed (X-Slack-Retry-Num); each event id is processed once.
  app.use(async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && !(await deps.firstSeen(eventId))) return;
    await next();
  });

  for (const name of SLACK_COMMANDS) {
    app.command(name, async ({ ack, command, client, respond, context }) => {
      await ack();
      const locale = await deps.locales.localeOf(client, command.user_id);
      const common = { userId: command.user_id, userName: (await deps.locales.nameOf(client, command.user_id)) ?? command.user_name, channelId: command.channel_id, teamId: command.team_id, locale, now: deps.clock.now(), botUserId: context.botUserId };
      await converse(client, { channel: command.channel_id, respond, triggerId: command.trigger_id }, textInbound(common, command.text));
    });
  }

  app.action(/.*/, async ({ ack, body, action, client, respond }) => {
    await ack();
    const actionId = (action as { action_id?: unknown }).action_id;
    if (body.type !== 'block_actions' || typeof actionId !== 'string') return;
    const channelId = body.channel?.id ?? body.container?.channel_id;
    if (!channelId) return;
    const locale = await deps.locales.localeOf(client, body.user.id);
    const common = { userId: body.user.id, userName: (await deps.locales.nameOf(client, body.user.id)) ?? body.user.name, channelId, teamId: body.team?.id, locale, now: deps.clock.now() };
    const value = 'value' in action && typeof action.value === 'string' ? action.value : undefined;
    await converse(client, { channel: channelId, respond, fromAction: true, triggerId: body.trigger_id }, actionInbound(common, { action_id: actionId, ...(value ? { value } : {}) }, body.state));
  });

  // A modal form was submitted: problems with fields are shown by Slack under those fields
  // (response_action "errors", nothing typed is lost); a form that changed otherwise is redrawn in
  // the modal; without a form the modal closes and the answer goes to the user's direct messages.
  app.view(/.*/, async ({ ack, body, view, client }) => {
    const metadata = readModalMetadata(view.private_metadata);
    if (!metadata) return void (await ack());
    const locale = await deps.locales.localeOf(client, body.user.id);
    const common = { userId: body.user.id, userName: (await deps.locales.nameOf(client, body.user.id)) ?? body.user.name, channelId: metadata.channel, teamId: body.team?.id, locale, now: deps.clock.now() };
    const inbound: Inbound = { ...actionInbound(common, { action_id: view.callback_id }, view.state), action: { id: view.callback_id, values: { ...metadata.data, ...inputValuesFromSlackState(view.state as never) } } };
    const replies = await deps.engine.handle(inbound);
    const form = replies.find((r) => r.kind === 'card' && r.asModal);
    const errors = form?.kind === 'card' ? fieldErrors(form.card, inputBlockIds(view.blocks)) : undefined;
    if (errors) await ack({ response_action: 'errors', errors });
    else if (form?.kind === 'card') await ack({ response_action: 'update', view: formModal(form.card, metadata.channel, translate(locale, 'form.cancel')) as never });
    else await ack();
    const rest = replies.filter((r) => r !== form);
    if (rest.length) await deps.responder.send(client, { channel: body.user.id }, rest, locale);
  });

  app.event('app_mention', async ({ event, client, context }) => {
    if (!event.user) return;
    const locale = await deps.locales.localeOf(client, event.user);
    const common = { userId: event.user, channelId: event.channel, teamId: event.team, locale, now: deps.clock.now(), botUserId: context.botUserId };
    await converse(client, { channel: event.channel, threadTs: event.thread_ts ?? event.ts }, textInbound(common, event.text, true));
  });

  // The bot was removed from a channel, or the app from the workspace: those alert links end.
  app.event('channel_left', async ({ event }) => {
    await deps.channels.channelGone('slack', { channelId: event.channel }, 'the bot was removed from the channel');
  });
  app.event('group_left', async ({ event }) => {
    await deps.channels.channelGone('slack', { channelId: event.channel }, 'the bot was removed from the channel');
  });
  app.event('app_uninstalled', async ({ body }) => {
    const teamId = (body as { team_id?: string }).team_id;
    if (teamId) await deps.channels.channelGone('slack', { teamId }, 'the app was uninstalled');
  });

  app.message(async ({ message, client, context }) => {
    // Direct messages from people only (with or without files): no bot messages, edits or other subtypes.
    if (message.channel_type !== 'im' || (message.subtype !== undefined && message.subtype !== 'file_share')) return;
    if (!('user' in message) || !message.user || ('bot_id' in message && message.bot_id)) return;
    const locale = await deps.locales.localeOf(client, message.user);
    const common = { userId: message.user, channelId: message.channel, teamId: 'team' in message ? message.team : undefined, locale, now: deps.clock.now(), botUserId: context.botUserId };
    const files = 'files' in message && Array.isArray(message.files) ? message.files : [];
    const inbound = textInbound(common, 'text' in message ? message.text : undefined);
    const attachments = files.flatMap((f) => {
      const url = f.url_private_download ?? f.url_private;
      return url ? [{ name: f.name ?? 'file', ...(f.mimetype ? { contentType: f.mimetype } : {}), readText: () => fetchText(url, { authorization: `Bearer ${context.botToken}` }) }] : [];
    });
    await converse(client, { channel: message.channel }, attachments.length ? { ...inbound, attachments } : inbound);
  });
}
