import { parse as parseQuery } from 'node:querystring';
import { jsonTooDeep, MAX_JSON_DEPTH } from '../http/json-depth.ts';
import { SLACK_COMMANDS } from './slack-app-surface.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const absentOr = (v: unknown, test: (v: unknown) => boolean) => v === undefined || test(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const objectOrNull = (v: unknown) => v === null || isObject(v);

/**
 * A verified Slack request body as Bolt would read it: form-encoded (a slash command, or
 * interactivity as JSON in `payload`) or JSON (Events API). Malformed: a reason, answered 400.
 */
export function parseSlackBody(raw: string, contentType: string | undefined): { body: Json } | { problem: string } {
  let value: unknown;
  try {
    if (contentType === 'application/x-www-form-urlencoded') {
      const form = parseQuery(raw);
      if (form.payload === undefined) value = { ...form };
      else if (typeof form.payload !== 'string') return { problem: 'payload is given more than once' };
      else if (jsonTooDeep(form.payload)) return { problem: `payload nested deeper than ${MAX_JSON_DEPTH} levels` };
      else value = JSON.parse(form.payload);
    } else {
      if (jsonTooDeep(raw)) return { problem: `JSON nested deeper than ${MAX_JSON_DEPTH} levels` };
      value = JSON.parse(raw);
    }
  } catch {
    return { problem: 'the body (or its payload) is not valid JSON' };
  }
  if (!isObject(value)) return { problem: 'the body (or its payload) must be a JSON object' };
  const problem = slackBodyProblem(value);
  return problem ? { problem } : { body: value };
}

/**
 * The shape the bot's Bolt listeners (and Bolt on its way there) rely on, per kind of request.
 * Kinds the bot has no listener for are refused here: Bolt would leave them unanswered.
 */
export function slackBodyProblem(body: Json): string | undefined {
  if (body.ssl_check === '1') return undefined;
  if (body.command !== undefined) return commandProblem(body);
  switch (body.type) {
    case undefined:
      return 'type is required';
    case 'url_verification':
      return isString(body.challenge) ? undefined : 'url_verification needs a challenge';
    case 'app_rate_limited':
      return undefined;
    case 'event_callback':
      return eventProblem(body);
    case 'block_actions':
      return blockActionsProblem(body);
    case 'view_submission':
      return viewSubmissionProblem(body);
    default:
      return typeof body.type === 'string' ? `unsupported request type ${JSON.stringify(body.type.slice(0, 40))}` : 'type must be a string';
  }
}

function commandProblem(body: Json): string | undefined {
  if (!Object.values(body).every(isString)) return 'every slash command field must be given once, as text';
  if (!(SLACK_COMMANDS as readonly string[]).includes(body.command as string)) return 'unknown slash command';
  if (!isNonEmptyString(body.user_id) || !isNonEmptyString(body.channel_id)) return 'user_id and channel_id are required';
  return undefined;
}

function eventProblem(body: Json): string | undefined {
  const event = body.event;
  if (!isObject(event) || !isNonEmptyString(event.type)) return 'event with a type is required';
  if (!absentOr(body.event_id, isString) || !absentOr(body.team_id, isString)) return 'event_id and team_id must be text';
  if (!absentOr(body.authorizations, (a) => Array.isArray(a) && a.every(isObject))) return 'authorizations must be a list of objects';
  for (const key of ['user', 'channel'] as const) {
    if (!absentOr(event[key], (v) => isString(v) || isObject(v))) return `event.${key} must be text or an object`;
  }
  for (const key of ['item', 'subteam'] as const) if (!absentOr(event[key], isObject)) return `event.${key} must be an object`;
  for (const key of ['text', 'ts', 'thread_ts', 'channel_type', 'subtype', 'bot_id', 'team'] as const) {
    if (!absentOr(event[key], isString)) return `event.${key} must be text`;
  }
  if (!absentOr(event.files, (f) => Array.isArray(f) && f.every(isObject))) return 'event.files must be a list of objects';
  return undefined;
}

function interactionProblem(body: Json): string | undefined {
  // Bolt sorts a body by these fields before its type; they must not send it elsewhere.
  if (body.event !== undefined || body.name !== undefined) return 'an interaction must not carry event or name';
  if (!isObject(body.user) || !isNonEmptyString(body.user.id)) return 'user.id is required';
  for (const key of ['team', 'enterprise', 'channel', 'container'] as const) if (!absentOr(body[key], objectOrNull)) return `${key} must be an object`;
  if (!absentOr(body.state, isObject)) return 'state must be an object';
  for (const key of ['trigger_id', 'response_url'] as const) if (!absentOr(body[key], isString)) return `${key} must be text`;
  return undefined;
}

function blockActionsProblem(body: Json): string | undefined {
  const actions = body.actions;
  if (!Array.isArray(actions) || actions.length === 0 || !actions.every((a) => isObject(a) && isString(a.action_id))) {
    return 'actions must be a list of actions with an action_id';
  }
  return interactionProblem(body);
}

function viewSubmissionProblem(body: Json): string | undefined {
  const view = body.view;
  if (!isObject(view) || !isString(view.callback_id)) return 'view with a callback_id is required';
  if (body.actions !== undefined) return 'a view submission must not carry actions';
  if (!absentOr(view.private_metadata, isString) || !absentOr(view.state, isObject)) return 'view.private_metadata and view.state are malformed';
  return interactionProblem(body);
}
