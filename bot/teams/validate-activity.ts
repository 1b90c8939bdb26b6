const isObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);
const optional = (v: unknown, test: (v: unknown) => boolean) => v === undefined || v === null || test(v);
const isString = (v: unknown) => typeof v === 'string';
const isAccount = (v: unknown) => isObject(v) && typeof v.id === 'string' && optional(v.name, isString) && optional(v.aadObjectId, isString);
const isDate = (v: unknown) => typeof v === 'string' && !Number.isNaN(Date.parse(v));
const listOf = (test: (v: unknown) => boolean) => (v: unknown) => Array.isArray(v) && v.every(test);

/** Fields the bot (or botbuilder on its way to the bot) reads, with the shape it relies on when present. */
const OPTIONAL_FIELDS: Array<[string, (v: unknown) => boolean, string]> = [
  ['id', isString, 'a string'],
  ['text', isString, 'a string'],
  ['locale', isString, 'a string'],
  ['name', isString, 'a string'],
  ['replyToId', isString, 'a string'],
  ['timestamp', isDate, 'an ISO date'],
  ['localTimestamp', isDate, 'an ISO date'],
  ['expiration', isDate, 'an ISO date'],
  ['recipient', isAccount, 'an account with an id'],
  ['channelData', isObject, 'an object'],
  ['attachments', listOf(isObject), 'a list of objects'],
  ['entities', listOf(isObject), 'a list of objects'],
  ['membersAdded', listOf(isAccount), 'a list of accounts with an id'],
  ['membersRemoved', listOf(isAccount), 'a list of accounts with an id'],
];

/**
 * Checks the fields the bot relies on before an activity reaches the adapter, so a bad request
 * gets a 400 with a short reason instead of an exception deep inside the SDK or a failed turn.
 */
export function activityProblem(body: unknown): string | undefined {
  if (!isObject(body)) return 'body must be a JSON object (a Bot Framework activity)';
  const a = body;
  if (typeof a.type !== 'string' || !a.type) return 'activity.type is required';
  if (typeof a.serviceUrl !== 'string' || !/^https?:\/\//i.test(a.serviceUrl)) return 'activity.serviceUrl must be an http(s) URL';
  if (typeof a.channelId !== 'string' || !a.channelId) return 'activity.channelId is required';
  if (!isObject(a.conversation) || typeof a.conversation.id !== 'string' || !a.conversation.id) return 'activity.conversation.id is required';
  for (const field of ['conversationType', 'tenantId', 'name'] as const) {
    if (!optional(a.conversation[field], isString)) return `activity.conversation.${field} must be a string`;
  }
  if (!isObject(a.from) || typeof a.from.id !== 'string' || !a.from.id) return 'activity.from.id is required';
  if (!isAccount(a.from)) return 'activity.from.name and aadObjectId must be strings';
  for (const [field, test, shape] of OPTIONAL_FIELDS) {
    if (!optional(a[field], test)) return `activity.${field} must be ${shape}`;
  }
  return undefined;
}
