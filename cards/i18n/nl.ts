/**
 * Dutch texts (the default language). `en.ts` must have exactly the same keys and
 * placeholders; TypeScript checks the keys, a test checks the placeholders.
 * Placeholders are written {name}.
 */
export const nl = {
  'help.title': 'Ketenbot',
  'help.subtitle': 'Hulp bij storingen en beheer in de gegevensuitwisseling van de zorg',
  'help.intro': 'Ik help zorgverleners, helpdesks en beheerders om problemen bij het juiste loket te krijgen. Dit kan ik voor u doen:',
  'help.examples': 'Typ bijvoorbeeld "help". In Slack: /ketenbot help.',
  'help.capability.help.title': 'Uitleg',
  'help.capability.help.text': 'Typ "help" om deze kaart opnieuw te zien.',
  'help.capability.language.title': 'Taal',
  'help.capability.language.text': 'Typ "English" voor Engels of "Nederlands" voor Nederlands.',
  'help.fallback': 'Ketenbot – typ "help" voor wat ik kan.',
  'help.action.show': 'Toon hulp',
  'unknown.text': 'Dat begreep ik niet. Typ "help" om te zien wat ik kan.',
  'unknown.action': 'Die knop hoort bij een gesprek dat niet meer loopt. Typ "help" om opnieuw te beginnen.',
  'language.switched': 'Ik spreek vanaf nu Nederlands met u.',
  'flow.stopped': 'Gestopt. Typ "help" als u iets anders wilt doen.',
  'flow.nothingToStop': 'Er loopt op dit moment niets om te stoppen.',
  'error.generic': 'Er ging iets mis aan mijn kant. Probeer het zo nog eens; lukt het dan nog niet, neem contact op met uw eigen helpdesk.',
  'error.busy': 'Ik verwerk nog uw vorige bericht. Probeer het over een paar seconden opnieuw.',
} as const;

export type MessageKey = keyof typeof nl;
