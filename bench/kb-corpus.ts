import type { Audience, KbEntry } from '../core/domain/knowledge-base/types.ts';

/**
 * A large, realistic knowledge base for benchmarks: entries as a regional care-chain helpdesk writes
 * them, in Dutch (most) and English, built from the domain's applications, things that go wrong,
 * what to do about them, and the organisations and people involved. Deterministic for a seed.
 */

/** mulberry32: small, fast, deterministic. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Pair = readonly [nl: string, en: string];

const APPLICATIONS: ReadonlyArray<{ id: string; name: string }> = [
  { id: 'app-rivierennet', name: 'RivierenNet' },
  { id: 'app-westlink', name: 'WestLink' },
  { id: 'app-geboortenet', name: 'Geboortenet' },
  { id: 'app-vroedsoft-xis', name: 'Vroedsoft XIS' },
  { id: 'app-medicura-epd', name: 'Medicura EPD' },
  { id: 'app-medicura-jgz', name: 'Medicura JGZ-dossier' },
  { id: 'app-panorama-viewer', name: 'Panorama viewer' },
  { id: 'app-panorama-pgo', name: 'Panorama PGO' },
  { id: 'app-regioportaal-rivierenland', name: 'Regioportaal Rivierenland' },
  { id: 'app-schakelpunt', name: 'het Schakelpunt' },
  { id: 'app-zorgadresboek', name: 'het Zorgadresboek' },
  { id: 'app-identiteitsdienst', name: 'de Identiteitsdienst' },
  // Applications of other chains the helpdesk also writes about (no directory id).
  { id: '', name: 'Tandem ECD' },
  { id: '', name: 'het labportaal' },
  { id: '', name: 'de apotheekkoppeling' },
  { id: '', name: 'het verwijsportaal' },
  { id: '', name: 'de huisartsenpost-koppeling' },
  { id: '', name: 'de planningsmodule' },
  { id: '', name: 'de wondzorg-app' },
  { id: '', name: 'het beeldbelplatform' },
  { id: '', name: 'de medicatiemodule' },
  { id: '', name: 'de thuiszorg-app' },
];

/** What the entry is about: [Dutch, English, tag]. */
const SUBJECTS: ReadonlyArray<readonly [string, string, string]> = [
  ['overdracht', 'handover', 'overdracht'],
  ['bericht', 'message', 'bericht'],
  ['dossier', 'record', 'dossier'],
  ['verwijzing', 'referral', 'verwijzing'],
  ['labuitslag', 'lab result', 'labuitslag'],
  ['medicatieoverzicht', 'medication overview', 'medicatie'],
  ['ontslagbericht', 'discharge letter', 'ontslag'],
  ['echoverslag', 'ultrasound report', 'echo'],
  ['afspraak', 'appointment', 'afspraak'],
  ['recept', 'prescription', 'recept'],
  ['bijlage', 'attachment', 'bijlage'],
  ['rapportage', 'report', 'rapportage'],
  ['e-mailnotificatie', 'e-mail notification', 'notificatie'],
  ['uitnodiging', 'invitation', 'uitnodiging'],
  ['UZI-servercertificaat', 'UZI server certificate', 'certificaat'],
  ['UZI-pas', 'UZI card', 'uzi-pas'],
  ['wachtwoord', 'password', 'wachtwoord'],
  ['account', 'account', 'account'],
  ['koppeling', 'interface', 'koppeling'],
  ['adresboekregistratie', 'address book entry', 'adresboek'],
  ['toestemming', 'consent', 'toestemming'],
  ['wondfoto', 'wound photo', 'wondzorg'],
  ['zorgplan', 'care plan', 'zorgplan'],
  ['meetwaarde', 'measurement', 'meetwaarde'],
  ['werkbak', 'work queue', 'werkbak'],
  ['tweestapsverificatie', 'two-factor authentication', 'tweestapsverificatie'],
  ['beeldbelafspraak', 'video consultation', 'beeldbellen'],
  ['labaanvraag', 'lab request', 'labaanvraag'],
  ['huisartsbericht', 'GP letter', 'huisarts'],
  ['kraamdossier', 'maternity record', 'kraamzorg'],
];

/** What goes wrong: [Dutch, English, tag]. */
const SYMPTOMS: ReadonlyArray<readonly [string, string, string]> = [
  ['komt niet aan', 'does not arrive', 'niet ontvangen'],
  ['wordt geweigerd', 'is rejected', 'geweigerd'],
  ['blijft leeg', 'stays empty', 'leeg'],
  ['is traag', 'is slow', 'traag'],
  ['geeft een foutmelding', 'shows an error', 'foutmelding'],
  ['komt dubbel binnen', 'arrives twice', 'dubbel'],
  ['is verlopen', 'has expired', 'verlopen'],
  ['wordt niet herkend', 'is not recognised', 'herkenning'],
  ['opent niet', 'does not open', 'openen'],
  ['is onvolledig', 'is incomplete', 'onvolledig'],
  ['toont gegevens van een andere cliënt', "shows another client's data", 'verkeerde cliënt'],
  ['blijft hangen in de wachtrij', 'is stuck in the queue', 'wachtrij'],
  ['is geblokkeerd', 'is blocked', 'geblokkeerd'],
  ['kan niet worden afgedrukt', 'cannot be printed', 'printen'],
  ['valt weg tijdens het werken', 'drops out while working', 'sessie'],
  ['laadt niet', 'does not load', 'laden'],
  ['synchroniseert niet', 'does not synchronise', 'synchronisatie'],
  ['verschijnt niet in de werkbak', 'does not appear in the work queue', 'werkbak'],
  ['heeft een verkeerde tijd', 'has the wrong time', 'tijdzone'],
  ['wordt niet ingelezen', 'is not imported', 'import'],
  ['gaat naar de verkeerde ontvanger', 'goes to the wrong recipient', 'datalek'],
  ['is niet te vinden', 'cannot be found', 'zoeken'],
];

const CONTEXTS: readonly Pair[] = [
  ['sinds de laatste update', 'since the last update'],
  ['sinds vanochtend', 'since this morning'],
  ['bij het inloggen', 'when signing in'],
  ['tijdens de nachtdienst', 'during the night shift'],
  ['na een herstart van de koppelserver', 'after a restart of the interface server'],
  ['bij één cliënt', 'for one client'],
  ['bij alle cliënten van de afdeling', 'for all clients of the department'],
  ['in de kraamperiode', 'during the maternity period'],
  ['na de migratie naar het nieuwe systeem', 'after the migration to the new system'],
  ['buiten kantooruren', 'outside office hours'],
  ['op de nieuwe werkplekken', 'on the new workstations'],
  ['in het weekend', 'at the weekend'],
  ['na de overgang naar zomertijd', 'after the change to summer time'],
  ['bij spoedoverdrachten', 'for urgent handovers'],
  ['vanaf een telefoon of tablet', 'from a phone or tablet'],
];

const ROLES: readonly Pair[] = [
  ['Een verloskundige', 'A midwife'],
  ['Een kraamverzorgende', 'A maternity care assistant'],
  ['Een verpleegkundige', 'A nurse'],
  ['Een huisarts', 'A GP'],
  ['Een apotheker', 'A pharmacist'],
  ['Een doktersassistent', 'A doctor’s assistant'],
  ['Een jeugdarts', 'A youth health doctor'],
  ['De servicedesk', 'The service desk'],
  ['De functioneel beheerder', 'The functional administrator'],
  ['Een wijkverpleegkundige', 'A district nurse'],
  ['Een gynaecoloog', 'An obstetrician'],
  ['De planner', 'The planner'],
];

const ORG_KINDS: readonly Pair[] = [
  ['Ziekenhuis', 'hospital'],
  ['Verloskundigenpraktijk', 'midwifery practice'],
  ['Kraamzorg', 'maternity care organisation'],
  ['Huisartsenpraktijk', 'GP practice'],
  ['Apotheek', 'pharmacy'],
  ['Thuiszorg', 'home care organisation'],
  ['JGZ', 'youth health service'],
  ['Huisartsenpost', 'out-of-hours GP service'],
];

const ORG_NAMES = [
  'Lindendael', 'Sint Amandus', 'De Meander', 'Waaloever', 'Ooievaarsnest', 'Betuwe-Maas', 'Duinzicht', 'Helmgras', 'De Zeester',
  'Wiegewijs', 'Het Getij', 'Kustlicht', 'De Linde', 'Het Baken', 'Rivierenland', 'De Uiterwaard', 'Polderzicht', 'De Esch',
  'Heuvelrug', 'Zandvoort-Noord', 'De Kempen', 'Maasduinen', 'Het Veen', 'De Vlinder', 'Zonnehof', 'De Brug', 'Lingezegen',
];

/** What to do: Dutch and English sentences, `{app}` and `{subject}` filled in. */
const ACTIONS: readonly Pair[] = [
  ['Controleer in {app} of de {subject} definitief is verstuurd en niet als concept is blijven staan.', 'Check in {app} that the {subject} was sent for real and not left as a draft.'],
  ['Vraag de verantwoordelijk beheerder van uw organisatie om uw rol aan het juiste cluster te koppelen.', 'Ask the responsible administrator of your organisation to link your role to the right cluster.'],
  ['Herstart de koppelingsdienst en bied de geweigerde berichten opnieuw aan.', 'Restart the interface service and offer the rejected messages again.'],
  ['Wis de cache en cookies van de browser en probeer het opnieuw.', 'Clear the browser cache and cookies and try again.'],
  ['Meld het bij de servicedesk van de leverancier met foutcode, tijdstip en het bericht-ID.', 'Report it to the supplier’s service desk with the error code, time and message ID.'],
  ['Vernieuw het certificaat ruim voor de einddatum; de aanvraag duurt enkele werkdagen.', 'Renew the certificate well before its end date; the request takes a few working days.'],
  ['Kijk in de storings- en onderhoudsmeldingen of er iets bekend is.', 'Check the outage and maintenance notices to see whether anything is known.'],
  ['Verstuur de {subject} niet handmatig opnieuw zolang deze nog in de wachtrij staat.', 'Do not resend the {subject} by hand while it is still in the queue.'],
  ['Controleer in het adresboek of het juiste ontvangstadres is gekozen.', 'Check in the address book that the correct receiving address was chosen.'],
  ['Laat de cliënt haar toestemming vastleggen bij de zorgverlener die het dossier bijhoudt.', 'Have the client record her consent with the care provider who keeps the record.'],
  ['Controleer of datum en tijd op de werkplek en de server automatisch worden ingesteld.', 'Check that date and time on the workstation and the server are set automatically.'],
  ['Gebruik een actuele versie van Edge, Chrome of Firefox.', 'Use a current version of Edge, Chrome or Firefox.'],
  ['Vraag de ICT-afdeling om de afzender op de lijst met toegestane afzenders te zetten.', 'Ask the IT department to put the sender on the list of allowed senders.'],
  ['Behandel het als mogelijk datalek en meld het via de meldprocedure van uw organisatie.', 'Treat it as a possible data breach and report it through your organisation’s procedure.'],
  ['Reset de tweestapsverificatie via de beheerder en koppel de app opnieuw met de QR-code.', 'Have the administrator reset two-factor authentication and link the app again with the QR code.'],
  ['Steek de UZI-pas opnieuw in de lezer en start de passoftware opnieuw.', 'Put the UZI card back in the reader and restart the card software.'],
  ['Vraag de verzender de {subject} opnieuw te sturen als pdf.', 'Ask the sender to send the {subject} again as a pdf.'],
  ['Kies een kortere periode en maak de rapportage opnieuw aan.', 'Choose a shorter period and create the report again.'],
  ['Zoek de organisatie op AGB-code of vestigingsplaats in plaats van op naam.', 'Search for the organisation by AGB code or location instead of by name.'],
  ['Noteer het tijdstip en de foutcode en meld het buiten kantooruren bij de dienstdoende servicedesk.', 'Note the time and the error code and, outside office hours, report it to the service desk on duty.'],
];

const EXTRA_TAGS = ['storing', 'melden', 'beheer', 'rechten', 'privacy', 'performance', 'update', 'configuratie', 'werkplek', 'browser', 'synchronisatie', 'ketenregie', 'spoed'];
const AUDIENCES: readonly Audience[] = ['zorgverlener', 'zorgverlener', 'servicedesk', 'beheerder'];

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Generates `count` entries; ids are `bench-000001`…; the same seed gives the same entries. */
export function generateKbEntries(count: number, seed = 20260302): KbEntry[] {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const entries: KbEntry[] = [];
  for (let i = 1; i <= count; i++) {
    const english = random() < 0.15;
    const lang = english ? 1 : 0;
    const subject = pick(SUBJECTS);
    const symptom = pick(SYMPTOMS);
    const app = pick(APPLICATIONS);
    const context = pick(CONTEXTS);
    const role = pick(ROLES);
    const orgKind = pick(ORG_KINDS);
    const org = english ? `the ${orgKind[1]} ${pick(ORG_NAMES)}` : `${orgKind[0]} ${pick(ORG_NAMES)}`;
    const subjectText = subject[lang];
    const symptomText = symptom[lang];
    const appName = english ? app.name.replace(/^(het|de) /, 'the ') : app.name;

    const template = Math.floor(random() * 4);
    const title = english
      ? [
          `${capitalise(subjectText)} ${symptomText}`,
          `${capitalise(subjectText)} ${symptomText} in ${appName}`,
          `${capitalise(subjectText)} ${symptomText} ${context[1]}`,
          `${appName}: ${subjectText} ${symptomText}`,
        ][template]!
      : [
          `${capitalise(subjectText)} ${symptomText}`,
          `${capitalise(subjectText)} ${symptomText} in ${appName}`,
          `${capitalise(subjectText)} ${symptomText} ${context[0]}`,
          `${capitalise(appName)}: ${subjectText} ${symptomText}`,
        ][template]!;

    const problem = english
      ? `${role[1]} at ${org} reports that the ${subjectText} ${symptomText} ${context[1]}. ${random() < 0.5 ? `It happens in ${appName}; colleagues elsewhere do not see it.` : 'It happened before and the cause was not found then.'}`
      : `${role[0]} van ${org} meldt dat de ${subjectText} ${symptomText} ${context[0]}. ${random() < 0.5 ? `Het speelt in ${appName}; collega's elders hebben er geen last van.` : 'Het is eerder gebeurd en toen is de oorzaak niet gevonden.'}`;

    const steps = 2 + Math.floor(random() * 3);
    const chosen = new Set<number>();
    while (chosen.size < steps) chosen.add(Math.floor(random() * ACTIONS.length));
    const solution = [...chosen].map((a) => ACTIONS[a]![lang].replaceAll('{app}', appName).replaceAll('{subject}', subjectText)).join(' ');

    const tags = [...new Set([subject[2], symptom[2], ...(random() < 0.6 ? [pick(EXTRA_TAGS)] : []), ...(app.id && random() < 0.5 ? [app.name.replace(/^(het|de) /, '').toLowerCase()] : [])])];
    const at = new Date(Date.UTC(2025, 0, 1) + Math.floor(random() * 400) * 86_400_000).toISOString();
    entries.push({
      id: `bench-${String(i).padStart(6, '0')}`,
      language: english ? 'en' : 'nl',
      questions: [],
      title,
      problem,
      solution,
      tags,
      applicationIds: app.id ? [app.id] : [],
      audience: pick(AUDIENCES),
      published: random() < 0.97,
      createdBy: 'bench',
      createdAt: at,
      updatedBy: 'bench',
      updatedAt: at,
    });
  }
  return entries;
}

/** Questions as staff type them over such a knowledge base: Dutch and English, typos, synonyms, sentences. */
export const BENCH_QUERIES: ReadonlyArray<{ query: string; language: 'nl' | 'en' }> = [
  { query: 'labuitslag komt niet aan', language: 'nl' },
  { query: 'overdracht geweigerd na update', language: 'nl' },
  { query: 'wachtwoord vergeten', language: 'nl' },
  { query: 'uzi pas wordt niet herkend', language: 'nl' },
  { query: 'viewer is traag', language: 'nl' },
  { query: 'printen lukt niet', language: 'nl' },
  { query: 'ontslagbericht niet ontvangen', language: 'nl' },
  { query: 'verwijzing blijft hangen in de wachtrij', language: 'nl' },
  { query: 'medicatieoverzicht onvolledig', language: 'nl' },
  { query: 'echoverslag opent niet', language: 'nl' },
  { query: 'certificaat verlopen', language: 'nl' },
  { query: 'bericht komt dubbel binnen', language: 'nl' },
  { query: 'werkbak blijft leeg', language: 'nl' },
  { query: 'uitnodiging verlopen', language: 'nl' },
  { query: 'tweestapsverificatie code werkt niet', language: 'nl' },
  { query: 'verkeerde patiënt in dossier', language: 'nl' },
  { query: 'afdrukken van het zorgplan', language: 'nl' },
  { query: 'aanmelden lukt niet', language: 'nl' },
  { query: 'recept komt niet aan bij de apotheek', language: 'nl' },
  { query: 'beeldbellen laadt niet', language: 'nl' },
  { query: 'labuitslg', language: 'nl' },
  { query: 'verwijzng komt niet aan', language: 'nl' },
  { query: 'inlogen', language: 'nl' },
  { query: 'overdracht naar verkeerde ontvanger gestuurd', language: 'nl' },
  { query: 'tijd klopt niet sinds zomertijd', language: 'nl' },
  {
    query: 'Een verloskundige meldt dat de overdracht sinds vanochtend niet aankomt bij het ziekenhuis en de servicedesk weet het niet',
    language: 'nl',
  },
  { query: 'hoe vraag ik verlof aan', language: 'nl' },
  { query: 'de koffieautomaat is kapot', language: 'nl' },
  { query: 'handover rejected', language: 'en' },
  { query: 'lab result does not arrive', language: 'en' },
  { query: 'forgot my password', language: 'en' },
  { query: 'discharge letter missing', language: 'en' },
  { query: 'the viewer is very slow today', language: 'en' },
  { query: 'wound photo cannot be found', language: 'en' },
  { query: 'my session keeps timing out on the tablet', language: 'en' },
  { query: 'how do I book a meeting room', language: 'en' },
  { query: 'medication overview incomplete after migration', language: 'en' },
  { query: 'UZI card blocked', language: 'en' },
  { query: 'prescription arrives twice', language: 'en' },
  { query: 'invitation expired', language: 'en' },
];
