/**
 * Checks the fields the bot relies on before an activity reaches the adapter, so a bad request
 * gets a 400 with a short reason instead of an exception deep inside the SDK.
 */
export function activityProblem(body: unknown): string | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'body must be a JSON object (a Bot Framework activity)';
  const a = body as Record<string, any>;
  if (typeof a.type !== 'string' || !a.type) return 'activity.type is required';
  if (typeof a.serviceUrl !== 'string' || !/^https?:\/\//i.test(a.serviceUrl)) return 'activity.serviceUrl must be an http(s) URL';
  if (typeof a.channelId !== 'string' || !a.channelId) return 'activity.channelId is required';
  if (!a.conversation || typeof a.conversation.id !== 'string' || !a.conversation.id) return 'activity.conversation.id is required';
  if (!a.from || typeof a.from.id !== 'string' || !a.from.id) return 'activity.from.id is required';
  if (a.text !== undefined && typeof a.text !== 'string') return 'activity.text must be a string';
  if (a.locale !== undefined && typeof a.locale !== 'string') return 'activity.locale must be a string';
  return undefined;
}
