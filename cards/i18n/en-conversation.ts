import type { nlConversation } from './nl-conversation.ts';

/** English texts of commands during an open question, and hints when a reply is neither an answer nor a command (same keys as `nl-conversation.ts`). */
export const enConversation: Record<keyof typeof nlConversation, string> = {
};
