import type { MessageKey } from './nl.ts';

/** English texts, for users whose locale is English. Same keys and placeholders as `nl.ts`. */
export const en: Record<MessageKey, string> = {
  'help.title': 'Ketenbot',
  'help.subtitle': 'Help with outages and management of healthcare data exchange',
  'help.intro': 'I help care professionals, helpdesks and administrators get problems to the right desk. This is what I can do for you:',
  'help.examples': 'Type for example "help". In Slack: /ketenbot help.',
  'help.capability.help.title': 'Help',
  'help.capability.help.text': 'Type "help" to see this card again.',
  'help.capability.language.title': 'Language',
  'help.capability.language.text': 'Type "English" for English or "Nederlands" for Dutch.',
  'help.fallback': 'Ketenbot – type "help" to see what I can do.',
  'help.action.show': 'Show help',
  'unknown.text': 'I did not understand that. Type "help" to see what I can do.',
  'unknown.action': 'That button belongs to a conversation that has ended. Type "help" to start again.',
  'language.switched': 'I will speak English with you from now on.',
  'flow.stopped': 'Stopped. Type "help" if you want to do something else.',
  'flow.nothingToStop': 'Nothing is running right now, so there is nothing to stop.',
  'error.generic': 'Something went wrong on my side. Please try again shortly; if it still fails, contact your own helpdesk.',
  'error.busy': 'I am still handling your previous message. Please try again in a few seconds.',
};
