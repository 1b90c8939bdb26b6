import { randomBytes, randomUUID } from 'node:crypto';

/** A Bot Framework activity as the web chat sees it (loosely typed: it is relayed, not interpreted). */
export type WireActivity = Record<string, any> & { id?: string; type: string };

interface LocalConversation {
  id: string;
  token: string;
  userId: string;
  /** The page's language (e.g. "en-US"), used for activities the server creates itself (the greeting). */
  locale: string;
  /** Every activity and every later version of it, in order; the index + 1 is the watermark. */
  log: WireActivity[];
  /** What the log holds, in bytes of JSON. */
  bytes: number;
  lastUsed: number;
}

const MAX_CONVERSATIONS = 500;
const MAX_LOG = 2000;
const MB = 1024 * 1024;
// Memory is the try-out server's to protect: one conversation holds at most this much, all of them
// together at most MAX_TOTAL_BYTES (the least recently used go first), uploaded files MAX_FILE_BYTES.
const MAX_CONVERSATION_BYTES = 4 * MB;
const MAX_TOTAL_BYTES = 64 * MB;
const MAX_FILE_BYTES = 32 * MB;
const IDLE_MS = 24 * 60 * 60 * 1000;

/**
 * The local web chat's conversations, in memory: it is a try-out channel. An updated activity is
 * appended again with the same id, so a polling Web Chat replaces the message it shows.
 */
export interface LocalFile {
  name: string;
  contentType: string;
  data: Buffer;
}

const MAX_FILES = 200;

export class DirectLineStore {
  private readonly conversations = new Map<string, LocalConversation>();
  private readonly files = new Map<string, LocalFile>();
  private totalBytes = 0;
  private fileBytes = 0;

  /** Keeps an uploaded file (the newest 200, at most 32 MB in all) and returns its id. */
  addFile(file: LocalFile): string {
    const id = randomBytes(16).toString('base64url');
    this.files.set(id, file);
    this.fileBytes += file.data.length;
    while (this.files.size > 1 && (this.files.size > MAX_FILES || this.fileBytes > MAX_FILE_BYTES)) {
      const [oldest, old] = this.files.entries().next().value!;
      this.files.delete(oldest);
      this.fileBytes -= old.data.length;
    }
    return id;
  }

  file(id: string): LocalFile | undefined {
    return this.files.get(id);
  }

  create(userId: string, locale: string): LocalConversation {
    this.evict();
    const conversation: LocalConversation = {
      id: `local-${randomUUID()}`,
      token: randomBytes(24).toString('base64url'),
      userId,
      locale,
      log: [],
      bytes: 0,
      lastUsed: Date.now(),
    };
    this.conversations.set(conversation.id, conversation);
    return conversation;
  }

  /** The conversation a bearer token belongs to, or undefined. */
  byToken(authorization: string | undefined): LocalConversation | undefined {
    const token = authorization?.replace(/^Bearer\s+/i, '').trim();
    if (!token) return undefined;
    for (const conversation of this.conversations.values()) {
      if (conversation.token === token) return this.touch(conversation);
    }
    return undefined;
  }

  get(conversationId: string): LocalConversation | undefined {
    const conversation = this.conversations.get(conversationId);
    return conversation ? this.touch(conversation) : undefined;
  }

  /** Adds a new activity and returns its id. */
  append(conversation: LocalConversation, activity: WireActivity): string {
    const id = `${conversation.id}|${String(conversation.log.length).padStart(7, '0')}`;
    this.push(conversation, { ...activity, id, timestamp: activity.timestamp ?? new Date().toISOString() });
    return id;
  }

  /** Replaces an activity the bot sent earlier; false when there is no such activity. */
  update(conversation: LocalConversation, activityId: string, activity: WireActivity): boolean {
    const original = [...conversation.log].reverse().find((a) => a.id === activityId);
    if (!original) return false;
    this.push(conversation, { ...original, ...activity, id: activityId, timestamp: original.timestamp });
    return true;
  }

  /** Activities after the watermark, and the new watermark. */
  since(conversation: LocalConversation, watermark: number): { activities: WireActivity[]; watermark: string } {
    const from = Number.isInteger(watermark) && watermark > 0 ? watermark : 0;
    return { activities: conversation.log.slice(from), watermark: String(conversation.log.length) };
  }

  private push(conversation: LocalConversation, activity: WireActivity): void {
    const size = Buffer.byteLength(JSON.stringify(activity));
    if (conversation.log.length >= MAX_LOG || conversation.bytes + size > MAX_CONVERSATION_BYTES) throw new Error('conversation is full; start a new one');
    conversation.log.push(activity);
    conversation.bytes += size;
    this.totalBytes += size;
    while (this.totalBytes > MAX_TOTAL_BYTES) {
      const oldest = [...this.conversations.values()].filter((c) => c !== conversation).sort((a, b) => a.lastUsed - b.lastUsed)[0];
      if (!oldest) break;
      this.forget(oldest);
    }
  }

  private forget(conversation: LocalConversation): void {
    this.conversations.delete(conversation.id);
    this.totalBytes -= conversation.bytes;
  }

  private touch(conversation: LocalConversation): LocalConversation {
    conversation.lastUsed = Date.now();
    return conversation;
  }

  private evict(): void {
    const now = Date.now();
    for (const c of this.conversations.values()) if (now - c.lastUsed > IDLE_MS) this.forget(c);
    while (this.conversations.size >= MAX_CONVERSATIONS) {
      const oldest = [...this.conversations.values()].sort((a, b) => a.lastUsed - b.lastUsed)[0];
      if (!oldest) break;
      this.forget(oldest);
    }
  }
}
