import type { nlConversation } from './nl-conversation.ts';

/** English texts of commands during an open question and of "stop" closing a form (same keys as `nl-conversation.ts`). */
export const enConversation: Record<keyof typeof nlConversation, string> = {
  'conversation.flow.generic': "the previous conversation",
  'conversation.flowName.tree': "the decision tree",
  'conversation.stillOpen': "You were still in {name}; it is still open above. Pick an answer there, or type \"stop\".",
  'conversation.left': "I closed {name} to do what you asked.",
  'conversation.formClosed.reply': "I closed the form \"{title}\". Nothing of it was saved.",
};
