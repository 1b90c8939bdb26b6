/** Words that carry no meaning for search ("hoe", "de", "the"). */
export const STOPWORDS: Record<'nl' | 'en', Set<string>> = {
  nl: new Set(('aan al als alles ben bij dan dat de der deze die dit doe doen door dus een eens en er ga gaan gaat geen had heb hebben heeft hem het hier hij hoe hun ik in is ja je kan kon kun kunnen maar me meer men met mij mijn moet na naar niet niets nog nu of om omdat ons onze ook op over te tegen toch toen tot u uit uw van veel voor want waren was wat we wel welk welke wie wij wil worden wordt zal ze zei zelf zich zij zijn zo zonder zou lukt lukken werkt werken doet staat krijg krijgen zie zien ik waar wanneer waarom even graag gewoon heel erg zeer echt nogal vandaag gisteren vanochtend vanmorgen vanmiddag vanavond sinds kunt mag mogen').split(' ')),
  en: new Set(('a about all also am an and any are as at be been but by can cannot could did do does doing for from had has have he her here him his how i if in into is it its me my no not of on or our out she so some than that the their them then there these they this to too up us was we were what when where which while who why will with would you your does work works working get gets very really just please should shall might must keep keeps kept getting got after many much everything anything something today yesterday since').split(' ')),
};

/**
 * Words people type around a question that say nothing about it: greetings, thanks, filler,
 * time, "someone", "help" — Dutch and English, including chat spellings ("mn", "ff"). Only
 * questions are read without them; entries are indexed as before.
 */
export const QUERY_FILLER = new Set(('hoi hallo hey hee hi hoihoi goedemorgen goedemiddag goedenavond morgen middag beste allen allemaal iedereen ' +
  'vraagje vraag vragen dank bedankt alvast groet groeten groetjes gr mvg svp aub alsjeblieft alstublieft help helpen hulp iemand niemand weet weten ' +
  'idee snap begrijp nou he toch ofzo zoiets eigenlijk gewoon ineens opeens plotseling alweer weer iets helemaal beetje best super vaak soms ' +
  'mn jullie jij jou je jouw hen haar daar daarom daarna zojuist net straks vannacht vanmorgen vanochtend vanmiddag vanavond morgenochtend ' +
  'weken dagen uren minuten kijken bekijken zeggen zegt gezegd doen gedaan proberen geprobeerd probeer ' +
  'ff effe even echt heel erg nog al wel mevrouw meneer moeten kunnen willen lijkt ligt zit zitten voordat nadat terwijl ' +
  'hello hey hiya morning afternoon evening thanks thank cheers guys everyone anyone someone somebody know help please pls thx tried trying try ' +
  'suddenly again still now ever never anymore any way lot bit quite ok okay yes ' +
  // Everyday verb forms and "every": they carry no subject ("ik kreeg geen …", "elke 5 min").
  'elke iedere ieder krijgt kreeg kregen gekregen ziet zag zagen gezien ging gingen gegaan stond stonden dacht denk denkt vind vindt vond deed deden every').split(' '));

/** Not searched for: a stopword in either language, or filler. */
export const isQueryFiller = (word: string): boolean => STOPWORDS.nl.has(word) || STOPWORDS.en.has(word) || QUERY_FILLER.has(word);
