/**
 * Dutch texts of commands during an open question, and hints when a reply is neither an answer nor a command. Spread into `nl.ts`; `en-conversation.ts` has the same keys.
 */
export const nlConversation = {
} as const;
