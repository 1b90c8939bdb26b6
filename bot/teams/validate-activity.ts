const isObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);
const optional = (v: unknown, test: (v: unknown) => boolean) => v === undefined || v === null || test(v);
const isString = (v: unknown) => typeof v === 'string';
/** Ids are short and printable (the conversation id even travels in an HTTP header, x-ms-conversation-id). */
const MAX_ID = 1024;
const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= MAX_ID && /^[\x20-\x7e]+$/.test(v);
const isName = (v: unknown) => typeof v === 'string' && v.length <= MAX_ID;
const isAccount = (v: unknown) => isObject(v) && isId(v.id) && optional(v.name, isName) && optional(v.aadObjectId, isId);
const isDate = (v: unknown) => typeof v === 'string' && !Number.isNaN(Date.parse(v));
const listOf = (test: (v: unknown) => boolean) => (v: unknown) => Array.isArray(v) && v.every(test);

/** Fields the bot (or botbuilder on its way to the bot) reads, with the shape it relies on when present. */
const OPTIONAL_FIELDS: Array<[string, (v: unknown) => boolean, string]> = [
  ['id', isId, 'a printable id'],
  ['text', isString, 'a string'],
  ['locale', isString, 'a string'],
  ['name', isString, 'a string'],
  ['replyToId', isId, 'a printable id'],
  ['timestamp', isDate, 'an ISO date'],
  ['localTimestamp', isDate, 'an ISO date'],
  ['expiration', isDate, 'an ISO date'],
  ['channelData', isObject, 'an object'],
  ['attachments', listOf(isObject), 'a list of objects'],
  ['entities', listOf(isObject), 'a list of objects'],
  ['membersAdded', listOf(isAccount), 'a list of accounts with an id'],
  ['membersRemoved', listOf(isAccount), 'a list of accounts with an id'],
];

/**
 * Invokes the bot answers (TeamsBot: the knowledge-base messaging extension). botbuilder would
 * answer any other with 501; an invoke the bot has no handler for is the caller's mistake: 400.
 */
const SUPPORTED_INVOKES = ['composeExtension/query'];

function invokeProblem(a: Record<string, any>): string | undefined {
  if (typeof a.name !== 'string' || !SUPPORTED_INVOKES.includes(a.name)) return `invoke name must be one of ${SUPPORTED_INVOKES.join(', ')}`;
  const query = a.value;
  if (!isObject(query)) return 'a messaging extension query needs a value object';
  if (!optional(query.parameters, listOf((p) => isObject(p) && isString(p.name)))) return 'value.parameters must be a list of named parameters';
  const options = query.queryOptions;
  if (!optional(options, (o) => isObject(o) && optional(o.skip, Number.isInteger) && optional(o.count, Number.isInteger))) return 'value.queryOptions.skip and count must be whole numbers';
  return undefined;
}

/** What the credentials check itself reads: checked first, so a forged request learns nothing more than 401. */
export function activityEnvelopeProblem(body: unknown): string | undefined {
  if (!isObject(body)) return 'body must be a JSON object (a Bot Framework activity)';
  if (typeof body.type !== 'string' || !body.type) return 'activity.type is required';
  if (typeof body.serviceUrl !== 'string' || !/^https?:\/\//i.test(body.serviceUrl)) return 'activity.serviceUrl must be an http(s) URL';
  if (typeof body.channelId !== 'string' || !body.channelId) return 'activity.channelId is required';
  return undefined;
}

/** Mentions per activity: Teams sends one entity per @mention; more than this is not a person typing. */
const MAX_ENTITIES = 64;

/**
 * Checks the fields the bot relies on before an activity reaches the bot's logic (after its
 * credentials), so a bad request gets a 400 with a short reason instead of an exception deep
 * inside the SDK or a failed turn.
 */
export function activityProblem(body: unknown): string | undefined {
  const envelope = activityEnvelopeProblem(body);
  if (envelope) return envelope;
  const a = body as Record<string, any>;
  if (Array.isArray(a.entities) && a.entities.length > MAX_ENTITIES) return `activity.entities: at most ${MAX_ENTITIES}`;
  if (!isObject(a.conversation) || typeof a.conversation.id !== 'string' || !a.conversation.id) return 'activity.conversation.id is required';
  if (!isId(a.conversation.id)) return `activity.conversation.id must be printable ASCII, at most ${MAX_ID} characters`;
  for (const field of ['conversationType', 'tenantId', 'name'] as const) {
    if (!optional(a.conversation[field], isString)) return `activity.conversation.${field} must be a string`;
  }
  if (!isObject(a.from) || typeof a.from.id !== 'string' || !a.from.id) return 'activity.from.id is required';
  if (!isAccount(a.from)) return `activity.from.id must be printable ASCII of at most ${MAX_ID} characters, name at most as long, aadObjectId an id`;
  if (!isObject(a.recipient) || typeof a.recipient.id !== 'string' || !a.recipient.id) return 'activity.recipient.id is required';
  if (!isAccount(a.recipient)) return `activity.recipient.id must be printable ASCII of at most ${MAX_ID} characters, name at most as long, aadObjectId an id`;
  for (const [field, test, shape] of OPTIONAL_FIELDS) {
    if (!optional(a[field], test)) return `activity.${field} must be ${shape}`;
  }
  return a.type === 'invoke' ? invokeProblem(a) : undefined;
}
