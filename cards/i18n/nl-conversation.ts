/**
 * Dutch texts of commands during an open question (the open flow stays or is closed, and the
 * bot says which), and of "stop" closing a form. Spread into `nl.ts`; `en-conversation.ts` has the same keys.
 */
export const nlConversation = {
  'conversation.flow.generic': "het vorige gesprek",
  'conversation.flowName.tree': "de beslisboom",
  'conversation.stillOpen': "U was nog bezig met {name}; die staat hierboven nog open. Kies daar een antwoord, of typ \"stop\".",
  'conversation.left': "Ik heb {name} gesloten om te doen wat u vroeg.",
  'conversation.formClosed.reply': "Ik heb het formulier \"{title}\" gesloten. Er is niets van bewaard.",
} as const;
